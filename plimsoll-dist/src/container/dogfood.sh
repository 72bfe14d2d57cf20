#!/usr/bin/env bash
# Plimsoll scans its own image: the build fails when the default policy says STOP (exit 1), and the image's
# CycloneDX SBOM is written beside it (IMAGE minus .tar, plus .cdx.json), with the scan's JSON report.
#
#   dogfood.sh PLIMSOLL IMAGE_TAR [ALLOW_MISSING_DATA]
#
# The vulnerability data is the usual database (PLIMSOLL_DB, else the user's cache; 'plimsoll db update' fills
# it). ALLOW_MISSING_DATA (e.g. 'all', the profile's default, for a build without feed access) is passed to
# --allow-missing-data; empty, a gap in the data fails the build (exit 2) too.
set -euo pipefail
plimsoll="$1"
image="$2"
allow="${3:-}"
base="${image%.tar}"

"$plimsoll" sbom "$image" --format cyclonedx-json --output "$base.cdx.json"
args=(scan "$image" --policy default -o "json=$base.scan.json")
if [ -n "$allow" ]; then
  args+=(--allow-missing-data "$allow")
fi
set +e
"$plimsoll" "${args[@]}"
code=$?
set -e
case "$code" in
  0) echo "dogfood: the default policy passes Plimsoll's own image; SBOM: $base.cdx.json" ;;
  1) echo "dogfood: the default policy says STOP for Plimsoll's own image (report: $base.scan.json)" >&2; exit 1 ;;
  *) echo "dogfood: plimsoll scan exited $code" >&2; exit "$code" ;;
esac
