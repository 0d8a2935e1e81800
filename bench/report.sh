#!/usr/bin/env bash
# The report of a large host: how long writing it takes once the analysis is done (JMH: condensed
# text, HTML, JSON), how big the HTML page is, and how long headless Chromium takes to open it
# (navigation start to the end of the load event, the page's script included; and the first
# contentful paint), median of RUNS. Usage: bench/report.sh [CONTAINERS] (default 500).
# Needs chromium and chromium-driver (scripts/test.sh installs them).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export JAVA_HOME="${DOCKAUDIT_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
N="${1:-500}"
RUNS="${RUNS:-5}"
WORK="$(mktemp -d)"
driver_pid=""
cleanup() {
  if [[ -n "$driver_pid" ]]; then kill "$driver_pid" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

python3 "$HERE/bench/scale-snapshot.py" "$HERE/examples/lab-snapshot.json" "$N" "$WORK/snapshot.json"
(cd "$HERE" && mvn -q -B -Pbench -DskipTests package)
CP="$HERE/bench/target/dockaudit-bench-0.1.0.jar:$(ls "$HERE"/bench/target/lib/*.jar | tr '\n' ':')"
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main ReportBenchmark -p snapshot="$WORK/snapshot.json" -foe true 2>&1 \
  | grep -E "^(Benchmark|ReportBenchmark)"

"$HERE/dockaudit" analyze "$WORK/snapshot.json" --format html -o "$WORK/report.html" || [[ $? == 1 ]]
"$HERE/dockaudit" analyze "$WORK/snapshot.json" -o "$WORK/report.txt" || [[ $? == 1 ]]
printf 'containers: %d; HTML page: %.2f MB; condensed text: %d lines, %.2f MB\n' "$N" \
  "$(echo "$(stat -c %s "$WORK/report.html") / 1000000" | bc -l)" "$(wc -l < "$WORK/report.txt")" \
  "$(echo "$(stat -c %s "$WORK/report.txt") / 1000000" | bc -l)"

port=$((20000 + RANDOM % 20000))
chromedriver --port="$port" >"$WORK/chromedriver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 1 50); do curl -s "localhost:$port/status" >/dev/null && break; sleep 0.1; done
api() { curl -s -X "$1" "localhost:$port$2" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
session=$(api POST /session '{"capabilities":{"alwaysMatch":{"goog:chromeOptions":{"binary":"/usr/bin/chromium","args":[
  "--headless","--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking",
  "--disable-component-update","--disable-sync","--window-size=1280,1000","--user-data-dir='"$WORK"'/profile"]}}}}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["value"]["sessionId"])')
timings="$WORK/timings"
for _ in $(seq 1 "$RUNS"); do
  api POST "/session/$session/url" '{"url":"about:blank"}' >/dev/null
  api POST "/session/$session/url" "{\"url\":\"file://$WORK/report.html\"}" >/dev/null
  api POST "/session/$session/execute/sync" '{"args":[],"script":"const n = performance.getEntriesByType(\"navigation\")[0]; const p = performance.getEntriesByName(\"first-contentful-paint\")[0]; return [n.loadEventEnd, p ? p.startTime : -1, document.body.dataset.ready === \"true\"];"}' \
    | python3 -c 'import json,sys; v=json.load(sys.stdin)["value"]; assert v[2], "the page script did not finish"; print(v[0], v[1])' >> "$timings"
done
api DELETE "/session/$session" >/dev/null
python3 - "$timings" "$RUNS" <<'PY'
import statistics, sys
rows = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
print("Chromium, median of %s: load event ended %.0f ms after navigation start; first contentful paint %.0f ms"
      % (sys.argv[2], statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)))
PY
