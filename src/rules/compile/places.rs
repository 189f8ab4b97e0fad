//! The gazetteer: places below the country, and their names per language.
//!
//! Input: the places tables in load order (a later row with the same id
//! replaces the earlier one) and the script of each language pack. Output: a
//! [`Gazetteer`]: every [`Place`] with its country and the place it lies in,
//! and, per language, a lexicon of its names built the first time a document
//! of that language asks for it (a run in one language never pays for the
//! other six). Invariant: a language reads its own spellings, plus the English
//! ones when it is written in Latin script ("El Fasher" in a French text),
//! from one lexicon of English names those languages share; Russian names
//! also match with their case endings ("в Мандалае").

use std::sync::OnceLock;

use indexmap::IndexMap;

use super::place_names::{
    english_spelling_is_shared, inflected_stem, transliterated, written_variants,
};
use crate::lexicon::{ByteReader, Lexicon, Match, TokenView};
use crate::rules::files::Script;
use crate::rules::places::{PlaceKind, PlaceRow, PlacesTable};

/// A place below the country.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Stable id from the table.
    pub id: String,
    /// Area, region or city.
    pub kind: PlaceKind,
    /// The English name reports use ("Mandalay", "El Fasher").
    pub name: String,
    /// The canonical English name of its country.
    pub country: String,
    /// The place it lies in (a city's region, a region's area), an index
    /// into [`Gazetteer::places`].
    pub parent: Option<usize>,
    /// People living there, when known.
    pub population: Option<u64>,
}

/// A gazetteer name found in text: which place, and whether the spelling is
/// also a common word or a person's name in that language (it then names the
/// place only after a preposition of place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceHit {
    /// Index into [`Gazetteer::places`].
    pub place: usize,
    /// The spelling needs a preposition of place before it to count.
    pub ambiguous: bool,
}

/// The gazetteer's places and rows, once its tables are read.
#[derive(Debug, Clone, Default)]
struct Table {
    /// The places, in table order.
    places: Vec<Place>,
    /// Each place's row, for its names: `rows[i]` is `places[i]`'s.
    rows: Vec<PlaceRow>,
}

/// Every place, and their names per language. The places and their names
/// are read from the tables the first time a document asks for them, and
/// each language's lexicon of names the first time a document of that
/// language does: a run that never meets a place name never pays for them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// The places tables, read on first use.
    table: OnceLock<Table>,
    /// The embedded table's text, when it was left unread at load.
    embedded: Option<&'static str>,
    /// Tables read (and checked) at load, in load order.
    tables: Vec<PlacesTable>,
    /// Per language pack: its script, and its lexicon once built.
    lexicons: IndexMap<String, (Script, OnceLock<Lexicon<PlaceHit>>)>,
    /// The English names every Latin-script language reads, once built:
    /// those whose hit is the same in all of them (see
    /// [`english_spelling_is_shared`]); the others are in each language's
    /// own lexicon.
    shared: OnceLock<Lexicon<PlaceHit>>,
}

/// The place names a document of one language is read with: its own
/// lexicon, and the English names shared by the Latin-script languages when
/// it is one. A name is in one of the two, so their matches together are
/// those of one lexicon holding both.
#[derive(Debug, Clone, Copy)]
pub struct PlaceNames<'g> {
    own: &'g Lexicon<PlaceHit>,
    shared: Option<&'g Lexicon<PlaceHit>>,
}

impl<'g> PlaceNames<'g> {
    /// How many phrases the two lexicons hold together.
    pub fn len(&self) -> usize {
        self.own.len() + self.shared.map_or(0, Lexicon::len)
    }

