//! Matching phrases from rule files against tokens.
//!
//! A phrase is one or more words. A word ending in `*` matches any word that
//! starts with what comes before the star ("kill*" matches "killed"). Every
//! word of the text may carry one of the language's proclitics (Arabic "و",
//! "ال", "بال"...), which are tried stripped as well as kept. Punctuation in a
//! phrase ("$", "-") matches the same punctuation token.

use std::collections::HashMap;

use crate::normalize::{Token, TokenKind, normalize_phrase, tokenize};

/// A word of text seen through the language's proclitics: the forms it may take.
#[derive(Debug, Clone)]
pub struct WordForms {
    /// (form, length in bytes of the proclitic stripped to get it)
    pub forms: Vec<(String, usize)>,
}

/// Tokens of a text prepared for matching.
#[derive(Debug, Clone)]
pub struct TokenView<'a> {
    /// The normalised text the tokens were cut from.
    pub text: &'a str,
    /// The tokens; every index into a view is an index into this list.
    pub tokens: &'a [Token],
    /// For each token, the forms it is matched as (itself, and without each
    /// proclitic it may carry).
    pub forms: Vec<WordForms>,
    /// For each token, whether the original text writes it in capitals
    /// ("WHO"); empty when the original is not known.
    pub upper: Vec<bool>,
    /// For each token, whether the original text starts it with a capital
    /// ("Mandalay"); empty when the original is not known.
    pub initial_capital: Vec<bool>,
}

impl<'a> TokenView<'a> {
    /// `contractions` are (prefix, replacement) pairs: a word starting with the
    /// prefix is also tried with the replacement in its place.
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        proclitics: &[String],
        contractions: &[(String, String)],
    ) -> TokenView<'a> {
        let forms = tokens
            .iter()
            .map(|token| word_forms(token.text(text), token.kind, proclitics, contractions))
            .collect();
        TokenView {
            text,
            tokens,
            forms,
            upper: Vec::new(),
            initial_capital: Vec::new(),
        }
    }

    /// Records which tokens the original text writes in capitals.
    pub fn with_upper(mut self, upper: Vec<bool>) -> TokenView<'a> {
        self.upper = upper;
        self
    }

    /// Records which tokens the original text starts with a capital.
    pub fn with_initial_capitals(mut self, capitals: Vec<bool>) -> TokenView<'a> {
        self.initial_capital = capitals;
        self
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The normalised text of token `index`; panics when out of range.
    pub fn token_text(&self, index: usize) -> &'a str {
        self.tokens[index].text(self.text)
    }
}

fn word_forms(
    word: &str,
    kind: TokenKind,
    proclitics: &[String],
    contractions: &[(String, String)],
) -> WordForms {
    let mut forms = vec![(word.to_string(), 0)];
    if kind == TokenKind::Word {
        for (prefix, replacement) in contractions {
            if let Some(rest) = word.strip_prefix(prefix.as_str())
                && rest.chars().count() >= 2
            {
                forms.push((format!("{replacement}{rest}"), prefix.len()));
            }
        }
        for proclitic in proclitics {
            if let Some(rest) = word.strip_prefix(proclitic.as_str())
                && rest.chars().count() >= 2
                && !forms.iter().any(|(f, _)| f == rest)
            {
                forms.push((rest.to_string(), proclitic.len()));
            }
        }
    }
    WordForms { forms }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PatternWord {
    Exact(String),
    Prefix(String),
    /// An acronym written in capitals ("WHO", "US"): it matches only a word
    /// written in capitals, so that "who" and "us" are left alone.
    Acronym(String),
}

impl PatternWord {
    fn matches(&self, forms: &WordForms) -> Option<usize> {
        forms.forms.iter().find_map(|(form, stripped)| {
            let hit = match self {
                PatternWord::Exact(word) | PatternWord::Acronym(word) => form == word,
                PatternWord::Prefix(prefix) => form.starts_with(prefix.as_str()),
            };
            hit.then_some(*stripped)
        })
    }
}

/// One match of a phrase: tokens `start..end`, and the payload of the phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match<'l, T> {
    /// The first token matched.
    pub start: usize,
    /// The token after the last one matched.
    pub end: usize,
    /// Bytes of proclitic stripped from the first word.
    pub first_proclitic: usize,
    /// The payload the matched phrase was inserted with.
    pub value: &'l T,
}

