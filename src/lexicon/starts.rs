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
//!
//! The index keys each phrase as its lexicon does: by its first word alone,
//! by its first two words (a form and a form of the next token), or by the
//! prefix its first word is. So a token whose word starts "according to"
//! has the bit only where "to" follows, and each form keeps what was found
//! for it ([`FormStarts`]): a lexicon asked there makes only the probes of
//! its own maps that can find a phrase.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};

use super::hash::{Bloom, ByHash, FILTER_BITS, filter_bit, pair_hash, word_hash};
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
    /// First words written out (and acronyms), by their hash: the
    /// lexicons with a phrase keyed by that word alone, and whether some
    /// phrase is keyed by it and the word after it.
    by_word: WordTable,
    /// For each first word that starts a phrase alone, what a form of it
    /// starts when it starts nothing else (no pair with the next token, no
    /// prefix), most forms that start anything: a view refers to it (see
    /// [`SHARED`]) instead of writing a copy for every such form of its
    /// text, and the look-ups of many forms of a frequent word read one.
    /// Entry 0 is empty.
    alone: Vec<FormStarts>,
    /// The keys of `by_word`: a miss costs a bit test instead of a probe.
    word_bloom: Bloom,
    /// Phrases keyed by their first two words, by the hash of the two (as
    /// their lexicon keys them, before a third word joined by a mark).
    by_pair: ByHash<StartBits>,
    pair_bloom: Bloom,
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
            by_word: WordTable::default(),
            alone: vec![FormStarts::default()],
            word_bloom: Bloom::default(),
            by_pair: ByHash::default(),
            pair_bloom: Bloom::default(),
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
            let first = lexicon.phrases.get(index).first_word as usize;
            let word = lexicon.words.get(first);
            match word.kind {
                WordKind::Exact | WordKind::Acronym if lexicon.keyed_by_two(index) => {
                    let second = lexicon.words.get(first + 1).hash;
                    let pair = pair_hash(word.hash, second);
                    *self.by_pair.entry(pair).or_default() |= bit;
                    self.pair_bloom.insert(pair, self.by_pair.len());
                    self.by_word.entry(word.hash).seconds |= second_bit(second);
                    self.word_bloom.insert(word.hash, self.by_word.len());
                }
                WordKind::Exact | WordKind::Acronym => {
                    let starts = self.by_word.entry(word.hash);
                    starts.alone = (StartBits::from_le_bytes(starts.alone) | bit).to_le_bytes();
                    if starts.shared == 0 {
                        starts.shared = self.alone.len() as u32;
                        self.alone.push(FormStarts::default());
                    }
                    self.alone[starts.shared as usize].alone = starts.alone;
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

    /// What a form of token `at` (in `view`) may start, lexicon by lexicon:
    /// every phrase whose lexicon's own look-up could find it there is in
    /// one of the sets, kept as an entry of `out` (pushed, unless it is
    /// one of the index's [`StartIndex::shared`]). Returns the union of
    /// the sets (0 for most forms, told by two bit tests) and where the
    /// entry is: 0 for none, an index of `out`, or one with [`SHARED`].
    #[inline(always)]
    pub(super) fn form_starts(
        &self,
        view: &TokenView,
        at: usize,
        form: &Form,
        word: Option<&WordStarts>,
        out: &mut Vec<FormStarts>,
    ) -> (StartBits, u32) {
        let filter = usize::from(form.filter_bit);
        let prefixed =
            self.prefix_unfiltered || self.prefix_filter[filter / 64] & (1 << (filter % 64)) != 0;
        if word.is_none() && !prefixed {
            return (0, 0);
        }
        let (mut alone, mut paired, mut shared) = (0, 0, 0);
        if let Some(found) = word {
            alone = StartBits::from_le_bytes(found.alone);
            shared = found.shared;
            if found.seconds != 0 {
                paired = self.pair_bits(form.hash, found.seconds, view.next_forms(at));
            }
        }
        let (prefix, prefix_lengths) = if prefixed {
            self.prefix_bits(view.form_bytes(form))
        } else {
            (0, 0)
        };
        let any = alone | paired | prefix;
        if any == 0 {
            return (0, 0);
        }
        if paired == 0 && prefix == 0 {
            return (any, SHARED | shared);
        }
        out.push(FormStarts {
            alone: alone.to_le_bytes(),
            paired: paired.to_le_bytes(),
            prefixed: prefix.to_le_bytes(),
            prefix_lengths,
        });
        (any, out.len() as u32 - 1)
    }

    /// The word map's entry for a form's hash, if it has one (most forms
    /// are turned away by the Bloom filter).
    #[inline(always)]
    pub(super) fn word_entry(&self, hash: u64) -> Option<&WordStarts> {
        if self.word_bloom.may_hold(hash) {
            self.by_word.get(&hash)
        } else {
            None
        }
    }

    /// The entry of [`StartIndex::alone`] a view's `found_at` refers to
    /// with [`SHARED`].
    #[inline(always)]
    pub(super) fn shared(&self, found_at: u32) -> &FormStarts {
        &self.alone[(found_at & !SHARED) as usize]
    }

    /// The lexicons with a phrase keyed by a word of this hash and one of
    /// the forms `next`; `seconds`, the word's [`WordStarts::seconds`],
    /// turns away most forms before their pair is hashed and looked up.
    fn pair_bits(&self, first: u64, seconds: u16, next: &[Form]) -> StartBits {
        let mut bits = 0;
        for second in next {
            if seconds & second_bit(second.hash) == 0 {
                continue;
            }
            let pair = pair_hash(first, second.hash);
            if self.pair_bloom.may_hold(pair)
                && let Some(found) = self.by_pair.get(&pair)
            {
                bits |= found;
            }
        }
        bits
    }

    /// The lexicons with a prefix that `bytes` starts with (maybe more).
    /// The hash of its head comes first: most forms stop there; most of the
    /// others stop at the next length, where their stem is no prefix's.
    /// Also gives the lengths at which a prefix was found (bit
    /// `min(length, 63)`: see [`FormStarts::may_be_prefix`]).
    fn prefix_bits(&self, bytes: &[u8]) -> (StartBits, u64) {
        let mut bits = 0;
        let mut lengths = 0;
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
                lengths |= 1 << length.min(63);
            }
        }
        (bits, lengths)
    }
}

