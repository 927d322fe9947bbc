#!/usr/bin/env bash
# The ARM64 leg: publishes tests/TConvGen.Sweep self-contained for linux-arm64 and runs it under qemu-user, which is
# good for correctness (AdvSimd's Vector128 code paths), not for speed. Installs what it needs: qemu-user-static, and an
# arm64 sysroot (libc, libstdc++, libgcc) from Debian's packages, unpacked under artifacts/arm64-sysroot. Prints the
# sweep's own "Sweep: N passed, M failed" line; exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
sysroot=artifacts/arm64-sysroot
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v qemu-aarch64-static >/dev/null; then
  as_root apt-get update -q >/dev/null
  as_root apt-get install -y -q qemu-user-static >/dev/null
fi
if [ ! -e "$sysroot/lib/ld-linux-aarch64.so.1" ]; then
  dpkg --print-foreign-architectures | grep -qx arm64 || { as_root dpkg --add-architecture arm64; as_root apt-get update -q >/dev/null; }
  debs=$(mktemp -d)
  (cd "$debs" && apt-get download -q libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 >/dev/null) \
    || { as_root apt-get update -q >/dev/null; (cd "$debs" && apt-get download -q libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 >/dev/null); }
  mkdir -p "$sysroot"
  for deb in "$debs"/*.deb; do dpkg -x "$deb" "$sysroot"; done
  rm -rf "$debs"
fi

out=artifacts/sweep-arm64
dotnet publish tests/TConvGen.Sweep -c Release -r linux-arm64 --self-contained -p:InvariantGlobalization=true -o "$out" --nologo -v quiet
DOTNET_EnableWriteXorExecute=0 qemu-aarch64-static -L "$sysroot" "$out/TConvGen.Sweep" "${1:-120}"
