#!/usr/bin/env bash
# GPU check and benchmark, for a machine with an NVIDIA GPU (driver for CUDA 13, CUDA 13 and cuDNN 9 libraries on the
# loader path; CI has no GPU, so this is run by hand). Builds the cuda flavour (-p:OrtFlavor=cuda, into
# artifacts-cuda/), then transcribes samples/ and N generated calls with --device cuda:0 and with --device cpu
# (greedy, VAD on, rules off) and prints for each: wall time, real-time factor, the device every transcript reports,
# the CPU-fallback count (batches re-run on CPU; must be 0), and the share of files whose text is identical between
# GPU and CPU. Exits non-zero when CUDA was not used for every file or a batch fell back. Takes a few minutes.
# Usage: bench/gpu/run.sh [N=100] [DEVICE=cuda:0]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-100}"
gpu="${2:-cuda:0}"
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts-cuda}"
work="$(mktemp -d /tmp/funasr-gpu-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv,noheader \
  || echo "warning: nvidia-smi not found; no NVIDIA driver?" >&2
FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/src/Ingest/FunAsr.Ingest.csproj" -c Release -p:OrtFlavor=cuda --nologo -v quiet -clp:ErrorsOnly >&2
host="$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll"
dotnet "$host" doctor --device "$gpu"
"$repo/bench/generate-calls.sh" "$count" "$work/calls"
files=("$repo"/samples/*.wav "$work"/calls/*.wav)
audio=$(for f in "${files[@]}"; do soxi -D "$f"; done | awk '{s += $1} END {printf "%.1f", s}')

# run NAME DEVICE: transcribe every file; JSON to NAME.json, log to NAME.err, "wall" to NAME.wall.
run() {
  local start end
  start=$(date +%s.%N)
  (cd "$repo" && dotnet "$host" transcribe --device "$2" --no-lm --no-rules --format json "${files[@]}") > "$work/$1.json" 2> "$work/$1.err" \
    || { cat "$work/$1.err" >&2; echo "error: transcribe --device $2 failed" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f", e - s}' > "$work/$1.wall"
}
run gpu "$gpu"
run cpu cpu

echo "GPU benchmark ($(date -u +%F), ${#files[@]} files, ${audio} s of audio, greedy, VAD on)"
for name in gpu cpu; do
  awk -v n="$name" -v w="$(cat "$work/$name.wall")" -v a="$audio" 'BEGIN {printf "  %-4s wall %8.2f s   RTF %.4f\n", n, w, w / a}'
done
fallbacks=$(grep -c "is re-run on cpu" "$work/gpu.err" || true)
python3 - "$work/gpu.json" "$work/cpu.json" "$gpu" "$fallbacks" <<'PY'
import json, sys
gpu = [json.loads(l) for l in open(sys.argv[1])]
cpu = {d["source_path"]: d for d in map(json.loads, open(sys.argv[2]))}
want, fallbacks = sys.argv[3], int(sys.argv[4])
on_gpu = sum(d["device"] == want for d in gpu)
same = sum(d["raw_text"] == cpu[d["source_path"]]["raw_text"] for d in gpu)
print(f"  files on {want}: {on_gpu}/{len(gpu)}")
print(f"  CPU fallbacks:    {fallbacks} (must be 0)")
print(f"  identical text:   {same}/{len(gpu)} files ({100 * same / len(gpu):.1f} %) GPU vs CPU")
if on_gpu != len(gpu) or fallbacks:
    sys.exit(f"FAIL: CUDA was not used for every file (device {want}: {on_gpu}/{len(gpu)}, fallbacks {fallbacks})")
PY
