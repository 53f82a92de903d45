#!/usr/bin/python3
"""Character error rate of transcribed calls against tools/make-test-calls.py's reference, per channel.

Reads `funasr-pipeline transcribe --format json` lines on stdin; for each file, loads <file without .wav>.turns.json.
Each channel's hypothesis is its segments' raw_text in time order, its reference the turns' text in time order; both
ignore spaces, case and punctuation (as tools/demo-model/cer.py), so English is scored on its letters.

  funasr-pipeline transcribe --format json /tmp/calls/call-10min.wav | /usr/bin/python3 tools/score-call-cer.py
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-model"))
from scoring import edit_distance, normalize  # noqa: E402


def main():
    errors = chars = 0
    for line in sys.stdin:
        if not line.strip().startswith("{"):
            continue
        result = json.loads(line)
        with open(result["source_path"][:-4] + ".turns.json", encoding="utf-8") as f:
            truth = json.load(f)
        for channel in range(result["channels"]):
            ref = normalize("".join(t["text"] for t in sorted(truth, key=lambda t: t["start"]) if t["channel"] == channel))
            hyp = normalize("".join(s["raw_text"] for s in result["segments"] if s["channel"] == channel))
            e = edit_distance(ref, hyp)
            print(f"{result['source_path']} ch{channel}: CER {e / max(1, len(ref)):.2%} ({e}/{len(ref)})")
            errors += e
            chars += len(ref)
    print(f"total CER {errors / max(1, chars):.2%} ({errors}/{chars})")


if __name__ == "__main__":
    main()
