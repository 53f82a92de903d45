#!/usr/bin/env bash
# Whole-pipeline benchmark: generates N call recordings (espeak-ng + sox, zh and en, ~15-25 s each), ingests them
# with `funasr-pipeline ingest DIR --once` into a fresh embedded store and reports recordings/hour, the real-time
# factor (wall time / audio time) and peak memory (max RSS from /usr/bin/time -v).
#
# Usage: bench/pipeline/run.sh [N=40] [model dir, default: the bundled demo model, else models/test-tiny]
# Env:   FUNASR_ARTIFACTS (build tree, default ./artifacts), DEVICE (default cpu), BATCH (default 4)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-40}"
model="${2:-}"
if [[ -z "$model" ]]; then
  if [[ -f "$repo/models/demo-callcentre/model.onnx" ]]; then model="$repo/models/demo-callcentre"; else model="$repo/models/test-tiny"; fi
fi
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
work="$(mktemp -d /tmp/funasr-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/src/Ingest/FunAsr.Ingest.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
host="$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll"

"$repo/bench/generate-calls.sh" "$count" "$work/inbox"
audio=$(for f in "$work"/inbox/*.wav; do soxi -D "$f"; done | awk '{s += $1} END {printf "%.1f", s}')

cat > "$work/bench.yaml" <<YAML
data_dir: $work/data
recognizer:
  model_dir: $model
  device: ${DEVICE:-cpu}
  batch_size: ${BATCH:-4}
pipeline:
  retry_backoff_seconds: 0
YAML

cd "$repo"
/usr/bin/time -v -o "$work/time.txt" dotnet "$host" ingest "$work/inbox" --once --config "$work/bench.yaml" > "$work/out.txt" 2>&1 || {
  cat "$work/out.txt"; exit 1; }
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time.txt")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
stored=$(grep -o 'Recordings stored *│ *[0-9]*' "$work/out.txt" | grep -o '[0-9]*$' || echo "?")

echo "Whole-pipeline benchmark ($(date -u +%F), $(nproc) cores, model $(basename "$model"), device ${DEVICE:-cpu}, batch ${BATCH:-4})"
echo "  recordings:        $count generated, $stored stored"
echo "  audio:             ${audio} s"
echo "  wall time:         ${wall} s (process start to exit, model load included)"
awk -v n="$count" -v w="$wall" -v a="$audio" -v r="$rss_kb" 'BEGIN {
  printf "  recordings/hour:   %.0f\n", n / w * 3600
  printf "  real-time factor:  %.3f (wall / audio; below 1 is faster than real time)\n", w / a
  printf "  peak memory:       %.0f MiB (max RSS)\n", r / 1024 }'
