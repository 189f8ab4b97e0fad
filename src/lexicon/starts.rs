//! Which of a language pack's lexicons may have a phrase starting at a
//! token, worked out once per token for all of them.
//!
//! The claim stages ask some sixty lexicons about the tokens around every
//! figure, most of them many times over, and nearly every answer is "no
//! phrase starts here". A [`StartIndex`] gathers the first words of every
//! registered lexicon's phrases into one map from a word's hash to a bit set
//! of lexicons (their slots); a view with the index works out each token's
//! bit set once, and a registered lexicon whose bit is clear at a token
//! answers "no phrase" without looking at its own maps. A bit that is set
//! only lets the lexicon look as it did before, so the answers are the same:
//! the bits are a superset (a collision of hashes only sets more bits).

use std::sync::atomic::{AtomicU32, Ordering};

use super::bit_table::BitTable;
use super::hash::{Bloom, FILTER_BITS, filter_bit, prefix_hashes};
use super::view::TokenView;
use super::{Lexicon, WordKind};

/// A bit per registered lexicon.
pub(super) type StartBits = u128;

/// The most lexicons one index can hold; others are left unregistered and
/// look a token up themselves.
const MAX_SLOTS: u32 = StartBits::BITS;

/// Where a registered lexicon's bit is: which index, which bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct StartSlot {
    pub(super) index: u32,
    pub(super) bit: u8,
}

/// The first words of the phrases of several lexicons, each lexicon a bit.
#[derive(Debug, Clone)]
pub struct StartIndex {
    /// Tells this index from the others, so that a lexicon registered in one
    /// is never judged by another's bits; never 0 (a view without an index).
    id: u32,
    slots: u32,
    /// First words written out (and acronyms), by their hash: one probe
    /// of a small table, a hit or a miss.
    by_word: BitTable,
    /// First words that are prefixes (`kill*`), by the hash of the prefix.
    by_prefix: BitTable,
    /// The keys of `by_prefix`: each form is tried at many lengths, most of
    /// them a miss that costs a bit test instead of a probe.
    prefix_bloom: Bloom,
    /// A bit for the first bytes of every prefix (see `filter_bit`): a form
    /// without one is not hashed prefix by prefix.
    prefix_filter: Box<[u64; FILTER_BITS / 64]>,
    /// Some prefix is one byte long ("a*"): the filter cannot tell.
    prefix_unfiltered: bool,
    /// The byte lengths of those prefixes, shortest first.
    prefix_lengths: Vec<usize>,
}

impl Default for StartIndex {
    fn default() -> Self {
        // Ids only need to differ between indexes of one process.
        static NEXT_ID: AtomicU32 = AtomicU32::new(1);
        StartIndex {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            slots: 0,
            by_word: BitTable::default(),
            by_prefix: BitTable::default(),
            prefix_bloom: Bloom::default(),
            prefix_filter: Box::new([0; FILTER_BITS / 64]),
            prefix_unfiltered: false,
            prefix_lengths: Vec::new(),
        }
    }
}

impl StartIndex {
    /// An index of no lexicon.
    pub fn new() -> StartIndex {
        StartIndex::default()
    }

    /// Gives `lexicon` a bit and adds the first words of its phrases. A
    /// lexicon changed afterwards loses its bit (see `Lexicon::insert_compiled`).
    /// Returns false when the index is full and the lexicon stays on its own.
    pub fn register<T>(&mut self, lexicon: &mut Lexicon<T>) -> bool {
        if self.slots == MAX_SLOTS {
            return false;
        }
        let bit: StartBits = 1 << self.slots;
        for index in 0..lexicon.phrases.len() {
            let word = lexicon
                .words
                .get(lexicon.phrases.get(index).first_word as usize);
            match word.kind {
                WordKind::Exact | WordKind::Acronym => {
                    self.by_word.insert(word.hash, bit);
                }
                WordKind::Prefix => {
                    self.by_prefix.insert(word.hash, bit);
                    self.prefix_bloom.insert(word.hash, self.by_prefix.len());
                    let filter = filter_bit(lexicon.word_bytes(&word));
                    self.prefix_filter[filter / 64] |= 1 << (filter % 64);
                    let length = (word.end - word.start) as usize;
                    self.prefix_unfiltered |= length < 2;
                    if let Err(at) = self.prefix_lengths.binary_search(&length) {
                        self.prefix_lengths.insert(at, length);
                    }
                }
            }
        }
        lexicon.start_slot = Some(StartSlot {
            index: self.id,
            bit: self.slots as u8,
        });
        self.slots += 1;
        true
    }

