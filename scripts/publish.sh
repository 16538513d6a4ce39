#!/usr/bin/env bash
# Publishes the NativeAOT gateway for ONE config, without Docker (the Dockerfile runs the same publish).
#   scripts/publish.sh <config.toml> [outdir]      (outdir defaults to artifacts/publish/gateway)
# Prints the binary's path and size. Installs clang with apt when it is missing (NativeAOT links with it).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 <config.toml> [outdir]" >&2
  exit 64
fi
repo="$(cd "$(dirname "$0")/.." && pwd)"
config="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
outdir="$(mkdir -p "${2:-$repo/artifacts/publish/gateway}" && cd "${2:-$repo/artifacts/publish/gateway}" && pwd)"
if [ ! -f "$config" ]; then
  echo "config not found: $1" >&2
  exit 66
fi

if ! command -v clang >/dev/null 2>&1; then
  echo "clang not found: installing it (NativeAOT needs a native linker)" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq clang zlib1g-dev >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cd "$repo"
start=$(date +%s)
# PUBLISH-COMMAND (kept identical to the Dockerfile's; tests/…/Operability/PublishRecipeTests checks it)
dotnet publish src/Gateway.Host -c Release -r linux-x64 -p:GatewayConfig="$config" -o "$outdir"
end=$(date +%s)

binary="$outdir/gateway"
size=$(stat -c %s "$binary")
echo "binary: $binary"
echo "size: $size bytes ($(( size / 1024 / 1024 )) MiB)"
echo "time: $(( end - start )) s"