    /// No name at all.
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.shared.is_none_or(Lexicon::is_empty)
    }

    /// False when no name can start at token `at` (see
    /// [`Lexicon::may_start_here`]).
    pub fn may_start_here(&self, view: &TokenView, at: usize) -> bool {
        self.own.may_start_here(view, at)
            || self
                .shared
                .is_some_and(|shared| shared.may_start_here(view, at))
    }

    /// Every name that matches starting at token `at`, longest first.
    pub fn matches_at(&self, view: &TokenView, at: usize) -> Vec<Match<'g, PlaceHit>> {
        let mut found = self.own.matches_at(view, at);
        if let Some(shared) = self.shared {
            found.extend(shared.matches_at(view, at));
            found.sort_by_key(|m| std::cmp::Reverse(m.end));
        }
        found
    }
}

/// The embedded table's places and names per language, prepared by the
/// build script (`build.rs`) from the same table and code.
static PREBUILT: &[u8] = PREPARED_BYTES;
const PREPARED_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.bin"));

/// The number of places in the prepared table: its first four bytes.
const PREPARED_PLACES: usize = u32::from_le_bytes([
    PREPARED_BYTES[0],
    PREPARED_BYTES[1],
    PREPARED_BYTES[2],
    PREPARED_BYTES[3],
]) as usize;

/// Every hit a prepared name can give, at the number `build.rs` writes for
/// it (the place's index, doubled, plus one when ambiguous): the prepared
/// lexicons are read in place, and their payloads are these.
static PREPARED_HITS: [PlaceHit; 2 * PREPARED_PLACES] = every_hit();

const fn every_hit() -> [PlaceHit; 2 * PREPARED_PLACES] {
    let mut hits = [PlaceHit {
        place: 0,
        ambiguous: false,
    }; 2 * PREPARED_PLACES];
    let mut at = 0;
    while at < hits.len() {
        hits[at] = PlaceHit {
            place: at >> 1,
            ambiguous: at & 1 == 1,
        };
        at += 1;
    }
    hits
}

/// Reads the prepared form of the embedded table: little-endian counts and
/// lengths, as `build.rs` writes them.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let slice = &self.bytes[self.at..self.at + n];
        self.at += n;
        slice
    }

    fn u8(&mut self) -> u8 {
        self.take(1)[0]
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take(4).try_into().expect("4 bytes"))
    }

    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take(8).try_into().expect("8 bytes"))
    }

    fn str(&mut self) -> &'a str {
        let length = self.u32() as usize;
        std::str::from_utf8(self.take(length)).expect("build.rs writes UTF-8")
    }
}

/// The embedded table as prepared by the build script: where each
/// language's names start, read at once; the places, read the first time a
/// document names one.
struct Prepared {
    places: OnceLock<PreparedPlaces>,
    /// Where the English names the Latin-script languages share start.
    shared_at: usize,
    languages: Vec<PreparedNames>,
}

/// The places of the prepared table, each read the first time it is asked
/// for: a run meets a few hundred of the tens of thousands, and reading them
/// all (three strings each) cost more than the run's look-ups of them.
/// Neither the table's places nor room for every place read are touched
/// before that: a list of where each starts came with the table, and the
/// room is made a few places at a time (room for all, 4.6 MB, was written
/// when it was made, and the places passed over to find their starts mapped
/// the table's 1.9 MB: 3-5 MB of a run's peak).
struct PreparedPlaces {
    count: usize,
    /// Each place's start among the places, four bytes little-endian.
    starts: &'static [u8],
    /// Where the places start in the prepared table.
    places_at: usize,
    /// The places read, [`PLACES_A_CHUNK`] to a chunk, each chunk made when
    /// one of its places is first asked for.
    chunks: Box<[OnceLock<PlacesChunk>]>,
}

/// Room for [`PLACES_A_CHUNK`] places, each read when first asked for.
type PlacesChunk = Box<[OnceLock<Place>]>;

/// How many read places share one chunk of room.
const PLACES_A_CHUNK: usize = 16;

