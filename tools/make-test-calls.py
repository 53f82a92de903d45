#!/usr/bin/python3
"""Generates multi-turn stereo call recordings with known turn times, for measuring voice activity detection, speaker
turns and call metrics (README, "Stereo calls, VAD and call metrics"). Each call is written as telephony audio: 8 kHz
G.711 µ-law WAV, agent on the left channel and customer on the right, band-limited to 300-3400 Hz, with beside it

  <name>.turns.json   ground truth: [{"channel", "speaker", "start", "end", "text"}], times in seconds of the speech
                      itself (espeak-ng's leading and trailing silence trimmed at -40 dBFS)
  <name>.txt          the spoken-form reference, one "speaker: text" line per turn
  <name>.wav.json     sidecar metadata with channel_roles [agent, customer]

Sentences and voices come from the demo model's held-out test split (tools/demo-model/make_corpus.py), so the demo
model can be scored on them. Gaps between turns are 0.3-2.5 s, and about one turn in ten interrupts the previous one.
Long recordings (--minutes) reuse a pool of rendered turns so a two-hour call takes minutes, not hours.

  /usr/bin/python3 tools/make-test-calls.py --out /tmp/calls --calls 10 --turns 12
  /usr/bin/python3 tools/make-test-calls.py --out /tmp/long --minutes 120 --name call-2h
"""
import argparse
import json
import os
import random
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-model"))
import make_corpus  # noqa: E402

RATE = 16000
ROLES = ["agent", "customer"]


def render(u):
    """espeak-ng → 16 kHz float, trimmed to the speech (first/last sample above -40 dBFS)."""
    wav = subprocess.run(["espeak-ng", "-v", u["voice"], "-s", str(u["speed"]), "-p", str(u["pitch"]), "--stdout", u["text"]],
                         check=True, capture_output=True).stdout
    raw = subprocess.run(["sox", "-t", "wav", "-", "-t", "f32", "-r", str(RATE), "-c", "1", "-", "gain", "-3"],
                         input=wav, check=True, capture_output=True).stdout
    samples = np.frombuffer(raw, dtype=np.float32)
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return samples[loud[0]:loud[-1] + 1].copy() if len(loud) else samples[:0].copy()


def script(rng, lang, turns, pool_size):
    """(channel, utterance, audio, gap seconds) for each turn; audio is rendered once per pool entry."""
    voices = {}
    pool = []
    index = 0
    while len(pool) < min(turns, pool_size):
        channel = len(pool) % 2 if rng.random() < 0.8 else rng.randint(0, 1)
        language = lang if lang != "mix" else rng.choice(["en", "zh"])
        u = make_corpus.utterance(language, True, rng, index)
        index += 1
        # One voice per speaker and language, as in a real call.
        u["voice"] = voices.setdefault((channel, language), u["voice"])
        pool.append((channel, u, render(u)))
    previous = None
    for i in range(turns):
        channel, u, audio = pool[i % len(pool)]
        # Only the other speaker can interrupt: one channel never holds two voices at once.
        interrupts = previous is not None and previous != channel and rng.random() < 0.1
        gap = -rng.uniform(0.4, 1.2) if interrupts else rng.uniform(0.3, 2.5)
        previous = channel
        yield channel, u, audio, gap


def write_call(out, name, turns_iter, tail_s=1.0, min_seconds=0.0):
    timeline = []
    cursor = 0
    for channel, u, audio, gap in turns_iter:
        if min_seconds and cursor >= min_seconds * RATE:
            break
        start = max(0, cursor + int(gap * RATE))
        if gap < 0:
            # The interrupted turn is the last one of the other channel; never overlap this channel's own last turn.
            start = max(start, max((t[0] + len(t[3]) for t in timeline if t[1] == channel), default=0) + int(0.3 * RATE))
        timeline.append((start, channel, u, audio))
        cursor = max(cursor, start + len(audio))
    total = cursor + int(tail_s * RATE)
    path = os.path.join(out, name + ".wav")
    sox = subprocess.Popen(["sox", "-t", "f32", "-r", str(RATE), "-c", "2", "-", "-r", "8000", "-e", "u-law", "-b", "8",
                            path, "sinc", "300-3400"], stdin=subprocess.PIPE)
    block = RATE * 30
    first = 0
    for offset in range(0, total, block):
        n = min(block, total - offset)
        stereo = np.zeros((n, 2), dtype=np.float32)
        while first < len(timeline) and timeline[first][0] + len(timeline[first][3]) <= offset:
            first += 1
        for start, channel, _, audio in timeline[first:]:
            if start >= offset + n:
                break
            a, b = max(start, offset), min(start + len(audio), offset + n)
            if a < b:
                stereo[a - offset:b - offset, channel] += audio[a - start:b - start]
        sox.stdin.write(np.clip(stereo, -1, 1).tobytes())
    sox.stdin.close()
    if sox.wait() != 0:
        raise SystemExit(f"sox failed writing {path}")
    truth = [{"channel": ch, "speaker": ROLES[ch], "start": round(s / RATE, 4), "end": round((s + len(a)) / RATE, 4),
              "text": u["text"], "lang": u["lang"]} for s, ch, u, a in timeline]
    with open(os.path.join(out, name + ".turns.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
        f.writelines(f"{t['speaker']}: {t['text']}\n" for t in truth)
    with open(os.path.join(out, name + ".wav.json"), "w", encoding="utf-8") as f:
        json.dump({"call_id": name, "channel_roles": ROLES}, f)
        f.write("\n")
    return path, total / RATE, len(truth)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--calls", type=int, default=1, help="number of calls (ignored with --minutes)")
    parser.add_argument("--turns", type=int, default=12, help="turns per call")
    parser.add_argument("--minutes", type=float, help="one call of about this length, cycling a pool of turns")
    parser.add_argument("--pool", type=int, default=120, help="distinct rendered turns in a long call")
    parser.add_argument("--lang", choices=["en", "zh", "mix"], default="en")
    parser.add_argument("--name", default="call", help="file name prefix")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    if args.minutes:
        turns = int(args.minutes * 60) + 1  # more than enough; writing stops at the requested length
        path, seconds, count = write_call(args.out, args.name, script(rng, args.lang, turns, args.pool),
                                          min_seconds=args.minutes * 60)
        print(f"{path}: {seconds / 60:.1f} min, {count} turns")
        return
    for i in range(args.calls):
        name = f"{args.name}-{i:03d}"
        path, seconds, count = write_call(args.out, name, script(rng, args.lang, args.turns, args.turns))
        print(f"{path}: {seconds:.1f} s, {count} turns")


if __name__ == "__main__":
    main()
