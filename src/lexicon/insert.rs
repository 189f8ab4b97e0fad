//! Building a lexicon: phrases cut into words, keyed, and the filters in
//! front of the look-ups kept whole as phrases are added. Matching is in the
//! module above; both read one [`Lexicon`].

use super::hash::{filter_bit, pair_hash, word_hash};
use super::{
    CompiledPhrase, Lexicon, NO_PHRASE, PatternWord, Phrase, WordKind, is_joining_mark, joined_key,
};
use crate::normalize::{normalize_phrase, tokenize};

impl<T> Lexicon<T> {
    /// Adds a phrase as written in a rule file. Returns false when it has no words.
    pub fn insert(&mut self, phrase: &str, value: T) -> bool {
        let words = compile_phrase(phrase);
        self.insert_compiled(&words, value)
    }

    /// Adds a phrase already cut into words and normalised (as
    /// [`compile_phrase`] does). Returns false when it has no words.
    pub(crate) fn insert_compiled<S: AsRef<str>>(
        &mut self,
        words: &[(WordKind, S)],
        value: T,
    ) -> bool {
        if words.is_empty() {
            return false;
        }
        // The index it may be registered in does not know this phrase.
        self.start_slot = None;
        let index = self.phrases.len() as u32;
        let first_word = self.words.len() as u32;
        for (kind, text) in words {
            let text = text.as_ref();
            let start = self.text.len();
            self.text.push_str(text);
            self.words.push(PatternWord {
                kind: *kind,
                start: start as u32,
                end: self.text.len() as u32,
                hash: word_hash(text.as_bytes()),
            });
        }
        let (kind, first) = &words[0];
        let first = first.as_ref();
        let first_hash = self.words.get(first_word as usize).hash;
        let bit = filter_bit(first.as_bytes());
        self.filter[bit / 64] |= 1 << (bit % 64);
        let second = words.get(1).filter(|(kind, _)| kind.is_written_out());
        let joined = second.is_some_and(|(_, text)| is_joining_mark(text.as_ref().as_bytes()))
            && words.get(2).is_some_and(|(kind, _)| kind.is_written_out());
        match kind {
            WordKind::Exact | WordKind::Acronym if second.is_some() => {
                let hash = |offset: usize| self.words.get(first_word as usize + offset).hash;
                let mut pair = pair_hash(first_hash, hash(1));
                if joined {
                    pair = joined_key(pair, hash(2));
                    self.joined_keys = true;
                }
                self.chain
                    .push(self.by_first_two.insert(pair, index).unwrap_or(NO_PHRASE));
                self.pair_bloom.insert(pair, self.by_first_two.len());
            }
            WordKind::Exact | WordKind::Acronym => {
                self.chain.push(
                    self.by_first_exact
                        .insert(first_hash, index)
                        .unwrap_or(NO_PHRASE),
                );
                self.exact_bloom
                    .insert(first_hash, self.by_first_exact.len());
            }
            WordKind::Prefix => {
                self.chain.push(
                    self.by_first_prefix
                        .insert(first_hash, index)
                        .unwrap_or(NO_PHRASE),
                );
                self.prefix_bloom
                    .insert(first_hash, self.by_first_prefix.len());
                self.unfiltered |= first.len() < 2;
                self.prefix_heads[bit / 64] |= 1 << (bit % 64);
                if let Err(at) = self.prefix_lengths.binary_search(&first.len()) {
                    self.prefix_lengths.insert(at, first.len());
                }
            }
        }
        self.longest_phrase = self.longest_phrase.max(words.len());
        self.phrases.push(Phrase {
            first_word,
            word_count: words.len() as u32,
            value,
        });
        if kind.is_written_out() {
            self.add_first_word(first_hash);
        }
        if kind.is_written_out() && second.is_some() {
            self.add_pair_first(first_hash);
        }
        true
    }

    /// True when phrase `at` is keyed in `by_first_two`: its first two
    /// words are written out.
    pub(super) fn keyed_by_two(&self, at: usize) -> bool {
        let phrase = self.phrases.get(at);
        let mut words = self.phrase_words(&phrase);
        words.next().is_some_and(|word| word.kind.is_written_out())
            && words.next().is_some_and(|word| word.kind.is_written_out())
    }

    /// Sets the first word of a phrase keyed by two words in
    /// `pair_firsts`; all of them again when the filter is too small.
    fn add_pair_first(&mut self, hash: u64) {
        if self.pair_firsts.fits(self.phrases.len()) {
            self.pair_firsts.set(hash);
            return;
        }
        let firsts: Vec<u64> = (0..self.phrases.len())
            .filter(|&at| self.keyed_by_two(at))
            .map(|at| {
                self.words
                    .get(self.phrases.get(at).first_word as usize)
                    .hash
            })
            .collect();
        self.pair_firsts
            .rebuild(self.phrases.len(), firsts.into_iter());
    }

    /// Sets a first word written out in `first_words`; all of them again
    /// when the filter is too small for the phrases.
    fn add_first_word(&mut self, hash: u64) {
        if self.first_words.fits(self.phrases.len()) {
            self.first_words.set(hash);
            return;
        }
        let firsts: Vec<u64> = (0..self.phrases.len())
            .map(|at| self.words.get(self.phrases.get(at).first_word as usize))
            .filter(|word| word.kind.is_written_out())
            .map(|word| word.hash)
            .collect();
        self.first_words
            .rebuild(self.phrases.len(), firsts.into_iter());
    }

    /// Adds every phrase of `other`, word for word, each with `value`: a
    /// lexicon that matches wherever any of several does.
    pub fn extend_phrases<U>(&mut self, other: &Lexicon<U>, value: T)
    where
        T: Clone,
    {
        let mut words: Vec<(WordKind, &str)> = Vec::new();
        for index in 0..other.phrases.len() {
            words.clear();
            words.extend(
                other
                    .phrase_words(&other.phrases.get(index))
                    .map(|word| (word.kind, other.word_text(&word))),
            );
            self.insert_compiled(&words, value.clone());
        }
    }

    /// Adds a one-word phrase that matches any word starting with `prefix`,
    /// taken as written (not normalised).
    pub fn insert_prefix(&mut self, prefix: &str, value: T) -> bool {
        self.insert_compiled(&[(WordKind::Prefix, prefix)], value)
    }
}

/// Splits a rule phrase into pattern words, normalised like document text.
pub(crate) fn compile_phrase(phrase: &str) -> CompiledPhrase {
    let trimmed = phrase.trim();
    let acronym =
        (2..=6).contains(&trimmed.len()) && trimmed.chars().all(|c| c.is_ascii_uppercase());
    if acronym {
        return vec![(WordKind::Acronym, trimmed.to_ascii_lowercase())];
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
        let kind = if starred {
            WordKind::Prefix
        } else {
            WordKind::Exact
        };
        words.push((kind, text.to_string()));
        index += if starred { 2 } else { 1 };
    }
    words
}
