//! Where a lexicon keeps its tables: in memory it owns, as a lexicon built
//! at run time does, or in place, in bytes the build script prepared and
//! the binary embeds (the gazetteer's names, see `bytes.rs`).
//!
//! Read in place, a table costs nothing until a look-up reads it: a
//! one-line document touches a few of the pages of a lexicon of 70,000
//! place names instead of copying all of them into fresh memory. Every
//! table answers the same read either way; a table read in place that is
//! then changed (a phrase added) is copied into memory first.
//! Invariant: the bytes are little-endian, of fixed size per entry, as
//! `write` gives them.

use super::hash::ByHash;
use super::{PatternWord, Phrase, WordKind};

/// A value of fixed size, read from and written as little-endian bytes.
pub(super) trait Fixed: Copy {
    const SIZE: usize;
    /// The value of `bytes`, which are `SIZE` long.
    fn read(bytes: &[u8]) -> Self;
    fn write(&self, out: &mut Vec<u8>);
}

impl Fixed for u32 {
    const SIZE: usize = 4;
    #[inline(always)]
    fn read(bytes: &[u8]) -> u32 {
        u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Fixed for u64 {
    const SIZE: usize = 8;
    #[inline(always)]
    fn read(bytes: &[u8]) -> u64 {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[..8]);
        u64::from_le_bytes(word)
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Fixed for PatternWord {
    const SIZE: usize = 1 + 4 + 4 + 8;
    #[inline(always)]
    fn read(bytes: &[u8]) -> PatternWord {
        PatternWord {
            kind: match bytes[0] {
                0 => WordKind::Exact,
                1 => WordKind::Prefix,
                _ => WordKind::Acronym,
            },
            start: u32::read(&bytes[1..5]),
            end: u32::read(&bytes[5..9]),
            hash: u64::read(&bytes[9..17]),
        }
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.push(match self.kind {
            WordKind::Exact => 0,
            WordKind::Prefix => 1,
            WordKind::Acronym => 2,
        });
        self.start.write(out);
        self.end.write(out);
        self.hash.write(out);
    }
}

/// A list of fixed-size values, owned or read in place.
#[derive(Debug, Clone)]
pub(super) struct Column<T> {
    owned: Vec<T>,
    /// The values in place, when not empty: `owned` is empty then.
    in_place: &'static [u8],
}

impl<T> Default for Column<T> {
    fn default() -> Self {
        Column {
            owned: Vec::new(),
            in_place: &[],
        }
    }
}

impl<T: Fixed> Column<T> {
    /// The column of `bytes`, `SIZE` each (a partial last one is left out).
    pub(super) fn in_place(bytes: &'static [u8]) -> Column<T> {
        Column {
            owned: Vec::new(),
            in_place: bytes,
        }
    }

    pub(super) fn owned(values: Vec<T>) -> Column<T> {
        Column {
            owned: values,
            in_place: &[],
        }
    }

    #[inline(always)]
    pub(super) fn len(&self) -> usize {
        if self.in_place.is_empty() {
            self.owned.len()
        } else {
            self.in_place.len() / T::SIZE
        }
    }

    #[inline(always)]
    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value at `at`; past the end it panics, as a `Vec` would.
    #[inline(always)]
    pub(super) fn get(&self, at: usize) -> T {
        if self.in_place.is_empty() {
            self.owned[at]
        } else {
            T::read(&self.in_place[at * T::SIZE..(at + 1) * T::SIZE])
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = T> + '_ {
        (0..self.len()).map(|at| self.get(at))
    }

    /// The values, to change: copied into memory first when in place.
    pub(super) fn to_mut(&mut self) -> &mut Vec<T> {
        if !self.in_place.is_empty() {
            self.owned = self.iter().collect();
            self.in_place = &[];
        }
        &mut self.owned
    }

    pub(super) fn push(&mut self, value: T) {
        self.to_mut().push(value);
    }

    /// Appends the values, `SIZE` bytes each.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        for value in self.iter() {
            value.write(out);
        }
    }
}

/// Text, owned or read in place.
#[derive(Debug, Clone, Default)]
pub(super) struct Text {
    owned: String,
    in_place: &'static [u8],
}

impl Text {
    pub(super) fn in_place(bytes: &'static [u8]) -> Text {
        Text {
            owned: String::new(),
            in_place: bytes,
        }
    }

    #[inline(always)]
    pub(super) fn as_bytes(&self) -> &[u8] {
        if self.in_place.is_empty() {
            self.owned.as_bytes()
        } else {
            self.in_place
        }
    }

    pub(super) fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Appends `text`: copied into memory first when in place. The bytes
    /// in place were written from text, whole words at a time.
    pub(super) fn push_str(&mut self, text: &str) {
        if !self.in_place.is_empty() {
            self.owned = String::from_utf8_lossy(self.in_place).into_owned();
            self.in_place = &[];
        }
        self.owned.push_str(text);
    }
}

/// The phrases of a lexicon: those in place (first word, word count and
/// payload number, 4 bytes each), their payloads in a table the caller
/// keeps, and those added in memory after them.
#[derive(Debug, Clone)]
pub(super) struct Phrases<T: 'static> {
    in_place: &'static [u8],
    values: &'static [T],
    added: Vec<Phrase<T>>,
}

const PHRASE: usize = 12;

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            in_place: &[],
            values: &[],
            added: Vec::new(),
        }
    }
}

