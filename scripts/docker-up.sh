#!/usr/bin/env bash
# Makes a Docker Engine answer on /var/run/docker.sock: installs the Debian packages that are
# missing, and starts dockerd when the socket does not answer. Prints the pid of a dockerd it
# started on the last line ("started <pid>"), or "running" when one already answered.
set -euo pipefail

SOCKET=/var/run/docker.sock
STATE_DIR="${DOCKAUDIT_STATE_DIR:-/tmp/dockaudit-test}"
PACKAGES=(docker.io containerd runc iptables busybox-static curl openssl gcc libc6-dev libseccomp-dev)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} )); then
  echo "docker-up: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

answers() { curl -sf --max-time 2 --unix-socket "$SOCKET" http://localhost/_ping >/dev/null 2>&1; }

if answers; then
  echo running
  exit 0
fi

mkdir -p "$STATE_DIR"
echo "docker-up: starting dockerd (log: $STATE_DIR/dockerd.log)" >&2
# setsid: dockerd must outlive this script and the shell that ran it.
setsid /usr/sbin/dockerd >"$STATE_DIR/dockerd.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$STATE_DIR/dockerd.pid"
for _ in $(seq 1 60); do
  if answers; then
    echo "started $pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "docker-up: dockerd exited; last lines of its log:" >&2
    tail -n 20 "$STATE_DIR/dockerd.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "docker-up: dockerd did not answer on $SOCKET within 30 s" >&2
exit 1
