#!/usr/bin/env bash
# Same-run costs of the recognizer's settings against sherpa-onnx and an earlier build (issue 29), whole processes on N
# generated calls (bench/generate-calls.sh), interleaved REPEAT times; min and median wall and user+sys CPU of each:
#   greedy-1     transcribe --threads 1 --vad off --no-lm --no-rules --no-itn   | sherpa SenseVoice, numThreads 1
#   greedy-N     the same at --threads 0 (ORT's choice)                          | sherpa, numThreads = cores
#   defaults     transcribe --threads 1 (silero VAD, lm.arpa beam 16, ITN, rules)
#   hotwords     --vad off --no-lm --hotwords tools/hotwords/eval-hotwords.txt --beam-size 32
#   lm+hotwords  --vad off --hotwords tools/hotwords/eval-hotwords.txt (LM beam 16)
#   silero       vad --vad silero --json                                         | sherpa's silero (check-sherpa-vad.js)
# and whether each setting's output is byte-identical to the baseline build's.
# Usage: bench/ort/recognizer-speed.sh [N=66] [REPEAT=3]
# Env:   OURS (funasr-pipeline.dll to measure; default the build in FUNASR_ARTIFACTS or ./artifacts), BASELINE (an earlier
#        build's funasr-pipeline.dll, run with the same model, silero file and rules), MODEL (default models/demo-callcentre)
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
calls=("$work"/calls/*.wav)
audio=$(for f in "${calls[@]}"; do soxi -D "$f"; done | awk '{s += $1} END {printf "%.1f", s}')
cores=$(nproc)

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
)
order=(greedy-1 greedy-N defaults hotwords lm+hotwords silero)
cd "$repo"
for ((r = 0; r < repeat; r++)); do
  for setting in "${order[@]}"; do
    # shellcheck disable=SC2086
    [ -n "${BASELINE:-}" ] && run "baseline.$setting" dotnet "$BASELINE" ${settings[$setting]} "${calls[@]}"
    # shellcheck disable=SC2086
    run "ours.$setting" dotnet "$ours" ${settings[$setting]} "${calls[@]}"
  done
  run sherpa.greedy-1 node tools/demo-model/check-sherpa.js --model-dir "$model" --threads 1 "${calls[@]}"
  run sherpa.greedy-N node tools/demo-model/check-sherpa.js --model-dir "$model" --threads "$cores" "${calls[@]}"
  run sherpa.silero node tools/demo-model/check-sherpa-vad.js --threads 1 "${calls[@]}"
done

echo "Recognizer speed ($(date -u +%F), $cores cores, model $(basename "$model"), $count calls, ${audio} s of audio, $repeat runs each)"
python3 - "$work" "${order[@]}" <<'PY'
import os, re, statistics, sys
work, order = sys.argv[1], sys.argv[2:]
def stats(name):
    path = os.path.join(work, name + ".times")
    if not os.path.exists(path):
        return None
    rows = [list(map(float, line.split())) for line in open(path)]
    wall, cpu = [r[0] for r in rows], [r[1] for r in rows]
    return min(wall), statistics.median(wall), min(cpu), statistics.median(cpu)
print(f"  {'setting':<12} {'runtime':<9} {'wall s min/med':>15} {'CPU s min/med':>15}  output")
for setting in order:
    for runtime in ("baseline", "ours", "sherpa"):
        s = stats(f"{runtime}.{setting}")
        if s is None:
            continue
        same = ""
        if runtime == "ours" and os.path.exists(os.path.join(work, f"baseline.{setting}.out")):
            # processed_at is the clock time of each run: the only field that may differ.
            a, b = (re.sub(rb'"processed_at":"[^"]*",?', b"", open(os.path.join(work, f"{x}.{setting}.out"), "rb").read())
                    for x in ("baseline", "ours"))
            same = "byte-identical to baseline (but processed_at)" if a == b else "DIFFERS from baseline"
        print(f"  {setting:<12} {runtime:<9} {s[0]:6.2f} / {s[1]:6.2f} {s[2]:6.2f} / {s[3]:6.2f}  {same}")
PY
python3 - "$work/ours.greedy-1.out" "$work/sherpa.greedy-1.out" "$work/ours.silero.out" "$work/sherpa.silero.out" <<'PY'
import json, sys
norm = lambda t: "".join(t.split()).lower()
ours = {d["source_path"]: norm(d["raw_text"]) for d in map(json.loads, open(sys.argv[1]))}
sherpa = {d["file"]: norm(d["text"]) for d in map(json.loads, open(sys.argv[2]))}
print(f"  greedy text identical, ours vs sherpa: {sum(ours[f] == sherpa.get(f) for f in ours)}/{len(ours)} files")
ours = {d["file"]: d["segments"] for d in map(json.loads, open(sys.argv[3]))}
sherpa = {d["file"]: d["segments"] for d in map(json.loads, open(sys.argv[4]))}
pairs = [(a, b) for f in ours if len(ours[f]) == len(sherpa.get(f, [])) for a, b in zip(ours[f], sherpa[f])]
same = sum(len(ours[f]) == len(sherpa.get(f, [])) for f in ours)
worst = max((max(abs(a["start"] - b["start"]), abs(a["end"] - b["end"])) for a, b in pairs), default=0)
print(f"  silero segments, ours vs sherpa: same count in {same}/{len(ours)} files; largest boundary gap there {worst * 1000:.0f} ms")
PY
