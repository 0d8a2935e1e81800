#!/usr/bin/env bash
# A lab of 36 containers like the one of the trust issue: replicas, the usual mistakes, a hardened
# container, custom seccomp profiles (one that denies restart_syscall), paused, created and exited
# containers. Every container carries the label org.dockaudit.bench=lab and `down` removes only
# those. Used to compare two builds' reports on the same host:
#   bench/lab.sh up && ./dockaudit audit --format json -o a.json && bench/lab.sh down
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
LABEL=org.dockaudit.bench=lab
IMAGE=dockaudit-lab:latest

down() {
  ids="$(docker ps -aq --filter "label=$LABEL")"
  if [[ -n "$ids" ]]; then
    docker unpause $(docker ps -q --filter "label=$LABEL" --filter status=paused) >/dev/null 2>&1 || true
    docker rm -f $ids >/dev/null
  fi
}

up() {
  "$HERE/scripts/lab-image.sh" "$IMAGE"
  down
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  # Profiles generated for busybox's sleep (plus what runc's init needs): one as generated, one
  # without restart_syscall (as generated before it was always added), one asking ENOSYS by default.
  "$HERE/dockaudit" seccomp generate --syscalls nanosleep,clock_nanosleep,futex,poll,exit_group,arch_prctl,set_tid_address,brk,mmap,munmap,mprotect,rt_sigaction,rt_sigprocmask,getuid,geteuid,ioctl,readlink,uname,prlimit64,getrandom,rseq,set_robust_list,write,writev,exit,read \
    -o "$work/generated.json" 2>/dev/null
  sed 's/"restart_syscall", *//; s/, *"restart_syscall"//' "$work/generated.json" > "$work/no-restart.json"
  sed 's/"defaultErrnoRet" *: *1/"defaultErrnoRet": 38/' \
    "$work/generated.json" > "$work/enosys.json"

  # A setting this host cannot grant (--privileged inside a sandbox) leaves that container out, said.
  run() { docker run -d --label "$LABEL" "$@" >/dev/null 2>"$work/err" || echo "lab: not started: $* ($(head -1 "$work/err"))" >&2; }
  for i in 1 2 3 4 5; do run --name lab-web-$i -p 127.0.0.1:$((18080 + i)):80 "$IMAGE"; done
  run --name lab-privileged --privileged "$IMAGE"
  run --name lab-socket -v /var/run/docker.sock:/var/run/docker.sock "$IMAGE"
  run --name lab-socket-ro-exposed -v /var/run/docker.sock:/var/run/docker.sock:ro -p 12375:2375 "$IMAGE"
  run --name lab-pid-ptrace --pid host --cap-add SYS_PTRACE "$IMAGE"
  run --name lab-hostnet --network host "$IMAGE"
  run --name lab-sysadmin-unconfined --cap-add SYS_ADMIN --security-opt seccomp=unconfined "$IMAGE"
  run --name lab-dac-read-search --cap-add DAC_READ_SEARCH --security-opt seccomp=unconfined "$IMAGE"
  run --name lab-host-root-ro -v /:/host:ro "$IMAGE"
  run --name lab-vpn --device /dev/net/tun --cap-add NET_ADMIN "$IMAGE"
  run --name lab-hardened --user 65534:65534 --read-only --tmpfs /tmp:mode=1777 --cap-drop ALL \
    --security-opt no-new-privileges --memory 64m --pids-limit 64 --cpus 0.5 --restart on-failure:3 "$IMAGE"
  run --name lab-restart-always --restart always "$IMAGE"
  run --name lab-restart-many --restart on-failure:10 "$IMAGE"
  run --name lab-secrets -e DB_PASSWORD=lab-not-a-secret -e API_TOKEN=lab-token -e PLAIN=1 "$IMAGE"
  run --name lab-ipc-host --ipc host "$IMAGE"
  run --name lab-uts-host --uts host "$IMAGE"
  run --name lab-apparmor-unconfined --security-opt apparmor=unconfined "$IMAGE"
  run --name lab-user-root-name --user root "$IMAGE"
  run --name lab-etc -v /etc:/host-etc "$IMAGE"
  run --name lab-cap-all --cap-add ALL "$IMAGE"
  run --name lab-no-restart-syscall --security-opt seccomp="$work/no-restart.json" "$IMAGE" sleep 3600
  run --name lab-enosys-profile --security-opt seccomp="$work/enosys.json" "$IMAGE" sleep 3600
  run --name lab-shares-net --network container:lab-web-1 "$IMAGE"
  run --name lab-public-port -p 18090:80 "$IMAGE"
  run --name lab-device --device /dev/null:/dev/lab-null "$IMAGE"
  run --name lab-mknod-sysmodule --cap-add SYS_MODULE --cap-add MKNOD "$IMAGE"
  run --name lab-label-disable --security-opt label=disable "$IMAGE"
  run --name lab-generated-profile --security-opt seccomp="$work/generated.json" "$IMAGE" sleep 3600
  run --name lab-to-pause "$IMAGE"
  docker pause lab-to-pause >/dev/null || true
  docker create --label "$LABEL" --name lab-created --privileged "$IMAGE" >/dev/null
  run --name lab-exited "$IMAGE" true
  run --name lab-forks "$IMAGE" sh -c 'while true; do true & sleep 0.01; done'
  docker wait lab-exited >/dev/null || true
  echo "lab: $(docker ps -aq --filter "label=$LABEL" | wc -l) containers labelled $LABEL" >&2
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: bench/lab.sh up|down" >&2; exit 2 ;;
esac
