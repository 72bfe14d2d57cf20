#!/usr/bin/env bash
# Makes the class-data (CDS) archive that ./plimsoll starts the JVM with: the classes representative runs load,
# parsed and laid out once at build time instead of on every start. The runs (io.plimsoll.cli.CdsTraining, in one
# JVM) are sboms of a small OCI image the run writes from the root filesystem beside this script (cold, then from the
# layer cache), a gated policy scan of it with several reports, and an sbom and a plain scan of the root filesystem
# itself. They list the classes they load, and a static archive is dumped from that list: the JDK's classes and ours
# in one archive, with the method handle forms and lambda classes the runs linked made ahead of time. A dynamic
# archive (-XX:ArchiveClassesAtExit, layered on the JDK's own) left those to every start: a warm re-scan of the
# benchmark's real image took 0.36 s against 0.285 s (docs/performance.md). The archive holds the jar's path, size and
# time and the JVM's build, and a start whose jar or java differs goes without it (./plimsoll silences the JVM's
# warning about that).
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
PLIMSOLL_CACHE_DIR="$work/cache" java -XX:DumpLoadedClassList="$work/classes" -Xlog:cds*=off -cp "$jar" \
  io.plimsoll.cli.CdsTraining "$here/rootfs" "$work/out" >/dev/null
# the dump lists what it skips (classes too old for the archive, as picocli's are; JFR's) on standard output
if ! java -Xshare:dump -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile="$partial" -cp "$jar" \
  >"$work/dump.log" 2>&1; then
  tail -20 "$work/dump.log" >&2
  echo "make-archive.sh: no class-data archive (the dump failed above); plimsoll runs without one" >&2
  exit 0
fi
# Renamed into place only once complete: Java 17 crashes, rather than goes without, on a cut-short archive
if [ -s "$partial" ]; then
  mv -f "$partial" "$archive"
fi