/// The bit of a view's `found_at` that names an entry of the index's
/// [`StartIndex::alone`], not of the view's own.
pub(super) const SHARED: u32 = 1 << 31;

/// A word's bit in [`WordStarts::seconds`].
#[inline(always)]
fn second_bit(hash: u64) -> u16 {
    1 << (hash >> 60)
}

/// The index's first words by their hash: entries that hold their hash,
/// 32 bytes aligned to 32, so that an entry is never split between two
/// cache lines (a map of hash to entry kept the two apart in half its
/// slots: a probe that found the key missed again for the entry). Open
/// addressing, at most half full, probed slot after slot from the one the
/// hash's low bits name: a look-up reads one line where a `HashSet` read
/// its control bytes and then the entry, one after the other. Most
/// look-ups miss the cache (the table is large, and cold at each text),
/// and one load a look-up lets the view's loop of look-ups have several
/// under way at once.
#[derive(Debug, Clone, Default)]
struct WordTable {
    slots: Vec<WordStarts>,
    len: usize,
}

impl WordTable {
    fn len(&self) -> usize {
        self.len
    }

    /// The entry of `hash`, if the table has one.
    #[inline(always)]
    fn get(&self, hash: &u64) -> Option<&WordStarts> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (*hash as usize) & mask;
        loop {
            let slot = self.slots.get(at)?;
            if !slot.filled {
                return None;
            }
            if slot.hash == *hash {
                return Some(slot);
            }
            at = (at + 1) & mask;
        }
    }

    /// The entry of `hash`, made empty (no lexicon) if it had none.
    fn entry(&mut self, hash: u64) -> &mut WordStarts {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = (hash as usize) & mask;
        while self.slots[at].filled && self.slots[at].hash != hash {
            at = (at + 1) & mask;
        }
        if !self.slots[at].filled {
            self.slots[at] = WordStarts::of(hash);
            self.len += 1;
        }
        &mut self.slots[at]
    }

    /// Twice the slots, the entries placed again.
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![WordStarts::default(); (old.len() * 2).max(16)];
        let mask = self.slots.len() - 1;
        for entry in old.into_iter().filter(|entry| entry.filled) {
            let mut at = (entry.hash as usize) & mask;
            while self.slots[at].filled {
                at = (at + 1) & mask;
            }
            self.slots[at] = entry;
        }
    }
}

