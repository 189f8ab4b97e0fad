//! Matching phrases from rule files against tokens.
//!
//! A phrase is one or more words. A word ending in `*` matches any word that
//! starts with what comes before the star ("kill*" matches "killed"). Every
//! word of the text may carry one of the language's proclitics (Arabic "و",
//! "ال", "بال"...), which are tried stripped as well as kept. Punctuation in a
//! phrase ("$", "-") matches the same punctuation token.
//!
//! Matching is indexed, never a scan of the phrases: a [`TokenView`] works out
//! once, for every token, the forms it is matched as and a hash of each; a
//! [`Lexicon`] finds the phrases that can start at a token by looking those
//! hashes up (and, for `*` words, the hashes of the form's prefixes of the
//! lengths its phrases use), after a filter on the form's first bytes that
//! turns most words away at the cost of a bit test.

mod bytes;
mod hash;
mod insert;
mod starts;
mod store;
mod view;

pub(crate) use bytes::ByteReader;
use hash::{Bloom, FILTER_BITS, WordFilter, pair_hash, prefix_hashes, same_bytes, word_hash};
pub(crate) use insert::compile_phrase;
use starts::{FormStarts, StartSlot};
pub use starts::{StartIndex, StartMask};
use store::{Column, KeyMap, Phrases, Text};
pub use view::TokenView;

use crate::normalize::TokenKind;

/// What a word of a phrase matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    /// The word as written.
    Exact,
    /// Any word that starts with it (`kill*`).
    Prefix,
    /// An acronym written in capitals ("WHO", "US"): it matches only a word
    /// written in capitals, so that "who" and "us" are left alone.
    Acronym,
}

impl WordKind {
    /// The word is matched as written (not as a prefix): it can key a
    /// phrase by its hash.
    fn is_written_out(self) -> bool {
        matches!(self, WordKind::Exact | WordKind::Acronym)
    }
}

/// A word of a phrase: its kind, its normalised text (a range of the
/// lexicon's `text`) and the hash of that text.
#[derive(Debug, Clone, Copy)]
struct PatternWord {
    kind: WordKind,
    start: u32,
    end: u32,
    hash: u64,
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

/// A phrase: its words (a range of the lexicon's `words`) and payload.
#[derive(Debug, Clone)]
struct Phrase<T> {
    first_word: u32,
    word_count: u32,
    value: T,
}

/// A set of phrases, each with a payload. Its tables are built in memory,
/// or read in place from bytes the build script prepared (`store.rs`).
#[derive(Debug, Clone)]
pub struct Lexicon<T: 'static> {
    phrases: Phrases<T>,
    words: Column<PatternWord>,
    /// The text of every pattern word, one after the other.
    text: Text,
    /// Phrases by the hash of their first word, written out (or an acronym):
    /// the last one added, and the others by `chain`.
    by_first_exact: KeyMap,
    /// Phrases by the hash of their first word's prefix, for `*` words.
    by_first_prefix: KeyMap,
    /// Phrases of two words or more whose first two are written out, by
    /// the hash of both: "El Fasher" is not tried at every "El". When the
    /// second is a joining mark and the third is written out too ("el -
    /// fasher"), by the hash of all three (see [`joined_key`]): hundreds of
    /// places start "el-", and each would be tried at every "el-".
    by_first_two: KeyMap,
    /// For each phrase, the phrase added before it under the same key, or
    /// [`NO_PHRASE`]: one list per key without an allocation per key.
    chain: Column<u32>,
    pair_bloom: Bloom,
    /// The byte lengths of those prefixes, shortest first.
    prefix_lengths: Vec<usize>,
    /// A bit for the first bytes of every phrase's first word.
    filter: Box<[u64; FILTER_BITS / 64]>,
    /// The same for the first words that are prefixes (`kill*`): a form
    /// without one is not hashed prefix by prefix. `unfiltered` says when
    /// it cannot tell.
    prefix_heads: Box<[u64; FILTER_BITS / 64]>,
    /// The hashes of first words written out, and of first words' prefixes:
    /// a miss costs a bit test instead of a probe of the map.
    exact_bloom: Bloom,
    prefix_bloom: Bloom,
    /// Some first word is a one-byte prefix ("a*"): the filter cannot tell.
    unfiltered: bool,
    /// The number of words in the longest phrase.
    longest_phrase: usize,
    /// Some phrase is keyed by its first three words (see `by_first_two`).
    joined_keys: bool,
    /// The first words written out, for a lexicon no start index covers.
    first_words: WordFilter,
    /// The first words of the phrases in `by_first_two`: a form that is
    /// none of them is not paired with each form of the next token (most
    /// forms, in a lexicon of one-word phrases with a few longer ones).
    pair_firsts: WordFilter,
    /// Its bit in a [`StartIndex`], when registered in one and unchanged since.
    start_slot: Option<StartSlot>,
}

