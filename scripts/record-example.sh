#!/usr/bin/env bash
# Records examples/lab-snapshot.json from the test lab: the weak containers of the integration
# tests and a hardened one, created with a label, collected, then removed by that label.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
IMAGE=dockaudit-lab:latest
LABEL="org.dockaudit.example=$$"

"$HERE/scripts/docker-up.sh" >/dev/null
"$HERE/scripts/lab-image.sh" "$IMAGE"
cleanup() {
  ids="$(docker ps -aq --filter "label=$LABEL")"
  [[ -z "$ids" ]] || docker rm -f $ids >/dev/null
}
trap cleanup EXIT

docker create --label "$LABEL" --name lab-privileged --privileged "$IMAGE" >/dev/null
docker run -d --label "$LABEL" --name lab-socket -v /var/run/docker.sock:/var/run/docker.sock -p 8080:80 "$IMAGE" >/dev/null
docker run -d --label "$LABEL" --name lab-hostns --pid=host --net=host --ipc=host "$IMAGE" >/dev/null
docker run -d --label "$LABEL" --name lab-sysadmin --cap-add SYS_ADMIN --security-opt seccomp=unconfined \
  -e DB_PASSWORD=not-for-the-snapshot "$IMAGE" >/dev/null
docker run -d --label "$LABEL" --name lab-device --device /dev/fuse:/dev/fuse -v /etc:/host-etc:ro "$IMAGE" >/dev/null
docker run -d --label "$LABEL" --name lab-sidecar --network container:lab-socket "$IMAGE" >/dev/null
docker run -d --label "$LABEL" --name lab-hardened --cap-drop ALL --read-only --security-opt no-new-privileges \
  --memory 64m --pids-limit 50 --cpus 0.5 --user 1000 --cgroupns private "$IMAGE" >/dev/null

mkdir -p "$HERE/examples"
"$HERE/dockaudit" collect -o "$HERE/examples/lab-snapshot.json"
