//! What the figures of one sentence ask of the whole sentence, found when
//! the first asks and kept for the others.
//!
//! Input: a figure's [`Site`] (its sentence, the sentence's mentions), the
//! [`Page`] and the language pack's word lists. Output: the sentence's
//! places, counted nouns, denial, same-source, nationwide, all-named and
//! region words, which country mentions name no owner, and whom the people
//! its sources name were introduced with. Invariant: each answer is what
//! finding it for the figure alone gives (a pure function of the sentence,
//! the page and the rules), so a site with no [`SentenceLookups`] (a
//! denial's) finds it for itself.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};

use super::introduced::introduced_body;
use super::page::{Page, Sentence, Site};
use crate::lexicon::{Lexicon, TokenView};
use crate::mentions::Mention;
use crate::model::Owner;
use crate::places::{PlaceMention, find_places};
use crate::rules::{Language, RuleSet};

/// What every figure of a sentence asks of the whole sentence, found when
/// its first figure asks and kept for the others (1.7 figures a sentence in
/// news articles).
#[derive(Default)]
pub(super) struct SentenceLookups {
    /// The sentence denies (`denial`).
    denies: OnceCell<bool>,
    /// It names its source as the one before (`same-source`: "the same
    /// source").
    points_back: OnceCell<bool>,
    /// Its `nationwide` and `all-named` words, as token ranges.
    nationwide: OnceCell<Vec<(usize, usize)>>,
    all_named: OnceCell<Vec<(usize, usize)>>,
    /// The places below the country it names: found only when a figure
    /// asks (a toll, a reporting verb with no known subject).
    places: OnceCell<Vec<PlaceMention>>,
    /// Its counted nouns, each as its tokens and its unit (an index into
    /// `RuleSet::units`): asked only when a country may qualify one.
    units: OnceCell<Vec<(usize, usize, usize)>>,
    /// Its region words, each with its region (rarely any: copies).
    regions: OnceCell<Vec<(usize, usize, String)>>,
    /// Whether a mention names no owner, by (its first token, the kind
    /// counts people, it is counted by place), as answered so far.
    no_owner: RefCell<Vec<(usize, bool, bool, bool)>>,
    /// The body each person named at a token range was introduced with
    /// before the sentence, as asked so far: the sources of a sentence ask
    /// of the same words more than once.
    introduced: RefCell<Vec<Introduction>>,
}

/// A token range naming a person, and the body the person was introduced
/// with, if any.
type Introduction = ((usize, usize), Option<Mention>);

/// `find` once for the sentence when `cell` keeps it, else for this figure.
fn kept_flag(cell: Option<&OnceCell<bool>>, find: impl FnOnce() -> bool) -> bool {
    match cell {
        Some(cell) => *cell.get_or_init(find),
        None => find(),
    }
}

/// `find` once for the sentence when `cell` keeps it, else for this figure.
fn kept_list<'c, T: Clone>(
    cell: Option<&'c OnceCell<Vec<T>>>,
    find: impl FnOnce() -> Vec<T>,
) -> Cow<'c, [T]> {
    match cell {
        Some(cell) => Cow::Borrowed(cell.get_or_init(find)),
        None => Cow::Owned(find()),
    }
}

/// The countries a sentence names, and the article's: where a place name
/// that several countries have is most likely to be.
fn named_countries(rules: &RuleSet, mentions: &[Mention], topic: Option<&Owner>) -> Vec<String> {
    let mut countries: Vec<String> = mentions
        .iter()
        .flat_map(|m| m.country_names(rules))
        .map(str::to_string)
        .collect();
    countries.extend(
        topic
            .into_iter()
            .flat_map(|t| t.countries().iter().map(|c| c.to_string())),
    );
    countries
}

/// True when one of `lexicon`'s phrases is in the sentence.
fn any_in<T>(view: &TokenView, lexicon: &Lexicon<T>, sentence: Sentence) -> bool {
    !lexicon
        .find_all(view, sentence.start, sentence.end)
        .is_empty()
}

/// The token ranges of `lexicon`'s matches in the sentence.
fn ranges<T>(view: &TokenView, lexicon: &Lexicon<T>, sentence: Sentence) -> Vec<(usize, usize)> {
    lexicon
        .find_all(view, sentence.start, sentence.end)
        .iter()
        .map(|hit| (hit.start, hit.end))
        .collect()
}