impl<T> Default for Lexicon<T> {
    fn default() -> Self {
        Lexicon {
            phrases: Phrases::default(),
            words: Column::default(),
            text: Text::default(),
            by_first_exact: KeyMap::default(),
            by_first_prefix: KeyMap::default(),
            by_first_two: KeyMap::default(),
            chain: Column::default(),
            pair_bloom: Bloom::default(),
            prefix_lengths: Vec::new(),
            filter: Box::new([0; FILTER_BITS / 64]),
            prefix_heads: Box::new([0; FILTER_BITS / 64]),
            exact_bloom: Bloom::default(),
            prefix_bloom: Bloom::default(),
            unfiltered: false,
            longest_phrase: 0,
            joined_keys: false,
            first_words: WordFilter::default(),
            pair_firsts: WordFilter::default(),
            start_slot: None,
        }
    }
}

/// The `length` of [`Lexicon::each_match_here`] that takes phrases of any length.
const ANY_LENGTH: usize = 0;

/// What the `found` of [`Lexicon::each_match_here`] returns to end the
/// look-up: no phrase has that many words.
const STOP: usize = usize::MAX;

/// The end of a chain of phrases under one key.
const NO_PHRASE: u32 = u32::MAX;

/// The phrases a token may start, gathered for one look-up: a handful as a
/// rule, kept off the heap (a look-up is made millions of times a run).
type Candidates = smallvec::SmallVec<[u32; 16]>;

