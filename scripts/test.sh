#!/usr/bin/env bash
# The whole test suite: unit tests, then integration tests against a real Docker Engine that this
# script installs and starts when needed, with a lab image built locally. Stops only the dockerd
# it started itself, by pid (set DOCKAUDIT_KEEP_DOCKERD=1 to keep it).
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$HERE"

export JAVA_HOME="${DOCKAUDIT_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ ! -x "$JAVA_HOME/bin/java" ]]; then
  echo "test: no JDK 25 at $JAVA_HOME (install Temurin 25 or set DOCKAUDIT_JAVA_HOME)" >&2
  exit 2
fi
if ! command -v mvn >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven
fi

# HtmlReportIT opens the HTML report in Debian's headless Chromium, through its chromedriver.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# GVisorIT runs containers under Debian's gVisor (runsc) in a second dockerd of its own; PodmanIT
# under Debian's Podman, through an API service of its own.
for tool in runsc podman; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool"
  fi
done

status="$(scripts/docker-up.sh | tail -n 1)"
started_pid=""
if [[ "$status" == started* ]]; then
  started_pid="${status#started }"
fi
stop_started_dockerd() {
  if [[ -n "$started_pid" && -z "${DOCKAUDIT_KEEP_DOCKERD:-}" ]]; then
    kill "$started_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$started_pid" 2>/dev/null || break; sleep 0.5; done
  fi
}
trap stop_started_dockerd EXIT

scripts/lab-image.sh dockaudit-lab:latest

mvn -B -ntp verify "$@"