impl<T> Phrases<T> {
    /// The phrases of `bytes`, each payload number an index into `values`:
    /// `None` when one is not.
    pub(super) fn in_place(
        bytes: &'static [u8],
        values: &'static [T],
        bound: usize,
    ) -> Option<Phrases<T>> {
        (bytes.len().is_multiple_of(PHRASE) && bound <= values.len()).then_some(Phrases {
            in_place: bytes,
            values,
            added: Vec::new(),
        })
    }

    #[inline(always)]
    pub(super) fn len(&self) -> usize {
        self.in_place.len() / PHRASE + self.added.len()
    }

    #[inline(always)]
    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The phrase at `at`, its payload borrowed.
    #[inline(always)]
    pub(super) fn get(&self, at: usize) -> Phrase<&T> {
        let count = self.in_place.len() / PHRASE;
        if at < count {
            let bytes = &self.in_place[at * PHRASE..at * PHRASE + PHRASE];
            Phrase {
                first_word: u32::read(bytes),
                word_count: u32::read(&bytes[4..]),
                value: &self.values[u32::read(&bytes[8..]) as usize],
            }
        } else {
            let phrase = &self.added[at - count];
            Phrase {
                first_word: phrase.first_word,
                word_count: phrase.word_count,
                value: &phrase.value,
            }
        }
    }

    pub(super) fn push(&mut self, phrase: Phrase<T>) {
        self.added.push(phrase);
    }
}

/// Phrase numbers by key (a hash): a hash map as a lexicon is built, or a
/// table of open addressing in place, as `write` lays it out.
#[derive(Debug, Clone, Default)]
pub(super) struct KeyMap {
    owned: ByHash<u32>,
    /// Slots of key (8 bytes) and value (4 bytes), a power of two of them;
    /// a slot whose value is [`EMPTY`] is free. Empty when owned.
    slots: &'static [u8],
    /// The number of keys in place.
    in_place: usize,
}

/// The value of a free slot: no phrase has that number.
const EMPTY: u32 = u32::MAX;
const SLOT: usize = 12;

impl KeyMap {
    /// The map whose table `write` wrote: `None` when the bytes are not one.
    pub(super) fn in_place(keys: usize, slots: &'static [u8]) -> Option<KeyMap> {
        let count = slots.len() / SLOT;
        let sound = slots.len().is_multiple_of(SLOT)
            && (count == 0 && keys == 0 || count.is_power_of_two() && keys < count);
        sound.then_some(KeyMap {
            owned: ByHash::default(),
            slots,
            in_place: keys,
        })
    }

    #[inline(always)]
    pub(super) fn len(&self) -> usize {
        if self.slots.is_empty() {
            self.owned.len()
        } else {
            self.in_place
        }
    }

