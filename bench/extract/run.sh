#!/usr/bin/env bash
# Whole-process throughput of `funasr-pipeline extract` as an NDJSON filter: the extraction benchmark corpus
# (bench/FunAsr.Bench/Extractors/ExtractionCorpus.cs, 2,000 zh/en lines) repeated REPEAT times as log events with
# foreign keys, through the full rules/ pack, pinned to one core. Reports lines/s of wall time (start-up included) and
# lines per CPU-second (user + sys), for output to a file, to a pipe, to a pipe with a flush after every line, and
# to a file without tiered compilation.
#
# Usage: bench/extract/run.sh [REPEAT=50]      (REPEAT × 2,000 lines)
# Env:   FUNASR_ARTIFACTS (build tree, default ./artifacts), CPU (the core to pin to, default 0), FUNASR_HOST (a
#        funasr-pipeline.dll to run instead of the build's, e.g. setup.sh's ReadyToRun publish artifacts/cli/funasr-pipeline.dll)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeat="${1:-50}"
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
work="$(mktemp -d /tmp/funasr-extract-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

for project in src/Ingest/FunAsr.Ingest.csproj bench/FunAsr.Bench/FunAsr.Bench.csproj; do
  FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done
host="${FUNASR_HOST:-$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll}"
dotnet "$artifacts/bin/FunAsr.Bench/release/FunAsr.Bench.dll" write-extraction-corpus "$work/corpus.ndjson" "$repeat"
lines=$(wc -l < "$work/corpus.ndjson")
bytes=$(stat -c %s "$work/corpus.ndjson")

# run NAME COMMAND...: time one run; prints "name  lines/s (wall)  lines per CPU-second  max RSS".
run() {
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" taskset -c "${CPU:-0}" "$@"
  read -r wall user sys rss < "$work/time"
  awk -v n="$name" -v l="$lines" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
    'BEGIN { printf "%-34s %8.1f s  %9.0f lines/s  %9.0f lines/CPU-s  %6.0f MB\n", n, w, l / w, l / (u + s), r / 1024 }'
}

cd "$repo"
echo "corpus: $lines lines, $((bytes / 1024 / 1024)) MiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f '%e %U %S' -o "$work/time" sh -c "head -1 '$work/corpus.ndjson' | dotnet '$host' extract --rules rules > /dev/null"
read -r wall user sys < "$work/time"
echo "start-up (one line): $wall s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') CPU-s"
run "file → file" sh -c "dotnet '$host' extract --rules rules < '$work/corpus.ndjson' > '$work/out.ndjson'"
run "pipe → pipe (flush when idle)" sh -c "cat '$work/corpus.ndjson' | dotnet '$host' extract --rules rules | cat > /dev/null"
run "pipe → pipe (--flush line)" sh -c "cat '$work/corpus.ndjson' | dotnet '$host' extract --rules rules --flush line | cat > /dev/null"
# The same file run without tiered JIT: hot code is compiled optimized at once instead of running as tier-0 first.
run "file → file, TieredCompilation=0" sh -c "DOTNET_TieredCompilation=0 dotnet '$host' extract --rules rules < '$work/corpus.ndjson' > /dev/null"
test "$(wc -l < "$work/out.ndjson")" -eq "$lines" || { echo "error: expected $lines output lines" >&2; exit 1; }
if grep -q _funasr_extract_failure "$work/out.ndjson"; then echo "error: a corpus event failed" >&2; exit 1; fi
