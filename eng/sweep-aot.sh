#!/usr/bin/env bash
# The Native AOT leg: publishes tests/TConvGen.Sweep with PublishAot (trim and AOT analyzers on, warnings are errors) and
# runs it: once for AOT's default instruction set (on x64 that is Vector128 only), once for x86-64-v3 (AVX2, FMA), the
# setting a user picks with <IlcInstructionSet>. Prints each run's "Sweep: N passed, M failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
for isa in default x86-64-v3; do
  out=artifacts/sweep-aot-$isa
  extra=()
  [ "$isa" != default ] && extra=(-p:IlcInstructionSet="$isa")
  dotnet publish tests/TConvGen.Sweep -c Release -r linux-x64 -p:SweepAot=true "${extra[@]}" -o "$out" --nologo -v quiet -warnaserror
  echo "== Native AOT, instruction set: $isa"
  "$out/TConvGen.Sweep" "${1:-120}"
done
