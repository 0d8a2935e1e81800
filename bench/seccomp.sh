#!/usr/bin/env bash
# Seccomp analysis speed: JMH (warm) on Docker's default filter, then `dockaudit seccomp analyze`
# from a cold start (JVM included), best of RUNS. Usage: bench/seccomp.sh
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export JAVA_HOME="${DOCKAUDIT_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-10}"
FILTER="$HERE/core/src/main/resources/org/dockaudit/seccomp/reference/docker-20.10-default-x86_64.bpf"

(cd "$HERE" && mvn -q -B -Pbench -DskipTests package)
CP="$HERE/bench/target/dockaudit-bench-0.1.0.jar:$(ls "$HERE"/bench/target/lib/*.jar | tr '\n' ':')"
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main SeccompAnalysisBenchmark -foe true 2>&1 | grep -E "^(Benchmark|SeccompAnalysisBenchmark)"

"$HERE/dockaudit" seccomp analyze "$FILTER" >/dev/null   # builds, and makes the ahead-of-time cache
best=""
for _ in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N); "$HERE/dockaudit" seccomp analyze "$FILTER" >/dev/null; end=$(date +%s.%N)
  elapsed=$(echo "$end - $start" | bc -l)
  if [[ -z "$best" ]] || (( $(echo "$elapsed < $best" | bc -l) )); then best=$elapsed; fi
done
printf 'cold start: dockaudit seccomp analyze (974 instructions), best of %d: %.3f s\n' "$RUNS" "$best"
