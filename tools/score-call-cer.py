#!/usr/bin/python3
"""Character error rate of transcribed calls against tools/make-test-calls.py's reference, per channel.

Reads `funasr-pipeline transcribe --format json` lines on stdin; for each file, loads <file without .wav>.turns.json.
Each channel's hypothesis is its segments' raw_text in time order, its reference the turns' text in time order; both
ignore spaces, case and punctuation (as tools/demo-model/cer.py), so English is scored on its letters.

  funasr-pipeline transcribe --format json /tmp/calls/call-10min.wav | /usr/bin/python3 tools/score-call-cer.py
"""
import json
import re
import sys


def normalize(text):
    return re.sub(r"[\W_]+", "", text.lower())


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def main():
    errors = chars = 0
    for line in sys.stdin:
        if not line.strip().startswith("{"):
            continue
        result = json.loads(line)
        with open(result["file"][:-4] + ".turns.json", encoding="utf-8") as f:
            truth = json.load(f)
        for channel in range(result["channels"]):
            ref = normalize("".join(t["text"] for t in sorted(truth, key=lambda t: t["start"]) if t["channel"] == channel))
            hyp = normalize("".join(s["raw_text"] for s in result["segments"] if s["channel"] == channel))
            e = edit_distance(ref, hyp)
            print(f"{result['file']} ch{channel}: CER {e / max(1, len(ref)):.2%} ({e}/{len(ref)})")
            errors += e
            chars += len(ref)
    print(f"total CER {errors / max(1, chars):.2%} ({errors}/{chars})")


if __name__ == "__main__":
    main()
