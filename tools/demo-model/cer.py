"""Character error rate of a held-out split (test or dev) per language and channel (clean / telephony).
Hypotheses: JSON (an array, or one object per line) whose objects carry a source path ("source_path", "sourcePath"
or "file") and the spoken-form text ("raw_text", "rawText" or "text"). Labels: test.jsonl or dev.jsonl (id = WAV
file stem).
Comparison ignores spaces, case and punctuation, so English is scored on its letters."""
import argparse
import difflib
import json
import os
import sys
from collections import Counter, defaultdict

from scoring import edit_distance, normalize


def read_hypotheses(path):
    with open(path, encoding="utf-8") as f:
        content = f.read().strip()
    if content.startswith("["):
        objects = json.loads(content)
    else:
        objects = [json.loads(line) for line in content.splitlines() if line.strip().startswith("{")]
    out = {}
    for o in objects:
        source = o.get("source_path") or o.get("sourcePath") or o.get("file")
        text = o.get("raw_text", o.get("rawText", o.get("text")))
        if source is None or text is None:
            sys.exit(f"{path}: an object has no source path or text: {str(o)[:200]}")
        out[os.path.splitext(os.path.basename(source))[0]] = text
    return out


def missed_units(ref, hyp, lang):
    """Reference words (English) or characters (Mandarin) that the hypothesis deletes or substitutes."""
    split = (lambda t: list(normalize(t))) if lang == "zh" else (lambda t: [normalize(w) for w in t.split()])
    r, h = split(ref), split(hyp)
    opcodes = difflib.SequenceMatcher(None, r, h, autojunk=False).get_opcodes()
    return [unit for op, a, b, _, _ in opcodes if op != "equal" for unit in r[a:b]]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", required=True, help="test.jsonl or dev.jsonl")
    parser.add_argument("--hypotheses", required=True)
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--by-voice", action="store_true", help="also CER per espeak-ng voice and per variant")
    parser.add_argument("--missed", type=int, default=0,
                        help="also the N reference words (en) or characters (zh) most often deleted or substituted")
    args = parser.parse_args()
    hyps = read_hypotheses(args.hypotheses)
    errors, totals, counts, shown = defaultdict(int), defaultdict(int), defaultdict(int), 0
    voice_errors, voice_totals = defaultdict(int), defaultdict(int)
    missed = defaultdict(Counter)
    missing = 0
    with open(args.labels, encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            if u["id"] not in hyps:
                missing += 1
                continue
            key = (u["lang"], u["condition"]["kind"])
            ref, hyp = normalize(u["text"]), normalize(hyps[u["id"]])
            e = edit_distance(hyp, ref)
            errors[key] += e
            totals[key] += len(ref)
            counts[key] += 1
            voice, _, variant = u["voice"].partition("+")
            for group in [(u["lang"], "voice", voice), (u["lang"], "variant", variant or "(none)")]:
                voice_errors[group] += e
                voice_totals[group] += len(ref)
            if e and args.missed:
                missed[key].update(missed_units(u["text"], hyps[u["id"]], u["lang"]))
            if e and shown < args.show_errors:
                print(f"  {u['id']}: REF {u['text']}\n  {' ' * len(u['id'])}  HYP {hyps[u['id']]}")
                shown += 1
    print("| language | channel | utterances | characters | CER |")
    print("|---|---|---|---|---|")
    for key in sorted(totals):
        print(f"| {key[0]} | {key[1]} | {counts[key]} | {totals[key]} | {100 * errors[key] / totals[key]:.2f}% |")
    if args.by_voice:
        print("\n| language | by | name | characters | CER |")
        print("|---|---|---|---|---|")
        for group in sorted(voice_totals):
            print(f"| {' | '.join(group)} | {voice_totals[group]} | {100 * voice_errors[group] / voice_totals[group]:.2f}% |")
    for key in sorted(missed):
        units = ", ".join(f"{unit} {n}" for unit, n in missed[key].most_common(args.missed))
        print(f"\nmost missed in {key[0]} {key[1]} ({sum(missed[key].values())} in all): {units}")
    if missing:
        print(f"({missing} labelled files had no hypothesis)")


if __name__ == "__main__":
    main()
