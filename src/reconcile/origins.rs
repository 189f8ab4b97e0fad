//! Origins: who stands behind each claim.
//!
//! Input: a group's claims, in reconciliation order, and the settings. Output:
//! each claim's origin, by its position in the group ([`OriginOf`]), and the [`Origin`]s
//! with the outlets that relayed them. An origin is the source a text names
//! (names spelled almost alike are one); a figure nobody is named for belongs
//! to the outlet that printed it, unless its sentence is a near copy of an
//! earlier unnamed one (wire copy, a translation of it): then it is an echo of
//! that origin. A number in a name is an identifier: names that both carry
//! digits, and not the same runs of them, are different origins however
//! alike ("Brigade 155", "Brigade 128"); names are searched only among those
//! they may be one with, so numbered names cost no comparison with each other.
//!
//! Invariant: every claim has exactly one origin, and an origin counts once
//! however many outlets relay it.

use serde::{Deserialize, Serialize};

use super::reliability::{Weights, weight_of};
use crate::model::{Claim, ClaimId};
use crate::rules::files::ReconcileSettings;

/// One voice: a named source, or an outlet speaking for itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Origin {
    /// The source as its first claim names it ("South Korean officials"); for
    /// figures no one is named for, the outlet (or, unknown, the document id).
    pub name: String,
    /// Every outlet that relayed a figure from this origin.
    pub outlets: Vec<String>,
    /// Ids of its claims, in reconciliation order.
    pub claims: Vec<ClaimId>,
    /// True when the origin is unnamed copy relayed by several outlets.
    pub echo: bool,
    /// Weight from source reliability, 0 to 1, when it is on; 1 when it is off.
    pub weight: f64,
}

/// The origin of each claim, by its position in the group's members (in
/// reconciliation order): an index in a list of names, the same index for
/// the same name. A group of many claims asks this for every claim in several
/// passes; a position costs no hash of a claim id.
#[derive(Debug, Default)]
pub struct OriginOf {
    names: Vec<String>,
    of_position: Vec<usize>,
}

impl OriginOf {
    /// The origin name of the claim at this position; "" for a position past
    /// the members (every caller asks of those).
    pub fn name(&self, position: usize) -> &str {
        self.of_position
            .get(position)
            .map_or("", |&index| self.names[index].as_str())
    }

    /// The index of the origin of the claim at this position: two claims'
    /// indexes are equal exactly when their origin names are; below
    /// [`OriginOf::count`].
    pub fn index(&self, position: usize) -> usize {
        self.of_position.get(position).copied().unwrap_or(0)
    }

    /// The name of the origin of this index ("" past them).
    pub fn name_of(&self, index: usize) -> &str {
        self.names.get(index).map_or("", String::as_str)
    }

    /// How many indexes [`OriginOf::index`] can give (at least one).
    pub fn count(&self) -> usize {
        self.names.len().max(1)
    }
}