impl PreparedPlaces {
    fn place(&self, index: usize) -> &Place {
        let chunk = self.chunks[index / PLACES_A_CHUNK]
            .get_or_init(|| (0..PLACES_A_CHUNK).map(|_| OnceLock::new()).collect());
        chunk[index % PLACES_A_CHUNK].get_or_init(|| {
            let at = 4 * index;
            let start = u32::from_le_bytes(
                (self.starts[at..at + 4])
                    .try_into()
                    .expect("four bytes a start"),
            );
            prebuilt_place(self.places_at + start as usize)
        })
    }
}

/// Where the prepared names of a language pack start.
struct PreparedNames {
    code: &'static str,
    script: u8,
    at: usize,
}

/// Where the names of each language start in the prepared table; the
/// places before them are passed over, unread.
fn prebuilt_index() -> Prepared {
    let mut reader = Reader {
        bytes: PREBUILT,
        at: 0,
    };
    reader.u32();
    let places = reader.u32() as usize;
    reader.take(places);
    let shared_length = reader.u32() as usize;
    let shared_at = reader.at;
    reader.take(shared_length);
    let packs = reader.u32();
    let mut languages = Vec::new();
    for _ in 0..packs {
        let code = reader.str();
        let script = reader.u8();
        // Each language's names are read only when a document asks for them.
        let length = reader.u32() as usize;
        languages.push(PreparedNames {
            code,
            script,
            at: reader.at,
        });
        reader.take(length);
    }
    Prepared {
        places: OnceLock::new(),
        shared_at,
        languages,
    }
}

/// Where each place of the prepared table starts, as the build script
/// listed them: no place is read.
fn prebuilt_places() -> PreparedPlaces {
    let mut reader = Reader {
        bytes: PREBUILT,
        at: 0,
    };
    let count = reader.u32() as usize;
    // The length of the starts and places, for those who pass them over.
    reader.u32();
    let starts = reader.take(4 * count);
    PreparedPlaces {
        count,
        starts,
        places_at: reader.at,
        chunks: (0..count.div_ceil(PLACES_A_CHUNK))
            .map(|_| OnceLock::new())
            .collect(),
    }
}

/// The place whose bytes start at `at` in the prepared table.
fn prebuilt_place(at: usize) -> Place {
    let mut reader = Reader {
        bytes: PREBUILT,
        at,
    };
    let kind = match reader.u8() {
        0 => PlaceKind::Area,
        1 => PlaceKind::Region,
        _ => PlaceKind::City,
    };
    let parent = Some(reader.u32())
        .filter(|&p| p != u32::MAX)
        .map(|p| p as usize);
    let population = Some(reader.u64()).filter(|&p| p != u64::MAX);
    let id = reader.str().to_string();
    let name = reader.str().to_string();
    let country = reader.str().to_string();
    Place {
        id,
        kind,
        name,
        country,
        parent,
        population,
    }
}

/// The prepared lexicon of one language's names, at `at` in the prepared
/// table; none if the bytes there are not one (never, as built).
fn prebuilt_names(at: usize) -> Option<Lexicon<PlaceHit>> {
    Lexicon::read_bytes(&mut ByteReader::new(PREBUILT, at), &PREPARED_HITS)
}

fn script_code(script: Script) -> u8 {
    match script {
        Script::Arabic => 1,
        Script::Cyrillic => 2,
        _ => 0,
    }
}

impl Gazetteer {
    /// The gazetteer of these tables (in load order, the embedded one first
    /// when `embedded` holds its text, unread), for packs of these codes and
    /// scripts.
    pub(in crate::rules) fn new(
        tables: &[&PlacesTable],
        embedded: Option<&'static str>,
        packs: &[(String, Script)],
    ) -> Gazetteer {
        let lexicons = packs
            .iter()
            .map(|(code, script)| (code.clone(), (*script, OnceLock::new())))
            .collect();
        Gazetteer {
            table: OnceLock::new(),
            embedded,
            tables: tables.iter().map(|t| (*t).clone()).collect(),
            lexicons,
            shared: OnceLock::new(),
        }
    }

