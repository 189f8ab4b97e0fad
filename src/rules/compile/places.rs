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
use crate::rules::places::{PlaceKind, PlacesTable};

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

/// One spelling of one place in one language.
#[derive(Debug, Clone)]
struct Spelling {
    place: usize,
    language: String,
    text: String,
}

/// Every place, and their names per language.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// The places, in table order.
    pub places: Vec<Place>,
    spellings: Vec<Spelling>,
    /// (place, language, spelling) that need a preposition of place to count.
    ambiguous: std::collections::HashSet<(usize, String, String)>,
    /// Per language pack: its script, and its lexicon once built.
    lexicons: IndexMap<String, (Script, OnceLock<Lexicon<PlaceHit>>)>,
}

impl Gazetteer {
    /// Builds the gazetteer from the tables, for packs of these codes and scripts.
    pub(super) fn new(tables: &[&PlacesTable], packs: &[(String, Script)]) -> Gazetteer {
        let mut rows: IndexMap<&str, &crate::rules::places::PlaceRow> = IndexMap::new();
        for table in tables {
            for row in &table.rows {
                rows.insert(row.id.as_str(), row);
            }
        }
        let index_of: IndexMap<&str, usize> =
            rows.keys().enumerate().map(|(i, id)| (*id, i)).collect();
        let places = rows
            .values()
            .map(|row| Place {
                id: row.id.clone(),
                kind: row.kind,
                name: row.name.clone(),
                country: row.country.clone(),
                parent: row.parent.as_deref().and_then(|p| index_of.get(p).copied()),
                population: row.population,
            })
            .collect();
        let mut spellings = Vec::new();
        let mut ambiguous = std::collections::HashSet::new();
        for (place, row) in rows.values().enumerate() {
            for (language, names) in &row.names {
                for text in names {
                    spellings.push(Spelling {
                        place,
                        language: language.clone(),
                        text: text.clone(),
                    });
                }
            }
            for (language, text) in &row.ambiguous {
                ambiguous.insert((place, language.clone(), text.clone()));
            }
        }
        let lexicons = packs
            .iter()
            .map(|(code, script)| (code.clone(), (*script, OnceLock::new())))
            .collect();
        Gazetteer {
            places,
            spellings,
            ambiguous,
            lexicons,
        }
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
        std::iter::successors(self.places[place].parent, |&at| self.places[at].parent)
            .take(4)
            .map(|at| &self.places[at])
    }

    fn build(&self, code: &str, script: Script) -> Lexicon<PlaceHit> {
        let mut lexicon = Lexicon::new();
        for spelling in &self.spellings {
            // English spellings travel to every Latin-script language, with
            // the ambiguity they have there: the table lists Latin languages'
            // flags against the English spellings.
            let own = spelling.language == code;
            let travels = spelling.language == "en" && script == Script::Latin;
            if !own && !travels {
                continue;
            }
            let flagged = |language: &str| {
                self.ambiguous.contains(&(
                    spelling.place,
                    language.to_string(),
                    spelling.text.clone(),
                ))
            };
            let ambiguous = flagged(&spelling.language) || travels && flagged(code);
            let hit = PlaceHit {
                place: spelling.place,
                ambiguous,
            };
            for variant in written_variants(&spelling.text) {
                lexicon.insert(&variant, hit);
            }
            if script == Script::Cyrillic
                && let Some(stem) = inflected_stem(&spelling.text)
            {
                lexicon.insert(&format!("{stem}*"), hit);
            }
        }
        lexicon
    }
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
