//! A lexicon written out as bytes and read back as it was.
//!
//! The build script builds the gazetteer's lexicons (tens of thousands of
//! place names per language) and writes them with [`Lexicon::write_bytes`];
//! a run reads one with [`Lexicon::read_bytes`] the first time a document of
//! that language asks for a place, instead of inserting every name again.
//! Invariant: what is read back is the lexicon written (its phrases, maps,
//! filters), so it matches what the lexicon built at run time would. Map
//! entries are written sorted, so the bytes do not depend on a map's order.

use super::hash::{Bloom, ByHash};
use super::{Lexicon, PatternWord, Phrase, WordKind};

/// Little-endian bytes, read from the front; `None` past the end.
pub(crate) struct ByteReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> ByteReader<'a> {
    pub(crate) fn new(bytes: &'a [u8], at: usize) -> ByteReader<'a> {
        ByteReader { bytes, at }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn u64s(&mut self) -> Option<Vec<u64>> {
        let count = self.u32()? as usize;
        let bytes = self.take(count.checked_mul(8)?)?;
        Some(
            bytes
                .chunks_exact(8)
                .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
                .collect(),
        )
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let count = self.u32()? as usize;
        let bytes = self.take(count.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes(b.try_into().unwrap_or_default()))
                .collect(),
        )
    }

    fn map(&mut self) -> Option<ByHash<u32>> {
        let count = self.u32()? as usize;
        let mut map = ByHash::default();
        map.reserve(count);
        for _ in 0..count {
            let key = self.u64()?;
            map.insert(key, self.u32()?);
        }
        Some(map)
    }

    fn bloom(&mut self) -> Option<Bloom> {
        let bits = self.u64s()?;
        let keys = self.u64s()?;
        Some(Bloom::from_parts(bits, keys))
    }
}

// Writing is the build script's (and the tests').
#[cfg_attr(not(test), allow(dead_code))]
fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

// Writing is the build script's (and the tests').
#[cfg_attr(not(test), allow(dead_code))]
fn put_u64s(out: &mut Vec<u8>, values: &[u64]) {
    put_u32(out, values.len() as u32);
    for value in values {
        out.extend_from_slice(&value.to_le_bytes());
    }
}

// Writing is the build script's (and the tests').
#[cfg_attr(not(test), allow(dead_code))]
fn put_map(out: &mut Vec<u8>, map: &ByHash<u32>) {
    let mut entries: Vec<(u64, u32)> = map.iter().map(|(k, v)| (*k, *v)).collect();
    entries.sort_unstable();
    put_u32(out, entries.len() as u32);
    for (key, value) in entries {
        out.extend_from_slice(&key.to_le_bytes());
        put_u32(out, value);
    }
}

// Writing is the build script's (and the tests').
#[cfg_attr(not(test), allow(dead_code))]
fn put_bloom(out: &mut Vec<u8>, bloom: &Bloom) {
    let (bits, keys) = bloom.parts();
    put_u64s(out, bits);
    put_u64s(out, keys);
}

