#!/usr/bin/env bash
# Records the Podman base of the check examples (core/src/test/resources/checks/bases/podman-4.3-cgroupv1.json):
# one default container of the lab image, run by Debian's Podman through its Docker-compatible API,
# collected by dockaudit itself (redacted), with its host, daemon and image. The container and the
# API service are this script's own: it removes the one and ends the other, by pid, when it exits.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
IMAGE=dockaudit-lab:latest
NAME="podman-base-$$"
SOCKET="/tmp/dockaudit-podman-$$.sock"
WORK="$(mktemp -d)"

command -v podman >/dev/null || apt-get install -y -q podman >/dev/null
"$HERE/scripts/lab-image.sh" "$IMAGE"
docker save "$IMAGE" -o "$WORK/lab.tar"
podman load -i "$WORK/lab.tar" >/dev/null
podman system service --time=0 "unix://$SOCKET" >"$WORK/service.log" 2>&1 &
SERVICE=$!
cleanup() {
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  kill "$SERVICE" 2>/dev/null || true
  rm -rf "$WORK" "$SOCKET"
}
trap cleanup EXIT
for _ in $(seq 50); do [[ -S "$SOCKET" ]] && break; sleep 0.1; done
# Podman 4.3 containers need explicit limits to start on this kind of machine.
podman run -d --name "$NAME" --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 "$IMAGE" sleep infinity >/dev/null
"$HERE/dockaudit" collect -H "unix://$SOCKET" -o "$WORK/snapshot.json"
python3 - "$WORK/snapshot.json" "$HERE/core/src/test/resources/checks/bases/podman-4.3-cgroupv1.json" <<'PY'
import json, sys
snapshot = json.load(open(sys.argv[1]))
base = {
    "description": "A default container recorded on the lab host by Podman 4.3 (Debian 12, rootful, through "
                   "`podman system service`; cgroup v1 hybrid, no AppArmor nor SELinux): `podman run -d --ulimit "
                   "nofile=1024:1024 --ulimit nproc=1024:1024 dockaudit-lab sleep infinity`, collected by dockaudit "
                   "(redacted), with its host, daemon and image. Recorded by scripts/record-podman-base.sh.",
    "host": snapshot["host"],
    "daemon": snapshot["daemon"],
    "container": snapshot["containers"][0],
    "image": snapshot["images"][0],
    "collectedAt": snapshot["collectedAt"],
}
with open(sys.argv[2], "w") as out:
    json.dump(base, out, indent=2)
    out.write("\n")
PY
echo "record-podman-base: wrote core/src/test/resources/checks/bases/podman-4.3-cgroupv1.json" >&2
