//! Who a figure comes from: its attribution.
//!
//! Input: a figure's [`Site`] (its sentence and the names in it), the
//! [`Page`] (other figures, the text as written) and the language pack's
//! source cues ("according to"), reporting verbs ("said"), addressee verbs
//! ("told"), clause openers, anaphors and same-source words. Output: the source's
//! name with the tokens that name it ([`Attributed`]). The sources earlier
//! figures make plain are `carried_source.rs`'s.
//! Invariant: the nearest candidate wins, a news outlet relaying a source ranks
//! below the source itself, a bare adjective ("Turkish") is no source, and who
//! was told ("told lawmakers") never is. The subject of a reporting verb and
//! its apposition are found by `reporting_subject.rs`.

use std::borrow::Cow;
use std::cell::OnceCell;

use super::kicker::kicker_source;
use super::owner::inside_a_name;
use super::page::{Page, Sentence, Site};
use super::proper_name::{is_common_body, name_ending_in};
use super::reporting_subject::{is_name_token, subject_span_after, subjects_of_verbs};
use crate::lexicon::{Match, TokenView};
use crate::mentions::{Mention, find_mentions};
use crate::normalize::{Punct, TokenKind, normalize_phrase};
use crate::places::PlaceMention;
use crate::rules::files::EntityType;
use crate::rules::{Language, RuleSet};

/// The source a figure is attributed to: its canonical English name, and
/// the words that name it.
#[derive(Clone)]
pub(super) struct Attributed {
    /// The canonical name; `""` when the words name no known source and do
    /// not read as a name ("a preliminary assessment by").
    pub name: String,
    /// The tokens of the entity mention naming the source, when a known
    /// entity names it (they are no owner of the figure).
    pub tokens: Option<(usize, usize)>,
    /// The tokens of the words naming the source, as the text writes them.
    pub words: (usize, usize),
}

/// A possible source: its rank (a relayed original, then a source, then an
/// outlet relaying one), the cue naming it (its distance from a figure
/// tells between equals), who. Found once for all the figures of a
/// sentence: nothing here depends on which figure asks.
pub(super) struct Candidate {
    rank: u8,
    cue: (usize, usize),
    who: Attributed,
    /// A reporting verb that takes a figure of its own right after it
    /// (see `subjects_of_verbs`): no source of the figures before it.
    reports_a_later_figure: bool,
}

/// Ranks of candidates, best first.
const RELAYED: u8 = 0;
const SOURCE: u8 = 1;
const RELAYING_OUTLET: u8 = 2;

impl Candidate {
    /// A candidate named by a known entity, or else by words as written
    /// (`raw`, a token range); `None` when there is neither.
    pub(super) fn new(
        page: &Page,
        language: &Language,
        rules: &RuleSet,
        site: &Site,
        mention: Option<&Mention>,
        raw: Option<(usize, usize)>,
        cue: (usize, usize),
    ) -> Option<Candidate> {
        // "the United Wa State Army said": a common body ("Army") that ends a
        // name written in capitals is that name.
        let named = mention
            .filter(|m| is_common_body(rules, m))
            .and_then(|m| name_ending_in(page, language, site.mentions, m, site.sentence.start));
        let (rank, who) = match (mention, raw) {
            (Some(_), _) if let Some(words) = named => (
                SOURCE,
                Attributed {
                    name: name_of_words(page, language, rules, words, site.sentence.start),
                    tokens: Some(words),
                    words,
                },
            ),
            (Some(mention), _) => (
                if mention.relays(rules) {
                    RELAYING_OUTLET
                } else {
                    SOURCE
                },
                Attributed {
                    name: mention.canonical(rules),
                    tokens: Some((mention.start, mention.end)),
                    words: (mention.start, mention.end),
                },
            ),
            // "Gendelman noted": a person the article introduced with their
            // body speaks for it, and their name is no place of the figure.
            (None, Some(words)) => match site.introduced_body(page, language, rules, words) {
                Some(body) => (
                    SOURCE,
                    Attributed {
                        name: body.canonical(rules),
                        tokens: Some(words),
                        words,
                    },
                ),
                None => (
                    SOURCE,
                    Attributed {
                        name: name_of_words(page, language, rules, words, site.sentence.start),
                        tokens: None,
                        words,
                    },
                ),
            },
            (None, None) => return None,
        };
        Some(Candidate {
            rank,
            cue,
            who,
            reports_a_later_figure: false,
        })
    }

