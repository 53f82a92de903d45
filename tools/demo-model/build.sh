#!/usr/bin/env bash
# Reproduces the demo model end to end, seeded: utterance lists → espeak-ng/sox audio and reference fbank →
# training → ONNX export (sherpa SenseVoice format) into models/demo-callcentre → its token 4-gram LM (lm.arpa,
# from the training transcripts) → samples/ → CER through the C# CLI.
# Needs Debian's python3-torch, python3-torchaudio, python3-onnx, python3-numpy, espeak-ng and sox (tooling only:
# nothing at run time needs Python). Each stage is skipped when its output exists, so a crash resumes; training
# resumes from work/checkpoint.pt. About 45 min of data on 2 cores, then ~1 s per training step.
#   tools/demo-model/build.sh [--steps N] [--anneal-steps N] [--lr RATE] [--init-from MODEL_DIR]
# --init-from continues a shipped model (e.g. models/demo-callcentre: its weights, vocabulary, CMVN and step count)
# instead of training from scratch; --steps is then the step to stop at, counted from the shipped model's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$here/work"
steps=9600
anneal=1000
lr=2e-3
init=()
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps="$2"; shift 2 ;;
    --anneal-steps) anneal="$2"; shift 2 ;;
    --lr) lr="$2"; shift 2 ;;
    --init-from) init=(--init-from "$(cd "$2" && pwd)"); shift 2 ;;
    *) echo "build.sh: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
py=/usr/bin/python3
export OMP_WAIT_POLICY=PASSIVE
cd "$here"
mkdir -p "$work"
$py make_corpus.py --out "$work"  # seeded: a rerun writes the same lists, so rendered shards stay valid
$py synthesize.py --work "$work"
$py train.py --work "$work" --steps "$steps" --anneal-steps "$anneal" --lr "$lr" "${init[@]}"
$py export.py --work "$work" --out "$repo/models/demo-callcentre"
$py build_lm.py --work "$work" --tokens "$repo/models/demo-callcentre/tokens.txt" --out "$repo/models/demo-callcentre/lm.arpa"
$py make_samples.py --out "$repo/samples"
"$here/evaluate.sh" --work "$work"
