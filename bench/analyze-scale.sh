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
  python3 - "$HERE/examples/lab-snapshot.json" "$n" "$WORK/snapshot.json" <<'PY'
import copy, hashlib, json, sys
base = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
lab = base["containers"]
out = copy.deepcopy(base)
out["containers"] = []
for i in range(n):
    container = copy.deepcopy(lab[i % len(lab)])
    container["inspect"]["Id"] = hashlib.sha256(str(i).encode()).hexdigest()
    container["inspect"]["Name"] = "/c%05d" % i
    if i % 10:
        leader = hashlib.sha256(str(i - i % 10).encode()).hexdigest()
        container["inspect"].setdefault("HostConfig", {})["NetworkMode"] = "container:" + leader
    out["containers"].append(container)
json.dump(out, open(sys.argv[3], "w"))
PY
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$HERE/dockaudit" analyze "$WORK/snapshot.json" --format json -o /dev/null || true
  read -r seconds kib < "$WORK/time"
  printf '%10d %10.2f %12d %14.2f\n' "$n" "$seconds" $((kib / 1024)) "$(echo "$seconds * 1000 / $n" | bc -l)"
done
