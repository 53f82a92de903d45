"""The espeak-ng voices of the demo model's data. Training hears espeak-ng's own variants (minus the held-out ones)
and seeded random variants: formant frequencies, strengths and widths, pitch range, echo and flutter drawn per
variant and written into a private copy of espeak-ng's data folder. A few dozen fixed timbres let the model learn
those timbres; a continuum of them teaches it to ignore timbre, which is what an unseen variant needs."""
import functools
import os
import random
import re
import shutil
import subprocess

ZH_VOICE = "cmn-latn-pinyin"  # plain "cmn" reads many characters as pinyin spelled in English; this one speaks them
EN_VOICES = ["en-us", "en-gb", "en-029", "en-gb-x-rp", "en-us-nyc", "en-gb-x-gbclan", "en-gb-x-gbcwmd",
             "en-gb-scotland"]
# Half of the held-out English is spoken with this accent, as in the first held-out split.
TEST_EN_VOICE = "en-gb-scotland"
TEST_VARIANTS = ["m3", "f3", "f4", "m4"]
UNVOICED_VARIANTS = ["whisper", "whisperf"]
RANDOM_VARIANTS = [f"rv{i:03d}" for i in range(120)]


@functools.lru_cache(maxsize=None)
def system_data_dir():
    version = subprocess.run(["espeak-ng", "--version"], stdout=subprocess.PIPE, text=True, check=True).stdout
    match = re.search(r"Data at: (\S+)", version)
    if not match:
        raise SystemExit(f"cannot find espeak-ng's data folder in: {version.strip()}")
    return match.group(1)


def system_variants():
    names = sorted(os.listdir(os.path.join(system_data_dir(), "voices", "!v")))
    return [n for n in names if n not in TEST_VARIANTS and n not in UNVOICED_VARIANTS]


@functools.lru_cache(maxsize=None)
def train_variants():
    return tuple([""] + system_variants() + RANDOM_VARIANTS)


def random_variant(name):
    """The text of one seeded random variant file (espeak-ng's voice file syntax)."""
    rng = random.Random(name)
    female = rng.random() < 0.5
    scale = rng.uniform(1.06, 1.28) if female else rng.uniform(0.9, 1.06)
    base = rng.randint(140, 210) if female else rng.randint(60, 120)
    lines = ["language variant", f"name {name}", f"gender {'female' if female else 'male'}",
             f"pitch {base} {base + rng.randint(25, 90)}"]
    for formant in range(9):
        frequency = round(100 * scale * rng.uniform(0.95, 1.05)) if formant else 100
        lines.append(f"formant {formant} {frequency} {rng.randint(75, 125)} {rng.randint(90, 160)}")
    if rng.random() < 0.3:
        lines.append(f"echo {rng.randint(20, 140)} {rng.randint(5, 20)}")
    if rng.random() < 0.3:
        lines.append(f"flutter {rng.randint(2, 20)}")
    if rng.random() < 0.25:
        lines.append("klatt 1")
    return "\n".join(lines) + "\n"


def use_private_data_dir(work):
    """Points espeak-ng (ESPEAK_DATA_PATH, inherited by every worker) at a copy of its data with the random
    variants added."""
    root = os.path.join(work, "espeak")
    variants = os.path.join(root, "espeak-ng-data", "voices", "!v")
    if not os.path.exists(os.path.join(variants, RANDOM_VARIANTS[-1])):
        shutil.rmtree(root, ignore_errors=True)
        # espeak-ng lists at most 349 voices; only the languages used here are kept so the random variants fit.
        data = os.path.join(root, "espeak-ng-data")
        shutil.copytree(system_data_dir(), data)
        shutil.rmtree(os.path.join(data, "voices", "mb"), ignore_errors=True)
        for folder, _, files in os.walk(os.path.join(data, "lang")):
            for name in files:
                if not name.lower().startswith(("en", "cmn")):
                    os.remove(os.path.join(folder, name))
        for name in RANDOM_VARIANTS:
            with open(os.path.join(variants, name), "w", encoding="utf-8") as f:
                f.write(random_variant(name))
    os.environ["ESPEAK_DATA_PATH"] = root