impl<'a> Site<'a> {
    /// The places below the country the sentence names: the ones given,
    /// else found when first asked, in the countries the sentence and the
    /// article name.
    pub fn places(
        &self,
        page: &Page,
        language: &Language,
        rules: &RuleSet,
    ) -> Cow<'a, [PlaceMention]> {
        if let Some(given) = self.places {
            return Cow::Borrowed(given);
        }
        let find = || {
            let countries = || named_countries(rules, self.mentions, page.topic());
            let sentence = self.sentence;
            let view = page.view;
            let mentions = self.mentions;
            find_places(
                view,
                language,
                rules,
                sentence.start,
                sentence.end,
                mentions,
                countries,
            )
        };
        match self.lookups {
            Some(lookups) => Cow::Borrowed(lookups.places.get_or_init(find)),
            None => Cow::Owned(find()),
        }
    }

    /// True when the sentence denies (the language's `denial` words).
    pub fn denies(&self, view: &TokenView, language: &Language) -> bool {
        let find = || any_in(view, &language.denial, self.sentence);
        kept_flag(self.lookups.map(|l| &l.denies), find)
    }

    /// True when the sentence names its source as the one before
    /// (`same-source`: "according to the same source").
    pub fn points_back(&self, view: &TokenView, language: &Language) -> bool {
        let find = || any_in(view, &language.same_source, self.sentence);
        kept_flag(self.lookups.map(|l| &l.points_back), find)
    }

    /// The sentence's `nationwide` words, as token ranges.
    pub fn nationwide(&self, view: &TokenView, language: &Language) -> Cow<'a, [(usize, usize)]> {
        let find = || ranges(view, &language.nationwide, self.sentence);
        kept_list(self.lookups.map(|l| &l.nationwide), find)
    }

    /// The sentence's `all-named` words ("in both countries"), as token ranges.
    pub fn all_named(&self, view: &TokenView, language: &Language) -> Cow<'a, [(usize, usize)]> {
        let find = || ranges(view, &language.all_named, self.sentence);
        kept_list(self.lookups.map(|l| &l.all_named), find)
    }

    /// The sentence's counted nouns, each as its tokens and its unit.
    pub fn units(&self, view: &TokenView, language: &Language) -> Cow<'a, [(usize, usize, usize)]> {
        let find = || {
            language
                .units
                .find_all(view, self.sentence.start, self.sentence.end)
                .into_iter()
                .map(|hit| (hit.start, hit.end, *hit.value))
                .collect()
        };
        kept_list(self.lookups.map(|l| &l.units), find)
    }

    /// The sentence's region words, each as its tokens and its region.
    pub fn regions(
        &self,
        view: &TokenView,
        language: &Language,
    ) -> Cow<'a, [(usize, usize, String)]> {
        let find = || {
            language
                .regions
                .find_all(view, self.sentence.start, self.sentence.end)
                .into_iter()
                .map(|hit| (hit.start, hit.end, hit.value.clone()))
                .collect()
        };
        kept_list(self.lookups.map(|l| &l.regions), find)
    }

    /// The body a person named at `words` was introduced with before the
    /// sentence (see [`introduced_body`]).
    pub fn introduced_body(
        &self,
        page: &Page,
        language: &Language,
        rules: &RuleSet,
        words: (usize, usize),
    ) -> Option<Mention> {
        let find = || introduced_body(page, language, rules, words, self.sentence.start);
        let Some(lookups) = self.lookups else {
            return find();
        };
        let known = lookups
            .introduced
            .borrow()
            .iter()
            .find(|(at, _)| *at == words)
            .map(|(_, body)| body.clone());
        known.unwrap_or_else(|| {
            let body = find();
            lookups.introduced.borrow_mut().push((words, body.clone()));
            body
        })
    }

    /// Whether `mention` names no owner for a figure whose kind counts
    /// people or not and is counted by place or not: `find`, asked once a
    /// sentence for each.
    pub fn names_no_owner(
        &self,
        mention: &Mention,
        (counts_people, by_place): (bool, bool),
        find: impl FnOnce() -> bool,
    ) -> bool {
        let Some(lookups) = self.lookups else {
            return find();
        };
        let key = (mention.start, counts_people, by_place);
        let known = lookups
            .no_owner
            .borrow()
            .iter()
            .find(|&&(start, people, place, _)| (start, people, place) == key)
            .map(|&(.., answer)| answer);
        known.unwrap_or_else(|| {
            let answer = find();
            lookups
                .no_owner
                .borrow_mut()
                .push((key.0, key.1, key.2, answer));
            answer
        })
    }
}