impl<T> Lexicon<T> {
    /// Appends the lexicon to `out`, each payload as the number `value` gives.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn write_bytes(&self, out: &mut Vec<u8>, value: impl Fn(&T) -> u32) {
        put_u32(out, self.phrases.len() as u32);
        for phrase in &self.phrases {
            put_u32(out, phrase.first_word);
            put_u32(out, phrase.word_count);
            put_u32(out, value(&phrase.value));
        }
        put_u32(out, self.words.len() as u32);
        for word in &self.words {
            out.push(match word.kind {
                WordKind::Exact => 0,
                WordKind::Prefix => 1,
                WordKind::Acronym => 2,
            });
            put_u32(out, word.start);
            put_u32(out, word.end);
            out.extend_from_slice(&word.hash.to_le_bytes());
        }
        put_u32(out, self.text.len() as u32);
        out.extend_from_slice(self.text.as_bytes());
        put_map(out, &self.by_first_exact);
        put_map(out, &self.by_first_prefix);
        put_map(out, &self.by_first_two);
        put_u32(out, self.chain.len() as u32);
        for link in &self.chain {
            put_u32(out, *link);
        }
        put_bloom(out, &self.pair_bloom);
        put_bloom(out, &self.exact_bloom);
        put_bloom(out, &self.prefix_bloom);
        put_u32(out, self.prefix_lengths.len() as u32);
        for length in &self.prefix_lengths {
            put_u32(out, *length as u32);
        }
        for bits in self.filter.iter() {
            out.extend_from_slice(&bits.to_le_bytes());
        }
        out.push(u8::from(self.unfiltered));
        put_u32(out, self.longest_phrase as u32);
    }

    /// Reads a lexicon [`Lexicon::write_bytes`] wrote, each payload made
    /// from its number by `value`; `None` when the bytes are not one.
    pub(crate) fn read_bytes(reader: &mut ByteReader, value: impl Fn(u32) -> T) -> Option<Self> {
        let count = reader.u32()? as usize;
        let mut phrases = Vec::with_capacity(count);
        for _ in 0..count {
            phrases.push(Phrase {
                first_word: reader.u32()?,
                word_count: reader.u32()?,
                value: value(reader.u32()?),
            });
        }
        let count = reader.u32()? as usize;
        let mut words = Vec::with_capacity(count);
        for _ in 0..count {
            let kind = match reader.u8()? {
                0 => WordKind::Exact,
                1 => WordKind::Prefix,
                _ => WordKind::Acronym,
            };
            words.push(PatternWord {
                kind,
                start: reader.u32()?,
                end: reader.u32()?,
                hash: reader.u64()?,
            });
        }
        let length = reader.u32()? as usize;
        let text = std::str::from_utf8(reader.take(length)?).ok()?.to_string();
        let by_first_exact = reader.map()?;
        let by_first_prefix = reader.map()?;
        let by_first_two = reader.map()?;
        let chain = reader.u32s()?;
        let pair_bloom = reader.bloom()?;
        let exact_bloom = reader.bloom()?;
        let prefix_bloom = reader.bloom()?;
        let prefix_lengths = reader.u32s()?.into_iter().map(|l| l as usize).collect();
        let mut filter = Box::new([0u64; super::FILTER_BITS / 64]);
        for bits in filter.iter_mut() {
            *bits = reader.u64()?;
        }
        let unfiltered = reader.u8()? != 0;
        let longest_phrase = reader.u32()? as usize;
        Some(Lexicon {
            phrases,
            words,
            text,
            by_first_exact,
            by_first_prefix,
            by_first_two,
            chain,
            pair_bloom,
            prefix_lengths,
            filter,
            exact_bloom,
            prefix_bloom,
            unfiltered,
            longest_phrase,
            start_slot: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lexicon_reads_back_as_written() {
        let mut lexicon: Lexicon<u32> = Lexicon::new();
        for (at, phrase) in ["El Fasher", "kill*", "WHO", "a*", "North Darfur", "Tawila"]
            .iter()
            .enumerate()
        {
            lexicon.insert(phrase, at as u32);
        }
        let mut bytes = Vec::new();
        lexicon.write_bytes(&mut bytes, |v| *v);
        let read = Lexicon::read_bytes(&mut ByteReader::new(&bytes, 0), |v| v).unwrap();
        assert!(read.same_phrases(&lexicon));
        let mut again = Vec::new();
        read.write_bytes(&mut again, |v| *v);
        assert_eq!(again, bytes);
        let (text, tokens) = super::super::tests::view_of("troops killed in El Fasher, said WHO");
        let view = crate::lexicon::TokenView::new(&text, &tokens, &[], &[]);
        let found = |l: &Lexicon<u32>| {
            l.find_all(&view, 0, view.len())
                .iter()
                .map(|m| (m.start, m.end, *m.value))
                .collect::<Vec<_>>()
        };
        assert_eq!(found(&read), found(&lexicon));
        assert!(!found(&read).is_empty());
        assert!(
            Lexicon::read_bytes(&mut ByteReader::new(&bytes[..bytes.len() - 1], 0), |v| v)
                .is_none()
        );
    }
}
