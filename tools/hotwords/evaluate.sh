#!/usr/bin/env bash
# Hotword evaluation of a model through the C# CLI: transcribes the evaluation set (make_eval_set.py) greedily, with
# the beam search at zero bonus, and with the hotword list, timing each run, then prints the table of score.py
# (recall, CER, false insertions, wall time). Extra --score/--beam pairs add runs, for tuning the defaults.
#   tools/hotwords/evaluate.sh [--model-dir models/demo-callcentre] [--work tools/hotwords/work] [--tune "1,8 2,8 3,8"] [--build]
# The CLI is built (Release, into $FUNASR_ARTIFACTS) when missing or with --build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
model_dir="$repo/models/demo-callcentre"
work="$here/work"
tune=""
build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --model-dir) model_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --work) work="$(cd "$2" && pwd)"; shift 2 ;;
    --tune) tune="$2"; shift 2 ;;
    --build) build=1; shift ;;
    *) echo "evaluate.sh: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -f "$work/eval.jsonl" ] || { echo "evaluate.sh: $work/eval.jsonl missing: run /usr/bin/python3 tools/hotwords/make_eval_set.py first" >&2; exit 1; }
export FUNASR_ARTIFACTS="${FUNASR_ARTIFACTS:-/tmp/art-hotwords}"
cli="$FUNASR_ARTIFACTS/bin/FunAsr.Ingest/release/funasr-pipeline"
if [ "$build" = 1 ] || [ ! -x "$cli" ]; then
  dotnet build "$repo/src/Ingest" -c Release -v q -nologo -clp:ErrorsOnly >&2
fi
mapfile -t wavs < <(ls "$work"/wav/*.wav)
hotwords="$here/eval-hotwords.txt"
runs=()
transcribe() {  # name, extra CLI arguments…  (timed in CPU seconds, user + system: wall time means little on a shared machine)
  local name="$1"; shift
  local TIMEFORMAT='%U %S' times
  times=$( { time $cli transcribe --model "$model_dir" --device cpu --no-itn --format json "$@" "${wavs[@]}" > "$work/$name.json" 2> "$work/$name.log"; } 2>&1 )
  runs+=(--run "$name=$work/$name.json=$(echo "$times" | awk '{ printf "%.1f", $1 + $2 }')")
}
transcribe greedy
transcribe beam-no-bonus --hotwords "$hotwords" --hotword-score 0
transcribe hotwords --hotwords "$hotwords"
for pair in $tune; do
  transcribe "score${pair%,*}-beam${pair#*,}" --hotwords "$hotwords" --hotword-score "${pair%,*}" --beam-size "${pair#*,}"
done
cd "$here"
/usr/bin/python3 score.py --labels "$work/eval.jsonl" --hotwords "$hotwords" "${runs[@]}" --show-errors "${SHOW_ERRORS:-0}"