    /// The candidate of a reporting verb that takes a figure of its own
    /// right after it when `later` holds.
    pub(super) fn reporting_a_later_figure(mut self, later: bool) -> Candidate {
        self.reports_a_later_figure = later;
        self
    }

    /// A place that speaks through its authorities ("the capital Bangkok
    /// announced"): "Bangkok authorities".
    pub(super) fn of_place(
        rules: &RuleSet,
        place: &PlaceMention,
        cue: (usize, usize),
    ) -> Candidate {
        Candidate {
            rank: SOURCE,
            cue,
            who: Attributed {
                name: [&place.place(rules).name, " authorities"].concat(),
                tokens: None,
                words: (place.start, place.end),
            },
            reports_a_later_figure: false,
        }
    }
}

/// The sources a sentence names, found once for all its figures: every
/// candidate but those no figure may take, and where clauses open ("after",
/// "when").
pub(super) struct SentenceSources {
    candidates: Vec<Candidate>,
    /// Found only when a figure asks: a candidate after it, with a figure
    /// after the candidate (see [`speaks_of_a_later_figure`]), which few
    /// sentences have.
    openers: OnceCell<Vec<(usize, usize)>>,
}

/// Who the text says the figure comes from, and the tokens that name them.
/// Candidates come from source cues ("according to X"), reporting verbs ("X
/// said") and a headline's source ("... — WHO"); the sentence's are found
/// once (`site.sources`) and each figure takes the best of them.
pub(super) fn attribution(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
) -> Option<Attributed> {
    let fresh;
    let sources = match site.sources {
        Some(cell) => cell.get_or_init(|| sentence_sources(page, language, rules, site)),
        None => {
            fresh = sentence_sources(page, language, rules, site);
            &fresh
        }
    };
    best_source(page, language, site, sources)
}

/// The candidates of the sentence of `site`, whichever of its figures asks.
/// They are kept for every figure of the sentence, so nothing here may read
/// `site.figure` or anything else of one figure: what depends on the figure
/// (its distance to a cue, a verb or cue reporting a later figure) belongs
/// in [`best_source`].
fn sentence_sources(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
) -> SentenceSources {
    let mut candidates = after_source_cues(page, language, rules, site);
    candidates.extend(relayed_sources(page, language, rules, site));
    // The reporting verbs are found once for whom they tell and whose
    // subjects they have.
    let sentence = site.sentence;
    let verbs = language
        .reporting_verbs
        .find_all(page.view, sentence.start, sentence.end);
    let speakers = speakers(page.view, language, site, &verbs);
    candidates.extend(subjects_of_verbs(
        page, language, rules, site, verbs, &speakers,
    ));
    // A headline's own source ("... — WHO"), and the subject of a kicker
    // line over it ("وزیر بهداشت اعلام کرد").
    let headline = headline_source(page.view, rules, site.sentence, &speakers);
    let kicker = kicker_source(page, language, rules, site);
    for mention in headline.into_iter().chain(kicker.iter()) {
        let cue = (mention.start, mention.end);
        candidates.extend(Candidate::new(
            page,
            language,
            rules,
            site,
            Some(mention),
            None,
            cue,
        ));
    }
    // An acronym glued to a figure is its unit or a code ("NIS 4 billion":
    // the shekel, not South Korea's intelligence service). A word glued to a
    // figure may well be its counter's subject ("أحصى المسعفون 400 قتيل").
    let same_line = |at: usize| {
        page.view
            .tokens
            .get(at)
            .is_some_and(|token| !token.newline_before)
    };
    let acronym = |start: usize, end: usize| {
        end == start + 1 && page.view.upper.get(start).copied().unwrap_or(false)
    };
    candidates.retain(|candidate| {
        candidate.who.tokens.is_none_or(|(start, end)| {
            if !acronym(start, end) {
                return true;
            }
            let figure_after = page.nearest_figure(start, end) == Some(end) && same_line(end);
            let figure_before = page.figure_ends_at(start) && same_line(start);
            !figure_after && !figure_before
        })
    });
    // "على قناة القاهرة الإخبارية": a country inside an outlet's or a
    // building's name is no source.
    candidates.retain(|candidate| {
        candidate.who.tokens.is_none_or(|(start, end)| {
            let bare_country = site
                .mentions
                .iter()
                .any(|m| (m.start, m.end) == (start, end) && m.is_bare_country(rules));
            !(bare_country && inside_a_name(language, page.view, start, end))
        })
    });
    SentenceSources {
        candidates,
        openers: OnceCell::new(),
    }
}

