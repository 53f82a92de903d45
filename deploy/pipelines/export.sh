#!/usr/bin/env bash
# Regenerates the exported rule files in this folder from rules/ (tests/Ingest.Tests/Deploy/PipelineConfigTests.cs
# fails when they are out of date). Usage: deploy/pipelines/export.sh [funasr-pipeline command, default: the build output]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
if [[ $# -gt 0 ]]; then cli=("$@"); else
  dotnet build src/Ingest/FunAsr.Ingest.csproj -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
  cli=(dotnet "${FUNASR_ARTIFACTS:-artifacts}/bin/FunAsr.Ingest/release/funasr-pipeline.dll")
fi
"${cli[@]}" rules export --format logstash rules > deploy/pipelines/logstash/funasr-grok.conf
"${cli[@]}" rules export --format elasticsearch rules > deploy/pipelines/filebeat/funasr-pipeline.json
"${cli[@]}" rules export --format fluent-bit rules > deploy/pipelines/fluent-bit/funasr-parsers.conf
"${cli[@]}" rules export --format vector rules > deploy/pipelines/vector/funasr-remap.yaml
# The parser filters the parsers file lists in comments, as the file fluent-bit.conf includes.
awk 'found { sub(/^# ?/, ""); print } /^# One filter per rule/ { found = 1 }' deploy/pipelines/fluent-bit/funasr-parsers.conf \
  > deploy/pipelines/fluent-bit/funasr-filters.conf
