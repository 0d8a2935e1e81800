#!/usr/bin/env bash
# Benchmark: `./dockaudit audit` end to end (JVM start included) on N idle containers, against the
# floor of the same N inspects made by one curl over the unix socket. Usage: bench/audit-scale.sh [N...]
# (default: 50 200). Containers carry a label of this run and are removed by it.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SOCKET=/var/run/docker.sock
IMAGE=dockaudit-lab:latest
LABEL="org.dockaudit.bench=$$"
RUNS="${RUNS:-5}"
SIZES=("$@")
(( ${#SIZES[@]} )) || SIZES=(50 200)

"$HERE/scripts/docker-up.sh" >/dev/null
"$HERE/scripts/lab-image.sh" "$IMAGE"
cleanup() {
  ids="$(docker ps -aq --filter "label=$LABEL")"
  [[ -z "$ids" ]] || docker rm -f $ids >/dev/null
}
trap cleanup EXIT

now() { date +%s.%N; }
# Best of $RUNS: the least disturbed run is the closest to what the code costs.
best_of() {
  local best="" start end elapsed
  for _ in $(seq 1 "$RUNS"); do
    start="$(now)"; "$@" >/dev/null; end="$(now)"
    elapsed="$(echo "$end - $start" | bc -l)"
    if [[ -z "$best" ]] || (( $(echo "$elapsed < $best" | bc -l) )); then best="$elapsed"; fi
  done
  echo "$best"
}
curl_floor() {
  local urls=(http://localhost/containers/json?all=1)
  for id in $(docker ps -aq --no-trunc); do urls+=("http://localhost/containers/$id/json"); done
  curl -sf --unix-socket "$SOCKET" "${urls[@]}"
}

command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }
"$HERE/dockaudit" --version >/dev/null   # builds the jar and its class-data archive
"$HERE/dockaudit" audit --format json -o /dev/null || true

created=0
printf '%8s %10s %12s %14s %12s %8s\n' containers audit_s s_per_ctr curl_floor_s floor_per_c ratio
for n in "${SIZES[@]}"; do
  if (( n > created )); then
    seq "$created" $((n - 1)) | xargs -P 4 -I{} docker run -d --label "$LABEL" --name "bench-$$-{}" "$IMAGE" >/dev/null
    created=$n
  fi
  total="$(docker ps -aq | wc -l)"
  audit="$(best_of "$HERE/dockaudit" audit --format json -o /dev/null)"
  floor="$(best_of curl_floor)"
  printf '%8d %10.3f %12.5f %14.3f %12.5f %8.1f\n' "$total" "$audit" "$(echo "$audit / $total" | bc -l)" \
    "$floor" "$(echo "$floor / $total" | bc -l)" "$(echo "$audit / $floor" | bc -l)"
done