    /// The prepared form of the embedded table, when it is the only table.
    fn prebuilt(&self) -> Option<&Prepared> {
        static PREPARED: OnceLock<Prepared> = OnceLock::new();
        (self.embedded.is_some() && self.tables.is_empty())
            .then(|| PREPARED.get_or_init(prebuilt_index))
    }

    fn table(&self) -> &Table {
        self.table.get_or_init(|| {
            let embedded = self.embedded.map(|text| {
                let source = crate::rules::RuleSource {
                    path: std::path::PathBuf::from("(embedded) rules/places/places.tsv"),
                    text: text.to_string(),
                    origin: crate::rules::Origin::Embedded,
                };
                // Checked by `rules check` and the tests: problems are none.
                crate::rules::places::parse_places(&source).0
            });
            match embedded {
                // The embedded table alone: its rows move in, ids unique.
                Some(table) if self.tables.is_empty() => {
                    let places = places_of(&table.rows.iter().collect::<Vec<_>>());
                    Table {
                        places,
                        rows: table.rows,
                    }
                }
                _ => {
                    let tables: Vec<&PlacesTable> = embedded.iter().chain(&self.tables).collect();
                    read_tables(&tables)
                }
            }
        })
    }

    /// The place a [`PlaceHit`] names: the `index`th in table order.
    pub fn place(&self, index: usize) -> &Place {
        match self.prebuilt() {
            Some(prepared) => prepared.places.get_or_init(prebuilt_places).place(index),
            None => &self.table().places[index],
        }
    }

    /// The number of places.
    pub fn place_count(&self) -> usize {
        match self.prebuilt() {
            Some(prepared) => prepared.places.get_or_init(prebuilt_places).count,
            None => self.table().places.len(),
        }
    }

    /// The place names a document in this language is read with; none for
    /// a language no pack defines.
    pub fn names_for(&self, code: &str) -> PlaceNames<'_> {
        static EMPTY: OnceLock<Lexicon<PlaceHit>> = OnceLock::new();
        match self.lexicons.get(code) {
            Some((script, lexicon)) => PlaceNames {
                own: lexicon.get_or_init(|| self.build(code, *script)),
                shared: (*script == Script::Latin).then(|| self.shared_names()),
            },
            None => PlaceNames {
                own: EMPTY.get_or_init(Lexicon::new),
                shared: None,
            },
        }
    }

    /// The English names the Latin-script languages share.
    fn shared_names(&self) -> &Lexicon<PlaceHit> {
        self.shared.get_or_init(|| {
            let prepared = self.prebuilt().and_then(|p| prebuilt_names(p.shared_at));
            if let Some(lexicon) = prepared {
                return lexicon;
            }
            let mut lexicon = Lexicon::new();
            for (place, row) in self.table().rows.iter().enumerate() {
                for text in row.names.get("en").into_iter().flatten() {
                    if !english_spelling_is_shared(text, row.ambiguous_spellings()) {
                        continue;
                    }
                    let ambiguous = row
                        .ambiguous_spellings()
                        .any(|(l, t)| l == "en" && t == text);
                    let hit = PlaceHit { place, ambiguous };
                    for variant in written_variants(text) {
                        lexicon.insert(&variant, hit);
                    }
                }
            }
            lexicon
        })
    }

    /// The place a place lies in, and so on up, nearest first.
    pub fn ancestors(&self, place: usize) -> impl Iterator<Item = &Place> {
        std::iter::successors(self.place(place).parent, |&at| self.place(at).parent)
            .take(4)
            .map(|at| self.place(at))
    }

    fn build(&self, code: &str, script: Script) -> Lexicon<PlaceHit> {
        let prepared = self.prebuilt().and_then(|prepared| {
            prepared
                .languages
                .iter()
                .find(|names| names.code == code && names.script == script_code(script))
        });
        if let Some(lexicon) = prepared.and_then(|names| prebuilt_names(names.at)) {
            return lexicon;
        }
        let mut lexicon = Lexicon::new();
        for (place, row) in self.table().rows.iter().enumerate() {
            for (language, names) in &row.names {
                // English spellings travel to every Latin-script language,
                // with the ambiguity they have there: the table lists Latin
                // languages' flags against the English spellings.
                let own = language == code;
                let travels = language == "en" && script == Script::Latin;
                if !own && !travels {
                    continue;
                }
                for text in names {
                    let flagged = |flag_language: &str| {
                        row.ambiguous
                            .iter()
                            .any(|(l, t)| l == flag_language && t == text)
                    };
                    let ambiguous = flagged(language) || travels && flagged(code);
                    let hit = PlaceHit { place, ambiguous };
                    // The spelling itself is in the shared lexicon, its
                    // transliteration here.
                    let shared =
                        travels && english_spelling_is_shared(text, row.ambiguous_spellings());
                    let spellings = std::iter::once(text.clone())
                        .filter(|_| !shared)
                        .chain(travels.then(|| transliterated(text, code)).flatten());
                    for variant in spellings.flat_map(|spelling| written_variants(&spelling)) {
                        lexicon.insert(&variant, hit);
                    }
                    if script == Script::Cyrillic
                        && let Some(stem) = inflected_stem(text)
                    {
                        lexicon.insert(&format!("{stem}*"), hit);
                    }
                }
            }
        }
        lexicon
    }
}