/// The origin of each claim, by position. Named sources whose names are spelled
/// almost alike are one origin; unnamed figures whose sentences are near copies
/// of each other (wire copy, translations of it) are one origin.
pub(super) fn assign_origins(members: &[&Claim], settings: &ReconcileSettings) -> OriginOf {
    // Each claim's origin: named (an index in `named`) or not (in `unnamed`).
    let mut of_claim: Vec<Result<usize, usize>> = Vec::with_capacity(members.len());
    let mut named: Vec<String> = Vec::new();
    let mut lists = NamedLists::default();
    // A name seen before is the origin it was then: the first of the list
    // it matched, which names added later cannot come before.
    let mut by_name: crate::fxhash::FxHashMap<&str, usize> = Default::default();
    // (origin name, normalised sentence words) of unnamed figures seen so far.
    let mut unnamed: Vec<(String, Vec<String>)> = Vec::new();
    let mut by_sentence: crate::fxhash::FxHashMap<&str, usize> = Default::default();
    for &claim in members {
        let origin = if !claim.attribution.is_empty() {
            let index = match by_name.get(claim.attribution.as_str()) {
                Some(&index) => index,
                None => {
                    let lower = claim.attribution.to_lowercase();
                    let runs = digit_runs(&lower);
                    let index = lists
                        .first_alike(&lower, &runs, settings.origin_similarity)
                        .unwrap_or_else(|| {
                            named.push(claim.attribution.to_string());
                            lists.push(lower, runs, named.len() - 1);
                            named.len() - 1
                        });
                    by_name.insert(claim.attribution.as_str(), index);
                    index
                }
            };
            Ok(index)
        } else {
            let index = match by_sentence.get(claim.sentence.as_str()) {
                Some(&index) => index,
                None => {
                    let words = sentence_words(&claim.sentence);
                    let copy = unnamed
                        .iter()
                        .position(|(_, other)| jaccard(&words, other) >= settings.echo_similarity);
                    let index = copy.unwrap_or_else(|| {
                        unnamed.push((outlet_of(claim).to_string(), words));
                        unnamed.len() - 1
                    });
                    by_sentence.insert(claim.sentence.as_str(), index);
                    index
                }
            };
            Err(index)
        };
        of_claim.push(origin);
    }
    let first_unnamed = named.len();
    let mut names = named;
    names.extend(unnamed.into_iter().map(|(name, _)| name));
    // One index a name: an outlet may print unnamed figures in sentences
    // that are not copies (two origins of one name), or be named as a source
    // too; callers group claims by origin name.
    let mut first_of_name: crate::fxhash::FxHashMap<&str, usize> = Default::default();
    first_of_name.reserve(names.len());
    let canonical: Vec<usize> = names
        .iter()
        .enumerate()
        .map(|(index, name)| *first_of_name.entry(name.as_str()).or_insert(index))
        .collect();
    let of_position = of_claim
        .into_iter()
        .map(|origin| canonical[origin.unwrap_or_else(|index| first_unnamed + index)])
        .collect();
    OriginOf { names, of_position }
}

/// The digit runs of a name, in order, each followed by a space ("brigade
/// 155" gives "155 "); empty when the name has no digit. A number in a name
/// is an identifier: two names that both carry digits, and not the same
/// runs of them, are different origins however alike they are spelled
/// ("Brigade 155" and "Brigade 128", "source-12" and "source-13").
fn digit_runs(name: &str) -> String {
    let mut runs = String::new();
    let mut in_run = false;
    for ch in name.chars() {
        if ch.is_numeric() {
            runs.push(ch);
            in_run = true;
        } else if in_run {
            runs.push(' ');
            in_run = false;
        }
    }
    if in_run {
        runs.push(' ');
    }
    runs
}

/// The named origins so far (lower-cased names, each with its index in
/// the list of origins), split so that a name is compared only with the
/// names it may be one origin with: a name with digits with the names
/// without and the names of the same digit runs; a name without digits
/// with every name. The first alike among those is the first alike among
/// all names the digit rule leaves: the answer of comparing with each.
#[derive(Default)]
struct NamedLists {
    /// Names without a digit.
    plain: NameList,
    /// Every name with a digit, for names without one.
    numbered: NameList,
    /// Names with digits, by their digit runs.
    by_runs: crate::fxhash::FxHashMap<String, NameList>,
}

