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

use std::collections::HashSet;
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
    /// The hashes of every prefix's stems: its first bytes as many as each
    /// of `prefix_lengths` up to its own. A form whose stem of one length is
    /// none of them starts no longer prefix either, so the lengths after it
    /// are not hashed (a long word that passed the head filter was hashed
    /// at every length up to its own).
    stems: StemFilter,
    /// The bytes of every prefix (each once), to set the head filter again
    /// when a shorter prefix comes and to add the stems of a new length.
    prefixes: Vec<Box<[u8]>>,
    known_prefixes: HashSet<Box<[u8]>>,
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
            stems: StemFilter::default(),
            prefixes: Vec::new(),
            known_prefixes: HashSet::new(),
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
                    self.add_prefix(lexicon.word_bytes(&word));
                }
            }
        }
        lexicon.start_slot = Some(StartSlot::new(self.id, self.slots));
        self.slots += 1;
        true
    }

    /// Adds a prefix's bytes to the filters in front of the prefix map (the
    /// first time they come).
    fn add_prefix(&mut self, prefix: &[u8]) {
        if !self.known_prefixes.insert(prefix.into()) {
            return;
        }
        let filter = filter_bit(prefix);
        self.prefix_filter[filter / 64] |= 1 << (filter % 64);
        let length = prefix.len();
        self.prefix_unfiltered |= length < 2;
        if let Err(at) = self.prefix_lengths.binary_search(&length) {
            self.prefix_lengths.insert(at, length);
            // The known prefixes' stems of the new length.
            for known in self.prefixes.iter().filter(|known| known.len() >= length) {
                self.stems.insert(word_hash(&known[..length]));
            }
        }
        for &stem in self.prefix_lengths.iter().take_while(|&&l| l <= length) {
            self.stems.insert(word_hash(&prefix[..stem]));
        }
        self.add_head(prefix);
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
    /// The hash of its head comes first: most forms stop there; most of the
    /// others stop at the next length, where their stem is no prefix's.
    fn prefix_bits(&self, bytes: &[u8]) -> StartBits {
        let mut bits = 0;
        for (step, &length) in self.prefix_lengths.iter().enumerate() {
            if length > bytes.len() {
                break;
            }
            let hash = word_hash(&bytes[..length]);
            let live = if step == 0 {
                self.may_be_head(hash)
            } else {
                self.stems.may_hold(hash)
            };
            if !live {
                break;
            }
            if self.prefix_bloom.may_hold(hash)
                && let Some(found) = self.by_prefix.get(&hash)
            {
                bits |= found;
            }
        }
        bits
    }
}

/// A Bloom filter of the prefixes' stems, two bits a stem in one 64-bit
/// word, about 16 bits a stem (rebuilt from the stems when they double).
#[derive(Debug, Clone, Default)]
struct StemFilter {
    bits: Vec<u64>,
    stems: Vec<u64>,
}

impl StemFilter {
    const BITS_PER_STEM: usize = 16;

    fn insert(&mut self, hash: u64) {
        self.stems.push(hash);
        let wanted = (self.stems.len() * Self::BITS_PER_STEM)
            .next_power_of_two()
            .max(512);
        if wanted > self.bits.len() * 64 {
            self.bits = vec![0; wanted / 64];
            for at in 0..self.stems.len() {
                self.set(self.stems[at]);
            }
        } else {
            self.set(hash);
        }
    }

    #[inline(always)]
    fn positions(&self, hash: u64) -> (usize, u64) {
        let word = (hash as usize) & (self.bits.len() - 1);
        (word, (1 << (hash >> 58)) | (1 << ((hash >> 52) & 63)))
    }

    fn set(&mut self, hash: u64) {
        let (word, bits) = self.positions(hash);
        self.bits[word] |= bits;
    }

    /// False when no stem has this hash; an empty filter holds nothing.
    #[inline]
    fn may_hold(&self, hash: u64) -> bool {
        if self.bits.is_empty() {
            return false;
        }
        let (word, bits) = self.positions(hash);
        self.bits[word] & bits == bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{NormalizedText, tokenize};
    use crate::test_random::TestRandom;

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

    /// The lexicons whose prefix starts `bytes`, asking the prefix map at
    /// every length, with no filter in front.
    fn prefix_bits_of_every_length(index: &StartIndex, bytes: &[u8]) -> StartBits {
        (index.prefix_lengths.iter())
            .filter(|&&length| length <= bytes.len())
            .filter_map(|&length| index.by_prefix.get(&word_hash(&bytes[..length])))
            .fold(0, |bits, found| bits | found)
    }

    /// The filters in front of the prefix map (the head's, the stems')
    /// turn away no form a prefix starts, whatever the order and lengths
    /// the prefixes come in (shorter ones after longer ones included).
    #[test]
    fn the_stems_filter_keeps_every_prefix_a_word_starts() {
        let pieces = [
            "k", "il", "l", "ed", "قت", "ل", "و", "ا", "e", "x", "ab", "é",
        ];
        let mut random = TestRandom(12);
        let mut found = 0;
        let word = |random: &mut TestRandom, most: u64| {
            let count = 1 + random.below(most);
            (0..count).map(|_| random.pick(&pieces)).collect::<String>()
        };
        for _ in 0..40 {
            let mut index = StartIndex::new();
            let mut lexicons: Vec<Lexicon<i32>> = Vec::new();
            for _ in 0..1 + random.below(5) {
                let mut lexicon = Lexicon::new();
                for value in 0..random.below(12) {
                    let phrase = format!("{}* {}", word(&mut random, 5), word(&mut random, 2));
                    lexicon.insert(&phrase, value as i32);
                }
                lexicons.push(lexicon);
            }
            for lexicon in &mut lexicons {
                index.register(lexicon);
            }
            for _ in 0..300 {
                let text = word(&mut random, 8);
                let bits = index.prefix_bits(text.as_bytes());
                assert_eq!(
                    bits,
                    prefix_bits_of_every_length(&index, text.as_bytes()),
                    "{text}"
                );
                found += usize::from(bits != 0);
            }
        }
        assert!(found > 500, "{found}");
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
