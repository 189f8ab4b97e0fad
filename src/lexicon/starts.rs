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

use super::hash::{Bloom, ByHash, FILTER_BITS, filter_bit, word_hash};
use super::view::{Form, TokenView};
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
    /// The byte of a token's bits that holds `bit`, and its mask there: a
    /// lexicon's test at a token is one byte, not a shift of 128 bits.
    pub(super) byte: u8,
    pub(super) mask: u8,
}

impl StartSlot {
    fn new(index: u32, bit: u32) -> StartSlot {
        StartSlot {
            index,
            bit: bit as u8,
            byte: (bit / 8) as u8,
            mask: 1 << (bit % 8),
        }
    }
}

/// The bits of several lexicons of one index, to ask a token about all of
/// them at once ([`TokenView::may_start_any`]): a reader that would ask
/// each of them in turn, most often for a "no", asks once.
#[derive(Debug, Clone, Copy, Default)]
pub struct StartMask {
    pub(super) index: u32,
    pub(super) bits: StartBits,
    /// A lexicon outside any index, or in another: the mask cannot tell.
    pub(super) unknown: bool,
}

impl StartMask {
    /// A mask of no lexicon yet; [`StartMask::with`] adds them.
    pub fn new() -> StartMask {
        StartMask::default()
    }

    /// This mask with `lexicon`'s bit.
    pub fn with<T>(mut self, lexicon: &Lexicon<T>) -> StartMask {
        match lexicon.start_slot {
            Some(slot) if self.bits == 0 || slot.index == self.index => {
                self.index = slot.index;
                self.bits |= 1 << slot.bit;
            }
            _ => self.unknown = true,
        }
        self
    }
}

/// The first words of the phrases of several lexicons, each lexicon a bit.
#[derive(Debug, Clone)]
pub struct StartIndex {
    /// Tells this index from the others, so that a lexicon registered in one
    /// is never judged by another's bits; never 0 (a view without an index).
    id: u32,
    slots: u32,
    /// First words written out (and acronyms), by their hash.
    by_word: ByHash<StartBits>,
    /// The keys of `by_word`: a miss costs a bit test instead of a probe.
    word_bloom: Bloom,
    /// First words that are prefixes (`kill*`), by the hash of the prefix.
    by_prefix: ByHash<StartBits>,
    prefix_bloom: Bloom,
    /// A bit for the first bytes of every prefix (see `filter_bit`): a form
    /// without one is not hashed prefix by prefix.
    prefix_filter: Box<[u64; FILTER_BITS / 64]>,
    /// Some prefix is one byte long ("a*"): the filter cannot tell.
    prefix_unfiltered: bool,
    /// The byte lengths of those prefixes, shortest first.
    prefix_lengths: Vec<usize>,
    /// A bit for the hash of every prefix's head, its first bytes as many
    /// as the shortest prefix has: a form whose head has no bit starts no
    /// prefix, and is not hashed at the other lengths. Where the prefix
    /// filter sees a word's first letter, this sees its first few.
    head_filter: Box<[u64; HEAD_BITS / 64]>,
    /// The bytes of every prefix, to set the head filter again when a
    /// shorter prefix comes.
    prefixes: Vec<Box<[u8]>>,
}

/// The bits of the head filter: a few hundred prefixes set about one in
/// ten.
const HEAD_BITS: usize = 4096;