/// Where the clauses of `sentence` open ("after", "when").
fn clause_openers(
    view: &TokenView,
    language: &Language,
    sentence: Sentence,
) -> Vec<(usize, usize)> {
    language
        .clause_openers
        .find_all(view, sentence.start, sentence.end)
        .iter()
        .map(|opener| (opener.start, opener.end))
        .collect()
}

/// The best of a sentence's sources for the figure of `site`: the first
/// of the best rank, then named, then nearest.
fn best_source(
    page: &Page,
    language: &Language,
    site: &Site,
    sources: &SentenceSources,
) -> Option<Attributed> {
    let figure = site.figure;
    let openers = || {
        (sources.openers)
            .get_or_init(|| clause_openers(page.view, language, site.sentence))
            .as_slice()
    };
    sources
        .candidates
        .iter()
        // "78 were killed on Friday, and the UN reported 53 more dead".
        .filter(|candidate| !(candidate.reports_a_later_figure && candidate.cue.0 >= figure.end))
        // "50,000 after Turkey declared 44,000 died": a source in a later
        // clause, opened by "after" or "when", that states a figure of its
        // own speaks of that figure.
        .filter(|candidate| !speaks_of_a_later_figure(page, site, openers, candidate))
        // Words that name no source only say where a source was meant to
        // be: any source named stands before them.
        .min_by_key(|candidate| {
            (
                candidate.rank,
                candidate.who.name.is_empty(),
                site.distance(candidate.cue.0, candidate.cue.1),
            )
        })
        .map(|candidate| candidate.who.clone())
}

/// The sources named after "according to" and the like: the first known
/// entity in the phrase the cue opens ("according to a preliminary
/// assessment by the US Geological Survey"), else its first words as
/// written.
fn after_source_cues(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
) -> Vec<Candidate> {
    let sentence = site.sentence;
    let mut candidates = Vec::new();
    for cue in language
        .source_follows
        .find_all(page.view, sentence.start, sentence.end)
    {
        // "according to Fatemeh Mohajerani, the government's spokeswoman":
        // the phrase and the apposition a comma opens after it.
        let (_, phrase_end) = subject_span_after(page.view, language, cue.end, sentence.end);
        // "according to X": the cue's own "to" is no place.
        let found = site
            .mentions
            .iter()
            .filter(|m| !m.is_bare_adjective(rules))
            .find(|m| m.start >= cue.end && m.start < phrase_end);
        let raw = found
            .is_none()
            .then(|| raw_phrase(page, language, cue.end, sentence.end))
            .flatten();
        let cue = (cue.start, cue.end);
        candidates.extend(Candidate::new(page, language, rules, site, found, raw, cue));
    }
    candidates
}

/// The original sources of relayed figures: the first known entity after
/// "citing", "نقلا عن", "со ссылкой на". They outrank whoever relays them.
fn relayed_sources(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
) -> Vec<Candidate> {
    // A relayed source is a known entity other than a bare adjective: in a
    // sentence that names none (most), no cue can find one, and the cues
    // are not looked for.
    if site.mentions.iter().all(|m| m.is_bare_adjective(rules)) {
        return Vec::new();
    }
    let sentence = site.sentence;
    let mut candidates = Vec::new();
    for cue in language
        .relay
        .find_all(page.view, sentence.start, sentence.end)
    {
        let end = phrase_end(
            page.view,
            cue.end,
            sentence.end,
            language.windows.apposition,
        );
        let found = site
            .mentions
            .iter()
            .filter(|m| !m.is_bare_adjective(rules))
            .find(|m| m.start >= cue.end && m.start < end);
        let cue = (cue.start, cue.end);
        if let Some(mut candidate) = Candidate::new(page, language, rules, site, found, None, cue) {
            candidate.rank = RELAYED;
            candidates.push(candidate);
        }
    }
    candidates
}

