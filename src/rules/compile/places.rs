//! The gazetteer: places below the country, and their names per language.
//!
//! Input: the places tables in load order (a later row with the same id
//! replaces the earlier one) and the script of each language pack. Output: a
//! [`Gazetteer`]: every [`Place`] with its country and the place it lies in,
//! and, per language, a lexicon of its names built the first time a document
//! of that language asks for it (a run in one language never pays for the
//! other six). Invariant: a language reads its own spellings, plus the English
//! ones when it is written in Latin script ("El Fasher" in a French text);
//! Russian names also match with their case endings ("в Мандалае").

use std::sync::OnceLock;

use indexmap::IndexMap;

use crate::lexicon::Lexicon;
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
}

impl Gazetteer {
    /// The gazetteer of these tables (in load order, the embedded one first
    /// when `embedded` holds its text, unread), for packs of these codes and
    /// scripts.
    pub(super) fn new(
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
        }
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

    /// The places, in table order; a [`PlaceHit`] indexes them.
    pub fn places(&self) -> &[Place] {
        &self.table().places
    }

    /// The place names a document in this language is read with; an empty
    /// lexicon for a language no pack defines.
    pub fn names_for(&self, code: &str) -> &Lexicon<PlaceHit> {
        static EMPTY: OnceLock<Lexicon<PlaceHit>> = OnceLock::new();
        match self.lexicons.get(code) {
            Some((script, lexicon)) => lexicon.get_or_init(|| self.build(code, *script)),
            None => EMPTY.get_or_init(Lexicon::new),
        }
    }

    /// The place a place lies in, and so on up, nearest first.
    pub fn ancestors(&self, place: usize) -> impl Iterator<Item = &Place> {
        let places = self.places();
        std::iter::successors(places[place].parent, |&at| places[at].parent)
            .take(4)
            .map(|at| &places[at])
    }

    fn build(&self, code: &str, script: Script) -> Lexicon<PlaceHit> {
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
                    for variant in written_variants(text) {
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

/// A name as texts write it: with spaces or hyphens between its words ("El
/// Fasher", "El-Fasher"), and, for the Arabic article of a Latin
/// transliteration, "El" or "Al" ("Al-Fasher").
fn written_variants(name: &str) -> Vec<String> {
    let mut variants = vec![name.to_string()];
    let article_swapped = ["El ", "El-", "Al ", "Al-"].iter().find_map(|article| {
        name.strip_prefix(article).map(|rest| {
            let other = if article.starts_with('E') { "Al" } else { "El" };
            format!("{other}{}{rest}", &article[2..])
        })
    });
    variants.extend(article_swapped);
    let mut joined = Vec::new();
    for variant in &variants {
        if variant.contains(' ') {
            joined.push(variant.replace(' ', "-"));
        } else if variant.contains('-') {
            joined.push(variant.replace('-', " "));
        }
    }
    variants.extend(joined);
    variants.sort();
    variants.dedup();
    variants
}

/// A one-word Cyrillic name long enough to take case endings, without the
/// vowel or soft sign it ends in: "Мандалай" -> "Мандала", so that
/// "Мандалае" and "Мандалая" match; "Тегеран" -> "Тегеран".
fn inflected_stem(name: &str) -> Option<String> {
    const MIN_STEM_CHARS: usize = 4;
    if name.contains([' ', '-']) {
        return None;
    }
    let mut stem: Vec<char> = name.chars().collect();
    if stem
        .last()
        .is_some_and(|c| "аяоеёиыйьАЯОЕЁИЫЙЬ".contains(*c))
    {
        stem.pop();
    }
    (stem.len() >= MIN_STEM_CHARS).then(|| stem.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_with_spaces_or_hyphens_and_either_article() {
        assert_eq!(
            written_variants("El Fasher"),
            ["Al Fasher", "Al-Fasher", "El Fasher", "El-Fasher"]
        );
        assert_eq!(written_variants("Tawila"), ["Tawila"]);
    }

    #[test]
    fn russian_names_keep_a_stem_for_their_case_endings() {
        assert_eq!(inflected_stem("Мандалай").as_deref(), Some("Мандала"));
        assert_eq!(inflected_stem("Тегеран").as_deref(), Some("Тегеран"));
        assert_eq!(inflected_stem("Бара"), None);
        assert_eq!(inflected_stem("Нью-Йорк"), None);
    }
}
