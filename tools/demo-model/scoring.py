"""Text comparison shared by training validation and every CER script: no torch, so scorers run anywhere."""
import re


def normalize(text):
    """Ignore spaces, case and punctuation, so English is scored on its letters."""
    return re.sub(r"[\W_]+", "", text.lower())


def edit_distance(a, b):
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]