impl Default for StartIndex {
    fn default() -> Self {
        // Ids only need to differ between indexes of one process.
        static NEXT_ID: AtomicU32 = AtomicU32::new(1);
        StartIndex {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            slots: 0,
            by_word: ByHash::default(),
            word_bloom: Bloom::default(),
            by_prefix: ByHash::default(),
            prefix_bloom: Bloom::default(),
            prefix_filter: Box::new([0; FILTER_BITS / 64]),
            prefix_unfiltered: false,
            prefix_lengths: Vec::new(),
            head_filter: Box::new([0; HEAD_BITS / 64]),
            prefixes: Vec::new(),
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
                    *self.by_word.entry(word.hash).or_default() |= bit;
                    self.word_bloom.insert(word.hash, self.by_word.len());
                }
                WordKind::Prefix => {
                    *self.by_prefix.entry(word.hash).or_default() |= bit;
                    self.prefix_bloom.insert(word.hash, self.by_prefix.len());
                    let filter = filter_bit(lexicon.word_bytes(&word));
                    self.prefix_filter[filter / 64] |= 1 << (filter % 64);
                    let length = (word.end - word.start) as usize;
                    self.prefix_unfiltered |= length < 2;
                    if let Err(at) = self.prefix_lengths.binary_search(&length) {
                        self.prefix_lengths.insert(at, length);
                    }
                    self.add_head(lexicon.word_bytes(&word));
                }
            }
        }
        lexicon.start_slot = Some(StartSlot::new(self.id, self.slots));
        self.slots += 1;
        true
    }

    /// Sets the head filter's bit for a prefix; all of them again when it
    /// is the shortest so far.
    fn add_head(&mut self, prefix: &[u8]) {
        let shortest = self.prefix_lengths[0];
        self.prefixes.push(prefix.into());
        if prefix.len() == shortest {
            self.head_filter.fill(0);
            for at in 0..self.prefixes.len() {
                let head = word_hash(&self.prefixes[at][..shortest]);
                self.set_head(head);
            }
        } else {
            self.set_head(word_hash(&prefix[..shortest]));
        }
    }

    fn set_head(&mut self, head: u64) {
        let bit = (head as usize) % HEAD_BITS;
        self.head_filter[bit / 64] |= 1 << (bit % 64);
    }

    fn may_be_head(&self, head: u64) -> bool {
        let bit = (head as usize) % HEAD_BITS;
        self.head_filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    pub(super) fn id(&self) -> u32 {
        self.id
    }

    /// The lexicons with a phrase whose first word may match one of
    /// `forms` (a token's, in `view`): every one whose own look-up could
    /// find a candidate there.
    pub(super) fn bits_of(&self, view: &TokenView, forms: &[Form]) -> StartBits {
        let mut bits = 0;
        for form in forms {
            if self.word_bloom.may_hold(form.hash)
                && let Some(found) = self.by_word.get(&form.hash)
            {
                bits |= found;
            }
            let filter = usize::from(form.filter_bit);
            if !self.prefix_unfiltered
                && self.prefix_filter[filter / 64] & (1 << (filter % 64)) == 0
            {
                continue;
            }
            bits |= self.prefix_bits(view.form_text(form).as_bytes());
        }
        bits
    }

    /// The lexicons with a prefix that `bytes` starts with (maybe more).
    /// The hash of its head comes first: most forms stop there.
    fn prefix_bits(&self, bytes: &[u8]) -> StartBits {
        let Some(&shortest) = self.prefix_lengths.first() else {
            return 0;
        };
        if bytes.len() < shortest {
            return 0;
        }
        if !self.may_be_head(word_hash(&bytes[..shortest])) {
            return 0;
        }
        let mut bits = 0;
        for &length in self
            .prefix_lengths
            .iter()
            .take_while(|&&l| l <= bytes.len())
        {
            let hash = word_hash(&bytes[..length]);
            if self.prefix_bloom.may_hold(hash)
                && let Some(found) = self.by_prefix.get(&hash)
            {
                bits |= found;
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

    /// A shorter prefix registered after longer ones sets the head filter
    /// again: every prefix is still found.
    #[test]
    fn prefixes_are_found_whatever_order_their_lexicons_come_in() {
        let (mut verbs, mut places) = lexicons();
        let mut index = StartIndex::new();
        assert!(index.register(&mut places) && index.register(&mut verbs));
        let text = NormalizedText::new("they killed 4; وقتلوا; kil; قت", 0).text;
        let tokens = tokenize(&text);
        let proclitics = vec!["و".to_string()];
        let view = TokenView::new(&text, &tokens, &proclitics, &[]).with_start_index(&index);
        let starts: Vec<usize> = (0..tokens.len())
            .filter(|&at| view.may_start(verbs.start_slot.unwrap(), at))
            .collect();
        assert!(starts.contains(&1), "{starts:?}");
        let arabic: Vec<usize> = (0..tokens.len())
            .filter(|&at| view.may_start(places.start_slot.unwrap(), at))
            .collect();
        assert!(arabic.contains(&4), "{arabic:?}");
        assert_eq!(places.find_all(&view, 0, tokens.len()).len(), 1);
        assert_eq!(verbs.find_all(&view, 0, tokens.len()).len(), 1);
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
