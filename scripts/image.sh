#!/usr/bin/env bash
# Builds the image dockaudit:VERSION with no registry pull: a minimal root file system made from
# this machine's Debian packages (the C libraries the runtime links against, found with ldd, and
# busybox-static for the launcher's /bin/sh) plus the distribution of scripts/dist.sh, loaded with
# `docker import`. Its ahead-of-time cache is made at build time, in the image's own paths.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$HERE/pom.xml" | head -1)"
IMAGE="${1:-dockaudit:$VERSION}"
ARCH="$(uname -m | sed 's/x86_64/x64/')"
TARBALL="$HERE/dist/dockaudit-$VERSION-linux-$ARCH.tar.gz"

[[ -f "$TARBALL" && -z "$(find "$HERE/core/src/main" "$HERE/cli/src/main" "$HERE/cli/target/dockaudit.jar" -newer "$TARBALL" \
   -print -quit 2>/dev/null)" ]] || "$HERE/scripts/dist.sh" >&2
command -v busybox >/dev/null || { echo "image: needs busybox (Debian package busybox-static)" >&2; exit 2; }

rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/opt" "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/host"
chmod 1777 "$rootfs/tmp"
tar -C "$rootfs/opt" -xzf "$TARBALL"
mv "$rootfs/opt/dockaudit-$VERSION-linux-$ARCH" "$rootfs/opt/dockaudit"
cp "$(readlink -f "$(command -v busybox)")" "$rootfs/bin/busybox"
for applet in sh readlink dirname mv rm cat; do
  ln -s busybox "$rootfs/bin/$applet"
done
# Every library the runtime's programs and libraries load, with the dynamic loader, from the
# Debian packages that hold them here (libc6, zlib1g, ...), at the same paths.
find "$rootfs/opt/dockaudit/runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | grep -o '/[^ ]*' | sort -u | while read -r library; do
    [[ -e "$library" ]] || continue
    mkdir -p "$rootfs$(dirname "$library")"
    cp -L "$library" "$rootfs$library"
  done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
ln -s /opt/dockaudit/bin/dockaudit "$rootfs/bin/dockaudit"
base="dockaudit-base:$VERSION-$$"
tar -C "$rootfs" -c . | docker import -m "dockaudit $VERSION: jlink runtime on libraries from Debian packages" - "$base" >/dev/null
# The ahead-of-time cache, made in the image's own paths by the launcher's training run (it reads
# no host, and needs no network), then kept by committing that container.
builder="dockaudit-build-$$"
cleanup() {
  docker rm -f "$builder" >/dev/null 2>&1 || true
  docker rmi "$base" >/dev/null 2>&1 || true
  rm -rf "$rootfs"
}
trap cleanup EXIT
docker run --name "$builder" --label org.dockaudit.build=image --network none "$base" /opt/dockaudit/bin/dockaudit --version >/dev/null
docker commit \
  -c 'ENTRYPOINT ["/opt/dockaudit/bin/dockaudit"]' \
  -c 'CMD ["audit", "--host-root", "/host"]' \
  -c "LABEL org.opencontainers.image.title=dockaudit org.opencontainers.image.version=$VERSION" \
  "$builder" "$IMAGE" >/dev/null
echo "image: built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))" >&2
