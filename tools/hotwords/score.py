"""Scores transcripts of the hotword evaluation set (make_eval_set.py) for one or more decoding runs: hotword
recall on the hotword set, CER on both sets, and false insertions (a list term in a hypothesis more often than in
its reference). Hypotheses: the CLI's `transcribe --format json` output, one JSON object per line. Text is compared
on the spoken form (raw_text) ignoring spaces, case and punctuation, as tools/demo-model/cer.py does.
  score.py --labels work/eval.jsonl --hotwords eval-hotwords.txt --run greedy=work/greedy.json --run hot=work/hot.json"""
import argparse
import json
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "demo-model"))

from cer import edit_distance, normalize, read_hypotheses  # noqa: E402
from make_eval_set import read_terms  # noqa: E402


def score(labels, hyps, terms):
    m = defaultdict(float)
    for u in labels:
        key = u["lang"]
        ref, hyp = normalize(u["text"]), normalize(hyps.get(u["id"], ""))
        m[(u["set"], key, "errors")] += edit_distance(hyp, ref)
        m[(u["set"], key, "chars")] += len(ref)
        m[(u["set"], key, "utterances")] += 1
        for term in terms:
            t = normalize(term)
            in_ref, in_hyp = ref.count(t), hyp.count(t)
            if term in u["terms"]:
                m[(u["set"], key, "expected")] += in_ref
                m[(u["set"], key, "found")] += min(in_ref, in_hyp)
            m[(u["set"], key, "inserted")] += max(0, in_hyp - in_ref)
    return m


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", required=True)
    parser.add_argument("--hotwords", required=True)
    parser.add_argument("--run", action="append", required=True, help="name=hypotheses.json[=seconds]")
    parser.add_argument("--show-errors", type=int, default=0)
    args = parser.parse_args()
    with open(args.labels, encoding="utf-8") as f:
        labels = [json.loads(line) for line in f]
    terms = read_terms(args.hotwords)
    print("| run | lang | hotword recall | CER hotword set | CER plain set | false insertions (hotword / plain set) | CPU s (whole CLI run) |")
    print("|---|---|---|---|---|---|---|")
    for run in args.run:
        name, path, *seconds = run.split("=")
        hyps = read_hypotheses(path)
        m = score(labels, hyps, terms)
        for lang in sorted({u["lang"] for u in labels}) + ["all"]:
            def total(s, k):
                return sum(v for (s2, l2, k2), v in m.items() if s2 == s and k2 == k and lang in (l2, "all"))
            recall = total("hotword", "found") / max(1, total("hotword", "expected"))
            cer_hot = total("hotword", "errors") / max(1, total("hotword", "chars"))
            cer_plain = total("plain", "errors") / max(1, total("plain", "chars"))
            print(f"| {name} | {lang} | {100 * recall:.1f}% ({int(total('hotword', 'found'))}/"
                  f"{int(total('hotword', 'expected'))}) | {100 * cer_hot:.2f}% | {100 * cer_plain:.2f}% | "
                  f"{int(total('hotword', 'inserted'))} / {int(total('plain', 'inserted'))} | "
                  f"{seconds[0] if seconds and lang == 'all' else ''} |")
        shown = 0
        for u in labels:
            hyp = hyps.get(u["id"], "")
            if shown < args.show_errors and normalize(hyp) != normalize(u["text"]):
                print(f"    {name} {u['id']}: REF {u['text']} | HYP {hyp}", file=sys.stderr)
                shown += 1


if __name__ == "__main__":
    main()
