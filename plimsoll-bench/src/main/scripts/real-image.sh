#!/usr/bin/env bash
# Makes issue 19's real benchmark image: a Debian bookworm root from debootstrap, an app's jars from ~/.m2 and a node
# app's node_modules from a real npm install, packed as gzip layers of an OCI layout (io.plimsoll.bench.RealImage), plus
# a second image over the same first two layers with another node app on top. Usage, as root (debootstrap needs it):
#   plimsoll-bench/src/main/scripts/real-image.sh [DIR]        (default /tmp/plimsoll-real-image)
# It ends by printing the LayerCacheBench command for the two images (package the CLI first).
# Each input is made once and kept in DIR (delete it to start over); the layers are re-packed on every run. The
# packing is byte-for-byte repeatable over the same inputs; the inputs are the mirror's and npm's packages of the day.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
out="${1:-/tmp/plimsoll-real-image}"
m2="${M2_REPO:-$HOME/.m2/repository}"
mkdir -p "$out"

# layer 1: a minimal Debian, as the debian:bookworm base images are made
if [ ! -x "$out/rootfs/usr/bin/dpkg" ]; then
  rm -rf "$out/rootfs"
  debootstrap --variant=minbase bookworm "$out/rootfs" http://deb.debian.org/debian
  rm -rf "$out/rootfs/var/cache/apt/archives/"*.deb "$out/rootfs/var/lib/apt/lists/"*_Packages
fi

# layer 2: an app's lib folder, the newest version of each plain jar (no sources, tests or javadoc) of some common
# libraries in ~/.m2, in path order until ~90 MB
if [ ! -d "$out/jars" ]; then
  mkdir -p "$out/jars.partial"
  budget=$((90 * 1024 * 1024))
  total=0
  for group in com/fasterxml/jackson org/eclipse/jetty com/google/guava com/google/protobuf org/apache/commons \
      commons-io commons-codec commons-lang commons-collections org/postgresql org/xerial org/apache/httpcomponents \
      io/netty org/slf4j org/flywaydb com/zaxxer org/yaml org/jetbrains/kotlin; do
    [ -d "$m2/$group" ] || continue
    # artifact/version/artifact-version.jar only; newest version of each artifact by version order
    find "$m2/$group" -name '*.jar' | while read -r jar; do
      v="$(dirname "$jar")"; a="$(dirname "$v")"
      [ "$(basename "$jar")" = "$(basename "$a")-$(basename "$v").jar" ] && printf '%s\t%s\t%s\n' "$a" "$(basename "$v")" "$jar"
    done | sort -t$'\t' -k1,1 -k2,2V | awk -F'\t' '{ last[$1] = $3 } END { for (a in last) print last[a] }' | sort
  done > "$out/jars.list"
  while read -r jar; do
    size=$(stat -c %s "$jar")
    [ $((total + size)) -gt $budget ] && continue
    cp -p "$jar" "$out/jars.partial/"
    total=$((total + size))
  done < "$out/jars.list"
  mv "$out/jars.partial" "$out/jars"
fi

# layer 3 (and the second image's): node apps with their dependencies as npm installs them (no install scripts)
npm_app() {
  local dir="$1" deps="$2"
  [ -d "$dir/node_modules" ] && return
  mkdir -p "$dir"
  printf '{"name":"%s","version":"1.0.0","private":true,"dependencies":{%s}}\n' "$(basename "$dir")" "$deps" \
    > "$dir/package.json"
  (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund)
}
npm_app "$out/web" '"express":"4.21.2","lodash":"4.17.21","react":"18.3.1","react-dom":"18.3.1","axios":"1.7.9",
  "moment":"2.30.1","webpack":"5.97.1","typescript":"5.7.2","jest":"29.7.0","eslint":"8.57.1"'
npm_app "$out/api" '"fastify":"5.2.0","pg":"8.13.1","rxjs":"7.8.1","chalk":"5.4.1","yargs":"17.7.2","vue":"3.5.13"'

# the bench's classpath in this reactor (test-compile: the bench module also needs plimsoll-image's test classes, the
# registry benchmark's helpers); kept in DIR for running LayerCacheBench on the image afterwards
cd "$root"
mvn -B -o -q -Pbench -pl plimsoll-bench -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath.txt"
cp="$root/plimsoll-bench/target/classes:$(cat "$out/classpath.txt")"
printf '%s' "$cp" > "$out/classpath.txt"
java -cp "$cp" io.plimsoll.bench.RealImage --out "$out" --rootfs "$out/rootfs" --jars "$out/jars" --node "$out/web" \
  --other-node "$out/api"
echo "benchmark: (cd plimsoll-bench && java -cp \"\$(cat $out/classpath.txt)\" io.plimsoll.bench.LayerCacheBench \\
  --dir $out/bench --image oci:$out/image --base-shared oci:$out/image2)"
