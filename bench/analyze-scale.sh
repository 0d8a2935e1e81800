#!/usr/bin/env bash
# How `dockaudit analyze` grows with the number of containers: snapshots of N containers made from
# the recorded lab (examples/lab-snapshot.json; every tenth container joins the network namespace
# of the one before, and replicas share their namespace inodes, as pods do), analysed end to end
# (JVM start included). Prints seconds, peak memory and milliseconds per container: a linear cost
# keeps the last column flat. Usage: bench/analyze-scale.sh [N ...] (default 1000 4000 10000).
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$HERE/dockaudit" --version >/dev/null

sizes=("$@")
(( ${#sizes[@]} )) || sizes=(1000 4000 10000)
printf '%10s %10s %12s %14s\n' containers seconds "peak MiB" "ms/container"
for n in "${sizes[@]}"; do
  python3 "$HERE/bench/scale-snapshot.py" "$HERE/examples/lab-snapshot.json" "$n" "$WORK/snapshot.json"
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$HERE/dockaudit" analyze "$WORK/snapshot.json" --format json -o /dev/null || true
  read -r seconds kib < "$WORK/time"
  printf '%10d %10.2f %12d %14.2f\n' "$n" "$seconds" $((kib / 1024)) "$(echo "$seconds * 1000 / $n" | bc -l)"
done