    #[inline(always)]
    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `key`.
    #[inline(always)]
    pub(super) fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return self.owned.get(&key).copied();
        }
        let mask = self.slots.len() / SLOT - 1;
        let mut at = slot_of(key, mask);
        // At least one slot is free (`in_place` checks it): the probe ends.
        loop {
            let slot = &self.slots[at * SLOT..at * SLOT + SLOT];
            let value = u32::read(&slot[8..]);
            if value == EMPTY {
                return None;
            }
            if u64::read(slot) == key {
                return Some(value);
            }
            at = (at + 1) & mask;
        }
    }

    /// Sets `key` to `value` (copied into memory first when in place);
    /// returns the value it had.
    pub(super) fn insert(&mut self, key: u64, value: u32) -> Option<u32> {
        if !self.slots.is_empty() {
            self.owned = self.entries().into_iter().collect();
            self.slots = &[];
            self.in_place = 0;
        }
        self.owned.insert(key, value)
    }

    /// Every key and value, by key.
    fn entries(&self) -> Vec<(u64, u32)> {
        let mut entries: Vec<(u64, u32)> = if self.slots.is_empty() {
            self.owned.iter().map(|(k, v)| (*k, *v)).collect()
        } else {
            self.slots
                .chunks_exact(SLOT)
                .map(|slot| (u64::read(slot), u32::read(&slot[8..])))
                .filter(|(_, value)| *value != EMPTY)
                .collect()
        };
        entries.sort_unstable();
        entries
    }

    /// Appends the number of keys, the number of slots and the slots, keys
    /// placed in key order so that the bytes do not depend on the map's.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        let entries = self.entries();
        // At most three quarters full, and one slot free at least.
        let count = if entries.is_empty() {
            0
        } else {
            (entries.len() + entries.len() / 3 + 1).next_power_of_two()
        };
        let mut slots = vec![(0u64, EMPTY); count];
        for (key, value) in entries.iter().copied() {
            let mut at = slot_of(key, count - 1);
            while slots[at].1 != EMPTY {
                at = (at + 1) & (count - 1);
            }
            slots[at] = (key, value);
        }
        (entries.len() as u32).write(out);
        (count as u32).write(out);
        for (key, value) in slots {
            key.write(out);
            value.write(out);
        }
    }
}

/// The first slot a key is looked for in. The keys are hashes already; the
/// high bits are used, as the Bloom filters in front use the low ones.
#[inline(always)]
fn slot_of(key: u64, mask: usize) -> usize {
    ((key >> 40) as usize ^ key as usize >> 7) & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaked(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    #[test]
    fn a_map_in_place_answers_as_the_map() {
        let mut map = KeyMap::default();
        for key in 0..1000u64 {
            map.insert(key.wrapping_mul(0x9e37_79b9_7f4a_7c15), key as u32);
        }
        let mut bytes = Vec::new();
        map.write(&mut bytes);
        let keys = u32::read(&bytes[..4]) as usize;
        let mut read = KeyMap::in_place(keys, leaked(bytes[8..].to_vec())).unwrap();
        assert_eq!(read.len(), 1000);
        for key in 0..2000u64 {
            let key = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert_eq!(read.get(key), map.get(key));
        }
        let mut again = Vec::new();
        read.write(&mut again);
        assert_eq!(again, bytes);
        assert_eq!(read.insert(5, 7), None);
        assert_eq!((read.get(5), read.len()), (Some(7), 1001));
        assert!(KeyMap::in_place(0, &[]).unwrap().get(3).is_none());
        assert!(KeyMap::in_place(1, leaked(vec![0; 12])).is_none());
    }

    #[test]
    fn a_column_in_place_reads_as_written_and_copies_on_change() {
        let words = vec![
            PatternWord {
                kind: WordKind::Prefix,
                start: 3,
                end: 9,
                hash: u64::MAX - 1,
            },
            PatternWord {
                kind: WordKind::Acronym,
                start: 9,
                end: 11,
                hash: 42,
            },
        ];
        let owned = Column::owned(words);
        let mut bytes = Vec::new();
        owned.write(&mut bytes);
        let mut read: Column<PatternWord> = Column::in_place(leaked(bytes));
        assert_eq!(read.len(), 2);
        for at in 0..2 {
            let (a, b) = (read.get(at), owned.get(at));
            assert_eq!(
                (a.kind, a.start, a.end, a.hash),
                (b.kind, b.start, b.end, b.hash)
            );
        }
        read.push(owned.get(0));
        assert_eq!((read.len(), read.get(2).end), (3, 9));
    }
}
