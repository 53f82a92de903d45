#!/usr/bin/env bash
# Same-run comparison with sherpa-onnx on the same model, audio and thread count: N generated calls (whole files,
# greedy, 1 thread, CPU) decoded by `funasr-pipeline transcribe --vad off --no-lm --no-rules --threads 1` and by
# sherpa-onnx's SenseVoice runtime (tools/demo-model/check-sherpa.js, numThreads 1). Each runtime runs REPEAT times,
# alternating; the minimum and median wall and user+sys CPU time of each are reported with the mean peak RSS (process
# start to exit, model load included), and the share of files whose text is identical (spaces and case ignored).
# Usage: bench/ort/compare-sherpa.sh [N=100] [REPEAT=3]
# Env:   FUNASR_ARTIFACTS (build tree, default ./artifacts), MODEL (default models/demo-callcentre),
#        BASELINE (another build's funasr-pipeline.dll, e.g. an earlier commit's, run the same way as "baseline";
#        BASELINE_ENV is put in its environment, e.g. ORT_LIBRARY_PATH=... for a build that needs it)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-100}"
repeat="${2:-3}"
model="${MODEL:-$repo/models/demo-callcentre}"
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
work="$(mktemp -d /tmp/funasr-ort-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/src/Ingest/FunAsr.Ingest.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
host="$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll"
"$repo/bench/generate-calls.sh" "$count" "$work/calls"
audio=$(for f in "$work"/calls/*.wav; do soxi -D "$f"; done | awk '{s += $1} END {printf "%.1f", s}')

# run NAME COMMAND...: one timed run; appends "wall cpu rss_kb" to $work/NAME.times, output to $work/NAME.json.
run() {
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" > "$work/$name.json" 2> "$work/$name.err" || { cat "$work/$name.err"; exit 1; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time.txt" >> "$work/$name.times"
}
cd "$repo"
transcribe=(transcribe --model "$model" --device cpu --threads 1 --vad off --no-lm --no-rules --no-itn --format json "$work"/calls/*.wav)
runtimes=(ours sherpa)
[ -n "${BASELINE:-}" ] && runtimes=(baseline ours sherpa)
for ((r = 0; r < repeat; r++)); do
  [ -n "${BASELINE:-}" ] && run baseline env ${BASELINE_ENV:-} dotnet "$BASELINE" "${transcribe[@]}"
  run ours dotnet "$host" "${transcribe[@]}"
  run sherpa node "$repo/tools/demo-model/check-sherpa.js" --model-dir "$model" --threads 1 "$work"/calls/*.wav
done

echo "ONNX Runtime vs sherpa-onnx ($(date -u +%F), $(nproc) cores, model $(basename "$model"), $count calls, ${audio} s of audio, 1 thread, greedy, files whole; $repeat runs each)"
python3 - "$audio" "${runtimes[@]/#/$work/}" <<'PY'
import statistics, sys
audio = float(sys.argv[1])
print(f"  {'runtime':<8} {'wall s min/med':>16} {'user+sys s min/med':>19} {'RSS MiB':>8} {'RTF (min)':>10}")
for path in sys.argv[2:]:
    runs = [list(map(float, line.split())) for line in open(path + ".times")]
    wall, cpu, rss = ([r[i] for r in runs] for i in range(3))
    print(f"  {path.rsplit('/', 1)[1]:<8} {min(wall):7.2f} / {statistics.median(wall):6.2f} {min(cpu):9.2f} / {statistics.median(cpu):7.2f}"
          f" {statistics.mean(rss) / 1024:8.0f} {min(wall) / audio:10.4f}")
PY
[ -n "${BASELINE:-}" ] && { cmp -s "$work/baseline.json" "$work/ours.json" && echo "  ours and baseline: byte-identical JSON" || echo "  ours and baseline: JSON differs"; }
python3 - "$work/ours.json" "$work/sherpa.json" <<'PY'
import json, sys
norm = lambda t: "".join(t.split()).lower()
ours = {d["source_path"]: norm(d["raw_text"]) for d in map(json.loads, open(sys.argv[1]))}
sherpa = {d["file"]: norm(d["text"]) for d in map(json.loads, open(sys.argv[2]))}
same = sum(ours[f] == sherpa.get(f) for f in ours)
print(f"  identical text, ours vs sherpa: {same}/{len(ours)} files")
PY