    pub(super) fn id(&self) -> u32 {
        self.id
    }

    /// The lexicons with a phrase whose first word may match a form of
    /// token `at`: every one whose own look-up could find a candidate there.
    pub(super) fn bits_at(&self, view: &TokenView, at: usize) -> StartBits {
        let mut bits = 0;
        for form in view.forms_of(at) {
            bits |= self.by_word.get(form.hash);
            let filter = usize::from(form.filter_bit);
            if !self.prefix_unfiltered
                && self.prefix_filter[filter / 64] & (1 << (filter % 64)) == 0
            {
                continue;
            }
            let bytes = view.form_text(form).as_bytes();
            for hash in prefix_hashes(bytes, &self.prefix_lengths) {
                if self.prefix_bloom.may_hold(hash) {
                    bits |= self.by_prefix.get(hash);
                }
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{NormalizedText, tokenize};

    fn lexicons() -> (Lexicon<i32>, Lexicon<i32>) {
        let mut verbs = Lexicon::new();
        verbs.insert("kill*", 1);
        verbs.insert("killed in", 2);
        verbs.insert("according to", 3);
        verbs.insert("WHO", 4);
        let mut places = Lexicon::new();
        places.insert("El Fasher", 5);
        places.insert("قتل*", 6);
        (verbs, places)
    }

    #[test]
    fn a_view_with_the_index_finds_what_one_without_finds() {
        let (mut verbs, mut places) = lexicons();
        let mut index = StartIndex::new();
        assert!(index.register(&mut verbs) && index.register(&mut places));
        let (plain_verbs, plain_places) = lexicons();
        let text = NormalizedText::new(
            "WHO said 40 were killed in El Fasher, according to officials; وقتلوا El",
            0,
        )
        .text;
        let tokens = tokenize(&text);
        let proclitics = vec!["و".to_string()];
        let upper: Vec<bool> = (0..tokens.len()).map(|at| at == 0).collect();
        let plain = TokenView::new(&text, &tokens, &proclitics, &[]).with_upper(upper.clone());
        let indexed = plain.clone().with_start_index(&index);
        for (lexicon, unregistered) in [(&verbs, &plain_verbs), (&places, &plain_places)] {
            for at in 0..tokens.len() {
                assert_eq!(
                    lexicon.matches_at(&indexed, at),
                    unregistered.matches_at(&plain, at)
                );
            }
            assert_eq!(
                lexicon.find_all(&indexed, 0, tokens.len()),
                unregistered.find_all(&plain, 0, tokens.len())
            );
        }
        assert_eq!(verbs.find_all(&indexed, 0, tokens.len()).len(), 3);
        assert_eq!(places.find_all(&indexed, 0, tokens.len()).len(), 2);
    }

    #[test]
    fn a_lexicon_changed_after_registering_leaves_the_index() {
        let (mut verbs, _) = lexicons();
        let mut index = StartIndex::new();
        index.register(&mut verbs);
        verbs.insert("said", 7);
        let text = NormalizedText::new("officials said", 0).text;
        let tokens = tokenize(&text);
        let view = TokenView::new(&text, &tokens, &[], &[]).with_start_index(&index);
        assert_eq!(*verbs.longest_at(&view, 1).unwrap().value, 7);
    }
}