/// Where the phrase a cue opens at `from` ends: at a punctuation mark other
/// than quotes and brackets, a number, or `max` tokens on.
fn phrase_end(view: &TokenView, from: usize, to: usize, max: usize) -> usize {
    let mut end = from;
    while end < to && end < from + max && is_name_token(view, end) {
        end += 1;
    }
    end
}

/// True for a reporting verb whose object is the listener ("told").
pub(super) fn is_addressee(view: &TokenView, language: &Language, cue: &Match<'_, ()>) -> bool {
    language
        .addressee_verbs
        .matches_at(view, cue.start)
        .iter()
        .any(|m| m.end == cue.end)
}

/// The sentence's mentions but those told something ("told lawmakers"): who
/// was told is no source for any verb. Most sentences tell no one: their
/// mentions are borrowed.
fn speakers<'s>(
    view: &TokenView,
    language: &Language,
    site: &Site<'s>,
    verbs: &[Match<'_, ()>],
) -> Cow<'s, [Mention]> {
    let listeners: Vec<usize> = verbs
        .iter()
        .filter(|cue| is_addressee(view, language, cue))
        .filter_map(|cue| {
            site.mentions
                .iter()
                .find(|m| m.start >= cue.end && m.start <= cue.end + 1)
                .map(|m| m.start)
        })
        .collect();
    if listeners.is_empty() {
        return Cow::Borrowed(site.mentions);
    }
    site.mentions
        .iter()
        .filter(|m| !listeners.contains(&m.start))
        .cloned()
        .collect()
}

/// True for a candidate named in a later clause (after "after", "when") that
/// states a figure of its own.
fn speaks_of_a_later_figure<'o>(
    page: &Page,
    site: &Site,
    clause_openers: impl FnOnce() -> &'o [(usize, usize)],
    candidate: &Candidate,
) -> bool {
    let Some((start, end)) = candidate.who.tokens else {
        return false;
    };
    let figure = site.figure;
    // The openers last: only a candidate after the figure with a figure
    // after it needs them.
    start >= figure.end
        && page.has_figure_in(end, site.sentence.end)
        && clause_openers()
            .iter()
            .any(|&(opener_start, opener_end)| opener_start >= figure.end && opener_end <= start)
}

/// A headline's source: a name after a closing dash ("— WHO") or before
/// an opening colon ("الصحة العالمية: ...").
fn headline_source<'m>(
    view: &TokenView,
    rules: &RuleSet,
    sentence: Sentence,
    mentions: &'m [Mention],
) -> Option<&'m Mention> {
    let is_dash = |i: usize| view.tokens[i].punct() == Some(Punct::Dash);
    let mut end = sentence.end;
    while end > sentence.start && view.tokens[end - 1].is_punct() {
        end -= 1;
    }
    let at_end = mentions
        .iter()
        .find(|m| m.end == end && m.start > sentence.start && is_dash(m.start - 1));
    // "Soudan : plus de 2.000 civils tués": a country before the colon is
    // the headline's subject, not who speaks.
    let at_start = mentions.iter().find(|m| {
        m.start == sentence.start
            && m.end < sentence.end
            && view.tokens[m.end].punct() == Some(Punct::Colon)
            && !m.is_bare_country(rules)
    });
    at_end.or(at_start).filter(|m| !m.is_bare_adjective(rules))
}

