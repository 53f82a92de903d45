#!/usr/bin/env bash
# Whole-process throughput of `funasr-pipeline extract` on syslog events with the one-rule SYSLOGLINE pack
# (bench/extract/syslog/), issue #29's filter goal: LINES NDJSON events (bench/FunAsr.Bench/Extractors/SyslogCorpus.cs)
# file → file, pinned to one core. Reports events/s of wall time and events per CPU-second, start-up included, and
# checks every event came out with its fields.
#
# Usage: bench/extract/run-syslog.sh [LINES=100000]
# Env:   FUNASR_ARTIFACTS (build tree, default ./artifacts), CPU (the cores to pin to, default 0: `extract` runs one
#        worker per core it may use, so CPU=0,1 runs two), FUNASR_HOST (a funasr-pipeline.dll to run instead of the
#        build's, e.g. setup.sh's ReadyToRun publish artifacts/cli/funasr-pipeline.dll)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lines="${1:-100000}"
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
work="$(mktemp -d /tmp/funasr-syslog-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

for project in src/Ingest/FunAsr.Ingest.csproj bench/FunAsr.Bench/FunAsr.Bench.csproj; do
  FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done
host="${FUNASR_HOST:-$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll}"
dotnet "$artifacts/bin/FunAsr.Bench/release/FunAsr.Bench.dll" write-syslog-corpus "$work/syslog.ndjson" "$lines"

echo "corpus: $lines events, $(($(stat -c %s "$work/syslog.ndjson") / 1024 / 1024)) MiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in 1 2 3; do
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" taskset -c "${CPU:-0}" \
    dotnet "$host" extract --rules "$repo/bench/extract/syslog" < "$work/syslog.ndjson" > "$work/out.ndjson"
  read -r wall user sys rss < "$work/time"
  awk -v r="$run" -v l="$lines" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN { printf "run %d: %6.2f s wall %6.2f CPU-s  %9.0f events/s (wall)  %9.0f events/CPU-s  %4.0f MB\n", r, w, u + s, l / w, l / (u + s), m / 1024 }'
done
test "$(wc -l < "$work/out.ndjson")" -eq "$lines" || { echo "error: expected $lines output lines" >&2; exit 1; }
test "$(grep -c '"program":' "$work/out.ndjson")" -eq "$lines" || { echo "error: an event has no program field" >&2; exit 1; }