/// What a rule phrase is, once normalised and cut: (kind, text) per word.
pub(crate) type CompiledPhrase = Vec<(WordKind, String)>;

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

    /// True when `other` holds the same phrases, word for word, with the
    /// same payloads, in the same order.
    #[cfg(test)]
    pub(crate) fn same_phrases(&self, other: &Lexicon<T>) -> bool
    where
        T: PartialEq,
    {
        self.phrases.len() == other.phrases.len()
            && (0..self.phrases.len()).all(|index| {
                let (a, b) = (self.phrases.get(index), other.phrases.get(index));
                a.value == b.value
                    && a.word_count == b.word_count
                    && self
                        .phrase_words(&a)
                        .zip(other.phrase_words(&b))
                        .all(|(x, y)| x.kind == y.kind && self.word_text(&x) == other.word_text(&y))
            })
    }

    /// Every phrase, its payload and its words written out (a `*` after a
    /// prefix word, a `^` before an acronym), in insertion order.
    #[cfg(test)]
    pub(crate) fn phrases_written(&self) -> Vec<(&T, String)> {
        (0..self.phrases.len())
            .map(|index| {
                let phrase = self.phrases.get(index);
                let words: Vec<String> = self
                    .phrase_words(&phrase)
                    .map(|word| match word.kind {
                        WordKind::Exact => self.word_text(&word).to_string(),
                        WordKind::Prefix => format!("{}*", self.word_text(&word)),
                        WordKind::Acronym => format!("^{}", self.word_text(&word)),
                    })
                    .collect();
                (phrase.value, words.join(" "))
            })
            .collect()
    }

    fn word_bytes(&self, word: &PatternWord) -> &[u8] {
        &self.text.as_bytes()[word.start as usize..word.end as usize]
    }

    /// A word's text: whole words were written, so it is never cut in a
    /// character.
    fn word_text(&self, word: &PatternWord) -> &str {
        std::str::from_utf8(self.word_bytes(word)).unwrap_or_default()
    }

    fn phrase_words<V>(&self, phrase: &Phrase<V>) -> impl Iterator<Item = PatternWord> + '_ {
        let start = phrase.first_word as usize;
        (start..start + phrase.word_count as usize).map(|at| self.words.get(at))
    }

    /// Appends phrase `last` and those chained before it under its key.
    /// Inlined: a chain is a phrase or two, fewer instructions than the call.
    #[inline(always)]
    fn push_chain(&self, last: u32, out: &mut Candidates) {
        let mut at = last;
        while at != NO_PHRASE {
            out.push(at);
            at = self.chain.get(at as usize);
        }
    }

    /// Appends the phrases keyed by `key` in `by_first_two`, if any.
    #[inline]
    fn push_pair_key(&self, key: u64, out: &mut Candidates) {
        if self.pair_bloom.may_hold(key)
            && let Some(last) = self.by_first_two.get(key)
        {
            self.push_chain(last, out);
        }
    }

    /// The phrases whose first word, written out, may be `form` of token
    /// `at`: one-word phrases, and those keyed by their first two or three.
    #[inline]
    fn push_written_out(
        &self,
        view: &TokenView,
        at: usize,
        form: &view::Form,
        out: &mut Candidates,
    ) {
        if self.exact_bloom.may_hold(form.hash)
            && let Some(last) = self.by_first_exact.get(form.hash)
        {
            self.push_chain(last, out);
        }
        if self.by_first_two.is_empty() || !self.pair_firsts.may_hold(form.hash) {
            return;
        }
        self.push_pairs(view, at, form, out);
    }

    /// The phrases keyed by `form` of token `at` and a form of the next
    /// token (or by those and a third, after a joining mark).
    #[inline]
    fn push_pairs(&self, view: &TokenView, at: usize, form: &view::Form, out: &mut Candidates) {
        if at + 1 >= view.len() {
            return;
        }
        for next in view.forms_of(at + 1) {
            let pair = pair_hash(form.hash, next.hash);
            self.push_pair_key(pair, out);
            // A phrase keyed by three words matches only where its
            // joining mark is the next form's text.
            if self.joined_keys && at + 2 < view.len() && is_joining_mark(view.form_bytes(next)) {
                for third in view.forms_of(at + 2) {
                    self.push_pair_key(joined_key(pair, third.hash), out);
                }
            }
        }
    }

    /// The phrases whose first word may match a form of token `at`, in
    /// no particular order, with repeats; appended to `out`.
    #[inline]
    fn candidates(&self, view: &TokenView, at: usize, out: &mut Candidates) {
        // A start index told, form by form, which of this lexicon's maps
        // can hold a phrase starting here; without one, the filter of
        // first bytes turns most forms away.
        if let Some(slot) = self.start_slot
            && view.indexed_by(slot)
        {
            for (form, found) in view.found_forms(at) {
                if found.starts(slot) {
                    self.indexed_candidates(view, at, (form, found), slot, out);
                }
            }
            return;
        }
        for form in view.forms_of(at) {
            let bit = usize::from(form.filter_bit);
            if !self.unfiltered && self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
                continue;
            }
            self.form_candidates(view, at, form, out);
        }
    }

    /// [`Lexicon::candidates`] for one form that passed the filter of first
    /// bytes, in a view that cannot tell this lexicon's starts. Kept out of
    /// line: inlined in the loop over forms, its dozens of loop-invariant
    /// loads (the filters', maps' and columns' pointers and lengths) were
    /// hoisted before the loop and paid on every look-up, most of which
    /// end at the filter.
    #[inline(never)]
    fn form_candidates(
        &self,
        view: &TokenView,
        at: usize,
        form: &view::Form,
        out: &mut Candidates,
    ) {
        if self.first_words.may_hold(form.hash) {
            self.push_written_out(view, at, form, out);
        }
        let bit = usize::from(form.filter_bit);
        if self.prefix_lengths.is_empty()
            || !self.unfiltered && self.prefix_heads[bit / 64] & (1 << (bit % 64)) == 0
        {
            return;
        }
        let bytes = view.form_bytes(form);
        for hash in prefix_hashes(bytes, &self.prefix_lengths) {
            self.push_prefix_key(hash, out);
        }
    }

    /// [`Lexicon::candidates`] for one form where the view's index says
    /// this lexicon (of `slot`) may have a phrase: only the maps it names
    /// are probed, the word map without its Bloom filter (the form's hash
    /// is a key there), and a form's prefix only at the lengths where
    /// some lexicon of the index has one.
    #[inline(never)]
    fn indexed_candidates(
        &self,
        view: &TokenView,
        at: usize,
        (form, found): (&view::Form, &FormStarts),
        slot: StartSlot,
        out: &mut Candidates,
    ) {
        if found.alone(slot)
            && let Some(last) = self.by_first_exact.get(form.hash)
        {
            self.push_chain(last, out);
        }
        if found.paired(slot) {
            self.push_pairs(view, at, form, out);
        }
        if found.prefixed(slot) {
            let bytes = view.form_bytes(form);
            for &length in self.prefix_lengths.iter() {
                if length > bytes.len() {
                    break;
                }
                if found.may_be_prefix(length) {
                    self.push_prefix_key(word_hash(&bytes[..length]), out);
                }
            }
        }
    }

    /// Appends the phrases whose first word is the prefix of this hash.
    #[inline]
    fn push_prefix_key(&self, hash: u64, out: &mut Candidates) {
        if self.prefix_bloom.may_hold(hash)
            && let Some(last) = self.by_first_prefix.get(hash)
        {
            self.push_chain(last, out);
        }
    }

    /// Calls `found` with each phrase that matches at token `at` (its index
    /// and the bytes of proclitic stripped from its first word), the phrase
    /// inserted last first; `found` returns the fewest words a phrase must
    /// have to be wanted next ([`STOP`] ends the look-up).
    /// Most calls end at once, at a token where the view's start index
    /// says no phrase of this lexicon starts: that test is inlined where
    /// the lexicon is asked (millions of times a run), and only the rest
    /// is a call.
    #[inline(always)]
    fn each_match(&self, view: &TokenView, at: usize, found: impl FnMut(u32, usize) -> usize) {
        if view.may_start_within(self.start_slot, at) {
            self.each_match_here(view, at, ANY_LENGTH, found);
        }
    }

    /// [`Lexicon::each_match`] at a token where a phrase may start; only
    /// phrases of `length` words unless it is [`ANY_LENGTH`], and of as
    /// many words as `found` last asked for: the others are not compared
    /// with the text.
    #[inline(never)]
    fn each_match_here(
        &self,
        view: &TokenView,
        at: usize,
        length: usize,
        mut found: impl FnMut(u32, usize) -> usize,
    ) {
        let mut candidates = Candidates::new();
        self.candidates(view, at, &mut candidates);
        if candidates.is_empty() {
            return;
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut fewest = 0;
        // Later phrases first, so that among matches of one length the phrase
        // added last (a user's rule folder over the defaults) wins.
        for &index in candidates.iter().rev() {
            let phrase = self.phrases.get(index as usize);
            let words = phrase.word_count as usize;
            if words < fewest || length != ANY_LENGTH && words != length {
                continue;
            }
            if let Some(first_proclitic) = self.match_words(&phrase, view, at) {
                fewest = found(index, first_proclitic);
                if fewest == STOP {
                    return;
                }
            }
        }
    }

    /// All phrases that match starting at token `at`, longest first; among
    /// matches of one length, the phrase inserted last comes first.
    #[inline]
    pub fn matches_at<'l>(&'l self, view: &TokenView, at: usize) -> Vec<Match<'l, T>> {
        let mut found: Vec<Match<'l, T>> = Vec::new();
        self.each_match(view, at, |index, first_proclitic| {
            let phrase = self.phrases.get(index as usize);
            found.push(Match {
                start: at,
                end: at + phrase.word_count as usize,
                first_proclitic,
                value: phrase.value,
            });
            0
        });
        found.sort_by_key(|m| std::cmp::Reverse(m.end));
        found
    }

    /// The longest phrase that matches at `at`, if any.
    #[inline]
    pub fn longest_at<'l>(&'l self, view: &TokenView, at: usize) -> Option<Match<'l, T>> {
        if view.may_start_within(self.start_slot, at) {
            self.longest_here(view, at)
        } else {
            None
        }
    }

    /// [`Lexicon::longest_at`] at a token where a phrase may start.
    #[inline]
    fn longest_here<'l>(&'l self, view: &TokenView, at: usize) -> Option<Match<'l, T>> {
        let mut best: Option<Match<'l, T>> = None;
        self.each_match_here(view, at, ANY_LENGTH, |index, first_proclitic| {
            let phrase = self.phrases.get(index as usize);
            let words = phrase.word_count as usize;
            // The first of the longest in "inserted last first" order: a
            // phrase no longer than it is not compared with the text.
            best = Some(Match {
                start: at,
                end: at + words,
                first_proclitic,
                value: phrase.value,
            });
            words + 1
        });
        best
    }

    /// Non-overlapping matches over tokens `from..to`, scanning left to right, longest first.
    pub fn find_all<'l>(&'l self, view: &TokenView, from: usize, to: usize) -> Vec<Match<'l, T>> {
        let mut found = Vec::new();
        if self.phrases.is_empty() {
            return found;
        }
        let end = to.min(view.len());
        let mut at = self.next_possible_start(view, from, end);
        // `at` is always a token where a phrase may start, as the view
        // tells: the test of `longest_at` is not made again.
        while at < end {
            match self.longest_here(view, at) {
                Some(hit) if hit.end <= to => {
                    at = self.next_possible_start(view, hit.end, end);
                    found.push(hit);
                }
                _ => at = self.next_possible_start(view, at + 1, end),
            }
        }
        found
    }

    /// False when no phrase can start at token `at`, by the tests
    /// [`Lexicon::candidates`] makes before it probes a map: the view's
    /// start index, or else each form's bit in the filter of first bytes
    /// and its hash in the filter of first words (or a `*` word's first
    /// bytes). Asked before [`Lexicon::matches_at`] at every token of a
    /// stretch, it turns most away without the calls of a look-up.
    /// Inlined in that loop, the filters' pointers are read once a stretch.
    #[inline(always)]
    pub(crate) fn may_start_here(&self, view: &TokenView, at: usize) -> bool {
        if let Some(slot) = self.start_slot
            && view.indexed_by(slot)
        {
            return view.may_start_within(Some(slot), at);
        }
        let has_bit = |filter: &[u64; FILTER_BITS / 64], bit: usize| {
            self.unfiltered || filter[bit / 64] & (1 << (bit % 64)) != 0
        };
        at < view.len()
            && view.forms_of(at).iter().any(|form| {
                let bit = usize::from(form.filter_bit);
                has_bit(&self.filter, bit)
                    && (self.first_words.may_hold(form.hash)
                        || !self.prefix_lengths.is_empty() && has_bit(&self.prefix_heads, bit))
            })
    }

    /// False when the view's start index says no phrase starts at `at`.
    #[inline(always)]
    pub(crate) fn may_start_at(&self, view: &TokenView, at: usize) -> bool {
        self.start_slot.is_none_or(|slot| view.may_start(slot, at))
    }

    /// The first token from `from` on (before `end`) where a phrase may
    /// start, as the view's start index tells; `end` when there is none,
    /// and `from` when the view cannot tell.
    fn next_possible_start(&self, view: &TokenView, from: usize, end: usize) -> usize {
        match self.start_slot {
            Some(slot) => view.next_possible_start(slot, from, end),
            None => from,
        }
    }

    /// True if `word` (normalised) is a one-word phrase of the lexicon, as
    /// written (no wildcard): "و" in a list of joiners.
    pub fn has_word(&self, word: &str) -> bool {
        let mut indexes = Candidates::new();
        if let Some(last) = self.by_first_exact.get(word_hash(word.as_bytes())) {
            self.push_chain(last, &mut indexes);
        }
        indexes.iter().any(|&index| {
            let phrase = self.phrases.get(index as usize);
            phrase.word_count == 1
                && self.word_bytes(&self.words.get(phrase.first_word as usize)) == word.as_bytes()
        })
    }

    /// True if some phrase starts at token `at`.
    #[inline]
    pub fn starts_at(&self, view: &TokenView, at: usize) -> bool {
        let mut any = false;
        self.each_match(view, at, |_, _| {
            any = true;
            STOP
        });
        any
    }

    /// A phrase that ends exactly at token `end` (exclusive), longest first.
    #[inline]
    pub fn ending_at<'l>(&'l self, view: &TokenView, end: usize) -> Option<Match<'l, T>> {
        // Counted down by hand: a reversed inclusive range tests its own
        // end at every step, which was a fifth of this function.
        let mut longer = self.longest_phrase.min(end);
        while longer > 0 {
            let len = longer;
            longer -= 1;
            let start = end - len;
            if !view.may_start_within(self.start_slot, start) {
                continue;
            }
            let mut hit: Option<Match<'l, T>> = None;
            // Phrases of other lengths are not compared with the text.
            self.each_match_here(view, start, len, |index, first_proclitic| {
                let phrase = self.phrases.get(index as usize);
                hit = Some(Match {
                    start,
                    end,
                    first_proclitic,
                    value: phrase.value,
                });
                STOP
            });
            if hit.is_some() {
                return hit;
            }
        }
        None
    }

    /// The bytes of proclitic stripped from the first form of token `at`
    /// that `word` matches; `None` when none does.
    fn word_matches(&self, word: &PatternWord, view: &TokenView, at: usize) -> Option<usize> {
        let pattern = self.word_bytes(word);
        view.forms_of(at).iter().find_map(|form| {
            let hit = match word.kind {
                WordKind::Exact | WordKind::Acronym => {
                    form.hash == word.hash && same_bytes(view.form_bytes(form), pattern)
                }
                WordKind::Prefix => view.form_bytes(form).starts_with(pattern),
            };
            hit.then_some(form.stripped as usize)
        })
    }

    fn match_words(&self, phrase: &Phrase<&T>, view: &TokenView, at: usize) -> Option<usize> {
        if at + phrase.word_count as usize > view.len() {
            return None;
        }
        let mut first_proclitic = 0;
        for (offset, word) in self.phrase_words(phrase).enumerate() {
            if word.kind == WordKind::Acronym && view.upper.get(at + offset) != Some(&true) {
                return None;
            }
            let stripped = self.word_matches(&word, view, at + offset)?;
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
}

/// True when a word is one mark that joins the words around it: "-" in
/// "el-Fasher", "'" in "l'Aquila". A phrase whose second word is one is
/// keyed by its first three words. The test is on the text alone, so a
/// token's form passes it whenever a phrase's word with the same bytes does:
/// a phrase keyed so is never missed.
#[inline]
fn is_joining_mark(text: &[u8]) -> bool {
    // Most forms are words of a few letters: told by their length, or by
    // one ASCII byte, without decoding a character.
    match text {
        [] => return false,
        [byte] => return !byte.is_ascii_alphanumeric(),
        [first, ..] if first.is_ascii() || text.len() > 4 => return false,
        _ => {}
    }
    // A form's bytes are whole characters: the check cannot fail.
    let mut chars = std::str::from_utf8(text).unwrap_or_default().chars();
    matches!((chars.next(), chars.next()), (Some(mark), None) if !mark.is_alphanumeric())
}

/// The key of a phrase by its first three words: the key of the first two
/// and the hash of the third.
fn joined_key(pair: u64, third: u64) -> u64 {
    pair_hash(pair, third)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{NormalizedText, Token, tokenize};

    pub(super) fn view_of(text: &str) -> (String, Vec<Token>) {
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

    #[test]
    fn the_phrase_inserted_last_wins_among_equals_and_longest_first() {
        let mut lexicon = Lexicon::new();
        lexicon.insert("kill*", 1);
        lexicon.insert("killed", 2);
        lexicon.insert("killed in", 3);
        lexicon.insert("ki*", 4);
        let (text, tokens) = view_of("killed in action");
        let view = TokenView::new(&text, &tokens, &[], &[]);
        let values: Vec<i32> = lexicon
            .matches_at(&view, 0)
            .iter()
            .map(|m| *m.value)
            .collect();
        assert_eq!(values, [3, 4, 2, 1]);
        assert_eq!(*lexicon.longest_at(&view, 0).unwrap().value, 3);
        assert!(lexicon.starts_at(&view, 0) && !lexicon.starts_at(&view, 1));
        assert!(lexicon.has_word("killed") && !lexicon.has_word("kill"));
    }

    #[test]
    fn names_joined_by_a_mark_are_keyed_by_three_words() {
        let mut lexicon = Lexicon::new();
        for (at, name) in [
            "el-Obeid",
            "el-Fasher",
            "el-Geneina",
            "El Fasher",
            "l'Aquila",
        ]
        .iter()
        .enumerate()
        {
            lexicon.insert(name, at);
        }
        lexicon.insert("el -", 9);
        lexicon.insert("el-", 10);
        let (text, tokens) = view_of("in el-Fasher, El Fasher and l'Aquila, el- el-Bara");
        let view = TokenView::new(&text, &tokens, &[], &[]);
        let found: Vec<(usize, usize, usize)> = lexicon
            .find_all(&view, 0, view.len())
            .iter()
            .map(|m| (m.start, m.end, *m.value))
            .collect();
        assert_eq!(
            found,
            [(1, 4, 1), (5, 7, 3), (8, 11, 4), (12, 14, 10), (14, 16, 10)]
        );
        // At "el-Fasher", the other names joined by "-" are not tried.
        let mut candidates = Candidates::new();
        lexicon.candidates(&view, 1, &mut candidates);
        candidates.sort_unstable();
        candidates.dedup();
        assert_eq!(candidates.as_slice(), [1, 5, 6]);
        let mark = |text: &str| is_joining_mark(text.as_bytes());
        assert!(mark("-") && mark("'") && !mark("a"));
        assert!(!mark("--") && !mark(""));
        assert!(mark("—") && mark("،") && !mark("é"));
        assert!(!mark("ب") && !mark("-a") && !mark("é-"));
    }

    #[test]
    fn the_filter_of_first_words_holds_every_one_as_it_grows() {
        let mut lexicon = Lexicon::new();
        let names: Vec<String> = (0..3000).map(|at| format!("w{at} x")).collect();
        for (at, name) in names.iter().enumerate() {
            lexicon.insert(name, at);
            if at % 7 == 0 {
                lexicon.insert(&format!("v{at}"), at);
                lexicon.insert(&format!("u{at}*"), at);
            }
        }
        for word in lexicon.words.iter().filter(|w| w.kind == WordKind::Exact) {
            let first = lexicon.word_text(&word).starts_with(['w', 'v']);
            assert!(!first || lexicon.first_words.may_hold(word.hash));
        }
        // The first words of the phrases of two words or more ("w" of
        // "w 2999 x", "v" of "v 14"), in their own filter.
        let mut keyed = 0;
        for at in (0..lexicon.len()).filter(|&at| lexicon.keyed_by_two(at)) {
            let first = lexicon
                .words
                .get(lexicon.phrases.get(at).first_word as usize);
            assert!(lexicon.pair_firsts.may_hold(first.hash));
            keyed += 1;
        }
        assert!(keyed >= 3000);
        let (text, tokens) = view_of("w2999 x and v14 then u21xyz");
        let view = TokenView::new(&text, &tokens, &[], &[]);
        let found: Vec<usize> = lexicon
            .find_all(&view, 0, view.len())
            .iter()
            .map(|m| *m.value)
            .collect();
        assert_eq!(found, [2999, 14, 21]);
    }

    /// `longest_at`, `ending_at` and `starts_at` compare fewer phrases with
    /// the text than `matches_at`, which compares every candidate: each must
    /// give what `matches_at` gives, on random lexicons and texts.
    #[test]
    fn the_longest_and_the_ending_phrase_are_what_every_match_gives() {
        use crate::test_random::TestRandom;
        let pieces = ["a", "b", "ab", "c*", "a*", "-", "el", "x"];
        let text_pieces = ["a", "b", "ab", "cd", "ax", "-", "el", "x", "c"];
        let mut random = TestRandom(16);
        let mut compared = 0;
        for _ in 0..60 {
            let mut lexicon = Lexicon::new();
            for value in 0..1 + random.below(20) {
                lexicon.insert(&random.words(&pieces, 4), value as i32);
            }
            // Half the lexicons in a start index, asked through it.
            let mut index = StartIndex::new();
            let indexed = random.below(2) == 0;
            if indexed {
                index.register(&mut lexicon);
            }
            for _ in 0..20 {
                let (text, tokens) = view_of(&random.words(&text_pieces, 10));
                let mut view = TokenView::new(&text, &tokens, &[], &[]);
                if indexed {
                    view = view.with_start_index(&index);
                }
                for at in 0..=view.len() {
                    let all = lexicon.matches_at(&view, at);
                    let longest = lexicon.longest_at(&view, at);
                    assert_eq!(longest, all.first().copied(), "{text} {at}");
                    assert_eq!(lexicon.starts_at(&view, at), !all.is_empty());
                    assert!(all.is_empty() || lexicon.may_start_here(&view, at));
                    // The longest phrase ending at `at`, the last inserted
                    // of equals.
                    let ending = (0..at)
                        .flat_map(|start| lexicon.matches_at(&view, start))
                        .filter(|m| m.end == at)
                        .min_by_key(|m| m.start);
                    assert_eq!(lexicon.ending_at(&view, at), ending, "{text} {at}");
                    compared += all.len();
                }
                let mut expected = Vec::new();
                let mut at = 0;
                while at < view.len() {
                    match lexicon.matches_at(&view, at).first() {
                        Some(hit) => {
                            expected.push(*hit);
                            at = hit.end;
                        }
                        None => at += 1,
                    }
                }
                assert_eq!(lexicon.find_all(&view, 0, view.len()), expected, "{text}");
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn proclitics_of_one_byte_and_of_more_are_stripped() {
        let mut lexicon = Lexicon::new();
        lexicon.insert("rain", 1);
        lexicon.insert("snow", 2);
        for proclitics in [
            vec!["x".to_string()],
            vec!["xy".to_string(), "q".to_string()],
        ] {
            let (text, tokens) = view_of("xrain xysnow qsnow xy");
            let view = TokenView::new(&text, &tokens, &proclitics, &[]);
            let found: Vec<(i32, usize)> = lexicon
                .find_all(&view, 0, view.len())
                .iter()
                .map(|m| (*m.value, m.first_proclitic))
                .collect();
            let expected = if proclitics.len() == 1 {
                vec![(1, 1)]
            } else {
                vec![(2, 2), (2, 1)]
            };
            assert_eq!(found, expected);
        }
    }

    #[test]
    fn contractions_and_acronyms() {
        let mut lexicon = Lexicon::new();
        lexicon.insert("المسؤولين", 1);
        lexicon.insert("WHO", 2);
        let contractions = vec![("لل".to_string(), "ال".to_string())];
        let (text, tokens) = view_of("للمسؤولين who");
        let view = TokenView::new(&text, &tokens, &[], &contractions);
        let hit = lexicon.longest_at(&view, 0).unwrap();
        assert_eq!((*hit.value, hit.first_proclitic), (1, "لل".len()));
        assert!(lexicon.longest_at(&view, 1).is_none());
        let view = TokenView::new(&text, &tokens, &[], &contractions).with_upper(vec![false, true]);
        assert_eq!(*lexicon.longest_at(&view, 1).unwrap().value, 2);
    }
}