/// A set of phrases, each with a payload.
#[derive(Debug, Clone)]
pub struct Lexicon<T> {
    phrases: Vec<(Vec<PatternWord>, T)>,
    by_first_exact: HashMap<String, Vec<usize>>,
    by_first_prefix: HashMap<String, Vec<usize>>,
    /// The number of words in the longest phrase.
    longest_phrase: usize,
}

impl<T> Default for Lexicon<T> {
    fn default() -> Self {
        Lexicon {
            phrases: Vec::new(),
            by_first_exact: HashMap::new(),
            by_first_prefix: HashMap::new(),
            longest_phrase: 0,
        }
    }
}

impl<T> Lexicon<T> {
    /// An empty lexicon: it matches nothing.
    pub fn new() -> Lexicon<T> {
        Lexicon::default()
    }

    /// The number of phrases, duplicates included.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when it holds no phrase.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Adds a phrase as written in a rule file. Returns false when it has no words.
    pub fn insert(&mut self, phrase: &str, value: T) -> bool {
        let words = compile_phrase(phrase);
        let Some(first) = words.first() else {
            return false;
        };
        let index = self.phrases.len();
        match first {
            PatternWord::Exact(word) => self.by_first_exact.entry(word.clone()).or_default(),
            PatternWord::Prefix(prefix) => self.by_first_prefix.entry(prefix.clone()).or_default(),
            PatternWord::Acronym(word) => self.by_first_exact.entry(word.clone()).or_default(),
        }
        .push(index);
        self.longest_phrase = self.longest_phrase.max(words.len());
        self.phrases.push((words, value));
        true
    }

    /// All phrases that match starting at token `at`, longest first; among
    /// matches of one length, the phrase inserted last comes first.
    pub fn matches_at<'l>(&'l self, view: &TokenView, at: usize) -> Vec<Match<'l, T>> {
        let mut found: Vec<Match<'l, T>> = Vec::new();
        let Some(forms) = view.forms.get(at) else {
            return found;
        };
        let mut candidates: Vec<usize> = Vec::new();
        for (form, _) in &forms.forms {
            if let Some(list) = self.by_first_exact.get(form) {
                candidates.extend(list);
            }
            for (cut, _) in form.char_indices().skip(1).chain([(form.len(), ' ')]) {
                if let Some(list) = self.by_first_prefix.get(&form[..cut]) {
                    candidates.extend(list);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        // Later phrases first, so that among matches of one length the phrase
        // added last (a user's rule folder over the defaults) wins.
        for index in candidates.into_iter().rev() {
            let (words, value) = &self.phrases[index];
            if let Some(first_proclitic) = match_words(words, view, at) {
                found.push(Match {
                    start: at,
                    end: at + words.len(),
                    first_proclitic,
                    value,
                });
            }
        }
        found.sort_by_key(|m| std::cmp::Reverse(m.end));
        found
    }

    /// The longest phrase that matches at `at`, if any.
    pub fn longest_at<'l>(&'l self, view: &TokenView, at: usize) -> Option<Match<'l, T>> {
        self.matches_at(view, at).into_iter().next()
    }

    /// Non-overlapping matches over tokens `from..to`, scanning left to right, longest first.
    pub fn find_all<'l>(&'l self, view: &TokenView, from: usize, to: usize) -> Vec<Match<'l, T>> {
        let mut found = Vec::new();
        let mut at = from;
        while at < to.min(view.len()) {
            match self.longest_at(view, at) {
                Some(hit) if hit.end <= to => {
                    at = hit.end;
                    found.push(hit);
                }
                _ => at += 1,
            }
        }
        found
    }

    /// True if `word` (normalised) is a one-word phrase of the lexicon, as
    /// written (no wildcard): "و" in a list of joiners.
    pub fn has_word(&self, word: &str) -> bool {
        self.by_first_exact.get(word).is_some_and(|indexes| {
            indexes
                .iter()
                .any(|&index| self.phrases[index].0.len() == 1)
        })
    }

    /// True if some phrase starts at token `at`.
    pub fn starts_at(&self, view: &TokenView, at: usize) -> bool {
        !self.matches_at(view, at).is_empty()
    }

    /// A phrase that ends exactly at token `end` (exclusive), longest first.
    pub fn ending_at<'l>(&'l self, view: &TokenView, end: usize) -> Option<Match<'l, T>> {
        (1..=self.longest_phrase.min(end)).rev().find_map(|len| {
            self.matches_at(view, end - len)
                .into_iter()
                .find(|m| m.end == end)
        })
    }
}

