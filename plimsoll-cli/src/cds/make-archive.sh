#!/usr/bin/env bash
# Makes the class-data (AppCDS) archive that ./plimsoll starts the JVM with: the classes representative runs load,
# parsed and laid out once at build time instead of on every start. The runs (io.plimsoll.cli.CdsTraining, in one
# JVM, since Java 17 archives one process's classes) are sboms of a small OCI image the run writes from the root
# filesystem beside this script (cold, then from the layer cache), a gated policy scan of it with several reports,
# and an sbom and a plain scan of the root filesystem itself. Java 17 makes such an archive in two steps, this run
# and each later start that names it; the archive holds the jar's path, size and time and the JVM's build, and a
# start whose jar or java differs goes without it (./plimsoll silences the JVM's warning about that).
#
# Usage: make-archive.sh JAR ARCHIVE
set -euo pipefail
jar="$1"
archive="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
partial="$archive.partial.$$"
rm -f "$archive" "$partial"
trap 'rm -f "$partial"' EXIT
# the same java ./plimsoll runs (the one on PATH): an archive is only used by the JVM build that made it
work="$(mktemp -d "${TMPDIR:-/tmp}/plimsoll-cds.XXXXXX")"
trap 'rm -f "$partial"; rm -rf "$work"' EXIT
mkdir "$work/out"
# an empty layer cache of its own, so that the image is first read cold
PLIMSOLL_CACHE_DIR="$work/cache" java -XX:ArchiveClassesAtExit="$partial" -Xlog:cds*=off -cp "$jar" \
  io.plimsoll.cli.CdsTraining "$here/rootfs" "$work/out" >/dev/null
# Renamed into place only once complete: Java 17 crashes, rather than goes without, on a cut-short archive
if [ -s "$partial" ]; then
  mv -f "$partial" "$archive"
fi
