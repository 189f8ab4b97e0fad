"""Duckling's numbers-only pass over documents: the peer that `bench.py` times.

Run by the venv's Python (`bench.py` creates `target/bench/venv` with pyduckling-native-phihos).
Each `.txt` file under the paths is read whole and parsed once with dims=["number"] in its
language: the front matter's `lang`, else a guess from the script (Arabic letters: ar, or fa
with Persian letters; Cyrillic: ru; otherwise en). Prints one JSON object: bytes, documents,
numbers found, seconds spent parsing, and the language counts.

    target/bench/venv/bin/python scripts/bench/duckling_numbers.py DIR_OR_FILE...
"""

import json
import re
import sys
import time
from pathlib import Path

import duckling

LANGS = {"en", "ar", "de", "es", "fa", "fr", "ru"}
FRONT_LANG = re.compile(r'^lang\s*=\s*"([a-z]{2})"', re.M)
ARABIC = re.compile("[\u0600-\u06ff]")
PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06cc]")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def language(text):
    if text.startswith("+++"):
        end = text.find("\n+++", 3)
        match = FRONT_LANG.search(text, 0, end if end > 0 else 400)
        if match and match.group(1) in LANGS:
            return match.group(1)
    sample = text[:2000]
    if ARABIC.search(sample):
        return "fa" if PERSIAN.search(sample) else "ar"
    if CYRILLIC.search(sample):
        return "ru"
    return "en"


def files(paths):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(path.rglob("*.txt"))
        else:
            yield path


def main():
    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    reference = duckling.parse_ref_time(zones, "UTC", 1_700_000_000)
    dims = duckling.parse_dimensions(["number"])
    contexts = {}
    total = documents = numbers = 0
    langs = {}
    parse_seconds = 0.0
    for path in files(sys.argv[1:]):
        data = path.read_bytes()
        text = data.decode("utf-8")
        lang = language(text)
        if lang not in contexts:
            locale = duckling.default_locale_lang(duckling.parse_lang(lang.upper()))
            contexts[lang] = duckling.Context(reference, locale)
        start = time.perf_counter()
        numbers += len(duckling.parse(text, contexts[lang], dims))
        parse_seconds += time.perf_counter() - start
        total += len(data)
        documents += 1
        langs[lang] = langs.get(lang, 0) + 1
    print(json.dumps({"bytes": total, "documents": documents, "numbers": numbers,
                      "parse_seconds": parse_seconds, "languages": langs}))


if __name__ == "__main__":
    main()
