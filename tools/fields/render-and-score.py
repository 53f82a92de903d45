#!/usr/bin/env python3
"""End-to-end field figures on the field evaluation set (tests/testdata/fields/callcentre.tsv), not run in CI.

Renders every utterance with espeak-ng (cmn-latn-pinyin for zh, en-us for en) and sox at 16 kHz, transcribes the
WAV files with the demo model through the C# CLI (`funasr-pipeline transcribe --format json --no-rules`), writes
the recognized spoken form in the set's own format (recognized.tsv: lang, speaker, recognized spoken, gold) and runs
FieldEvaluationTests on it (FUNASR_FIELD_SET), which prints recall and precision per type. Each missed or extra
field is then put down to recognition (the recognized spoken form differs from the set's) or to ITN and rules (it
does not).

    python3 tools/fields/render-and-score.py --work /tmp/fields-e2e [--limit 100]
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SET = os.path.join(REPO, "tests", "testdata", "fields", "callcentre.tsv")
CLI = os.path.join(REPO, "artifacts", "bin", "FunAsr.Ingest", "release", "funasr-pipeline.dll")
VOICES = {"zh": "cmn-latn-pinyin", "en": "en-us"}


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs).stdout


def render(lang, text, path):
    wav = run(["espeak-ng", "-v", VOICES[lang], "-s", "160", "--stdout", text])
    run(["sox", "-R", "-t", "wav", "-", "-r", "16000", "-b", "16", "-e", "signed", "-c", "1", path, "pad", "0.2", "0.3"], input=wav)


def same(a, b):
    return re.sub(r"\s+", "", a).lower() == re.sub(r"\s+", "", b).lower()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True, help="folder for the WAV files, transcripts and recognized.tsv")
    parser.add_argument("--limit", type=int, help="only the first N utterances of each language")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    with open(SET, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    picked, per_lang = [], Counter()
    for i, row in enumerate(rows):
        if args.limit is None or per_lang[row[0]] < args.limit:
            per_lang[row[0]] += 1
            picked.append((i, row))

    recognized = {}
    for lang in ("zh", "en"):
        paths = []
        for i, row in picked:
            if row[0] == lang:
                path = os.path.join(args.work, f"{i + 1:04d}.wav")
                if not os.path.exists(path):
                    render(lang, row[2], path)
                paths.append(path)
        if not paths:
            continue
        out = run(["dotnet", CLI, "transcribe", *paths, "--language", lang, "--format", "json", "--no-rules", "--device", "cpu"],
                  cwd=REPO).decode("utf-8")
        for line in out.splitlines():
            doc = json.loads(line)
            number = int(os.path.splitext(os.path.basename(doc["source_path"]))[0])
            recognized[number - 1] = " ".join(s["raw_text"] for s in doc["segments"])

    tsv = os.path.join(args.work, "recognized.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        for i, row in picked:
            f.write("\t".join([row[0], row[1], recognized.get(i, ""), row[3]]) + "\n")
    exact = sum(same(recognized.get(i, ""), row[2]) for i, row in picked)
    print(f"{len(picked)} utterances rendered; recognized spoken form exact on {exact}")

    env = dict(os.environ, FUNASR_FIELD_SET=tsv)
    report = subprocess.run(["dotnet", "test", os.path.join(REPO, "tests", "Extractors.Tests", "FunAsr.Extractors.Tests.csproj"),
                             "-c", "Release", "--nologo", "--no-build", "--filter", "FullyQualifiedName~FieldEvaluation",
                             "--logger", "console;verbosity=detailed"], env=env, stdout=subprocess.PIPE, text=True).stdout
    losses = Counter()
    line_of = {}
    for line in report.splitlines():
        text = line.strip()
        if m := re.match(r"^(\d+): ", text):
            line_of["current"] = int(m.group(1)) - 1
        elif m := re.match(r"^(missing|extra)\s+(.*)$", text):
            i, _ = picked[line_of["current"]]
            cause = "rules/ITN" if same(recognized.get(i, ""), rows[i][2]) else "recognition"
            for field in m.group(2).split(" | "):
                losses[(m.group(1), field.split("=")[0], cause)] += 1
        elif re.match(r"^(type|amount|business_hours|card|date|id_card|phone|time)\t", text) or text.startswith("valid phone"):
            print(text)
    print("losses (missing or extra field, name, cause): count")
    for (kind, name, cause), count in sorted(losses.items()):
        print(f"  {kind:7} {name:12} {cause:12} {count}")


if __name__ == "__main__":
    sys.exit(main())
