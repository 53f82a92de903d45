#!/usr/bin/python3
"""Regenerates the golden front-end files the C# feature tests compare against (they need no Python).

  /usr/bin/python3 tools/regen-golden-features.py

1. Makes the three clips in tests/testdata/audio/ if they are missing (espeak-ng + sox; each <= 3 s, 16 kHz PCM16):
   zh-greeting (Mandarin), en-order (English), en-noisy-8k (English through an 8 kHz telephone band, with noise).
2. For each clip writes tests/testdata/features/<name>.fbank.f32 (little-endian float32, row-major [frames, 80])
   and <name>.fbank.json (shape and provenance), from tools/fbank_reference.py: torchaudio.compliance.kaldi.fbank with
   the SenseVoice options. The C# test requires max |difference| < 1e-3.
3. Pins LFR (7, 6) + CMVN semantics: with a small made-up am.mvn (made-up.am.mvn), writes en-order.lfr-cmvn.f32 (+ .json),
   computed here with numpy the way FunASR's frontend.py apply_lfr / apply_cmvn do it, from the torchaudio fbank.
Needs Debian's python3-torch, python3-torchaudio, python3-numpy, plus espeak-ng and sox for step 1.
"""
import json
import os
import subprocess
import sys
import tempfile
import wave

import numpy as np
import torchaudio

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fbank_reference import kaldi_fbank  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AUDIO = os.path.join(REPO, "tests", "testdata", "audio")
FEATURES = os.path.join(REPO, "tests", "testdata", "features")
CLIPS = {
    "zh-greeting": ("cmn", "您好，请问有什么可以帮您？", False),
    "en-order": ("en-us", "Your order number is four two seven one.", False),
    "en-noisy-8k": ("en", "Please call me back at nine in the morning.", True),
}
LFR_M, LFR_N = 7, 6


def run(*args):
    subprocess.run(args, check=True)


def make_clip(name, voice, text, telephone):
    path = os.path.join(AUDIO, name + ".wav")
    if os.path.exists(path):
        return path
    with tempfile.TemporaryDirectory() as tmp:
        speech = os.path.join(tmp, "speech.wav")
        run("espeak-ng", "-v", voice, "-s", "170", "-w", speech, text)
        if telephone:
            narrow = os.path.join(tmp, "narrow.wav")
            run("sox", speech, "-r", "8000", "-b", "16", narrow, "sinc", "300-3400")
            noise = os.path.join(tmp, "noise.wav")
            run("sox", "-R", narrow, noise, "synth", "whitenoise", "vol", "0.02")
            mixed = os.path.join(tmp, "mixed.wav")
            run("sox", "-m", narrow, noise, mixed)
            speech = mixed
        run("sox", speech, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", path,
            "trim", "0", "3", "norm", "-3")
    return path


def read_pcm16(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1 and w.getframerate() == 16000, path
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0


def write(name, array, extra):
    array = np.ascontiguousarray(array, dtype="<f4")
    array.tofile(os.path.join(FEATURES, name + ".f32"))
    meta = {"shape": list(array.shape), "dtype": "float32 little-endian, row-major"}
    meta.update(extra)
    with open(os.path.join(FEATURES, name + ".json"), "w") as f:
        json.dump(meta, f, indent=2, ensure_ascii=False)
        f.write("\n")


def apply_lfr(feats):
    """FunASR frontend.py apply_lfr, rewritten: left-pad (m-1)/2 copies of frame 0, repeat the last frame at the end."""
    t = feats.shape[0]
    out_frames = int(np.ceil(t / LFR_N))
    padded = np.vstack([np.tile(feats[0], ((LFR_M - 1) // 2, 1)), feats])
    rows = []
    for i in range(out_frames):
        window = padded[i * LFR_N: i * LFR_N + LFR_M]
        if window.shape[0] < LFR_M:
            window = np.vstack([window, np.tile(feats[-1], (LFR_M - window.shape[0], 1))])
        rows.append(window.reshape(-1))
    return np.stack(rows).astype(np.float32)


def made_up_cmvn(dim):
    d = np.arange(dim, dtype=np.float64)
    shift = (-(8.0 + 0.01 * d)).astype(np.float32)
    scale = (0.25 + 0.0005 * d).astype(np.float32)
    path = os.path.join(FEATURES, "made-up.am.mvn")
    fmt = lambda v: " ".join(f"{x:.6g}" for x in v)  # noqa: E731
    with open(path, "w") as f:
        f.write("<Nnet>\n")
        f.write(f"<Splice> {dim} {dim}\n[ 0 ]\n")
        f.write(f"<AddShift> {dim} {dim}\n<LearnRateCoef> 0 [ {fmt(shift)} ]\n")
        f.write(f"<Rescale> {dim} {dim}\n<LearnRateCoef> 0 [ {fmt(scale)} ]\n")
        f.write("</Nnet>\n")
    shift = np.array(fmt(shift).split(), dtype=np.float32)
    scale = np.array(fmt(scale).split(), dtype=np.float32)
    return shift, scale


def main():
    os.makedirs(AUDIO, exist_ok=True)
    os.makedirs(FEATURES, exist_ok=True)
    provenance = {"reference": "torchaudio.compliance.kaldi.fbank via tools/fbank_reference.py",
                  "torchaudio": torchaudio.__version__}
    for name, (voice, text, telephone) in CLIPS.items():
        path = make_clip(name, voice, text, telephone)
        fbank = kaldi_fbank(read_pcm16(path)).numpy()
        write(name + ".fbank", fbank, dict(provenance, source=f"tests/testdata/audio/{name}.wav", text=text))
        print(f"{name}: {fbank.shape[0]} frames")
        if name == "en-order":
            lfr = apply_lfr(fbank)
            shift, scale = made_up_cmvn(lfr.shape[1])
            write(name + ".lfr-cmvn", (lfr + shift) * scale,
                  dict(provenance, source=f"tests/testdata/features/{name}.fbank.f32",
                       steps=f"LFR m={LFR_M} n={LFR_N} (FunASR apply_lfr), then (x + AddShift) * Rescale from made-up.am.mvn"))


if __name__ == "__main__":
    main()
