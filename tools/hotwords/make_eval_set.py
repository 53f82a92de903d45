"""Writes the hotword evaluation set for the demo model: held-out synthetic utterances that contain a term of
eval-hotwords.txt (put into the product slot of the corpus frames), and as many held-out utterances that contain
none (make_corpus's own test sentences), rendered with espeak-ng/sox in the test voices (half clean 16 kHz, half
8 kHz µ-law telephony). Checks that every term is spelled with the model's tokens and absent from its training text.
Seeded. Output: <work>/eval.jsonl (id, lang, text, set = hotword|plain, terms) and <work>/wav/<id>.wav.
  /usr/bin/python3 tools/hotwords/make_eval_set.py [--work tools/hotwords/work] [--per-term 5]"""
import argparse
import json
import multiprocessing
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO = os.path.join(HERE, "..", "demo-model")
sys.path.insert(0, DEMO)
sys.path.insert(0, os.path.join(HERE, ".."))

import frames_en  # noqa: E402
import frames_zh  # noqa: E402
import make_corpus  # noqa: E402
from synthesize import write_held_out_wav  # noqa: E402


def read_terms(path):
    terms = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                terms.append(line.split(" :")[0].strip())
    return terms


def is_zh(term):
    return any("\u4e00" <= c <= "\u9fff" for c in term)


def check_terms(terms, tokens_path, train_path):
    pieces = set()
    with open(tokens_path, encoding="utf-8") as f:
        for line in f:
            pieces.add(line.rstrip("\n").rsplit(" ", 1)[0])
    texts = {"zh": [], "en": []}
    with open(train_path, encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            texts[u["lang"]].append(u["text"].replace(" ", "") if u["lang"] == "zh" else " " + u["text"] + " ")
    zh_text, en_text = "\n".join(texts["zh"]), "\n".join(texts["en"])
    for term in terms:
        units = list(term) if is_zh(term) else ["\u2581" + w for w in term.split()]
        missing = [u for u in units if u not in pieces]
        if missing:
            raise SystemExit(f"{term}: not in {tokens_path}: {missing}")
        seen = term in zh_text if is_zh(term) else f" {term} " in en_text
        if seen:
            raise SystemExit(f"{term}: occurs in the training text {train_path}; pick a term the model never saw")


def hotword_utterance(term, rng, index):
    lang = "zh" if is_zh(term) else "en"
    module, slots = (frames_zh, make_corpus.zh_slots()) if lang == "zh" else (frames_en, make_corpus.en_slots())
    frame = rng.choice([f for f in module.FRAMES if "{product}" in f])
    slots = dict(slots, product=lambda r: term)
    if lang == "en":
        frame = frame.replace("{product}s", "{product}")
    text = make_corpus.fill(frame, slots, rng)
    if rng.random() < 0.5:
        closing = rng.choice(make_corpus.split(module.CLOSINGS, True))
        text = text + " " + make_corpus.fill(closing, slots, rng)
    return with_voice({"id": f"hot-{lang}-{index:04d}", "lang": lang, "text": text, "set": "hotword", "terms": [term]},
                      rng)


def with_voice(u, rng):
    u |= make_corpus.held_out_voice(u["lang"], rng)
    kind = rng.choice(["clean", "telephony"])
    u["condition"] = {"kind": kind, "gain_db": -3.0, "snr_db": None}
    return u


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default=os.path.join(HERE, "work"))
    parser.add_argument("--hotwords", default=os.path.join(HERE, "eval-hotwords.txt"))
    parser.add_argument("--tokens", default=os.path.join(HERE, "..", "..", "models", "demo-callcentre", "tokens.txt"))
    parser.add_argument("--train", default=os.path.join(DEMO, "work", "train.jsonl"))
    parser.add_argument("--per-term", type=int, default=5)
    parser.add_argument("--seed", type=int, default=909)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not os.path.exists(args.train):
        raise SystemExit(f"{args.train} is missing: write the demo model's utterance lists first "
                         f"(/usr/bin/python3 tools/demo-model/make_corpus.py --out {os.path.dirname(args.train)})")
    terms = read_terms(args.hotwords)
    check_terms(terms, args.tokens, args.train)
    rng = random.Random(args.seed)
    hot = [hotword_utterance(t, rng, i * args.per_term + k) for i, t in enumerate(terms) for k in range(args.per_term)]
    plain = []
    index = 0
    while len(plain) < len(hot):
        lang = hot[len(plain)]["lang"]
        u = make_corpus.utterance(lang, "test", rng, index)
        index += 1
        if any(t in u["text"] for t in terms):
            continue
        plain.append(with_voice({"id": f"plain-{lang}-{index:04d}", "lang": lang, "text": u["text"], "set": "plain",
                                 "terms": []}, rng))
    os.makedirs(os.path.join(args.work, "wav"), exist_ok=True)
    with open(os.path.join(args.work, "eval.jsonl"), "w", encoding="utf-8") as f:
        for u in hot + plain:
            f.write(json.dumps(u, ensure_ascii=False) + "\n")
    with multiprocessing.Pool(args.jobs) as pool:
        pool.map(write_held_out_wav, [(u, os.path.join(args.work, "wav")) for u in hot + plain], chunksize=8)
    print(f"wrote {len(hot)} hotword and {len(plain)} plain utterances to {args.work}")


if __name__ == "__main__":
    main()
