//! Places below the country that a sentence names: regions, cities, areas.
//!
//! Input: the tokens of one sentence, its language pack, the gazetteer, and
//! the entity mentions already found there. Output: [`PlaceMention`]s, each a
//! place of the gazetteer at a token range. Invariant: a name that an entity
//! already covers is that entity, not a place ("Sudan Doctors Network",
//! "Cairo News"); in scripts with capitals a place starts with one; and a
//! spelling that is also a common word or a person's name ("Bara", "بيان")
//! names a place only right after a preposition of place.

use crate::lexicon::TokenView;
use crate::mentions::Mention;
use crate::normalize::Punct;
use crate::rules::files::Script;
use crate::rules::places::PlaceKind;
use crate::rules::{Language, Place, PlaceHit, RuleSet};

/// A place named at tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceMention {
    /// First token of the name.
    pub start: usize,
    /// The token after the name.
    pub end: usize,
    /// Index into the gazetteer's places.
    pub place: usize,
    /// A preposition of place comes right before it ("in Mandalay").
    pub is_location: bool,
}

impl PlaceMention {
    /// The place named.
    pub fn place<'r>(&self, rules: &'r RuleSet) -> &'r Place {
        rules.gazetteer.place(self.place)
    }
}

/// The places named in tokens `from..to`, left to right, none overlapping
/// another place or an entity mention.
pub fn find_places(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    from: usize,
    to: usize,
    mentions: &[Mention],
    countries: impl Fn() -> Vec<String>,
) -> Vec<PlaceMention> {
    let lexicon = rules.gazetteer.names_for(&language.code);
    if lexicon.is_empty() {
        return Vec::new();
    }
    // The countries named are asked only when a spelling names several
    // places: working them out may mean reading the article's opening.
    let known = std::cell::OnceCell::new();
    let countries = || known.get_or_init(&countries).as_slice();
    let covering = |at: usize| mentions.iter().find(|m| at >= m.start && at < m.end);
    let mut found = Vec::new();
    let mut at = from;
    while at < to.min(view.len()) {
        // "في محافظة طهران", "in Tehran": the place, not the country its
        // capital's name stands for in "Tehran said".
        let covered = covering(at);
        let capital = covered.filter(|m| {
            m.start == at
                && m.is_bare_country(rules)
                && (is_location_at(view, language, at)
                    || region_noun_beside(view, language, at, m.end))
        });
        if covered.is_some() && capital.is_none() || !starts_like_a_name(view, language, at) {
            at += 1;
            continue;
        }
        // Most words start no place: told by the gazetteer's filters alone.
        if !lexicon.may_start_here(view, at) {
            at += 1;
            continue;
        }
        let matches = lexicon.matches_at(view, at);
        let Some(longest) = matches.first().map(|m| m.end) else {
            at += 1;
            continue;
        };
        let end = longest;
        let overlaps_entity = match capital {
            // "Tehran Province": the place's name may run on past the capital's.
            Some(mention) => {
                end < mention.end || (mention.end..end).any(|at| covering(at).is_some())
            }
            None => (at..end).any(|at| covering(at).is_some()),
        };
        let is_location = is_location_at(view, language, at);
        let region = region_noun_beside(view, language, at, end);
        let candidates = matches
            .iter()
            .filter(|m| m.end == end)
            .map(|m| *m.value)
            .filter(|hit| is_location || region || !hit.ambiguous)
            .filter(|hit| {
                capital.is_none_or(|m| {
                    m.country_names(rules)
                        .contains(&rules.gazetteer.place(hit.place).country.as_str())
                })
            });
        let best = best_place(rules, candidates, &countries).map(|place| {
            if region {
                region_of(rules, place)
            } else {
                place
            }
        });
        match best {
            Some(place) if end <= to && !overlaps_entity => {
                found.push(PlaceMention {
                    start: at,
                    end,
                    place,
                    is_location,
                });
                at = end;
            }
            _ => at += 1,
        }
    }
    found
}

/// True when a preposition of place ends right before token `at`.
fn is_location_at(view: &TokenView, language: &Language, at: usize) -> bool {
    at > 0 && language.location_markers.ending_at(view, at).is_some()
}

/// True when a region noun stands right before `start` or right after `end`
/// ("محافظة طهران", "Tehran province").
fn region_noun_beside(view: &TokenView, language: &Language, start: usize, end: usize) -> bool {
    let before = start > 0 && language.region_nouns.ending_at(view, start).is_some();
    let after = end < view.len() && !language.region_nouns.matches_at(view, end).is_empty();
    before || after
}

