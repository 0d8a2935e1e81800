#!/usr/bin/env bash
# What tracing costs the traced workload, and how fast harden reads a saved trace.
#  1. A syscall-heavy loop in a container (busybox dd copying N bytes one at a time: 2 syscalls a
#     byte), median of RUNS wall times, without and with `dockaudit trace --attach` running on it;
#     the ratio, and the events the trace lost (a buffer overrun is said, never hidden).
#  2. The same with 4 KiB blocks, and 3. with trace --count-all, which keeps every call's event
#     (by default each call's event is switched off once the workload made it).
#  4. `dockaudit harden CONTAINER --from TRACE.json` from a cold start (a JVM per run), median of RUNS.
# Usage: bench/trace.sh [BYTES] (default 5000000: a run of about 1.3 s here). Needs root (tracefs) and a running dockerd.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export JAVA_HOME="${DOCKAUDIT_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BYTES="${1:-5000000}"
RUNS="${RUNS:-5}"
LABEL="org.dockaudit.bench=trace-$$"
NAME="bench-trace-$$"
WORK="$(mktemp -d)"
tracer=""
cleanup() {
  if [[ -n "$tracer" ]]; then kill -TERM "$tracer" 2>/dev/null || true; wait "$tracer" 2>/dev/null || true; fi
  docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

"$HERE/dockaudit" --version >/dev/null   # builds the jar when needed, outside the timings
docker run -d --label "$LABEL" --name "$NAME" dockaudit-lab:latest sleep 3600 >/dev/null

# Wall milliseconds of one run of the loop inside the container, by busybox's time (10 ms steps:
# size the loop to a second or more), docker exec's own start excluded.
loop() {
  docker exec "$NAME" sh -c "time -f %e sh -c 'dd if=/dev/zero of=/dev/null bs=$1 count=$2 2>/dev/null'" 2>&1 | tail -1 \
    | awk '{printf "%d\n", $1 * 1000}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { for _ in $(seq 1 "$RUNS"); do loop "$1" "$2"; done | median; }

run_pair() {
  local bs="$1" count="$2" what="$3" options="${4:-}"
  local plain traced lost
  plain=$(measure "$bs" "$count")
  # Long enough for the traced runs; the trace then ends by itself and writes what it lost.
  # shellcheck disable=SC2086 # options are words
  "$HERE/dockaudit" trace "$NAME" --attach --duration "$(( 4 * RUNS + 6 ))s" $options --format json -o "$WORK/attached.json" \
    2>"$WORK/trace.err" &
  tracer=$!
  for _ in $(seq 1 100); do [[ -d /sys/kernel/tracing/instances/dockaudit-$tracer ]] && break; sleep 0.1; done
  sleep 0.5
  traced=$(measure "$bs" "$count")
  wait "$tracer" || true; tracer=""
  lost=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("lostEvents", "?"))' "$WORK/attached.json" 2>/dev/null || echo "?")
  printf '%-44s untraced %6d ms  traced %6d ms  ratio %.3f  (lost events: %s)\n' "$what" \
    "$plain" "$traced" "$(echo "$traced / $plain" | bc -l)" "$lost"
}

run_pair 1 "$BYTES" "dd bs=1 ($BYTES bytes, 2 syscalls a byte)"
run_pair 4096 "$BYTES" "dd bs=4096 ($BYTES blocks of 4 KiB)"
run_pair 1 "$BYTES" "dd bs=1, trace --count-all (every event kept)" --count-all

"$HERE/dockaudit" trace "$NAME" --attach --duration 2s --format json -o "$WORK/saved.json" 2>/dev/null
cold=$(for _ in $(seq 1 "$RUNS"); do
  s=$(date +%s%N)
  "$HERE/dockaudit" harden "$NAME" --from "$WORK/saved.json" --profile "$WORK/profile.json" -o /dev/null 2>/dev/null
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
done | median)
printf 'harden --from TRACE.json, cold start (JVM included): %d ms (median of %d)\n' "$cold" "$RUNS"
