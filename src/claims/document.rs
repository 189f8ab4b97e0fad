//! Facts about a document as a whole, found before any figure is read.
//!
//! Input: a [`Document`], its normalised text and tokens, and the rules.
//! Output: the language pack to read it with, which of its words are written
//! in capitals, and [`DocumentFacts`]: its sentences, the dates it mentions,
//! its publication date (and the mention that gave it), and its outlet.
//! Invariant: nothing here depends on figures or claims, so every figure of
//! the document is read against the same facts.

use jiff::civil::Date;

use super::page::Sentence;
use crate::dates::{DateMention, claim_as_of, find_dates, infer_published, parse_iso_date};
use crate::lexicon::TokenView;
use crate::model::DateBasis;
use crate::normalize::{NormalizedText, Punct, Token, TokenKind};
use crate::read::Document;
use crate::rules::files::EntityType;
use crate::rules::{Language, RuleSet};

/// The language pack for a document: the one its front matter declares, else
/// the one its text looks like.
pub(super) fn language_of<'r>(
    document: &Document,
    normalized: &NormalizedText,
    rules: &'r RuleSet,
) -> &'r Language {
    let declared = document.meta.lang.as_deref();
    let code = crate::language::detect_language(&normalized.text, declared, rules).unwrap_or("en");
    rules
        .language(code)
        .expect("detect_language returns a loaded pack")
}

/// For each token, whether the file writes it in capitals ("WHO"), so that
/// acronyms in the rules match only acronyms.
pub(super) fn capitals(
    document: &Document,
    normalized: &NormalizedText,
    tokens: &[Token],
) -> Vec<bool> {
    tokens
        .iter()
        .map(|token| {
            let (start, end) = normalized.original_span(token.start, token.end);
            let original = &document.text[start..end];
            original.chars().count() >= 2 && original.chars().all(|c| c.is_uppercase())
        })
        .collect()
}

