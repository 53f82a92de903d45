"""Renders the utterance lists with espeak-ng and sox (resample to 16 kHz, gain, noise at an SNR, 8 kHz µ-law
telephony round trip) and computes the reference fbank (tools/fbank_reference.py) of every training clip.
Training clips are kept only as features (fp16 shards); test and dev clips are kept as WAV files (16 kHz PCM for clean,
8 kHz µ-law for telephony) because the evaluation runs them through the C# CLI."""
import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import zlib

import numpy as np

from voices import use_private_data_dir

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
RATE = 16000
RAW_FLOAT = ["-t", "raw", "-r", str(RATE), "-e", "floating-point", "-b", "32", "-c", "1"]
# sox dithers with a fresh random seed on every run unless -R: with it, a re-render of the held-out split is
# byte-identical. The noise generator (add_noise) is left unseeded on purpose: -R would give every training clip
# the same noise.
SOX = ["sox", "-R"]


def run(cmd, data=None):
    return subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True).stdout


def speak(u):
    """espeak-ng → sox at 16 kHz float with the utterance's gain, padded with a little silence."""
    wav = run(["espeak-ng", "-v", u["voice"], "-s", str(u["speed"]), "-p", str(u["pitch"]), "--stdout", u["text"]])
    pad = 0.05 + (zlib.crc32(u["id"].encode()) % 7) * 0.04
    out = run([*SOX, "-t", "wav", "-", *RAW_FLOAT, "-", "gain", f"{u['condition']['gain_db']:.2f}",
               "pad", f"{pad:.2f}", "0.1"], wav)
    return np.frombuffer(out, dtype=np.float32).copy()


def add_noise(samples, color, snr_db):
    noise = np.frombuffer(run(["sox", "-n", *RAW_FLOAT, "-", "synth", f"{len(samples) / RATE:.3f}", color]),
                          dtype=np.float32)[: len(samples)]
    noise = np.pad(noise, (0, len(samples) - len(noise)))
    signal_power = float(np.mean(samples ** 2)) + 1e-12
    noise_power = float(np.mean(noise ** 2)) + 1e-12
    return samples + noise * np.sqrt(signal_power / (noise_power * 10 ** (snr_db / 10)))


def telephony_bytes(samples):
    """8 kHz µ-law WAV bytes, band-limited to 300–3400 Hz."""
    return run([*SOX, *RAW_FLOAT, "-", "-t", "wav", "-r", "8000", "-e", "u-law", "-b", "8", "-", "sinc", "300-3400"],
               np.clip(samples, -1, 1).astype(np.float32).tobytes())


def render(u):
    samples = speak(u)
    c = u["condition"]
    if c.get("snr_db") is not None:
        samples = add_noise(samples, c.get("noise", "pinknoise"), c["snr_db"])
    samples = np.clip(samples, -1, 1)
    if c["kind"] == "telephony":
        ulaw = telephony_bytes(samples)
        back = np.frombuffer(run([*SOX, "-t", "wav", "-", *RAW_FLOAT, "-"], ulaw), dtype=np.float32).copy()
        return back, ulaw
    return samples, None


def features_of(u):
    import torch
    from fbank_reference import kaldi_fbank
    torch.set_num_threads(1)
    samples, _ = render(u)
    return u["id"], kaldi_fbank(samples).numpy().astype(np.float16)


def write_held_out_wav(args):
    u, out_dir = args
    samples, ulaw = render(u)
    path = os.path.join(out_dir, u["id"] + ".wav")
    if ulaw is not None:  # re-written by sox from the file so the header carries the real length (not a pipe's)
        with open(path + ".pipe.wav", "wb") as f:
            f.write(ulaw)
        run([*SOX, path + ".pipe.wav", "-e", "u-law", path])
        os.remove(path + ".pipe.wav")
    else:
        run([*SOX, *RAW_FLOAT, "-", "-b", "16", "-e", "signed", path], samples.astype(np.float32).tobytes())
    return path


def shard_selection(text):
    if not text:
        return None
    wanted = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        wanted.update(range(int(first), int(last or first) + 1))
    return wanted


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=2000)
    parser.add_argument("--shards", help="render only these feature shards, e.g. 8-12 or 0,3 (default: all)")
    args = parser.parse_args()
    use_private_data_dir(args.work)
    for name in ["test", "dev"]:
        with open(os.path.join(args.work, name + ".jsonl"), encoding="utf-8") as f:
            held_out = [json.loads(line) for line in f]
        out_dir = os.path.join(args.work, name)
        os.makedirs(out_dir, exist_ok=True)
        missing = [(u, out_dir) for u in held_out if not os.path.exists(os.path.join(out_dir, u["id"] + ".wav"))]
        with multiprocessing.Pool(args.jobs) as pool:
            pool.map(write_held_out_wav, missing, chunksize=8)
        print(f"{name}: {len(held_out)} wavs in {out_dir} ({len(missing)} rendered now)", flush=True)

    with open(os.path.join(args.work, "train.jsonl"), encoding="utf-8") as f:
        train = [json.loads(line) for line in f]
    feat_dir = os.path.join(args.work, "feats")
    os.makedirs(feat_dir, exist_ok=True)
    wanted = shard_selection(args.shards)
    with multiprocessing.Pool(args.jobs) as pool:
        for shard, start in enumerate(range(0, len(train), args.shard_size)):
            path = os.path.join(feat_dir, f"shard-{shard:03d}.npz")
            if os.path.exists(path) or (wanted is not None and shard not in wanted):
                continue
            batch = train[start:start + args.shard_size]
            results = pool.map(features_of, batch, chunksize=16)
            ids = [r[0] for r in results]
            lengths = np.array([len(r[1]) for r in results], dtype=np.int32)
            np.savez(path + ".tmp.npz", ids=np.array(ids), lengths=lengths,
                     feats=np.concatenate([r[1] for r in results]))
            os.replace(path + ".tmp.npz", path)
            print(f"features: shard {shard} ({start + len(batch)}/{len(train)})", flush=True)


if __name__ == "__main__":
    main()
