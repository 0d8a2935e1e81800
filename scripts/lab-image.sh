#!/usr/bin/env bash
# Builds the lab image dockaudit-lab:latest when missing: a busybox-static root file system piped
# into `docker import`, since no registry is reachable.
set -euo pipefail

IMAGE="${1:-dockaudit-lab:latest}"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  exit 0
fi
# From Debian's busybox-static (scripts/docker-up.sh installs it): no library needed inside.
BUSYBOX=/bin/busybox
rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
cp "$BUSYBOX" "$rootfs/bin/busybox"
for applet in sh sleep cat ls id ps grep nc wget true; do
  ln -s busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
tar -C "$rootfs" -c . | docker import \
  -c 'CMD ["/bin/sleep", "infinity"]' \
  -c 'LABEL org.dockaudit.lab=1' \
  -m "dockaudit lab image: busybox-static" - "$IMAGE" >/dev/null
echo "lab-image: built $IMAGE" >&2
