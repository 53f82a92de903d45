"""The demo model's vocabulary in the sherpa-onnx SenseVoice tokens.txt layout: <blank> 0, the SenseVoice tag
tokens the decoder reads from the 4 prompt frames, Chinese characters, English words as "▁word" pieces."""
import json

TAGS = ["<|zh|>", "<|en|>", "<|yue|>", "<|ja|>", "<|ko|>", "<|nospeech|>",
        "<|HAPPY|>", "<|SAD|>", "<|ANGRY|>", "<|NEUTRAL|>", "<|EMO_UNKNOWN|>",
        "<|Speech|>", "<|BGM|>", "<|Laughter|>", "<|Applause|>", "<|withitn|>", "<|woitn|>"]
SPECIALS = ["<blank>", "<s>", "</s>", "<unk>"]

# Prompt ids of the sherpa SenseVoice export (spec §1.1): what the `language` and `text_norm` inputs carry.
LANG_PROMPT = {"auto": 0, "zh": 3, "en": 4, "yue": 7, "ja": 11, "ko": 12, "nospeech": 13}
WITH_ITN, WITHOUT_ITN = 14, 15
EVENT_PROMPT, EMOTION_PROMPT = 1, 2


def pieces(text, lang):
    if lang == "zh":
        return [c for c in text if not c.isspace()]
    return ["\u2581" + w for w in text.split()]


class Vocabulary:
    def __init__(self, tokens):
        self.tokens = tokens
        self.ids = {t: i for i, t in enumerate(tokens)}

    @staticmethod
    def build(train_jsonl):
        seen = set()
        with open(train_jsonl, encoding="utf-8") as f:
            for line in f:
                u = json.loads(line)
                seen.update(pieces(u["text"], u["lang"]))
        chars = sorted(p for p in seen if not p.startswith("\u2581"))
        words = sorted(p for p in seen if p.startswith("\u2581"))
        return Vocabulary(SPECIALS + TAGS + chars + words)

    @staticmethod
    def load(path):
        tokens = []
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                piece, index = line.rstrip("\n").rsplit(" ", 1)
                assert int(index) == i, f"{path}:{i + 1}: id {index} out of order"
                tokens.append(piece)
        return Vocabulary(tokens)

    def save(self, path):
        with open(path, "w", encoding="utf-8") as f:
            for i, t in enumerate(self.tokens):
                f.write(f"{t} {i}\n")

    def encode(self, text, lang):
        return [self.ids.get(p, self.ids["<unk>"]) for p in pieces(text, lang)]

    def prompt_targets(self, lang, itn):
        """What the 4 prompt frames must emit: language, emotion, event, ITN tag (sherpa reads them in this order)."""
        return [self.ids[f"<|{lang}|>"], self.ids["<|NEUTRAL|>"], self.ids["<|Speech|>"],
                self.ids["<|withitn|>" if itn else "<|woitn|>"]]

    def decode(self, ids):
        return "".join(self.tokens[i] for i in ids).replace("\u2581", " ").strip()
