#!/usr/bin/env bash
# Same-run costs of the recognizer's settings against sherpa-onnx and an earlier build (issue 29), whole processes on N
# generated calls (bench/generate-calls.sh), interleaved REPEAT times; min and median wall and user+sys CPU of each:
#   greedy-1     transcribe --threads 1 --vad off --no-lm --no-rules --no-itn   | sherpa SenseVoice, numThreads 1
#   greedy-N     the same at --threads 0 (ORT's choice)                          | sherpa, numThreads = cores
#   defaults     transcribe --threads 1 (silero VAD, lm.arpa beam 16, ITN, rules)
#   hotwords     --vad off --no-lm --hotwords tools/hotwords/eval-hotwords.txt --beam-size 32
#   lm+hotwords  --vad off --hotwords tools/hotwords/eval-hotwords.txt (LM beam 16)
#   silero       vad --vad silero --json                                         | sherpa's silero (check-sherpa-vad.js)
# and the defaults taken apart (each adds one stage to the one before; defaults adds the rules):
#   startup      greedy-1 on one second of silence (process start, model load, JIT)
#   vad-greedy   transcribe --threads 1 --no-lm --no-rules --no-itn (silero VAD, greedy)
#   vad-lm       transcribe --threads 1 --no-rules --no-itn
#   vad-lm-itn   transcribe --threads 1 --no-rules
# and whether each setting's output is byte-identical to the baseline build's (and to COMPARE_MODEL's).
# Usage: bench/ort/recognizer-speed.sh [N=66] [REPEAT=3]
# Env:   OURS (funasr-pipeline.dll to measure, or an executable such as setup.sh's artifacts/cli/funasr-pipeline; default
#        the build in FUNASR_ARTIFACTS or ./artifacts), BASELINE (an earlier
#        build's funasr-pipeline.dll, run with the same model, silero file and rules; BASELINE_SILERO_VAD_PATH gives it
#        its own silero file when the files beside ours are in a layout it cannot read), MODEL (default models/demo-callcentre),
#        COMPARE_MODEL (a second model directory run by ours and sherpa interleaved with MODEL, its output compared but for
#        model_id, e.g. models/demo-callcentre against tools/demo-model/make-sized-model.py's copy of it),
#        ROWS (the settings to run, in order; default "greedy-1 greedy-N defaults hotwords lm+hotwords silero")
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-66}"
repeat="${2:-3}"
model="${MODEL:-$repo/models/demo-callcentre}"
ours="${OURS:-${FUNASR_ARTIFACTS:-$repo/artifacts}/bin/FunAsr.Ingest/release/funasr-pipeline.dll}"
work="$(mktemp -d /tmp/funasr-speed-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export SILERO_VAD_PATH="$repo/models/silero-vad/silero_vad.onnx" FUNASR_RULES_DIR="$repo/rules" FUNASR_MODEL_DIR="$model"
"$repo/bench/generate-calls.sh" "$count" "$work/calls"
sox -n -r 16000 -b 16 -c 1 "$work/silence.wav" trim 0 1
calls=("$work"/calls/*.wav)
audio=$(for f in "${calls[@]}"; do soxi -D "$f"; done | awk '{s += $1} END {printf "%.1f", s}')
cores=$(nproc)
# launcher APP: how to start APP (a .dll through dotnet, an executable as it is).
launcher() { if [[ "$1" == *.dll ]]; then echo dotnet "$1"; else echo "$1"; fi; }
read -r -a ours_app <<< "$(launcher "$ours")"
read -r -a baseline_app <<< "$(launcher "${BASELINE:-none}")"

# run NAME COMMAND...: one timed run; appends "wall cpu" to $work/NAME.times, stdout to $work/NAME.out.
run() {
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" > "$work/$name.out" 2> "$work/$name.err" || { cat "$work/$name.err"; exit 1; }
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time.txt" >> "$work/$name.times"
}
hot="$repo/tools/hotwords/eval-hotwords.txt"
declare -A settings=(
  [greedy-1]="transcribe --device cpu --threads 1 --vad off --no-lm --no-rules --no-itn --format json"
  [greedy-N]="transcribe --device cpu --threads 0 --vad off --no-lm --no-rules --no-itn --format json"
  [defaults]="transcribe --device cpu --threads 1 --format json"
  [hotwords]="transcribe --device cpu --threads 1 --vad off --no-lm --hotwords $hot --beam-size 32 --format json"
  [lm+hotwords]="transcribe --device cpu --threads 1 --vad off --hotwords $hot --format json"
  [silero]="vad --vad silero --json"
  [startup]="transcribe --device cpu --threads 1 --vad off --no-lm --no-rules --no-itn --format json"
  [vad-greedy]="transcribe --device cpu --threads 1 --no-lm --no-rules --no-itn --format json"
  [vad-lm]="transcribe --device cpu --threads 1 --no-rules --no-itn --format json"
  [vad-lm-itn]="transcribe --device cpu --threads 1 --no-rules --format json"
)
read -r -a order <<< "${ROWS:-greedy-1 greedy-N defaults hotwords lm+hotwords silero}"
for setting in "${order[@]}"; do
  [ -n "${settings[$setting]:-}" ] || { echo "ROWS: unknown setting '$setting' (known: ${!settings[*]})" >&2; exit 2; }
done
has() { [[ " ${order[*]} " == *" $1 "* ]]; }
# inputs SETTING: the files a setting reads.
inputs() { if [ "$1" = startup ]; then echo "$work/silence.wav"; else echo "${calls[@]}"; fi; }
cd "$repo"
for ((r = 0; r < repeat; r++)); do
  for setting in "${order[@]}"; do
    read -r -a files <<< "$(inputs "$setting")"
    # shellcheck disable=SC2086
    [ -n "${BASELINE:-}" ] && run "baseline.$setting" env SILERO_VAD_PATH="${BASELINE_SILERO_VAD_PATH:-$SILERO_VAD_PATH}" "${baseline_app[@]}" ${settings[$setting]} "${files[@]}"
    # shellcheck disable=SC2086
    run "ours.$setting" "${ours_app[@]}" ${settings[$setting]} "${files[@]}"
    # shellcheck disable=SC2086
    if [ -n "${COMPARE_MODEL:-}" ]; then run "compare.$setting" env FUNASR_MODEL_DIR="$COMPARE_MODEL" "${ours_app[@]}" ${settings[$setting]} "${files[@]}"; fi
  done
  if has greedy-1; then
    run sherpa.greedy-1 node tools/demo-model/check-sherpa.js --model-dir "$model" --threads 1 "${calls[@]}"
    if [ -n "${COMPARE_MODEL:-}" ]; then run sherpa-compare.greedy-1 node tools/demo-model/check-sherpa.js --model-dir "$COMPARE_MODEL" --threads 1 "${calls[@]}"; fi
  fi
  if has greedy-N; then
    run sherpa.greedy-N node tools/demo-model/check-sherpa.js --model-dir "$model" --threads "$cores" "${calls[@]}"
    if [ -n "${COMPARE_MODEL:-}" ]; then run sherpa-compare.greedy-N node tools/demo-model/check-sherpa.js --model-dir "$COMPARE_MODEL" --threads "$cores" "${calls[@]}"; fi
  fi
  if has silero; then run sherpa.silero node tools/demo-model/check-sherpa-vad.js --threads 1 "${calls[@]}"; fi
done

echo "Recognizer speed ($(date -u +%F), $cores cores, model $model, compare ${COMPARE_MODEL:-none}, $count calls, ${audio} s of audio, $repeat runs each)"
python3 - "$work" "${order[@]}" <<'PY'
import os, re, statistics, sys
work, order = sys.argv[1], sys.argv[2:]
def output(name):
    # processed_at is the clock time of each run and model_id the model's folder name: the only fields that may differ.
    return re.sub(rb'"(processed_at|model_id)":"[^"]*",?', b"", open(os.path.join(work, name + ".out"), "rb").read())
def stats(name):
    path = os.path.join(work, name + ".times")
    if not os.path.exists(path):
        return None
    rows = [list(map(float, line.split())) for line in open(path)]
    wall, cpu = [r[0] for r in rows], [r[1] for r in rows]
    return min(wall), statistics.median(wall), min(cpu), statistics.median(cpu)
print(f"  {'setting':<12} {'runtime':<9} {'wall s min/med':>15} {'CPU s min/med':>15}  output")
for setting in order:
    for runtime in ("baseline", "ours", "compare", "sherpa", "sherpa-compare"):
        s = stats(f"{runtime}.{setting}")
        if s is None:
            continue
        same = ""
        if runtime == "ours" and os.path.exists(os.path.join(work, f"baseline.{setting}.out")):
            same = "byte-identical to baseline (but processed_at)" if output(f"baseline.{setting}") == output(f"ours.{setting}") else "DIFFERS from baseline"
        if runtime in ("compare", "sherpa-compare"):
            other = "ours" if runtime == "compare" else "sherpa"
            same = ("byte-identical to MODEL's (but processed_at, model_id)" if output(f"{runtime}.{setting}") == output(f"{other}.{setting}")
                    else "DIFFERS from MODEL's")
        print(f"  {setting:<12} {runtime:<9} {s[0]:6.2f} / {s[1]:6.2f} {s[2]:6.2f} / {s[3]:6.2f}  {same}")
PY
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
lines = lambda name: map(json.loads, open(os.path.join(work, name + ".out")))
norm = lambda t: "".join(t.split()).lower()
for suffix in ("", "-compare"):
    if os.path.exists(os.path.join(work, f"sherpa{suffix}.greedy-1.out")):
        ours = {d["source_path"]: norm(d["raw_text"]) for d in lines(f"{'compare' if suffix else 'ours'}.greedy-1")}
        sherpa = {d["file"]: norm(d["text"]) for d in lines(f"sherpa{suffix}.greedy-1")}
        print(f"  greedy text identical, ours vs sherpa{suffix}: {sum(ours[f] == sherpa.get(f) for f in ours)}/{len(ours)} files")
if not os.path.exists(os.path.join(work, "sherpa.silero.out")):
    sys.exit()
ours = {d["file"]: d["segments"] for d in lines("ours.silero")}
sherpa = {d["file"]: d["segments"] for d in lines("sherpa.silero")}
pairs = [(a, b) for f in ours if len(ours[f]) == len(sherpa.get(f, [])) for a, b in zip(ours[f], sherpa[f])]
same = sum(len(ours[f]) == len(sherpa.get(f, [])) for f in ours)
worst = max((max(abs(a["start"] - b["start"]), abs(a["end"] - b["end"])) for a, b in pairs), default=0)
print(f"  silero segments, ours vs sherpa: same count in {same}/{len(ours)} files; largest boundary gap there {worst * 1000:.0f} ms")
PY
