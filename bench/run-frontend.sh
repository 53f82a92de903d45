#!/usr/bin/env bash
# Front-end throughput, ours vs torchaudio, on the same 60 s 8 kHz speech recording, single thread.
#   bench/run-frontend.sh            prints both figures and the ratio, and writes bench/results/<date>-frontend.md
# Needs espeak-ng and sox (tools/install-deps.sh); the torchaudio peer needs python3-torchaudio and is skipped with a
# message when it is missing. Set FUNASR_ARTIFACTS to keep the build output apart from other builds.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3

# 1. A 60 s, 8 kHz mono PCM16 telephone-band speech recording (espeak-ng, repeated, with a little noise).
text="Thank you for calling customer service. My order number is four two seven one and it has not arrived yet. \
Could you call me back tomorrow between nine and eleven in the morning? My phone number is five five five, \
one two three four. I would like a refund of forty nine dollars and ninety cents to my card."
espeak-ng -v en-us -s 165 -w "$work/speech.wav" "$text"
sox "$work/speech.wav" -r 8000 -c 1 -b 16 "$work/narrow.wav" sinc 300-3400 repeat 20 trim 0 60
sox -R "$work/narrow.wav" "$work/noise.wav" synth whitenoise vol 0.01
sox -m "$work/narrow.wav" "$work/noise.wav" -b 16 "$work/call-60s-8k.wav" norm -3
recording="$work/call-60s-8k.wav"
seconds="$(soxi -D "$recording")"
echo "Recording: ${seconds} s, 8 kHz mono PCM16"

# 2. Ours (BenchmarkDotNet, one process, single thread).
FUNASR_BENCH_WAV="$recording" dotnet run -c Release --project "$repo/bench/FunAsr.Bench" -- \
  --filter '*FrontEndBenchmarks*' --artifacts "$work/bdn" | tee "$work/bdn.log" | grep -E '^\|' || true
report="$(ls "$work"/bdn/results/*FrontEndBenchmarks*-report-brief.json)"

# 3. The torchaudio peer on the same file.
peer="$work/peer.json"
if "$python" "$repo/bench/peers/torchaudio_fbank.py" "$recording" > "$peer"; then :; else
  echo "torchaudio peer skipped (exit $?): install python3-torchaudio to compare." ; echo '{}' > "$peer"; fi

# 4. Figures, ratio, and the results file.
"$python" - "$report" "$peer" "$seconds" "$repo/bench/results/$(date +%F)-frontend.md" "$(dotnet --version)" <<'PY'
import json, os, platform, sys
report, peer, seconds, out, dotnet = sys.argv[1], json.load(open(sys.argv[2])), float(sys.argv[3]), sys.argv[4], sys.argv[5]
ours = {b["Method"]: b["Statistics"]["Mean"] / 1e9 for b in json.load(open(report))["Benchmarks"]}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
rows = [("decode + resample + fbank + LFR/CMVN", ours["FrontEnd"], peer.get("chain_seconds")),
        ("fbank only (16 kHz input)", ours["Fbank"], peer.get("fbank_seconds")),
        ("decode + resample only", ours["DecodeAndResample"], None),
        ("LFR + CMVN only", ours["LfrAndCmvn"], None)]
lines = [f"# Front-end throughput, {seconds:.0f} s of 8 kHz speech, single thread",
         "", f"Machine: {cpu}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (other builds, tests and a "
         f"model training shared the machine). .NET SDK {dotnet}, "
         f"BenchmarkDotNet mean of 10 iterations; peer: median of 7 runs, torch {peer.get('torch', 'n/a')}, "
         f"torchaudio {peer.get('torchaudio', 'n/a')}, torch.set_num_threads(1). Produced by bench/run-frontend.sh.", "",
         "| stage | ours: ms | ours: s audio / s | torchaudio: ms | torchaudio: s audio / s | ours ÷ torchaudio |",
         "|---|---:|---:|---:|---:|---:|"]
for name, mine, theirs in rows:
    peer_cols = (f"{theirs * 1000:.1f} | {seconds / theirs:,.0f} | {theirs / mine:.2f}×" if theirs else "– | – | –")
    lines.append(f"| {name} | {mine * 1000:.1f} | {seconds / mine:,.0f} | {peer_cols} |")
text = "\n".join(lines) + "\n"
print(text)
open(out, "w").write(text)
print(f"Written to {out}")
PY
