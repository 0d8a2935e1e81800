#!/usr/bin/env bash
# docker-bench-security and `dockaudit audit --compliance cis-docker-1.6.0` on the same host, item
# by item: per section, the items where both agree and those where they disagree, each
# disagreement with both verdicts and dockaudit's evidence, to be judged by hand.
#   bench/cis-compare.sh DOCKER_BENCH_DIR      (docker/docker-bench-security at tag v1.6.1)
# That tag's script calls itself 1.6.0 and is the first to number section 5 as the benchmark v1.6.0
# does (5.1 swarm mode ... 5.32 runtime sockets); the tag v1.6.0 still numbers it as v1.5.0 did,
# one item off, and is refused.
# docker-bench's PASS is a pass, WARN a failure; its INFO and NOTE give no verdict (a file not
# found, an item it does not score, a manual one): they agree with dockaudit's not-applicable and
# manual, and are counted apart where dockaudit decides. Run as root, on a host with a daemon.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
BENCH="${1:?usage: bench/cis-compare.sh DOCKER_BENCH_DIR}"
if ! grep -q 'local id="5.32"' "$BENCH/tests/5_container_runtime.sh" 2>/dev/null; then
  echo "cis-compare: $BENCH is not docker-bench-security v1.6.1 or later (no item 5.32: section 5 numbered as CIS v1.5.0)" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$BENCH" && sh docker-bench-security.sh -l "$work/bench.log" >/dev/null 2>&1) || true
"$HERE/dockaudit" audit --compliance cis-docker-1.6.0 --format json -o "$work/dockaudit.json" || [[ $? -eq 1 ]]

python3 - "$work/bench.log.json" "$work/dockaudit.json" <<'PY'
import json, sys
from collections import defaultdict
bench = json.load(open(sys.argv[1]))
ours = json.load(open(sys.argv[2]))
verdict = {}
for section in bench["tests"]:
    for result in section["results"]:
        verdict[result["id"]] = (result["result"], " ".join(result.get("details", "").split())[:160])
details = defaultdict(list)
for check in ours["checks"]:
    details[check["id"]].append(check.get("detail") or "")
agree, differ, undecided = defaultdict(int), defaultdict(list), defaultdict(list)
same = {"pass": {"PASS"}, "fail": {"WARN"}, "not-applicable": {"INFO", "NOTE"}, "manual": {"INFO", "NOTE"}, "unknown": set()}
for item in ours["compliance"]["items"]:
    theirs = verdict.get(item["id"], ("absent", ""))
    section = item["id"].split(".")[0]
    if theirs[0] in same[item["status"]]:
        agree[section] += 1
    elif theirs[0] in ("INFO", "NOTE") and item["status"] in ("pass", "fail"):
        undecided[section].append(item["id"] + " " + item["status"])
    else:
        why = "; ".join(d for check in item.get("checks", []) for d in details[check] if d)[:200]
        differ[section].append(f'  {item["id"]:7} dockaudit {item["status"]:15} docker-bench {theirs[0]:5} {theirs[1]}\n          dockaudit: {why or item.get("reason", "")}')
print("section  agree  disagree  docker-bench-no-verdict (dockaudit's)")
for section in sorted({i["id"].split(".")[0] for i in ours["compliance"]["items"]}, key=int):
    print(f"{section:>7}  {agree[section]:5}  {len(differ[section]):8}  {len(undecided[section]):3}  {', '.join(undecided[section])}")
print(f"  total  {sum(agree.values()):5}  {sum(len(v) for v in differ.values()):8}  {sum(len(v) for v in undecided.values()):3}\n")
print("\n\n".join("\n".join(differ[section]) for section in sorted(differ, key=int) if differ[section]))
PY