/// What the index keeps for a first word written out.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(32))]
pub(super) struct WordStarts {
    /// The word's hash, the entry's key.
    hash: u64,
    /// The lexicons with a phrase keyed by this word alone ([`StartBits`]
    /// in little-endian bytes: an entry of the map stays 32 bytes).
    alone: [u8; 16],
    /// A bit for the hash of every word that follows this one in a phrase
    /// keyed by the two ([`second_bit`]); 0 when there is none. A form of
    /// the next token without its bit is no such word: its pair with this
    /// one is no key (what a collision of pair hashes would have let
    /// through matches nothing: the lexicon compares the words' bytes).
    seconds: u16,
    /// Its entry in [`StartIndex::alone`]; 0 when no phrase is keyed by
    /// this word alone.
    shared: u32,
    /// The slot of [`WordTable`] holds an entry.
    filled: bool,
}

// Two entries a cache line, none split.
const _: () = assert!(std::mem::size_of::<WordStarts>() == 32);

impl WordStarts {
    fn of(hash: u64) -> WordStarts {
        WordStarts {
            hash,
            filled: true,
            ..WordStarts::default()
        }
    }
}

/// What one form of a token may start, as the index found it: the
/// lexicons with a phrase keyed by the form alone, by the form and a form
/// of the next token, by a prefix of the form; and the lengths of those
/// prefixes. A lexicon asked at the form makes only the probes these
/// allow: a probe they leave out could not have found a phrase.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct FormStarts {
    alone: [u8; 16],
    paired: [u8; 16],
    prefixed: [u8; 16],
    /// Bit `min(length, 63)` for each length at which a prefix was found.
    prefix_lengths: u64,
}

impl FormStarts {
    #[inline(always)]
    fn has(bits: &[u8; 16], slot: StartSlot) -> bool {
        bits[usize::from(slot.byte & 15)] & slot.mask != 0
    }

    /// The lexicon of `slot` may have a phrase keyed by this form alone.
    #[inline(always)]
    pub(super) fn alone(&self, slot: StartSlot) -> bool {
        Self::has(&self.alone, slot)
    }

    /// ... keyed by this form and a form of the next token.
    #[inline(always)]
    pub(super) fn paired(&self, slot: StartSlot) -> bool {
        Self::has(&self.paired, slot)
    }

    /// ... keyed by a prefix of this form.
    #[inline(always)]
    pub(super) fn prefixed(&self, slot: StartSlot) -> bool {
        Self::has(&self.prefixed, slot)
    }

    /// Any of the three.
    #[inline(always)]
    pub(super) fn starts(&self, slot: StartSlot) -> bool {
        let (byte, mask) = (usize::from(slot.byte & 15), slot.mask);
        (self.alone[byte] | self.paired[byte] | self.prefixed[byte]) & mask != 0
    }

    /// Every lexicon of the three sets.
    #[cfg(test)]
    fn all(&self) -> StartBits {
        StartBits::from_le_bytes(self.alone)
            | StartBits::from_le_bytes(self.paired)
            | StartBits::from_le_bytes(self.prefixed)
    }