impl NamedLists {
    /// The index of the first name (lowest index) at least `similarity`
    /// alike to `lower` that the digit rule does not keep apart from it.
    /// `runs` are `lower`'s [`digit_runs`].
    fn first_alike(&mut self, lower: &str, runs: &str, similarity: f64) -> Option<usize> {
        let plain = self.plain.first_alike(lower, similarity);
        let other = if runs.is_empty() {
            self.numbered.first_alike(lower, similarity)
        } else {
            self.by_runs
                .get_mut(runs)
                .and_then(|list| list.first_alike(lower, similarity))
        };
        match (plain, other) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Adds a name, the origin of this index, with its [`digit_runs`].
    fn push(&mut self, lower: String, runs: String, index: usize) {
        if runs.is_empty() {
            self.plain.push(lower, index);
        } else {
            self.numbered.push(lower.clone(), index);
            self.by_runs.entry(runs).or_default().push(lower, index);
        }
    }
}

/// Lower-cased names with their origin index, in the order they came; past
/// a few dozen, indexed by their characters (when first searched) so that a
/// name is compared only with names it could be spelled like.
#[derive(Default)]
struct NameList {
    names: Vec<(String, usize)>,
    /// Boxed: most lists (a name's digit runs) never grow to need one.
    index: Option<Box<crate::fuzzy::FuzzyIndex<usize>>>,
}

impl NameList {
    /// Names up to this many are compared one by one.
    const INDEX_FROM: usize = 32;

    fn push(&mut self, lower: String, index: usize) {
        if let Some(fuzzy) = &mut self.index {
            fuzzy.push(lower.clone(), index);
        }
        self.names.push((lower, index));
    }

    /// The lowest origin index among the names at least `similarity` alike
    /// to `lower` (the name of the list as Jaro-Winkler's first argument).
    fn first_alike(&mut self, lower: &str, similarity: f64) -> Option<usize> {
        if self.names.len() < Self::INDEX_FROM {
            return self
                .names
                .iter()
                .find(|(name, _)| name_similarity(name, lower) >= similarity)
                .map(|&(_, index)| index);
        }
        let names = &self.names;
        let fuzzy = self
            .index
            .get_or_insert_with(|| Box::new(crate::fuzzy::FuzzyIndex::new(names.clone())));
        let mut first: Option<usize> = None;
        fuzzy.similar_in_order(lower, similarity, true, |_, &i| {
            first = Some(first.map_or(i, |f: usize| f.min(i)));
        });
        first
    }
}

/// How many pairs of names [`name_similarity`] keeps per thread before it
/// starts over: enough for the names of a whole table, bounded for any input.
const SIMILARITIES_KEPT: usize = 1 << 16;

thread_local! {
    /// Similarities computed so far, by first name then second: the same
    /// outlets and sources are compared again in every group of a table
    /// (Jaro-Winkler was 3-4% of a report on the Weather table).
    static SIMILARITIES: std::cell::RefCell<(usize, NameSimilarities)> =
        std::cell::RefCell::new((0, NameSimilarities::default()));
}

type NameSimilarities = crate::fxhash::FxHashMap<String, crate::fxhash::FxHashMap<String, f64>>;

/// `strsim::jaro_winkler(a, b)`, remembered: the value is a function of the
/// two names only, so remembering it changes no result.
fn name_similarity(a: &str, b: &str) -> f64 {
    SIMILARITIES.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (kept, known) = &mut *cell;
        if let Some(&value) = known.get(a).and_then(|of_a| of_a.get(b)) {
            return value;
        }
        if *kept >= SIMILARITIES_KEPT {
            known.clear();
            *kept = 0;
        }
        let value = strsim::jaro_winkler(a, b);
        known
            .entry(a.to_string())
            .or_default()
            .insert(b.to_string(), value);
        *kept += 1;
        value
    })
}

