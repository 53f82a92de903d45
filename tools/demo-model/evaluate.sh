#!/usr/bin/env bash
# CER of the demo model on a held-out split (test, or dev with --split dev), measured through the C# CLI
# (`funasr-pipeline transcribe --format json`), per language and channel (clean 16 kHz / telephony 8 kHz µ-law).
# Compares the spoken form (raw_text) with the labels, ignoring spaces, case and punctuation.
#   tools/demo-model/evaluate.sh [--split test|dev] [--runtime csharp|sherpa] [--vad auto|silero|energy|off]
#                                [--model-dir DIR] [--work DIR] [-- TRANSCRIBE-OPTIONS...]
# --split dev scores the development split (tune decoder settings there); the default, test, is the one reported.
# --vad is passed to transcribe (default: the CLI's); "off" decodes each held-out file whole, as sherpa does.
# Options after -- go to transcribe as they are, e.g. -- --no-lm, or -- --lm-weight 0.3.
# SHOW_ERRORS=N prints N mistaken utterances; BY_VOICE=1 adds CER per espeak-ng voice and variant; MISSED=N lists
# the N reference words (en) or characters (zh) most often deleted or substituted.
# --runtime sherpa decodes with sherpa-onnx's Node addon instead (check-sherpa.js), for a cross-check.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
split=test
runtime=csharp
model_dir="$repo/models/demo-callcentre"
work="$here/work"
vad=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    --split) split="$2"; shift 2 ;;
    --runtime) runtime="$2"; shift 2 ;;
    --vad) vad=(--vad "$2"); shift 2 ;;
    --model-dir) model_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --work) work="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "evaluate.sh: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -f "$work/$split.jsonl" ] || { echo "evaluate.sh: $work/$split.jsonl missing: run tools/demo-model/build.sh first" >&2; exit 1; }
mapfile -t wavs < <(ls "$work/$split"/*.wav)
suffix="$(printf '%s' "${extra[*]}" | tr -c 'A-Za-z0-9.' '_')"
out="$work/hypotheses-$split-$runtime${vad[1]:+-vad-${vad[1]}}${suffix:+-$suffix}.json"
if [ "$runtime" = csharp ]; then
  export FUNASR_ARTIFACTS="${FUNASR_ARTIFACTS:-/tmp/art-model}"
  # With the build output outside the repo the app cannot find models/silero-vad by walking up: point at it.
  export SILERO_VAD_PATH="${SILERO_VAD_PATH:-$repo/models/silero-vad/silero_vad.onnx}"
  dotnet build "$repo/src/Ingest" -c Release -v q -nologo -clp:ErrorsOnly >&2
  dotnet run --project "$repo/src/Ingest" -c Release --no-build -- transcribe --model "$model_dir" "${vad[@]}" "${extra[@]}" --format json "${wavs[@]}" > "$out"
else
  node "$here/check-sherpa.js" --model-dir "$model_dir" "${wavs[@]}" > "$out"
fi
cd "$here"
/usr/bin/python3 cer.py --labels "$work/$split.jsonl" --hypotheses "$out" --show-errors "${SHOW_ERRORS:-0}" --missed "${MISSED:-0}" ${BY_VOICE:+--by-voice}