/// The region a place names when a region noun stands beside it: a region
/// itself, or the region a city lies in ("Tehran province" is the province
/// of Tehran, named after its capital).
fn region_of(rules: &RuleSet, place: usize) -> usize {
    let gazetteer = &rules.gazetteer;
    match gazetteer.place(place).kind {
        PlaceKind::City => gazetteer.place(place).parent.unwrap_or(place),
        PlaceKind::Region | PlaceKind::Area => place,
    }
}

/// In scripts with capitals, a place's name starts with one ("Bara", not
/// "bara"); when the original's case is not known, any word may.
fn starts_like_a_name(view: &TokenView, language: &Language, at: usize) -> bool {
    let capital = |at: usize| view.initial_capital.get(at).copied().unwrap_or(true);
    // "el-Fasher", "al-Hasakah": an Arabic article in lower case, hyphened to
    // the capitalised name.
    let hyphened_to_a_name = || {
        view.tokens
            .get(at + 1)
            .is_some_and(|t| t.punct() == Some(Punct::Dash) && !t.space_before)
            && view.tokens.get(at + 2).is_some_and(|t| !t.space_before)
            && capital(at + 2)
    };
    language.script == Script::Arabic || capital(at) || hyphened_to_a_name()
}

/// Of the places one spelling names, one in a country the text names
/// (`countries`: "البنجاب" beside Pakistan is Pakistan's Punjab); then the
/// city named like the region it lies in; then the largest: an area before a
/// region before a city, then by population, then the first listed.
fn best_place<'c>(
    rules: &RuleSet,
    hits: impl Iterator<Item = PlaceHit>,
    countries: &dyn Fn() -> &'c [String],
) -> Option<usize> {
    let rank = |kind: PlaceKind| match kind {
        PlaceKind::Area => 0,
        PlaceKind::Region => 1,
        PlaceKind::City => 2,
    };
    let gazetteer = &rules.gazetteer;
    let hits: Vec<usize> = hits.map(|hit| hit.place).collect();
    // One place or none: nothing to choose between.
    if hits.len() < 2 {
        return hits.first().copied();
    }
    let countries = countries();
    // A city named like the region it lies in ("Haifa", "Tehran", "Mandalay")
    // is the city: the region has its own longer name ("Haifa District"), and
    // not every language spells the region with the city's bare name, so
    // choosing the region would part one place's toll by language.
    let named_like_its_region = |index: usize| {
        gazetteer
            .place(index)
            .parent
            .is_some_and(|parent| hits.contains(&parent))
    };
    hits.iter().copied().min_by_key(|&index| {
        let place = gazetteer.place(index);
        (
            !countries.contains(&place.country),
            !named_like_its_region(index),
            rank(place.kind),
            std::cmp::Reverse(place.population.unwrap_or(0)),
            index,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::TokenView;
    use crate::mentions::find_mentions;
    use crate::normalize::{NormalizedText, tokenize};

    fn places_in(text: &str, code: &str) -> Vec<String> {
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language(code).unwrap();
        let normalized = NormalizedText::new(text, 0);
        let tokens = tokenize(&normalized.text);
        let capitals: Vec<bool> = tokens
            .iter()
            .map(|t| {
                text[t.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            })
            .collect();
        let view = TokenView::new(&normalized.text, &tokens, &language.proclitics, &[])
            .with_initial_capitals(capitals);
        let mentions = find_mentions(&view, language, rules, 0, view.len());
        find_places(&view, language, rules, 0, view.len(), &mentions, Vec::new)
            .iter()
            .map(|m| {
                let place = m.place(rules);
                format!("{} ({})", place.name, place.country)
            })
            .collect()
    }

    #[test]
    fn cities_and_regions_are_found_with_their_country() {
        assert_eq!(
            places_in("At least 1,807 people died in Mandalay.", "en"),
            ["Mandalay (Myanmar)"]
        );
        assert_eq!(
            places_in("قتل 2000 شخص في الفاشر", "ar"),
            ["El Fasher (Sudan)"]
        );
    }

    #[test]
    fn a_country_or_a_lower_case_word_is_no_place() {
        assert!(places_in("Sudan said the mandalay was closed.", "en").is_empty());
    }
}
