//! The hashes a lexicon indexes words by, and the filters in front of its
//! maps: a token's form and a phrase's word with the same bytes hash alike,
//! and so do a word's prefix and a `*` word with its bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::store::{Column, Fixed};

/// The hash of a word as the lexicon indexes it: the same for a form of a
/// token and for a phrase's word with the same bytes. It reads the bytes
/// eight at a time (two overlapping reads for a short word), not one: every
/// token of every text is hashed, most of them in one or two steps. A
/// folded multiply mixes every input bit into every output bit, so the
/// low bits (a map's bucket, a filter's word) and the high ones (its tag)
/// tell words apart by all their bytes. Collisions only add candidates.
pub(super) fn word_hash(bytes: &[u8]) -> u64 {
    let length = bytes.len();
    let seed = HashState::SEED ^ (length as u64).wrapping_mul(HashState::K);
    let (low, high) = if length <= 16 {
        short_parts(bytes)
    } else {
        let mut state = seed;
        let mut rest = bytes;
        while rest.len() > 16 {
            state = fold_mul(read_u64(rest, 0) ^ state, read_u64(rest, 8) ^ SECOND);
            rest = &rest[16..];
        }
        // The last sixteen bytes, overlapping what was read before.
        let tail = &bytes[length - 16..];
        (read_u64(tail, 0) ^ state, read_u64(tail, 8))
    };
    fold_mul(fold_mul(low ^ seed, high ^ SECOND), HashState::K)
}

/// True when two words have the same bytes. Words are short, and most
/// comparisons are of a form and a phrase's word whose hashes agree: two
/// reads of each, not a call to `memcmp`.
#[inline(always)]
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && if a.len() <= 16 {
            short_parts(a) == short_parts(b)
        } else {
            a == b
        }
}

/// Another odd constant, for the second half of a step.
const SECOND: u64 = 0x9e37_79b9_7f4a_7c15;

/// Up to sixteen bytes as two numbers: together with the length, they tell
/// any two such words apart.
#[inline(always)]
fn short_parts(bytes: &[u8]) -> (u64, u64) {
    let length = bytes.len();
    if length >= 8 {
        (read_u64(bytes, 0), read_u64(bytes, length - 8))
    } else if length >= 4 {
        (read_u32(bytes, 0), read_u32(bytes, length - 4))
    } else if length > 0 {
        let (first, middle, last) = (bytes[0], bytes[length / 2], bytes[length - 1]);
        (
            u64::from(first) << 16 | u64::from(middle) << 8 | u64::from(last),
            0,
        )
    } else {
        (0, 0)
    }
}

#[inline(always)]
fn read_u64(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

#[inline(always)]
fn read_u32(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u64::from(u32::from_le_bytes(word))
}

/// The product's two halves folded together.
#[inline(always)]
fn fold_mul(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
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

/// The hashes of a word's prefixes of the given lengths (rising), each
/// [`word_hash`] of the prefix; lengths past the word's end are skipped.
pub(super) fn prefix_hashes<'a>(
    bytes: &'a [u8],
    lengths: &'a [usize],
) -> impl Iterator<Item = u64> + 'a {
    lengths
        .iter()
        .take_while(move |&&length| length <= bytes.len())
        .map(move |&length| word_hash(&bytes[..length]))
}

/// The constants and the last mixing step of the hashes above.
#[derive(Clone, Copy)]
pub(super) struct HashState(pub(super) u64);

impl HashState {
    pub(super) const SEED: u64 = 0x243f_6a88_85a3_08d3;
    pub(super) const K: u64 = 0x517c_c1b7_2722_0a95;

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

/// A filter of the hashes of a lexicon's first words written out (one-word
/// phrases and those keyed by their first two or three words): a form that
/// is none of them starts no such phrase, and its look-ups in the maps of
/// words and of pairs are not made (the gazetteer, not in any start index,
/// is asked at every capitalised word, and at every Arabic word with each
/// form of the next). It is rebuilt from the phrases as they double, so it
/// needs no list of its keys; two bits a key in one 64-bit word, about 8
/// bits a phrase. May be read in place (see `bytes.rs`).
#[derive(Debug, Clone, Default)]
pub(super) struct WordFilter {
    bits: Column<u64>,
}

impl WordFilter {
    const BITS_PER_PHRASE: usize = 8;

