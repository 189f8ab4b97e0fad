#!/usr/bin/env python3
"""Count the gazetteer's place names in a folder of articles, with each match in its context.

    python3 scripts/measure_places.py ../shared/corpus/*/ > /tmp/places-matches.tsv

Reads the `.txt` articles under the folders given (their `lang` from the front matter) and matches
rules/places/places.tsv the way the engine is meant to (docs/places.md, "Matching"): words folded
as the engine folds them (case, Arabic marks and letter variants), Arabic proclitics tried off,
Russian case endings allowed, the longest name first, English spellings in every Latin-script
language. A spelling flagged ambiguous counts only after a location marker of the language's pack
(rules/lang/<code>.toml, `location-markers`).

Writes one line per match (tab-separated: corpus, document, language, verdict, `cap` or `lower`,
kind, place, country, the words matched, the context) and a summary per corpus on standard error.
Verdicts: `counted` (the engine would count it), `needs-context` (ambiguous, no marker: not
counted). `lower` marks a Latin or Cyrillic word written without a capital: the summary also counts
what remains when such names must be capitalised, as names are in those languages. Whether a match is a real place or a false one is
for the reader to judge from the context: the script knows no article's words.
"""
import argparse
import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LATIN = {"de", "en", "es", "fr"}
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
RU_ENDINGS = ["", "а", "у", "е", "ом", "ой", "ою", "ы", "и", "ам", "ами", "ах", "ей", "ю", "я", "ем", "ём",
              "ого", "ему", "ым", "ом", "ая", "ую", "ое", "ых", "ие", "их", "ский", "ского", "ском"]


def fold(text, lang):
    text = text.lower()
    if lang in ("ar", "fa"):
        text = ARABIC_MARKS.sub("", text)
        text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه").replace("ی", "ي").replace("ک", "ك")
        text = text.replace("\u200c", " ")
    return text


def words(text, lang):
    """Words with their character offsets; hyphens, apostrophes and ZWNJ separate words."""
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\W_]+", text.replace("\u200c", " "))]


def load_places(path):
    rows = []
    columns = None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        cells = line.split("\t")
        if columns is None:
            columns = cells
            continue
        rows.append(dict(zip(columns, cells)))
    return rows


def build_index(rows):
    """lang -> first folded word -> list of (folded word tuple, row, spelling, ambiguous)."""
    index = {lang: defaultdict(list) for lang in ("ar", "de", "en", "es", "fa", "fr", "ru")}
    for row in rows:
        flagged = set(row["ambiguous"].split("|")) if row["ambiguous"] else set()
        for lang in index:
            spellings = set(row[lang].split("|")) if row[lang] else set()
            if lang in LATIN and row["en"]:
                spellings |= set(row["en"].split("|"))
            for spelling in spellings:
                key = tuple(fold(w, lang) for w, _, _ in words(spelling, lang))
                if key:
                    index[lang][key[0]].append((key, row, spelling, f"{lang}:{spelling}" in flagged))
    for lang in index:
        for entries in index[lang].values():
            entries.sort(key=lambda e: (-len(e[0]), e[1]["kind"] == "country", e[1]["kind"] != "city", e[1]["id"]))
    return index


def load_countries():
    """Countries and their names (rules/names/countries.toml and the canonical names), as rows of
    kind country: the engine matches them with the places, the longest name first, so "South" in
    "South Korea" is no place. Country matches are not counted here. Between names of one length
    the place wins: the capitals that rules/entities.toml lists among a country's aliases are
    cities here (the gazetteer itself leaves out country names)."""
    rows = {}
    for path in [ROOT / "rules/entities.toml", ROOT / "rules/names/countries.toml"]:
        for entity in tomllib.loads(path.read_text("utf-8")).get("entity", []):
            if entity.get("type", "country") != "country":
                continue
            row = rows.setdefault(entity["name"], {"id": entity["name"], "kind": "country", "name": entity["name"],
                                                   "country": entity["name"], "ambiguous": "",
                                                   **{lang: "" for lang in ("ar", "de", "en", "es", "fa", "fr", "ru")}})
            row["en"] = "|".join(sorted(set(filter(None, row["en"].split("|"))) | {entity["name"]}))
            for lang, names in entity.get("aliases", {}).items():
                if lang in row:
                    row[lang] = "|".join(sorted(set(filter(None, row[lang].split("|"))) | set(names)))
    return list(rows.values())


def read_article(path):
    text = path.read_text("utf-8")
    lang = None
    if text.startswith("+++"):
        end = text.find("+++", 3)
        front = tomllib.loads(text[3:end])
        lang = front.get("lang")
        text = text[end + 3:]
    if lang is None:  # no front matter: the script most of its letters are in
        arabic = len(re.findall("[\u0600-\u06ff]", text))
        cyrillic = len(re.findall("[\u0400-\u04ff]", text))
        latin = len(re.findall("[A-Za-z]", text))
        lang = max((arabic, "ar"), (cyrillic, "ru"), (latin, "en"))[1]
    return lang, text


