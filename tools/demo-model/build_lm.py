"""Token n-gram language model for the C# decoder's shallow fusion (models/demo-callcentre/lm.arpa), in ARPA format.
Words are the model's tokens (Chinese characters, "▁word" pieces), so the decoder scores each emitted token without
re-tokenizing. Text: the transcripts of train.jsonl only, so held-out frames never reach the LM. (More sentences
drawn from the training frames made held-out perplexity worse, 39 → 47 zh and 264 → 400 en: the LM then leans on
the frames; the word runs and phrase mixes of train.jsonl teach it word order beyond them.) Interpolated Kneser-Ney
(Chen & Goodman 1998, one discount per order); n-grams of order 3 and up seen fewer than --min-count times are
pruned and their mass returned to the backoff (held-out perplexity 39.2 → 37.1 zh, 264 → 254 en; 8.0 → 2.3 MB).
Every token of tokens.txt is a unigram, so no token the model can emit is unknown."""
import argparse
import json
import math
from collections import Counter, defaultdict

from tokens import SPECIALS, TAGS, Vocabulary, pieces

BOS, EOS = "<s>", "</s>"


def training_sentences(train_jsonl):
    with open(train_jsonl, encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            yield pieces(u["text"], u["lang"])


def raw_counts(corpus, order):
    counts = [Counter() for _ in range(order + 1)]
    for units in corpus:
        seq = [BOS] + units + [EOS]
        for k in range(1, order + 1):
            for i in range(len(seq) - k + 1):
                counts[k][tuple(seq[i:i + k])] += 1
    counts[1].pop((BOS,), None)
    return counts


def kneser_ney_counts(counts, order):
    """Highest order keeps raw counts; a lower-order n-gram counts the distinct tokens seen before it, except when it
    starts with <s>, which nothing precedes."""
    adjusted = [Counter() for _ in range(order + 1)]
    adjusted[order] = counts[order]
    for k in range(order - 1, 0, -1):
        for gram in counts[k + 1]:
            adjusted[k][gram[1:]] += 1
        for gram, c in counts[k].items():
            if gram[0] == BOS:
                adjusted[k][gram] = c
    return adjusted


def discount(adjusted_k):
    n1 = sum(1 for c in adjusted_k.values() if c == 1)
    n2 = sum(1 for c in adjusted_k.values() if c == 2)
    return n1 / (n1 + 2 * n2) if n1 + n2 > 0 else 0.5


class Model:
    """Listed probabilities and backoffs; prob() is what an ARPA reader computes for any n-gram."""

    def __init__(self):
        self.probability, self.backoff = {}, {}

    def prob(self, gram):
        weight = 1.0
        while gram not in self.probability:
            weight *= self.backoff.get(gram[:-1], 1.0)
            gram = gram[1:]
        return weight * self.probability[gram]


def estimate(counts, order, vocabulary, min_count):
    adjusted = kneser_ney_counts(counts, order)
    model = Model()
    uniform = 1.0 / len(vocabulary)
    for k in range(1, order + 1):
        d = discount(adjusted[k])
        totals, types = defaultdict(int), defaultdict(int)
        for gram, c in adjusted[k].items():
            totals[gram[:-1]] += c
            types[gram[:-1]] += 1
        if k == 1:
            grams = {(w,) for w in vocabulary} | set(adjusted[1])
        else:
            grams = {g for g in adjusted[k] if k < 3 or counts[k][g] >= min_count}
        listed, lower = {}, {}
        for gram in grams:
            context, total = gram[:-1], totals[gram[:-1]]
            lower[gram] = uniform if k == 1 else model.prob(gram[1:])
            listed[gram] = max(adjusted[k].get(gram, 0) - d, 0) / total + d * types[context] / total * lower[gram]
        if k > 1:
            # What the listed n-grams of a context leave goes to the lower order, renormalized over the rest of it.
            kept, lower_kept = defaultdict(float), defaultdict(float)
            for gram, p in listed.items():
                kept[gram[:-1]] += p
                lower_kept[gram[:-1]] += lower[gram]
            for context in kept:
                model.backoff[context] = (1.0 - kept[context]) / (1.0 - lower_kept[context])
        model.probability.update(listed)
    return model


def write_arpa(path, model, order):
    by_order = defaultdict(list)
    for gram in model.probability:
        by_order[len(gram)].append(gram)
    by_order[1].append((BOS,))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\\data\\\n")
        for k in range(1, order + 1):
            f.write(f"ngram {k}={len(by_order[k])}\n")
        for k in range(1, order + 1):
            f.write(f"\n\\{k}-grams:\n")
            for gram in sorted(by_order[k]):
                p = -99.0 if gram == (BOS,) else math.log10(model.probability[gram])
                line = f"{p:.6f}\t{' '.join(gram)}"
                if k < order and gram in model.backoff:
                    line += f"\t{math.log10(model.backoff[gram]):.6f}"
                f.write(line + "\n")
        f.write("\n\\end\\\n")
    return {k: len(v) for k, v in by_order.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", required=True, help="folder with train.jsonl")
    parser.add_argument("--tokens", required=True, help="the model's tokens.txt (the LM's vocabulary)")
    parser.add_argument("--order", type=int, default=4)
    parser.add_argument("--min-count", type=int, default=2, help="n-grams of order 3+ seen fewer times are pruned")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    vocab = Vocabulary.load(args.tokens)
    words = [t for t in vocab.tokens if t not in SPECIALS and t not in TAGS] + [EOS]
    corpus = list(training_sentences(f"{args.work}/train.jsonl"))
    model = estimate(raw_counts(corpus, args.order), args.order, words, args.min_count)
    sizes = write_arpa(args.out, model, args.order)
    print(f"{args.out}: {len(corpus)} sentences, " + ", ".join(f"{n} {k}-grams" for k, n in sorted(sizes.items())))


if __name__ == "__main__":
    main()