/// For each token, whether the original text starts it with a capital letter.
pub(super) fn initial_capitals(
    document: &Document,
    normalized: &NormalizedText,
    tokens: &[Token],
) -> Vec<bool> {
    tokens
        .iter()
        .map(|token| {
            let (start, _) = normalized.original_span(token.start, token.end);
            document.text[start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
        .collect()
}

/// When a document was published, how that was found, and the date mention
/// it was read from (a dateline, which dates the text, not its claims).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Publication {
    pub date: Option<Date>,
    pub basis: Option<DateBasis>,
    pub dateline: Option<DateMention>,
}

/// What the claim stage knows of a document before reading its figures.
pub(super) struct DocumentFacts {
    pub sentences: Vec<Sentence>,
    pub dates: Vec<DateMention>,
    pub publication: Publication,
    /// The outlet that published it; empty when unknown.
    pub outlet: String,
}

impl DocumentFacts {
    pub fn new(
        document: &Document,
        view: &TokenView,
        language: &Language,
        rules: &RuleSet,
    ) -> DocumentFacts {
        let dates = find_dates(view, language);
        DocumentFacts {
            sentences: sentence_bounds(view, &dates),
            publication: publication(document, view, language, &dates),
            outlet: outlet(document, view, language, rules),
            dates,
        }
    }

    /// The sentence holding token `at`; the whole text when none does.
    pub fn sentence_of(&self, at: usize, view_len: usize) -> Sentence {
        // Sentences are in order and do not overlap.
        let index = self
            .sentences
            .partition_point(|sentence| sentence.end <= at);
        self.sentences
            .get(index)
            .copied()
            .filter(|sentence| sentence.contains(at))
            .unwrap_or(Sentence {
                start: 0,
                end: view_len,
            })
    }

    /// When what token `at` of `sentence` states holds, and how that was found.
    pub fn as_of(
        &self,
        view: &TokenView,
        language: &Language,
        sentence: Sentence,
        at: usize,
    ) -> Option<(Date, DateBasis)> {
        claim_as_of(
            view,
            language,
            sentence.bounds(),
            at,
            &self.dates,
            self.publication.date,
            self.publication.dateline,
        )
    }
}

/// Sentences as token ranges: they end at . ! ? ؟ (not after a single letter,
/// as in "Vladimir V. Putin" or "U.S.", nor inside a date) and at line breaks.
fn sentence_bounds(view: &TokenView, dates: &[DateMention]) -> Vec<Sentence> {
    let mut bounds = Vec::new();
    let mut start = 0;
    for (index, token) in view.tokens.iter().enumerate() {
        if index > start && token.newline_before {
            bounds.push(Sentence { start, end: index });
            start = index;
        }
        let mark = token.punct();
        let after_initial = mark == Some(Punct::FullStop)
            && index > 0
            && view.tokens[index - 1].kind == TokenKind::Word
            && view.token_text(index - 1).chars().count() == 1;
        // The full stop of "23. Oktober 2024" or "Nov. 5" belongs to a date.
        // Dates are in text order and do not overlap: only the last one to
        // start before this token can hold it.
        let inside_date = || {
            let before = dates.partition_point(|d| d.start < index);
            before > 0 && index + 1 < dates[before - 1].end
        };
        let ends = mark.is_some_and(Punct::ends_sentence) && !after_initial && !inside_date();
        if ends {
            bounds.push(Sentence {
                start,
                end: index + 1,
            });
            start = index + 1;
        }
    }
    if start < view.len() {
        bounds.push(Sentence {
            start,
            end: view.len(),
        });
    }
    bounds
}

/// The publication date: front matter, else what the text says (see
/// [`infer_published`]).
fn publication(
    document: &Document,
    view: &TokenView,
    language: &Language,
    dates: &[DateMention],
) -> Publication {
    if let Some(date) = document
        .meta
        .published_text()
        .as_deref()
        .and_then(parse_iso_date)
    {
        return Publication {
            date: Some(date),
            basis: Some(DateBasis::FrontMatter),
            dateline: None,
        };
    }
    match infer_published(view, language, dates) {
        Some(inferred) => Publication {
            date: Some(inferred.date),
            basis: Some(inferred.basis),
            dateline: inferred.mention,
        },
        None => Publication::default(),
    }
}

/// The outlet: front matter, else a known outlet's web domain anywhere in the
/// text, else a known outlet named at the top of the body.
fn outlet(document: &Document, view: &TokenView, language: &Language, rules: &RuleSet) -> String {
    if let Some(source) = &document.meta.source {
        return source.clone();
    }
    outlet_by_domain(document, rules).unwrap_or_else(|| outlet_named_on_top(view, language, rules))
}

/// The outlet whose web domain appears first in the body.
fn outlet_by_domain(document: &Document, rules: &RuleSet) -> Option<String> {
    let lower = document.body().to_lowercase();
    let mut domain_hits: Vec<(usize, &str)> = rules
        .entities
        .iter()
        .filter(|e| e.entity_type == EntityType::Outlet)
        .filter_map(|e| {
            e.domains
                .iter()
                .filter_map(|d| lower.find(d.as_str()))
                .min()
                .map(|at| (at, e.name.as_str()))
        })
        .collect();
    domain_hits.sort();
    domain_hits.first().map(|(_, name)| (*name).to_string())
}

/// A known outlet named in the first bytes of the body (a masthead).
fn outlet_named_on_top(view: &TokenView, language: &Language, rules: &RuleSet) -> String {
    const TOP_BYTES: usize = 800;
    let top = view
        .tokens
        .iter()
        .take_while(|t| t.start < TOP_BYTES)
        .count();
    rules
        .names_for(&language.code)
        .find_all(view, 0, top)
        .into_iter()
        .map(|hit| &rules.entities[hit.value.index])
        .find(|e| e.entity_type == EntityType::Outlet)
        .map(|e| e.name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::claims::extract;
    use crate::read::Document;

    #[test]
    fn now_dates_a_figure_at_publication() {
        let rules = crate::rules::defaults_for_tests();
        let text = "+++\npublished = \"2024-10-24\"\n+++\nSince October 20, 2024, about 12,000 soldiers are now in Russia.";
        let document = Document::from_text("t", text).unwrap();
        let claim = &extract(&document, rules).claims[0];
        assert_eq!(
            claim.as_of.map(|d| d.to_string()).as_deref(),
            Some("2024-10-24")
        );
    }

    #[test]
    fn publication_date_from_text() {
        let rules = crate::rules::defaults_for_tests();
        let document = Document::from_text(
            "t",
            "موقع الدفاع العربي 2 نوفمبر 2024\nقال وزير إن 500 جندي وصلوا يوم أمس.",
        )
        .unwrap();
        let result = extract(&document, rules);
        assert_eq!(
            result.published.map(|d| d.to_string()).as_deref(),
            Some("2024-11-02")
        );
        assert_eq!(result.source, "Arab Defense");
        assert_eq!(
            result.claims[0].as_of.map(|d| d.to_string()).as_deref(),
            Some("2024-11-01")
        );
    }
}
