#!/usr/bin/env bash
# Builds Plimsoll's base image, distroless style, from Debian's own packages and a jlinked Java runtime, as a
# docker-save tar that Jib takes as 'tar://'. No daemon and no registry: the packages come through apt, the runtime
# from this machine's JDK. Same packages, same JDK, same sources -> the same bytes (fixed mtimes, sorted entries,
# numeric owners), so the image digest repeats.
#
#   build-base.sh OUT_DIR PROJECT_DIR     writes OUT_DIR/base.tar and OUT_DIR/packages.txt
#
# Needs root (the data directories belong to uid 10001 inside the layer), apt-get, dpkg-deb, GNU tar and a JDK 17
# with jmods (JAVA_HOME, else the java on PATH).
set -euo pipefail
out="$(mkdir -p "$1" && cd "$1" && pwd -P)"
project="$2"
epoch="${SOURCE_DATE_EPOCH:-1767225600}"   # 2026-01-01T00:00:00Z, as the release archive's entries
uid=10001
# The runtime's shared libraries (libc; libstdc++ and libgcc for libjvm.so; zlib for the launcher and
# java.util.zip), dash for bin/plimsoll, and what makes it a Debian system to a scanner (base-files: os-release)
# and to libc (netbase).
packages=(base-files netbase libc6 libgcc-s1 libstdc++6 zlib1g dash)
# Enough of the JDK for the CLI and 'serve' (Jetty, JDBC, JMX metrics, TLS with EC keys, JNDI for PostgreSQL)
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

[ "$(id -u)" -eq 0 ] || { echo "build-base.sh: must run as root (the image's data directories belong to uid $uid)" >&2; exit 2; }
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
[ -d "$java_home/jmods" ] || { echo "build-base.sh: $java_home has no jmods; jlink needs a full JDK 17" >&2; exit 2; }

debs="$out/debs"
rootfs="$out/rootfs"
rm -rf "$rootfs" "$out/layer" && mkdir -p "$debs" "$rootfs" "$out/layer"

# 1. Debian packages, unpacked distroless style: files by dpkg-deb, and each package's control file in
#    /var/lib/dpkg/status.d/NAME (with its md5sums beside it) so scanners list and match it
( cd "$debs" && rm -f ./*.deb && { apt-get download "${packages[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get download "${packages[@]}" >/dev/null; }; } ) \
  || { echo "build-base.sh: apt-get download ${packages[*]} failed (no Debian mirror?)" >&2; exit 2; }
mkdir -p "$rootfs/var/lib/dpkg/status.d"
: > "$out/packages.txt"
for deb in "$debs"/*.deb; do
  name="$(dpkg-deb -f "$deb" Package)"
  dpkg-deb -x "$deb" "$rootfs"
  { dpkg-deb -f "$deb"; } > "$rootfs/var/lib/dpkg/status.d/$name"
  dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./md5sums > "$rootfs/var/lib/dpkg/status.d/$name.md5sums" 2>/dev/null \
    || rm -f "$rootfs/var/lib/dpkg/status.d/$name.md5sums"
  echo "$name $(dpkg-deb -f "$deb" Version)" >> "$out/packages.txt"
done
sort -o "$out/packages.txt" "$out/packages.txt"
# What no package is needed for in a container: documentation, man pages, locales
rm -rf "$rootfs/usr/share/doc"/*/changelog* "$rootfs/usr/share/man" "$rootfs/usr/share/info" "$rootfs/usr/share/lintian" \
  "$rootfs/usr/share/locale"

# 2. The Java runtime, jlinked from this JDK
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$rootfs/opt/java"
jdk_version="$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
# Debian's JDK keeps cacerts as a link to /etc/ssl/certs/java/cacerts; the image has no such file, so take its content
if [ -L "$rootfs/opt/java/lib/security/cacerts" ] || [ ! -s "$rootfs/opt/java/lib/security/cacerts" ]; then
  rm -f "$rootfs/opt/java/lib/security/cacerts"
  cp "$(readlink -f "$java_home/lib/security/cacerts")" "$rootfs/opt/java/lib/security/cacerts"
fi

# 3. Users and directories: root, and plimsoll (uid/gid 10001) who owns the data and cache directories
mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/plimsoll" "$rootfs/var/lib/plimsoll" "$rootfs/var/cache/plimsoll"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nplimsoll:x:%s:%s:Plimsoll:/home/plimsoll:/usr/sbin/nologin\n' \
  "$uid" "$uid" > "$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\nplimsoll:x:%s:\n' "$uid" > "$rootfs/etc/group"
chmod 1777 "$rootfs/tmp"
# base-files makes /var/local setgid staff, for a local admin the image does not have; a policy flags setgid
chmod g-s "$rootfs/var/local"
chown -R "$uid:$uid" "$rootfs/home/plimsoll" "$rootfs/var/lib/plimsoll" "$rootfs/var/cache/plimsoll"
chmod 0700 "$rootfs/var/lib/plimsoll"

# 4. One layer, reproducible: sorted names, fixed mtimes, numeric owners, no atime/ctime
tar --sort=name --mtime="@$epoch" --clamp-mtime --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$rootfs" -cf "$out/layer/layer.tar" .
diff_id="sha256:$(sha256sum "$out/layer/layer.tar" | cut -d' ' -f1)"
revision="$(git -C "$project" rev-parse HEAD 2>/dev/null || echo unknown)"
source="${PLIMSOLL_IMAGE_SOURCE:-$(git -C "$project" config --get remote.origin.url 2>/dev/null || echo unknown)}"
created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
cat > "$out/layer/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"User":"$uid:$uid","Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","HOME=/home/plimsoll"],
  "Labels":{"org.opencontainers.image.base.name":"debian:bookworm packages ($(awk '{printf "%s%s=%s", (NR>1?", ":""), $1, $2}' "$out/packages.txt")) + OpenJDK $jdk_version jlinked",
            "org.opencontainers.image.revision":"$revision","org.opencontainers.image.source":"$source"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"plimsoll-dist/src/container/build-base.sh: ${packages[*]} from Debian, jlink $modules"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["plimsoll-base:build"],"Layers":["layer.tar"]}]\n' > "$out/layer/manifest.json"
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$out/layer" -cf "$out/base.tar" config.json manifest.json layer.tar
rm -rf "$out/layer"
echo "base image: $out/base.tar ($(du -m "$out/base.tar" | cut -f1) MB, layer $diff_id)"