def load_markers():
    markers = {}
    proclitics = {}
    for path in sorted((ROOT / "rules/lang").glob("*.toml")):
        pack = tomllib.loads(path.read_text("utf-8"))
        code = pack["language"]["code"]
        found = pack.get("attribution", {}).get("location-markers", [])
        markers[code] = [tuple(fold(w, code) for w, _, _ in words(m, code)) for m in found]
        proclitics[code] = sorted(pack["language"].get("proclitics", []), key=len, reverse=True)
    return markers, proclitics


def token_forms(token, lang, proclitics):
    """The folded forms a text word may stand for: itself and itself without a proclitic."""
    folded = fold(token, lang)
    forms = [(folded, "")]
    for p in proclitics.get(lang, []):
        p = fold(p, lang)
        if folded.startswith(p) and len(folded) - len(p) >= 2:
            forms.append((folded[len(p):], p))
    return forms


def word_matches(text_word, name_word, lang):
    if text_word == name_word:
        return True
    if lang == "ru" and text_word.startswith(name_word[:-1]) and len(name_word) >= 4:
        stem = name_word[:-1] if name_word[-1] in "аяоеьйы" else name_word
        if text_word.startswith(stem) and text_word[len(stem):] in RU_ENDINGS:
            return True
    return False


def match_article(text, lang, index, markers, proclitics):
    toks = words(text, lang)
    folded = [fold(w, lang) for w, _, _ in toks]
    i = 0
    out = []
    while i < len(toks):
        found = None
        for form, clitic in token_forms(toks[i][0], lang, proclitics):
            candidates = index[lang].get(form, [])
            if lang == "ru" and not candidates:
                candidates = [e for k in ru_keys(form) for e in index[lang].get(k, [])]
            for key, row, spelling, flagged in candidates:
                n = len(key)
                if i + n > len(toks):
                    continue
                if not all(word_matches(folded[i + j], key[j], lang) for j in range(1, n)):
                    continue
                if lang == "ru" and not word_matches(form, key[0], lang):
                    continue
                found = (n, row, spelling, flagged, clitic)
                break
            if found:
                break
        if not found:
            i += 1
            continue
        n, row, spelling, flagged, clitic = found
        before = tuple(folded[max(0, i - 3):i])
        marked = any(before[len(before) - len(m):] == m for m in markers.get(lang, []) if m and len(m) <= len(before))
        verdict = "counted" if (not flagged or marked) else "needs-context"
        start, end = toks[i][1], toks[i + n - 1][2]
        left = text[max(0, start - 60):start].replace("\n", " ")
        right = text[end:end + 60].replace("\n", " ")
        capital = lang in ("ar", "fa") or toks[i][0][:1].isupper()
        out.append((verdict, capital, row, text[start:end], f"{left}[{text[start:end]}]{right}"))
        i += n
    return out


_ru_cache = {}


def ru_keys(form):
    """Index keys a Russian word form may come from: the form less a case ending, plus а/я/ь/й."""
    keys = []
    for ending in RU_ENDINGS:
        if ending and form.endswith(ending):
            stem = form[: -len(ending)]
            keys.extend([stem, stem + "а", stem + "я", stem + "ь", stem + "й", stem + "о", stem + "ы"])
    return keys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--places", type=Path, default=ROOT / "rules/places/places.tsv")
    parser.add_argument("--verdict", help="print only matches with this verdict")
    args = parser.parse_args()
    index = build_index(load_places(args.places) + load_countries())
    markers, proclitics = load_markers()
    summary = defaultdict(Counter)
    for folder in args.folders:
        for path in sorted(folder.glob("*.txt")):
            if path.name.endswith(".gold.toml"):
                continue
            lang, text = read_article(path)
            if lang not in index:
                continue
            for verdict, capital, row, matched, context in match_article(text, lang, index, markers, proclitics):
                if row["kind"] == "country":
                    continue
                summary[folder.name][(False, verdict)] += 1
                if capital:
                    summary[folder.name][(True, verdict)] += 1
                print("\t".join([folder.name, path.stem, lang, verdict, "cap" if capital else "lower", row["kind"],
                                 f"{row['name']} ({row['id']})", row["country"], matched, context]))
    print("corpus\tcounted\tneeds-context\tcounted (--cased)\tneeds-context (--cased)", file=sys.stderr)
    for corpus, counts in sorted(summary.items()):
        print(f"{corpus}\t{counts[(False, 'counted')]}\t{counts[(False, 'needs-context')]}\t"
              f"{counts[(True, 'counted')]}\t{counts[(True, 'needs-context')]}", file=sys.stderr)


if __name__ == "__main__":
    main()