fn match_words(words: &[PatternWord], view: &TokenView, at: usize) -> Option<usize> {
    if at + words.len() > view.len() {
        return None;
    }
    let mut first_proclitic = 0;
    for (offset, word) in words.iter().enumerate() {
        if matches!(word, PatternWord::Acronym(_)) && view.upper.get(at + offset) != Some(&true) {
            return None;
        }
        let stripped = word.matches(&view.forms[at + offset])?;
        if offset == 0 {
            first_proclitic = stripped;
        } else if !view.tokens[at + offset].space_before
            && view.tokens[at + offset - 1].kind == TokenKind::Word
            && view.tokens[at + offset].kind == TokenKind::Word
        {
            return None;
        }
    }
    Some(first_proclitic)
}

/// Splits a rule phrase into pattern words, normalised like document text.
fn compile_phrase(phrase: &str) -> Vec<PatternWord> {
    let trimmed = phrase.trim();
    let acronym =
        (2..=6).contains(&trimmed.len()) && trimmed.chars().all(|c| c.is_ascii_uppercase());
    if acronym {
        return vec![PatternWord::Acronym(trimmed.to_ascii_lowercase())];
    }
    let normalized = normalize_phrase(trimmed);
    let mut words = Vec::new();
    let tokens = tokenize(&normalized);
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index];
        let text = token.text(&normalized);
        let starred = tokens
            .get(index + 1)
            .is_some_and(|next| next.text(&normalized) == "*" && !next.space_before);
        if token.is_punct() && text == "*" {
            index += 1;
            continue;
        }
        words.push(if starred {
            PatternWord::Prefix(text.to_string())
        } else {
            PatternWord::Exact(text.to_string())
        });
        index += if starred { 2 } else { 1 };
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::NormalizedText;

    fn view_of(text: &str) -> (String, Vec<Token>) {
        let normalized = NormalizedText::new(text, 0).text;
        let tokens = tokenize(&normalized);
        (normalized, tokens)
    }

    #[test]
    fn matches_with_proclitics_and_wildcards() {
        let mut lexicon = Lexicon::new();
        // A proclitic is not a word of its own: the cue is "وفقًا", and "ل" stays glued.
        lexicon.insert("وفقًا", "according");
        lexicon.insert("قتل*", "killed");
        lexicon.insert("كوري* جنوبي*", "south korean");
        let proclitics: Vec<String> = ["و", "ال", "لل", "ل"].map(String::from).to_vec();
        let (text, tokens) = view_of("وفقًا للمسؤولين الكوريين الجنوبيين وقتلوا");
        let view = TokenView::new(&text, &tokens, &proclitics, &[]);
        let found = lexicon.find_all(&view, 0, view.len());
        let values: Vec<&str> = found.iter().map(|m| *m.value).collect();
        assert_eq!(values, ["according", "south korean", "killed"]);
        assert_eq!(found[1].start, 2);
    }

    #[test]
    fn ending_at_finds_the_phrase_before_a_position() {
        let mut lexicon = Lexicon::new();
        lexicon.insert("up to", 1);
        lexicon.insert("to", 2);
        let (text, tokens) = view_of("as many as up to 400");
        let view = TokenView::new(&text, &tokens, &[], &[]);
        let hit = lexicon.ending_at(&view, 5).unwrap();
        assert_eq!((hit.start, *hit.value), (3, 1));
    }
}
