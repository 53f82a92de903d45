#!/usr/bin/python3
"""Peer measurement for bench/run-frontend.sh: the same front end in Python on the same WAV, single thread.

  /usr/bin/python3 bench/peers/torchaudio_fbank.py RECORDING.wav

Times (median of several runs) the whole chain - read the PCM16 WAV, torchaudio.functional.resample to 16 kHz,
torchaudio.compliance.kaldi.fbank with the SenseVoice options (tools/fbank_reference.py), LFR (7, 6) and CMVN
with numpy - and fbank alone, then prints one JSON object with seconds of audio per second for each.
Exit code 3 when torch/torchaudio are not installed (the runner then skips the peer with a message).
"""
import json
import os
import statistics
import sys
import time
import wave

try:
    import numpy as np
    import torch
    import torchaudio
except ImportError as error:
    print(f"torchaudio peer skipped: {error} (install python3-torchaudio)", file=sys.stderr)
    sys.exit(3)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from fbank_reference import kaldi_fbank  # noqa: E402

RUNS = 7
LFR_M, LFR_N = 7, 6


def load(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, "expects mono PCM16"
        rate = w.getframerate()
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
    return torch.from_numpy(samples), rate


def lfr_cmvn(feats, shift, scale):
    t = feats.shape[0]
    padded = np.vstack([np.repeat(feats[:1], (LFR_M - 1) // 2, axis=0), feats, np.repeat(feats[-1:], LFR_M, axis=0)])
    idx = np.arange(-(-t // LFR_N))[:, None] * LFR_N + np.arange(LFR_M)[None, :]
    stacked = padded[idx].reshape(idx.shape[0], -1)
    return (stacked + shift) * scale


def median_seconds(fn):
    fn()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    path = sys.argv[1]
    torch.set_num_threads(1)
    samples, rate = load(path)
    seconds = samples.shape[0] / rate
    shift = np.full(LFR_M * 80, -8.0, dtype=np.float32)
    scale = np.full(LFR_M * 80, 0.25, dtype=np.float32)
    at16k = torchaudio.functional.resample(samples, rate, 16000)

    def chain():
        wave_, r = load(path)
        resampled = torchaudio.functional.resample(wave_, r, 16000) if r != 16000 else wave_
        lfr_cmvn(kaldi_fbank(resampled).numpy(), shift, scale)

    chain_s = median_seconds(chain)
    fbank_s = median_seconds(lambda: kaldi_fbank(at16k))
    print(json.dumps({
        "audio_seconds": seconds,
        "torch": torch.__version__,
        "torchaudio": torchaudio.__version__,
        "chain_seconds": chain_s,
        "fbank_seconds": fbank_s,
        "chain_audio_s_per_s": seconds / chain_s,
        "fbank_audio_s_per_s": seconds / fbank_s,
    }))


if __name__ == "__main__":
    main()
