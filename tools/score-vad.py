#!/usr/bin/python3
"""Scores voice activity detection against the ground truth of tools/make-test-calls.py.

Reads `funasr-pipeline vad --json` lines on stdin; for each file, loads <file without .wav>.turns.json beside it.
Per channel, a true turn is matched to the detected segment that overlaps it most. Reported: median and p90 absolute
start and end boundary error of matched turns (ms), missed turns (no overlapping detection), false segments (no
overlapping true turn), and merged turns (one detection covering two or more turns of the same channel, which
happens when the gap between them is shorter than the minimum silence).

  funasr-pipeline vad --json /tmp/calls/*.wav | /usr/bin/python3 tools/score-vad.py
"""
import json
import statistics
import sys


def overlap(a, b):
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def main():
    starts, ends = [], []
    turns = missed = false = merged = detected_total = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        result = json.loads(line)
        with open(result["file"][:-4] + ".turns.json", encoding="utf-8") as f:
            truth = json.load(f)
        for channel in sorted({t["channel"] for t in truth} | {s["channel"] for s in result["segments"]}):
            true = [(t["start"], t["end"]) for t in truth if t["channel"] == channel]
            found = [(s["start"], s["end"]) for s in result["segments"] if s["channel"] == channel]
            turns += len(true)
            detected_total += len(found)
            covered = {}
            for t in true:
                best = max(found, key=lambda d: overlap(t, d), default=None)
                if best is None or overlap(t, best) == 0:
                    missed += 1
                    continue
                covered.setdefault(best, []).append(t)
            for d, ts in covered.items():
                if len(ts) > 1:
                    merged += len(ts)
                    continue
                starts.append(abs(d[0] - ts[0][0]) * 1000)
                ends.append(abs(d[1] - ts[0][1]) * 1000)
            false += sum(1 for d in found if all(overlap(t, d) == 0 for t in true))

    def p90(values):
        return sorted(values)[int(0.9 * (len(values) - 1))] if values else float("nan")

    def median(values):
        # No matched turn (e.g. one detection merging every turn of a channel) leaves nothing to take a median of.
        return statistics.median(values) if values else float("nan")

    print(f"turns {turns}, detected segments {detected_total}")
    print(f"start error: median {median(starts):.0f} ms, p90 {p90(starts):.0f} ms ({len(starts)} matched turns)")
    print(f"end error:   median {median(ends):.0f} ms, p90 {p90(ends):.0f} ms")
    print(f"missed turns {missed} ({missed / turns:.1%}), false segments {false}, turns merged with a neighbour {merged}")


if __name__ == "__main__":
    main()
