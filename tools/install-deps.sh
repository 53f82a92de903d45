#!/usr/bin/env bash
# Installs what the runtime and the tests need besides NuGet packages, idempotently:
#   Debian: ffmpeg (compressed audio), sox and espeak-ng (test audio), docker-compose (compose file check),
#           rsyslog (the mmexternal/omprog integration test), ruby (Onigmo: the Fluent Bit/Logstash export dialect test);
#   npm:    sherpa-onnx (the C++ peer used by tests and benchmarks only), into .deps/ (git-ignored).
# ONNX Runtime comes from NuGet with the build; silero_vad.onnx ships in models/silero-vad/.
# A second run with everything present takes well under a second.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$repo/.deps"
mkdir -p "$deps"

apt_packages=(ffmpeg sox espeak-ng rsyslog ruby)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The compose file is validated by a test with `docker compose config`; Debian's docker-compose gives that client
# where the docker CLI has no compose plugin (no engine is needed to validate).
if ! docker compose version >/dev/null 2>&1; then
  dpkg-query -W -f='${Status}' docker-compose 2>/dev/null | grep -q "install ok installed" || missing+=(docker-compose)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$deps/sherpa-onnx/node_modules/sherpa-onnx-linux-x64/sherpa-onnx.node" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is needed to fetch sherpa-onnx-node (the peer runtime the tests and benchmarks compare with)." >&2
    echo "       Install Node.js and npm (Debian: apt-get install npm)." >&2
    exit 1
  fi
  echo "Fetching sherpa-onnx-node@1.13.8 from npm"
  mkdir -p "$deps/sherpa-onnx"
  (cd "$deps/sherpa-onnx" && npm install --silent --no-audit --no-fund --prefix . sherpa-onnx-node@1.13.8 >/dev/null)
fi
