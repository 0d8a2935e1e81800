#!/usr/bin/env bash
# Benchmark: `./dockaudit audit` end to end (JVM start and seccomp dumps included) on N idle running
# containers, against two floors measured in the same run: one batched `docker inspect` of the same
# containers, and the same inspects made by one curl over the unix socket. Prints seconds, peak
# memory, seconds per container (flat when the cost is linear) and the ratios; and, before the
# containers are made and with them running, the start of `dockaudit --version`, a cold `seccomp
# analyze` and `analyze` of a 1,000-container snapshot.
# Usage: bench/audit-scale.sh [N...] (default: 100 300 1000). Containers carry a label of this run
# and are removed by it.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SOCKET=/var/run/docker.sock
IMAGE=dockaudit-lab:latest
LABEL="org.dockaudit.bench=$$"
RUNS="${RUNS:-5}"
SIZES=("$@")
(( ${#SIZES[@]} )) || SIZES=(100 300 1000)

"$HERE/scripts/docker-up.sh" >/dev/null
"$HERE/scripts/lab-image.sh" "$IMAGE"
WORK="$(mktemp -d)"
cleanup() {
  # Killed, then removed once exited: dockerd 20.10 was seen to hang for good on `docker rm -f` of
  # running containers, a thousand of them (in one call, four calls at once, and calls of 25).
  docker ps -q --filter "label=$LABEL" | xargs -r -n 50 docker kill >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do
    [[ -z "$(docker ps -q --filter "label=$LABEL")" ]] && break
    sleep 1
  done
  docker ps -aq --filter "label=$LABEL" | xargs -r -n 50 docker rm -f >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
# Best of $RUNS: the least disturbed run is the closest to what the code costs. Sets BEST (seconds).
best_of() {
  local start end elapsed
  BEST=""
  for _ in $(seq 1 "$RUNS"); do
    start="$(now)"; "$@" >/dev/null 2>&1 || true; end="$(now)"
    elapsed="$(echo "$end - $start" | bc -l)"
    if [[ -z "$BEST" ]] || (( $(echo "$elapsed < $BEST" | bc -l) )); then BEST="$elapsed"; fi
  done
}
# The same for a program (not a shell function), with PEAK: the largest resident set of its runs, in KiB.
best_of_program() {
  PEAK=0
  best_of /usr/bin/time -f '%M' -a -o "$WORK/rss" "$@"
  PEAK="$(sort -n "$WORK/rss" | tail -n 1)"
  rm -f "$WORK/rss"
}
inspect_floor() { docker inspect $(docker ps -aq) >/dev/null; }
curl_floor() {
  local urls=(http://localhost/containers/json?all=1)
  for id in $(docker ps -aq --no-trunc); do urls+=("http://localhost/containers/$id/json"); done
  curl -sf --unix-socket "$SOCKET" "${urls[@]}"
}

command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }
"$HERE/dockaudit" --version >/dev/null   # builds the jar and its ahead-of-time cache

# What asks nothing of the engine: measured on the host as it is, then again with the containers
# running (a thousand idle containers and their shims take memory from the page cache, and every
# start with it).
engine_free() {
  best_of "$HERE/dockaudit" --version
  printf 'dockaudit --version: %.3f s\n' "$BEST"
  best_of "$HERE/dockaudit" seccomp analyze "$HERE/core/src/main/resources/org/dockaudit/seccomp/reference/docker-20.10-default-x86_64.bpf"
  printf 'dockaudit seccomp analyze (Docker default filter, cold): %.3f s\n' "$BEST"
  best_of_program "$HERE/dockaudit" analyze "$WORK/snapshot.json" -o /dev/null
  printf 'dockaudit analyze, 1,000 containers: %.3f s, %d MiB peak\n' "$BEST" $((PEAK / 1024))
}
python3 "$HERE/bench/scale-snapshot.py" "$HERE/examples/lab-snapshot.json" 1000 "$WORK/snapshot.json"
echo "with $(docker ps -q | wc -l) containers running:"
engine_free

created=0
printf '%10s %8s %9s %10s %12s %10s %13s %9s\n' containers audit_s peak_MiB s_per_ctr inspect_s ratio curl_floor_s ratio
for n in "${SIZES[@]}"; do
  if (( n > created )); then
    seq "$created" $((n - 1)) | xargs -P 4 -I{} docker run -d --label "$LABEL" --name "bench-$$-{}" "$IMAGE" >/dev/null
    created=$n
  fi
  total="$(docker ps -aq | wc -l)"
  best_of_program "$HERE/dockaudit" audit -o /dev/null; audit="$BEST"; peak=$((PEAK / 1024))
  best_of inspect_floor; inspect="$BEST"
  best_of curl_floor; floor="$BEST"
  printf '%10d %8.3f %9d %10.5f %12.3f %10.1f %13.3f %9.1f\n' "$total" "$audit" "$peak" "$(echo "$audit / $total" | bc -l)" \
    "$inspect" "$(echo "$audit / $inspect" | bc -l)" "$floor" "$(echo "$audit / $floor" | bc -l)"
done

echo "with $(docker ps -q | wc -l) containers running:"
engine_free
