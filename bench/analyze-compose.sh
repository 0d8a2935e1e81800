#!/usr/bin/env bash
# `dockaudit analyze` of a 200-service Compose file, cold (a new JVM each run, as a user runs it):
# the median of 5 runs against the target of 1.5 s. Services vary as real files do: published
# ports, host mounts, capabilities, limits, a privileged one in ten.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
N="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{
  echo "services:"
  for i in $(seq 1 "$N"); do
    echo "  svc-$i:"
    echo "    image: example/app-$((i % 7)):1.$i"
    echo "    ports: [\"$((20000 + i)):80\"]"
    echo "    volumes: [\"/srv/data/$i:/data\", \"/etc/app-$i:/etc/app:ro\"]"
    echo "    environment: {LOG_LEVEL: info, DB_PASSWORD: not-a-secret-$i}"
    echo "    cap_add: [NET_ADMIN]"
    echo "    mem_limit: 256m"
    echo "    restart: unless-stopped"
    if (( i % 10 == 0 )); then echo "    privileged: true"; fi
  done
} > "$work/compose.yaml"
"$HERE/dockaudit" --version >/dev/null   # builds if needed, and makes the AOT cache
times=()
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$HERE/dockaudit" analyze "$work/compose.yaml" --format json -o "$work/report.json" || [[ $? -eq 1 ]]
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
findings=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$work/report.json")
echo "analyze of a $N-service Compose file, cold: median ${median} ms of 5 (${times[*]}), $findings findings; target 1500 ms"
