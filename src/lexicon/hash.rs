//! The hashes a lexicon indexes words by, and the filters in front of its
//! maps: a token's form and a phrase's word with the same bytes hash alike,
//! and a word's prefixes hash in one pass over it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::store::{Column, Fixed};

/// The hash of a word as the lexicon indexes it: the same for a form of a
/// token and for a phrase's word with the same bytes.
pub(super) fn word_hash(bytes: &[u8]) -> u64 {
    let mut state = HashState::new();
    for &byte in bytes {
        state.push(byte);
    }
    state.finish()
}

/// The hash of two words' hashes, one after the other. Both are mixed
/// already, so one round mixes them, not one a byte: a lexicon of names asks
/// it for every form of the token after each token it looks up.
pub(super) fn pair_hash(first: u64, second: u64) -> u64 {
    let first = (first ^ HashState::SEED)
        .rotate_left(23)
        .wrapping_mul(HashState::K);
    HashState(first ^ second).finish()
}

/// The hashes of a word's prefixes of the given lengths (rising), in one
/// pass over its bytes; lengths past the word's end are skipped.
pub(super) fn prefix_hashes<'a>(
    bytes: &'a [u8],
    lengths: &'a [usize],
) -> impl Iterator<Item = u64> + 'a {
    let mut state = HashState::new();
    let mut hashed = 0;
    lengths
        .iter()
        .take_while(move |&&length| length <= bytes.len())
        .map(move |&length| {
            while hashed < length {
                state.push(bytes[hashed]);
                hashed += 1;
            }
            state.finish()
        })
}

/// A hash built byte by byte, so that the hashes of a word's prefixes come
/// out of one pass over it.
#[derive(Clone, Copy)]
pub(super) struct HashState(pub(super) u64);

impl HashState {
    pub(super) const SEED: u64 = 0x243f_6a88_85a3_08d3;
    pub(super) const K: u64 = 0x517c_c1b7_2722_0a95;

    pub(super) fn new() -> HashState {
        HashState(Self::SEED)
    }

    pub(super) fn push(&mut self, byte: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(Self::K);
    }

    pub(super) fn finish(self) -> u64 {
        let h = self.0;
        (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }
}

/// A hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub(super) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; any other key still gets a hash.
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(HashState::K);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

pub(super) type ByHash<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// The bit of a word's first bytes in a lexicon's filter.
pub(super) fn filter_bit(bytes: &[u8]) -> usize {
    let first = bytes.first().copied().unwrap_or(0) as usize;
    let second = bytes.get(1).copied().unwrap_or(0) as usize;
    (first.wrapping_mul(31) ^ second.wrapping_mul(7) ^ (second >> 3)) & (FILTER_BITS - 1)
}

pub(super) const FILTER_BITS: usize = 1024;

/// A Bloom filter over hashes, two bits each in one 64-bit word, grown with
/// the keys it holds (rebuilt from them when it doubles, so it stays about 16
/// bits a key).
/// Its bits and keys may be read in place (see `store.rs`).
#[derive(Debug, Clone, Default)]
pub(super) struct Bloom {
    bits: Column<u64>,
    keys: Column<u64>,
}

impl Bloom {
    const BITS_PER_KEY: usize = 16;

    /// Adds `hash`; `distinct` is how many distinct keys the map beside it
    /// holds (a repeated key adds nothing).
    pub(super) fn insert(&mut self, hash: u64, distinct: usize) {
        if distinct == self.keys.len() {
            return;
        }
        self.keys.push(hash);
        let wanted = (self.keys.len() * Self::BITS_PER_KEY)
            .next_power_of_two()
            .max(512);
        if wanted > self.bits.len() * 64 {
            self.bits = Column::owned(vec![0; wanted / 64]);
            for at in 0..self.keys.len() {
                self.set(self.keys.get(at));
            }
        } else {
            self.set(hash);
        }
    }

    /// The word of `hash`'s bits and the two bits in it. Both bits are in
    /// one word, so a look-up reads one cache line, not two (the filters of
    /// the large lexicons, the gazetteer's above all, do not stay in the
    /// cache); the rate of false hits is about the same.
    #[inline(always)]
    fn positions(&self, hash: u64) -> (usize, u64) {
        let word = (hash as usize) & (self.bits.len() - 1);
        let bits = (1 << (hash >> 58)) | (1 << ((hash >> 52) & 63));
        (word, bits)
    }

    fn set(&mut self, hash: u64) {
        let (word, bits) = self.positions(hash);
        self.bits.to_mut()[word] |= bits;
    }

    /// Appends its bits and the keys they were set from, each a count and
    /// the values.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        for column in [&self.bits, &self.keys] {
            (column.len() as u32).write(out);
            column.write(out);
        }
    }

    /// The filter of these bits and keys, in place, as [`Bloom::write`]
    /// wrote them; `None` when the bits are not a power of two of words.
    pub(super) fn in_place(bits: &'static [u8], keys: &'static [u8]) -> Option<Bloom> {
        let words = bits.len() / 8;
        (bits.len().is_multiple_of(8) && (words == 0 || words.is_power_of_two())).then(|| Bloom {
            bits: Column::in_place(bits),
            keys: Column::in_place(keys),
        })
    }

    /// False only when `hash` was never inserted.
    #[inline(always)]
    pub(super) fn may_hold(&self, hash: u64) -> bool {
        if self.bits.is_empty() {
            return false;
        }
        let (word, bits) = self.positions(hash);
        self.bits.get(word) & bits == bits
    }
}
