#!/usr/bin/env bash
# FunASR's standard pipeline, cost per hour of audio, in one run on the same files (CPU, 1 thread):
#  1. Paraformer, files whole: `funasr-pipeline transcribe --vad off` vs sherpa-onnx-node's paraformer
#     (tools/funasr/check-sherpa-funasr.js), on N calls of bench/generate-calls.sh, with the share of identical texts.
#  2. VAD only: `funasr-pipeline vad --vad fsmn` vs `--vad silero` on the same calls.
#  3. Boundaries: both VADs on the stereo calls of tools/make-test-calls.py, scored by tools/score-vad.py.
# The tiny stand-ins of models/tiny-funasr have the real I/O but random weights: their texts and FSMN boundaries mean
# nothing; what is measured is the pipeline's cost and that the scorer runs. Point PARAFORMER / FSMN at real folders
# (e.g. sherpa-onnx-paraformer-zh-2024-03-09, speech_fsmn_vad_zh-cn-16k-common-onnx) for real figures.
# Usage: bench/funasr/run.sh [N=20] [CALLS=4]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/funasr-family-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
count="${1:-20}" calls="${2:-4}" artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
paraformer="${PARAFORMER:-$repo/models/tiny-funasr/paraformer-timestamp}" fsmn="${FSMN:-$repo/models/tiny-funasr/fsmn-vad}"

dotnet build "$repo/src/Ingest/FunAsr.Ingest.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
host=(dotnet "$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll")
"$repo/bench/generate-calls.sh" "$count" "$work/calls"
/usr/bin/python3 "$repo/tools/make-test-calls.py" --out "$work/stereo" --calls "$calls" --turns 12 > /dev/null
hours=$(for f in "$work"/calls/*.wav; do soxi -D "$f"; done | awk '{s += $1} END {printf "%.5f", s / 3600}')

# timed NAME COMMAND...: prints "NAME wall_s cpu_s rss_mb s_per_audio_hour", output to $work/NAME.out
timed() {
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err" || { cat "$work/$name.err"; exit 1; }
  awk -v n="$name" -v h="$hours" '{printf "| %s | %.2f | %.2f | %.0f | %.1f |\n", n, $1, $2 + $3, $4 / 1024, $1 / h}' "$work/$name.time"
}
cd "$repo"
echo "Audio: $count calls, $(awk -v h="$hours" 'BEGIN {printf "%.2f", h * 60}') min (bench/generate-calls.sh). Paraformer: $paraformer. FSMN-VAD: $fsmn."
echo
echo "| run | wall s | cpu s | peak RSS MB | wall s per audio hour |"
echo "|---|---|---|---|---|"
timed paraformer-ours "${host[@]}" transcribe --model "$paraformer" --device cpu --threads 1 --vad off --no-itn --no-rules --format json "$work"/calls/*.wav
timed paraformer-sherpa node tools/funasr/check-sherpa-funasr.js paraformer "$paraformer" --threads 1 "$work"/calls/*.wav
timed vad-fsmn "${host[@]}" vad --vad fsmn --vad-model "$fsmn" --json "$work"/calls/*.wav
timed vad-silero "${host[@]}" vad --vad silero --json "$work"/calls/*.wav
same=$(/usr/bin/python3 - "$work/paraformer-ours.out" "$work/paraformer-sherpa.out" <<'PY'
import json, sys
ours = [json.loads(l)["raw_text"] for l in open(sys.argv[1]) if l.strip()]
theirs = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
for a, b in zip(ours, theirs):
    if a != b["text"]:
        print(f"differs: {b['file']}: ours '{a}', sherpa '{b['text']}'", file=sys.stderr)
print(f"{sum(a == b['text'] for a, b in zip(ours, theirs))}/{len(theirs)}")
PY
)
echo
echo "Paraformer texts identical to sherpa-onnx: $same."
echo
for method in fsmn silero; do
  extra=(); [ "$method" = fsmn ] && extra=(--vad-model "$fsmn")
  echo "VAD boundaries, $method, $calls stereo calls of tools/make-test-calls.py:"
  "${host[@]}" vad --vad "$method" "${extra[@]}" --json "$work"/stereo/*.wav | /usr/bin/python3 tools/score-vad.py
  echo
done