    /// False when a lexicon of `phrases` phrases needs a larger filter.
    pub(super) fn fits(&self, phrases: usize) -> bool {
        self.bits.len() * 64 >= phrases * Self::BITS_PER_PHRASE
    }

    /// A filter sized for `phrases`, of `hashes`.
    pub(super) fn rebuild(&mut self, phrases: usize, hashes: impl Iterator<Item = u64>) {
        let wanted = (phrases * Self::BITS_PER_PHRASE)
            .next_power_of_two()
            .max(512);
        self.bits = Column::owned(vec![0; wanted / 64]);
        for hash in hashes {
            self.set(hash);
        }
    }

    #[inline(always)]
    fn positions(&self, hash: u64) -> (usize, u64) {
        // Other bits of the hash than the Bloom filters take.
        let hash = hash.rotate_left(26);
        let word = (hash as usize) & (self.bits.len() - 1);
        let bits = (1 << (hash >> 58)) | (1 << ((hash >> 52) & 63));
        (word, bits)
    }

    pub(super) fn set(&mut self, hash: u64) {
        let (word, bits) = self.positions(hash);
        self.bits.to_mut()[word] |= bits;
    }

    /// False only when `hash` was never set.
    #[inline(always)]
    pub(super) fn may_hold(&self, hash: u64) -> bool {
        if self.bits.is_empty() {
            return false;
        }
        let (word, bits) = self.positions(hash);
        self.bits.get(word) & bits == bits
    }

    /// Appends its bits, a count and the values.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        (self.bits.len() as u32).write(out);
        self.bits.write(out);
    }

    /// The filter of these bits, in place; `None` when they are not a
    /// power of two of words.
    pub(super) fn in_place(bits: &'static [u8]) -> Option<WordFilter> {
        let words = bits.len() / 8;
        (bits.len().is_multiple_of(8) && (words == 0 || words.is_power_of_two())).then(|| {
            WordFilter {
                bits: Column::in_place(bits),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_every_length_hash_apart_and_prefixes_hash_as_words() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789الفاشرمنطقة";
        let mut seen = std::collections::HashSet::new();
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text.as_bytes()[start..end];
                seen.insert((word_hash(bytes), bytes));
            }
        }
        let hashes: std::collections::HashSet<u64> = seen.iter().map(|(h, _)| *h).collect();
        let texts: std::collections::HashSet<&[u8]> = seen.iter().map(|(_, t)| *t).collect();
        assert_eq!(hashes.len(), texts.len());
        // A byte more or less, or one byte changed anywhere, changes the
        // low bits a map and a filter index by.
        let word = b"governorates of the north";
        for length in 1..word.len() {
            assert_ne!(
                word_hash(&word[..length]) & 0xffff,
                word_hash(&word[..length + 1]) & 0xffff
            );
        }
        let lengths = [1, 3, 8, 9, 17, 40];
        let prefixes: Vec<u64> = prefix_hashes(text.as_bytes(), &lengths).collect();
        let expected: Vec<u64> = lengths
            .iter()
            .map(|&length| word_hash(&text.as_bytes()[..length]))
            .collect();
        assert_eq!(prefixes, expected);
    }

    #[test]
    fn same_bytes_is_equality() {
        let words: Vec<&[u8]> = vec![
            b"",
            b"a",
            b"b",
            b"ab",
            b"ba",
            b"abc",
            b"acc",
            b"abcd",
            b"abce",
            b"abcdefg",
            b"abcdefh",
            b"abcdefgh",
            b"bbcdefgh",
            b"abcdefghijklmnop",
            b"abcdefghijklmnoq",
            b"abcdefghijklmnopq",
            b"abcdefghijklmnopr",
            "الفاشر".as_bytes(),
        ];
        for a in &words {
            for b in &words {
                assert_eq!(same_bytes(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
