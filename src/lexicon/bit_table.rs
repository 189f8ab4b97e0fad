//! A map from a word's hash to a set of lexicons' bits, for the start
//! index: one array of 64-bit slots, each a tag of the hash and the number
//! of a bit set, probed in place. A look-up reads one slot (one cache line,
//! mostly), where a hash map reads its control bytes and then its bucket of
//! 32 bytes; the table of a language pack (about 2,000 first words) is 32 KB.
//!
//! Invariant: [`BitTable::get`] returns every bit inserted under the hash,
//! and maybe more: two hashes with the same tag and slot share their bits.
//! The start index only needs a superset (more bits only let a lexicon look).

use std::collections::HashMap;

use super::starts::StartBits;

/// The bits of a slot that name its set; the others are the hash's tag.
const SET_BITS: u32 = 24;
const SET_MASK: u64 = (1 << SET_BITS) - 1;
/// The set of every bit: where a slot points once the sets run out of numbers.
const ALL: u64 = 1;

#[derive(Debug, Clone)]
pub(super) struct BitTable {
    /// 0 when empty; else the hash's top bits, then the set's number (never 0).
    slots: Vec<u64>,
    /// The bit sets by number; 0 is unused, 1 is every bit.
    sets: Vec<StartBits>,
    /// The number of each set, to share them.
    numbers: HashMap<StartBits, u64>,
    len: usize,
}

impl Default for BitTable {
    fn default() -> Self {
        BitTable {
            slots: Vec::new(),
            sets: vec![0, StartBits::MAX],
            numbers: HashMap::new(),
            len: 0,
        }
    }
}

impl BitTable {
    /// The number of hashes held.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    fn tag(hash: u64) -> u64 {
        hash >> SET_BITS << SET_BITS
    }

    /// Adds `bits` to the set of `hash`.
    pub(super) fn insert(&mut self, hash: u64, bits: StartBits) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.find(hash);
        let slot = self.slots[at];
        let old = if slot == 0 {
            self.len += 1;
            0
        } else {
            self.sets[(slot & SET_MASK) as usize]
        };
        let number = self.number_of(old | bits);
        self.slots[at] = Self::tag(hash) | number;
    }

    /// Every bit inserted under `hash` (and maybe more); 0 for none.
    #[inline]
    pub(super) fn get(&self, hash: u64) -> StartBits {
        if self.slots.is_empty() {
            return 0;
        }
        let slot = self.slots[self.find(hash)];
        self.sets[(slot & SET_MASK) as usize]
    }

    /// The slot of `hash`: the one whose tag it has, or the empty one where
    /// the probe from its place stops.
    #[inline]
    fn find(&self, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let tag = Self::tag(hash);
        // The place comes from the tag's bits, so that a slot is placed
        // again from itself when the table grows.
        let mut at = ((hash >> SET_BITS) as usize) & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 || slot & !SET_MASK == tag {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The number of a set, a new one for a set not seen; the set of
    /// every bit once the numbers run out.
    fn number_of(&mut self, bits: StartBits) -> u64 {
        if let Some(&number) = self.numbers.get(&bits) {
            return number;
        }
        let number = self.sets.len() as u64;
        if number > SET_MASK {
            return ALL;
        }
        self.sets.push(bits);
        self.numbers.insert(bits, number);
        number
    }

    /// Doubles the slots (16 at first) and places every slot held again.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for slot in old.into_iter().filter(|&slot| slot != 0) {
            let at = self.find(slot);
            self.slots[at] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bit_inserted_is_found_after_growing() {
        let mut table = BitTable::default();
        assert_eq!(table.get(42), 0);
        let hash = |i: u64| super::super::hash::word_hash(&i.to_le_bytes());
        for i in 0..5000u64 {
            table.insert(hash(i), 1 << (i % 128));
            table.insert(hash(i), 1 << ((i * 7) % 128));
        }
        assert_eq!(table.len(), 5000);
        for i in 0..5000u64 {
            let want: StartBits = (1 << (i % 128)) | (1 << ((i * 7) % 128));
            assert_eq!(table.get(hash(i)) & want, want);
        }
        let strays = (5000..15000u64).filter(|&i| table.get(hash(i)) != 0).count();
        assert_eq!(strays, 0);
    }

    #[test]
    fn sets_past_the_numbers_read_as_every_bit() {
        let mut table = BitTable::default();
        table.sets.resize(SET_MASK as usize + 1, 0);
        table.insert(7 << 40, 1);
        assert_eq!(table.get(7 << 40), StartBits::MAX);
    }
}
