"""Token n-gram language model of the demo model's training transcripts, in ARPA format, for the C# decoder's
shallow fusion (models/demo-callcentre/lm.arpa). Words are the model's tokens (Chinese characters, "▁word" pieces),
so the decoder scores each emitted token without re-tokenizing. Interpolated Kneser-Ney (Chen & Goodman 1998, one
discount per order); every token of tokens.txt is a unigram, so no token the model can emit is unknown.
Only train.jsonl is read: the held-out sentences stay out of the model."""
import argparse
import json
import math
from collections import Counter, defaultdict

from tokens import SPECIALS, TAGS, Vocabulary, pieces

BOS, EOS = "<s>", "</s>"


def sentences(train_jsonl):
    with open(train_jsonl, encoding="utf-8") as f:
        for line in f:
            u = json.loads(line)
            yield [BOS] + pieces(u["text"], u["lang"]) + [EOS]


def raw_counts(corpus, order):
    counts = [Counter() for _ in range(order + 1)]
    for seq in corpus:
        for k in range(1, order + 1):
            for i in range(len(seq) - k + 1):
                counts[k][tuple(seq[i:i + k])] += 1
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


def estimate(adjusted, order, vocabulary):
    """Interpolated probability of every seen n-gram (every vocabulary token for unigrams, interpolated with uniform)
    and the interpolation weight of every context, which is the ARPA backoff of that context."""
    probability, backoff = {}, {}
    lower = {(): 1.0 / len(vocabulary)}
    for k in range(1, order + 1):
        d = discount(adjusted[k])
        totals, types = defaultdict(int), defaultdict(int)
        for gram, c in adjusted[k].items():
            totals[gram[:-1]] += c
            types[gram[:-1]] += 1
        grams = set(adjusted[k]) | ({(w,) for w in vocabulary} if k == 1 else set())
        current = {}
        for gram in grams:
            context, total = gram[:-1], totals[gram[:-1]]
            gamma = d * types[context] / total
            current[gram] = max(adjusted[k].get(gram, 0) - d, 0) / total + gamma * lower[gram[1:] if k > 1 else ()]
            if k > 1:
                backoff[context] = gamma
        probability.update(current)
        lower = current
    return probability, backoff


def write_arpa(path, probability, backoff, order):
    by_order = defaultdict(list)
    for gram in probability:
        by_order[len(gram)].append(gram)
    by_order[1].append((BOS,))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\\data\\\n")
        for k in range(1, order + 1):
            f.write(f"ngram {k}={len(by_order[k])}\n")
        for k in range(1, order + 1):
            f.write(f"\n\\{k}-grams:\n")
            for gram in sorted(by_order[k]):
                p = -99.0 if gram == (BOS,) else math.log10(probability[gram])
                line = f"{p:.6f}\t{' '.join(gram)}"
                if k < order and gram in backoff:
                    line += f"\t{math.log10(backoff[gram]):.6f}"
                f.write(line + "\n")
        f.write("\n\\end\\\n")
    return {k: len(v) for k, v in by_order.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", required=True, help="folder with train.jsonl")
    parser.add_argument("--tokens", required=True, help="the model's tokens.txt (the LM's vocabulary)")
    parser.add_argument("--order", type=int, default=4)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    vocab = Vocabulary.load(args.tokens)
    words = [t for t in vocab.tokens if t not in SPECIALS and t not in TAGS] + [EOS]
    corpus = list(sentences(f"{args.work}/train.jsonl"))
    counts = raw_counts(corpus, args.order)
    counts[1].pop((BOS,), None)
    adjusted = kneser_ney_counts(counts, args.order)
    adjusted[1].pop((BOS,), None)
    probability, backoff = estimate(adjusted, args.order, words)
    sizes = write_arpa(args.out, probability, backoff, args.order)
    print(f"{args.out}: {len(corpus)} sentences, " + ", ".join(f"{n} {k}-grams" for k, n in sorted(sizes.items())))


if __name__ == "__main__":
    main()
