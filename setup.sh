#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, put `funasr-pipeline` on PATH, and run the main job on the
# bundled samples: every recording in samples/ is transcribed with the demo model, rules from rules/ are applied, and
# the results go to the embedded store (data/funasr.db), after which a summary table is printed.
# ONNX Runtime comes from NuGet with the build (CPU; -p:OrtFlavor=cuda for the GPU build, see README "GPU").
# The command on PATH is a small launcher for this checkout's publish (artifacts/cli: self-contained, with the app and
# the .NET framework precompiled together as one composite ReadyToRun image, so a command starts without JIT work and
# calls across assemblies are inlined), in FUNASR_BIN_DIR when set, else /usr/local/bin when writable, else
# ~/.local/bin; it is rewritten only when it changed, so a second run costs nothing there.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
tools/install-deps.sh
dotnet build FunAsr.Pipeline.sln -c Release --nologo -v quiet -clp:ErrorsOnly
case "$(uname -m)" in aarch64 | arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
dotnet publish src/Ingest/FunAsr.Ingest.csproj -c Release -r "$rid" --self-contained true -p:PublishReadyToRunComposite=true -o "$repo/artifacts/cli" --nologo -v quiet -clp:ErrorsOnly

bin_dir="${FUNASR_BIN_DIR:-/usr/local/bin}"
[ -n "${FUNASR_BIN_DIR:-}" ] && mkdir -p "$bin_dir"
[ -w "$bin_dir" ] || { bin_dir="$HOME/.local/bin"; mkdir -p "$bin_dir"; }
launcher="$bin_dir/funasr-pipeline"
wanted="#!/bin/sh
# funasr-pipeline from the checkout $repo (written by its setup.sh)
exec \"$repo/artifacts/cli/funasr-pipeline\" \"\$@\""
if [ "$(cat "$launcher" 2>/dev/null)" != "$wanted" ]; then
  printf '%s\n' "$wanted" > "$launcher"
  chmod +x "$launcher"
  echo "Installed $launcher"
fi
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "note: $bin_dir is not on PATH; add it (e.g. export PATH=\"$bin_dir:\$PATH\") to run funasr-pipeline by name." ;;
esac

"$launcher" ingest samples/ --once "$@"