/// The distinct words of a sentence, normalised and sorted.
fn sentence_words(sentence: &str) -> Vec<String> {
    let mut words: Vec<String> = crate::normalize::normalize_phrase(sentence)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Shared words over all words, of two sorted word lists.
fn jaccard(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// The outlet that printed a claim: its source, else its document.
fn outlet_of(claim: &Claim) -> &str {
    if claim.source.is_empty() {
        &claim.doc
    } else {
        &claim.source
    }
}

/// The origins in order of first claim, each with its outlets and claims.
pub(super) fn describe_origins(
    members: &[&Claim],
    origin_of: &OriginOf,
    weights: Option<&Weights>,
) -> Vec<Origin> {
    let mut origins: Vec<Origin> = Vec::new();
    // Each origin index's place in `origins`, once it has one.
    let mut slot: Vec<Option<usize>> = vec![None; origin_of.count()];
    for (position, claim) in members.iter().enumerate() {
        let name = origin_of.name(position);
        let at = *slot[origin_of.index(position)].get_or_insert_with(|| {
            origins.push(Origin {
                name: name.to_string(),
                outlets: Vec::new(),
                claims: Vec::new(),
                echo: false,
                weight: weight_of(weights, name),
            });
            origins.len() - 1
        });
        let origin = &mut origins[at];
        let outlet = outlet_of(claim);
        if !origin.outlets.iter().any(|o| o == outlet) {
            origin.outlets.push(outlet.to_string());
        }
        origin.claims.push(claim.id.clone());
        origin.echo = claim.attribution.is_empty() && origin.outlets.len() > 1;
    }
    origins
}

#[cfg(test)]
mod tests {
    use crate::model::Qualifier;
    use crate::reconcile::tests::{run, test_claim};

    #[test]
    fn remembered_similarity_is_jaro_winkler() {
        for (a, b) in [("met office", "met 0ffice"), ("noaa", "nasa"), ("", "x")] {
            for _ in 0..2 {
                let value = super::name_similarity(a, b);
                assert_eq!(value.to_bits(), strsim::jaro_winkler(a, b).to_bits());
            }
        }
    }

    #[test]
    fn names_that_differ_in_their_numbers_are_different_origins() {
        use super::digit_runs;
        assert_eq!(digit_runs("Brigade 155"), "155 ");
        assert_eq!(digit_runs("unit 12, sector 4b"), "12 4 ");
        assert_eq!(digit_runs("OCHA"), "");
        let names = [
            "Brigade 155",
            "Brigade 128",
            "Brigade 155",
            "source-12",
            "source-13",
            "Health Ministry",
            "Health Ministy",
            "UN 2023 report",
            "UN 2023 reports",
        ];
        let claims: Vec<_> = names
            .iter()
            .enumerate()
            .map(|(index, name)| {
                crate::reconcile::tests::claim(
                    &format!("c#{index}"),
                    100.0,
                    Qualifier::Exact,
                    name,
                    "2023-02-10",
                )
            })
            .collect();
        let origins: Vec<String> = run(&claims, false)
            .origins
            .iter()
            .map(|o| o.name.clone())
            .collect();
        assert_eq!(
            origins,
            [
                "Brigade 155",
                "Brigade 128",
                "source-12",
                "source-13",
                "Health Ministry",
                "UN 2023 report"
            ]
        );
        // Many numbered names, past the size where they are indexed: each
        // its own origin.
        let many: Vec<_> = (0..200)
            .map(|index| {
                crate::reconcile::tests::claim(
                    &format!("s#{index}"),
                    100.0,
                    Qualifier::Exact,
                    &format!("source-{index}"),
                    "2023-02-10",
                )
            })
            .collect();
        assert_eq!(run(&many, false).origins.len(), 200);
    }

    #[test]
    fn unnamed_copies_across_outlets_are_one_origin() {
        let mut a = test_claim("a", 300.0, Qualifier::Exact);
        a.sentence =
            "At least 300 people died in the floods on Monday, officials in the region said".into();
        a.source = "Outlet A".into();
        let mut b = a.clone();
        b.id = "b#1".into();
        b.doc = "b".into();
        b.source = "Outlet B".into();
        b.sentence =
            "At least 300 people died in the floods on Monday, officials in the region said."
                .into();
        let result = run(&[a, b], false);
        assert_eq!(result.origins.len(), 1);
        assert!(result.origins[0].echo);
        assert_eq!(result.origins[0].outlets, ["Outlet A", "Outlet B"]);
    }
}