/// The canonical name of words that name a source no entity lexicon knows:
/// a phrase that only points back ("the organization", "المنظمة") is the
/// last organisation or institution named before its sentence; other words
/// are a name as written only when they read as one, in a script with
/// capitals: every word of some length capitalised ("Rescue Teams", not "a
/// preliminary assessment by", "en un mensaje de", "al menos"). Words in a
/// script without capitals name no one in English: `""`.
fn name_of_words(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    words: (usize, usize),
    sentence_start: usize,
) -> String {
    let written = page.written(words.0, words.1).trim();
    // "Dieselbe Quelle", "the same source": no name of its own, and no
    // other body's either; the figure before tells which source it is.
    if !language
        .same_source
        .find_all(page.view, words.0, words.1)
        .is_empty()
    {
        return String::new();
    }
    let normalized = normalize_phrase(written);
    let anaphor = language.anaphors.iter().find(|a| {
        // Ends with " {a}", compared in place.
        normalized == **a
            || normalized
                .strip_suffix(a.as_str())
                .is_some_and(|rest| rest.ends_with(' '))
    });
    if let Some(anaphor) = anaphor {
        // The body pointed back to is named shortly before, not pages
        // earlier; a bounded look-back also keeps long documents linear.
        let from = sentence_start.saturating_sub(language.windows.look_back);
        let earlier = find_mentions(page.view, language, rules, from, sentence_start);
        let is_body = |m: &&Mention| {
            m.has_type(rules, EntityType::Organisation)
                || m.has_type(rules, EntityType::Institution)
        };
        // "the authority" is the last body whose name has that noun ("Tax
        // Authority"), whatever was named since; else the last body.
        let head = anaphor.rsplit(' ').next().unwrap_or(anaphor);
        let antecedent = earlier
            .iter()
            .rev()
            .filter(is_body)
            .find(|m| names_noun(page.view, m, head))
            .or_else(|| earlier.iter().rev().find(is_body));
        return antecedent.map(|m| m.canonical(rules)).unwrap_or_default();
    }
    if reads_as_a_name(written) {
        written.to_string()
    } else {
        String::new()
    }
}

/// True when a mention's words include `noun`, allowing for an article or a
/// compound glued to either ("الوزارة" names "وزارة الصحة", "Behörde" names
/// "Steuerbehörde"); short words must be the noun itself ("red").
fn names_noun(view: &TokenView, mention: &Mention, noun: &str) -> bool {
    const MIN_CHARS: usize = 3;
    const MIN_AFFIXED_CHARS: usize = 4;
    let long = |word: &str| word.chars().count() >= MIN_AFFIXED_CHARS;
    noun.chars().count() >= MIN_CHARS
        && view.tokens[mention.start..mention.end].iter().any(|token| {
            let word = token.text(view.text);
            word == noun
                || long(word) && long(noun) && (word.ends_with(noun) || noun.ends_with(word))
        })
}

/// Words that read as a name in a script with capitals: each word of four
/// letters or more starts with a capital.
pub(super) fn reads_as_a_name(words: &str) -> bool {
    const FUNCTION_WORD_CHARS: usize = 3;
    let has_capitals = words.chars().any(char::is_uppercase);
    has_capitals
        && words
            .split_whitespace()
            .filter(|w| w.chars().count() > FUNCTION_WORD_CHARS)
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Up to `unnamed-source` words (four by default) after a source cue, when
/// no known entity is there.
fn raw_phrase(page: &Page, language: &Language, from: usize, to: usize) -> Option<(usize, usize)> {
    let max_words = language.windows.unnamed_source;
    let tokens = page.view.tokens;
    let mut end = from;
    while end < to && end < from + max_words && tokens[end].kind == TokenKind::Word {
        end += 1;
    }
    (end > from).then_some((from, end))
}

#[cfg(test)]
mod tests {
    use crate::claims::test_support::{claims_of, summary};
    use crate::model::{Modality, Qualifier};

    #[test]
    fn english_claims() {
        let claims = claims_of(
            "South Korea's spy agency said about 11,000 North Korean soldiers had been deployed, and at least 100 were killed.",
        );
        assert_eq!(claims.len(), 2);
        assert_eq!(
            summary(&claims[0]),
            (
                "11,000".into(),
                "personnel",
                "South Korean intelligence",
                Modality::Asserted
            )
        );
        assert_eq!(claims[1].kind, "killed");
        assert_eq!(claims[1].qualifier, Qualifier::AtLeast);
    }
}
