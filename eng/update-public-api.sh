#!/usr/bin/env bash
# Accepts the runtime's current public surface into runtime/PublicAPI.Unshipped.txt (an explicit local step:
# review the diff before committing). It builds with a SARIF error log and adds the API line of every RS0016
# ("not part of the declared public API") the analyzer reports; removed APIs (RS0017) must be deleted by hand.
set -uo pipefail
cd "$(dirname "$0")/.."
# Some symbols (e.g. a record's members) are reported only once their type is declared, so it runs until nothing is added.
for pass in 1 2 3; do
log=$(mktemp --suffix .sarif)
dotnet build runtime/TConvGen.Runtime.csproj -c Release --no-incremental -p:ErrorLog="$log%2Cversion=2.1" >/dev/null || true
python3 - "$log" runtime/PublicAPI.Unshipped.txt <<'PY'
import json, sys
log, unshipped = sys.argv[1], sys.argv[2]
results = json.load(open(log))["runs"][0].get("results", [])
names = {r["properties"]["customProperties"]["APIName"] for r in results if r.get("ruleId") == "RS0016"}
lines = [l.rstrip("\n") for l in open(unshipped) if l.strip() and not l.startswith("#nullable")]
merged = sorted(set(lines) | names, key=str.casefold)
open(unshipped, "w").write("#nullable enable\n" + "".join(n + "\n" for n in merged))
added = len(names - set(lines))
print(f"added {added} API lines to {unshipped}")
sys.exit(0 if added else 3)
PY
status=$?
rm -f "$log"
[ "$status" -eq 3 ] && break
done