/// The places of the tables in load order (a later row with the same id
/// replaces the earlier one), with their rows.
fn read_tables(tables: &[&PlacesTable]) -> Table {
    let mut rows: IndexMap<&str, &PlaceRow> = IndexMap::new();
    for table in tables {
        for row in &table.rows {
            rows.insert(row.id.as_str(), row);
        }
    }
    let rows: Vec<&PlaceRow> = rows.into_values().collect();
    Table {
        places: places_of(&rows),
        rows: rows.iter().map(|row| (*row).clone()).collect(),
    }
}

/// The places of rows with distinct ids, parents found by id.
fn places_of(rows: &[&PlaceRow]) -> Vec<Place> {
    let index_of: std::collections::HashMap<&str, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (row.id.as_str(), i))
        .collect();
    rows.iter()
        .map(|row| Place {
            id: row.id.clone(),
            kind: row.kind,
            name: row.name.clone(),
            country: row.country.clone(),
            parent: row.parent.as_deref().and_then(|p| index_of.get(p).copied()),
            population: row.population,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the build script prepares are those the gazetteer builds
    /// from the table itself: the same places, and per language the same
    /// phrases, matching the same words.
    #[test]
    fn the_prepared_table_is_the_table() {
        let checked = crate::rules::check(&[], true);
        let tables: Vec<&PlacesTable> = checked.files.places.iter().map(|(_, t)| t).collect();
        let rules = crate::rules::defaults_for_tests();
        let scripts: Vec<(String, Script)> = rules
            .languages
            .iter()
            .map(|l| (l.code.clone(), l.script))
            .collect();
        let read = Gazetteer::new(&tables, None, &scripts);
        let prepared = &rules.gazetteer;
        assert!(prepared.prebuilt().is_some());
        assert_eq!(read.place_count(), prepared.place_count());
        for index in 0..read.place_count() {
            assert_eq!(read.place(index), prepared.place(index));
        }
        for (code, _) in &scripts {
            let (a, b) = (read.names_for(code), prepared.names_for(code));
            assert_eq!(a.own.len(), b.own.len(), "{code}");
            assert!(a.own.same_phrases(b.own), "{code}");
            assert_eq!(a.shared.is_some(), b.shared.is_some(), "{code}");
        }
        let (a, b) = (read.shared_names(), prepared.shared_names());
        assert_eq!(a.len(), b.len());
        assert!(a.same_phrases(b));
    }

    /// A Latin-script language's own names and the shared English ones are
    /// together the names one lexicon of its own held before they were
    /// shared: the same phrases with the same hits, as many times each (the
    /// hits of a look-up are kept as a set, so which lexicon a phrase is in
    /// changes nothing).
    #[test]
    fn own_and_shared_names_are_the_names_of_one_lexicon() {
        let rules = crate::rules::defaults_for_tests();
        let gazetteer = &rules.gazetteer;
        let table = gazetteer.table();
        let written = |hit: &PlaceHit, text: String| (hit.place, hit.ambiguous, text);
        let mut latin = 0;
        for pack in &rules.languages {
            let names = gazetteer.names_for(&pack.code);
            let Some(shared) = names.shared else {
                continue;
            };
            latin += 1;
            let mut split: Vec<_> = (names.own.phrases_written().into_iter())
                .chain(shared.phrases_written())
                .map(|(hit, text)| written(hit, text))
                .collect();
            let mut whole: Vec<_> = one_lexicon(table, &pack.code)
                .phrases_written()
                .into_iter()
                .map(|(hit, text)| written(hit, text))
                .collect();
            split.sort();
            whole.sort();
            assert!(!whole.is_empty());
            let first_difference = split.iter().zip(&whole).find(|(a, b)| a != b);
            assert_eq!(first_difference, None, "{}", pack.code);
            assert_eq!(split.len(), whole.len(), "{}", pack.code);
        }
        assert!(latin >= 4, "{latin}");
    }

    /// The names a Latin-script language read from a lexicon of its own
    /// before the English ones were shared: its own, and every English
    /// spelling with the flags of both languages and its transliteration.
    fn one_lexicon(table: &Table, code: &str) -> Lexicon<PlaceHit> {
        let mut lexicon = Lexicon::new();
        for (place, row) in table.rows.iter().enumerate() {
            for (language, names) in &row.names {
                let travels = language == "en";
                if language != code && !travels {
                    continue;
                }
                for text in names {
                    let flagged =
                        |l: &str| row.ambiguous.iter().any(|(fl, t)| fl == l && t == text);
                    let ambiguous = flagged(language) || travels && flagged(code);
                    let hit = PlaceHit { place, ambiguous };
                    let spellings = std::iter::once(text.clone())
                        .chain(travels.then(|| transliterated(text, code)).flatten());
                    for variant in spellings.flat_map(|spelling| written_variants(&spelling)) {
                        lexicon.insert(&variant, hit);
                    }
                }
            }
        }
        lexicon
    }

    #[test]
    fn names_match_with_spaces_or_hyphens_and_either_article() {
        assert_eq!(
            written_variants("El Fasher"),
            ["Al Fasher", "Al-Fasher", "El Fasher", "El-Fasher"]
        );
        assert_eq!(written_variants("Tawila"), ["Tawila"]);
    }

    #[test]
    fn english_spellings_travel_as_french_and_german_write_the_sound() {
        assert_eq!(
            transliterated("El Fasher", "fr").as_deref(),
            Some("El Facher")
        );
        assert_eq!(transliterated("Shiraz", "de").as_deref(), Some("Schiraz"));
        assert_eq!(transliterated("El Fasher", "es"), None);
        assert_eq!(transliterated("Shan", "fr"), None);
        assert_eq!(transliterated("Mandalay", "fr"), None);
    }

    #[test]
    fn russian_names_keep_a_stem_for_their_case_endings() {
        assert_eq!(inflected_stem("Мандалай").as_deref(), Some("Мандала"));
        assert_eq!(inflected_stem("Тегеран").as_deref(), Some("Тегеран"));
        assert_eq!(inflected_stem("Бара"), None);
        assert_eq!(inflected_stem("Нью-Йорк"), None);
    }
}
