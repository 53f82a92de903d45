#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the main job on the bundled samples:
# every recording in samples/ is transcribed with the demo model, rules from rules/ are applied, and the results
# go to the embedded store (data/funasr.db), after which a summary table is printed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
tools/install-deps.sh
dotnet build FunAsr.Pipeline.sln -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll ingest samples/ --once "$@"
