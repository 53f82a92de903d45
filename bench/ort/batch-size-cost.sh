#!/usr/bin/env bash
# CPU cost of recognizer.batch_size on the VAD path (issue 29): `ingest --once` of N generated calls (bench/generate-calls.sh)
# with the configuration's defaults (silero VAD, LM beam, ITN, rules), one decode worker, --threads 1, once per batch
# size, interleaved REPEAT times; min and median wall and user+sys CPU of each, and whether the documents (stdout sink,
# without processed_at and the run's own timings) equal those of the first batch size. A batch pads its segments to the
# longest one, so with a model whose Run dominates (tools/demo-model/make-sized-model.py) padding is paid in full.
# Usage: bench/ort/batch-size-cost.sh [N=12] [REPEAT=2] [BATCH_SIZES="1 4 8"]
# Env:   OURS (funasr-pipeline.dll; default the build in FUNASR_ARTIFACTS or ./artifacts), MODEL (default models/demo-callcentre)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-12}"
repeat="${2:-2}"
read -r -a sizes <<< "${3:-1 4 8}"
model="$(cd "${MODEL:-$repo/models/demo-callcentre}" && pwd)"
ours="${OURS:-${FUNASR_ARTIFACTS:-$repo/artifacts}/bin/FunAsr.Ingest/release/funasr-pipeline.dll}"
work="$(mktemp -d /tmp/funasr-batch-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export SILERO_VAD_PATH="$repo/models/silero-vad/silero_vad.onnx" FUNASR_RULES_DIR="$repo/rules"
"$repo/bench/generate-calls.sh" "$count" "$work/calls"
for size in "${sizes[@]}"; do
  cat > "$work/batch$size.yaml" <<YAML
data_dir: $work/data
recognizer:
  model_dir: $model
  device: cpu
  batch_size: $size
pipeline:
  decode_workers: 1
sinks:
  - type: stdout
YAML
done

for ((r = 0; r < repeat; r++)); do
  for size in "${sizes[@]}"; do
    rm -rf "$work/data"
    /usr/bin/time -f '%e %U %S' -o "$work/time.txt" dotnet "$ours" ingest "$work/calls" --once --threads 1 \
      --config "$work/batch$size.yaml" > "$work/batch$size.out" 2> "$work/batch$size.err" || { cat "$work/batch$size.err"; exit 1; }
    awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time.txt" >> "$work/batch$size.times"
  done
done

echo "recognizer.batch_size ($(date -u +%F), $(nproc) cores, model $model, $count calls, $repeat runs each)"
python3 - "$work" "${sizes[@]}" <<'PY'
import json, os, statistics, sys
work, sizes = sys.argv[1], sys.argv[2:]
def documents(size):
    # The stdout sink's documents (the summary lines are not JSON) without the fields that time the run itself.
    docs = [json.loads(line) for line in open(os.path.join(work, f"batch{size}.out")) if line.startswith("{")]
    for doc in docs:
        doc.pop("processed_at", None)
        for key in ("processing_seconds", "real_time_factor"):
            doc.get("metrics", {}).pop(key, None)
    return sorted(json.dumps(d, ensure_ascii=False, sort_keys=True) for d in docs)
first = documents(sizes[0])
print(f"  {'batch_size':<10} {'wall s min/med':>15} {'CPU s min/med':>15}  documents")
for size in sizes:
    rows = [list(map(float, line.split())) for line in open(os.path.join(work, f"batch{size}.times"))]
    wall, cpu = [r[0] for r in rows], [r[1] for r in rows]
    docs = documents(size)
    same = f"{len(docs)}, identical to batch_size {sizes[0]}" if docs == first else f"{len(docs)}, DIFFER from batch_size {sizes[0]}"
    print(f"  {size:<10} {min(wall):6.2f} / {statistics.median(wall):6.2f} {min(cpu):6.2f} / {statistics.median(cpu):6.2f}  {same}")
PY