    /// False when no lexicon has a prefix of `length` bytes that this form
    /// starts with (lengths of 63 bytes and more share one bit).
    #[inline(always)]
    pub(super) fn may_be_prefix(&self, length: usize) -> bool {
        self.prefix_lengths & (1 << length.min(63)) != 0
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

    /// The word table finds what a map of the same entries finds, for
    /// hashes that share their low bits (long runs of probes), hash 0, and
    /// hashes never put in.
    #[test]
    fn the_word_table_finds_what_a_map_finds() {
        let mut random = TestRandom(16);
        for round in 0..40 {
            let mut table = WordTable::default();
            let mut model: std::collections::HashMap<u64, u16> = Default::default();
            let spread = 1 + random.below(1 << (round % 12));
            let key = |random: &mut TestRandom| match random.below(3) {
                0 => random.below(spread),
                1 => random.below(spread) << 20,
                _ => random.step(),
            };
            for _ in 0..random.below(500) {
                let hash = key(&mut random);
                let bit = 1 << random.below(16);
                table.entry(hash).seconds |= bit;
                *model.entry(hash).or_default() |= bit;
            }
            assert_eq!(table.len(), model.len());
            for &hash in model.keys() {
                let entry = table.get(&hash).expect("an entry");
                assert_eq!((entry.hash, entry.seconds), (hash, model[&hash]));
            }
            for _ in 0..500 {
                let hash = key(&mut random);
                assert_eq!(
                    table.get(&hash).map(|entry| entry.seconds),
                    model.get(&hash).copied()
                );
            }
        }
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
                let (bits, lengths) = index.prefix_bits(text.as_bytes());
                for &length in index.prefix_lengths.iter().filter(|&&l| l <= text.len()) {
                    let hash = word_hash(&text.as_bytes()[..length]);
                    assert!(
                        !index.by_prefix.contains_key(&hash)
                            || lengths & (1 << length.min(63)) != 0
                    );
                }
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

    /// Random lexicons (phrases of one to three words, prefixes, acronyms,
    /// names joined by a mark) registered in an index, and the same
    /// lexicons alone: on random texts, every look-up finds the same at
    /// every token, though the indexed one probes only what each form's
    /// `FormStarts` allows; and a token where a phrase matches always has
    /// its lexicon's bit.
    #[test]
    fn look_ups_with_the_form_starts_find_what_look_ups_without_find() {
        let words = [
            "el",
            "-",
            "fasher",
            "kill",
            "killed",
            "in",
            "according",
            "to",
            "who",
            "said",
            "قتل",
            "القتلى",
            "والقتلى",
            "للجيش",
            "الجيش",
            "x",
            "xy",
            "'",
            "l'",
            "ab",
        ];
        let mut random = TestRandom(41);
        let mut matched = 0;
        for round in 0..60 {
            let phrase_list: Vec<Vec<(String, i32)>> = (0..1 + random.below(6))
                .map(|_| {
                    (0..random.below(14))
                        .map(|value| {
                            let count = 1 + random.below(3);
                            let phrase: Vec<String> = (0..count)
                                .map(|_| {
                                    let word = random.pick(&words).to_string();
                                    match random.below(8) {
                                        0 => format!("{word}*"),
                                        1 if word.is_ascii() => word.to_ascii_uppercase(),
                                        _ => word,
                                    }
                                })
                                .collect();
                            (phrase.join(" "), value as i32)
                        })
                        .collect()
                })
                .collect();
            let build = || -> Vec<Lexicon<i32>> {
                (phrase_list.iter())
                    .map(|phrases| {
                        let mut lexicon = Lexicon::new();
                        for (phrase, value) in phrases {
                            lexicon.insert(phrase, *value);
                        }
                        lexicon
                    })
                    .collect()
            };
            let (mut indexed, alone) = (build(), build());
            let mut index = StartIndex::new();
            for lexicon in &mut indexed {
                index.register(lexicon);
            }
            let proclitics: Vec<String> = ["و", "ال", "وال"].map(String::from).to_vec();
            let contractions = vec![("لل".to_string(), "ال".to_string())];
            for _ in 0..20 {
                let count = random.below(12);
                let text: Vec<&str> = (0..count).map(|_| random.pick(&words)).collect();
                let glue = if random.below(3) == 0 { "" } else { " " };
                let text = NormalizedText::new(&text.join(glue), 0).text;
                let tokens = tokenize(&text);
                let upper: Vec<bool> = (0..tokens.len()).map(|_| random.below(2) == 0).collect();
                let plain =
                    TokenView::new(&text, &tokens, &proclitics, &contractions).with_upper(upper);
                let view = plain.clone().with_start_index(&index);
                for (lexicon, unregistered) in indexed.iter().zip(&alone) {
                    let slot = lexicon.start_slot.unwrap();
                    for at in 0..tokens.len() {
                        let found = unregistered.matches_at(&plain, at);
                        assert_eq!(lexicon.matches_at(&view, at), found, "{round} {text} {at}");
                        assert!(found.is_empty() || view.may_start(slot, at));
                        matched += found.len();
                        assert_eq!(
                            lexicon.longest_at(&view, at),
                            unregistered.longest_at(&plain, at)
                        );
                    }
                    for end in 0..=tokens.len() {
                        assert_eq!(
                            lexicon.ending_at(&view, end),
                            unregistered.ending_at(&plain, end)
                        );
                    }
                    assert_eq!(
                        lexicon.find_all(&view, 0, tokens.len()),
                        unregistered.find_all(&plain, 0, tokens.len())
                    );
                }
            }
        }
        assert!(matched > 1000, "{matched}");
    }

    /// What a form starts, from the index's maps alone: no Bloom filter,
    /// no filter of first bytes, the prefix map at every length.
    fn form_starts_from_the_maps(
        index: &StartIndex,
        view: &TokenView,
        form: &Form,
        next: &[Form],
    ) -> FormStarts {
        let mut starts = FormStarts::default();
        if let Some(word) = index.by_word.get(&form.hash) {
            starts.alone = word.alone;
            if word.seconds != 0 {
                let paired = (next.iter())
                    .filter_map(|second| index.by_pair.get(&pair_hash(form.hash, second.hash)))
                    .fold(0, |bits, found| bits | found);
                starts.paired = paired.to_le_bytes();
            }
        }
        let bytes = view.form_bytes(form);
        starts.prefixed = prefix_bits_of_every_length(index, bytes).to_le_bytes();
        for &length in index.prefix_lengths.iter().filter(|&&l| l <= bytes.len()) {
            if index.by_prefix.contains_key(&word_hash(&bytes[..length])) {
                starts.prefix_lengths |= 1 << length.min(63);
            }
        }
        starts
    }

    /// Every form of a view with the index refers to what the maps give
    /// for it, whether the view keeps it or the index shares it (a form
    /// that starts phrases only alone), and the forms that start nothing
    /// have no entry; a token's bits are the union of its forms'.
    #[test]
    fn every_form_refers_to_what_the_maps_give_for_it() {
        let words = [
            "el",
            "fasher",
            "kill",
            "killed",
            "in",
            "according",
            "to",
            "who",
            "said",
            "قتل",
            "القتلى",
            "والقتلى",
            "للجيش",
            "الجيش",
            "x",
            "xy",
            "ab",
            "the",
            "of",
        ];
        let mut random = TestRandom(77);
        let (mut shared, mut kept) = (0, 0);
        for _ in 0..40 {
            let mut lexicons: Vec<Lexicon<i32>> = (0..1 + random.below(6))
                .map(|_| {
                    let mut lexicon = Lexicon::new();
                    for value in 0..random.below(12) {
                        let mut phrase = random.words(&words, 3);
                        if random.below(5) == 0 {
                            phrase.insert(phrase.find(' ').unwrap_or(phrase.len()), '*');
                        }
                        lexicon.insert(&phrase, value as i32);
                    }
                    lexicon
                })
                .collect();
            let mut index = StartIndex::new();
            for lexicon in &mut lexicons {
                index.register(lexicon);
            }
            let proclitics: Vec<String> = ["و", "ال", "وال"].map(String::from).to_vec();
            let contractions = vec![("لل".to_string(), "ال".to_string())];
            for _ in 0..20 {
                let text = NormalizedText::new(&random.words(&words, 14), 0).text;
                let tokens = tokenize(&text);
                let view = TokenView::new(&text, &tokens, &proclitics, &contractions)
                    .with_start_index(&index);
                for at in 0..tokens.len() {
                    let next = if at + 1 < tokens.len() {
                        view.forms_of(at + 1)
                    } else {
                        &[]
                    };
                    let mut found = view.found_forms(at);
                    let mut token: StartBits = 0;
                    for form in view.forms_of(at) {
                        let expected = form_starts_from_the_maps(&index, &view, form, next);
                        token |= expected.all();
                        if expected.all() == 0 {
                            continue;
                        }
                        let (found_form, entry) = found.next().expect("an entry");
                        assert!(std::ptr::eq(found_form, form), "{text} {at}");
                        assert_eq!(format!("{entry:?}"), format!("{expected:?}"), "{text} {at}");
                        if entry.paired == [0; 16] && entry.prefixed == [0; 16] {
                            shared += 1;
                        } else {
                            kept += 1;
                        }
                    }
                    assert!(found.next().is_none(), "{text} {at}");
                    let slots = (0..index.slots).map(|bit| StartSlot::new(index.id, bit));
                    for slot in slots {
                        assert_eq!(view.may_start(slot, at), token & (1 << slot.bit) != 0);
                    }
                }
            }
        }
        assert!(shared > 500 && kept > 100, "{shared} {kept}");
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
