#!/usr/bin/env bash
# Quick start, step 2: run every test (unit, conformance, end-to-end with the real ONNX Runtime and SQLite).
# Suites that need a service this machine cannot run (Elasticsearch) say in the output that they were skipped.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
tools/install-deps.sh
dotnet test FunAsr.Pipeline.sln -c Release --nologo --logger "console;verbosity=detailed" "$@"
