//! A lexicon written out as bytes and read back in place.
//!
//! The build script builds the gazetteer's lexicons (tens of thousands of
//! place names per language) and writes them with [`Lexicon::write_bytes`];
//! a run reads one with [`Lexicon::read_bytes`] the first time a document of
//! that language asks for a place. Reading copies nothing: the lexicon's
//! tables are the embedded bytes (`store.rs`), so a page of them is read
//! from the binary only when a look-up needs it.
//! Invariant: what is read back is the lexicon written (its phrases, maps,
//! filters), so it matches what the lexicon built at run time would. Map
//! entries are placed in key order, so the bytes do not depend on a map's
//! order.

use super::hash::{Bloom, WordFilter};
use super::store::{Column, Fixed, KeyMap, Phrases, Text};
use super::{FILTER_BITS, Lexicon, PatternWord};

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

    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::read(self.take(4)?))
    }

    /// A length, then that many bytes of UTF-8.
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let length = self.u32()? as usize;
        std::str::from_utf8(self.take(length)?).ok()
    }

    /// A count, then that many values of `size` bytes.
    fn counted(&mut self, size: usize) -> Option<&'a [u8]> {
        let count = self.u32()? as usize;
        self.take(count.checked_mul(size)?)
    }
}

impl ByteReader<'static> {
    fn map(&mut self) -> Option<KeyMap> {
        let keys = self.u32()? as usize;
        KeyMap::in_place(keys, self.counted(12)?)
    }

    fn bloom(&mut self) -> Option<Bloom> {
        let bits = self.counted(8)?;
        Bloom::in_place(bits, self.counted(8)?)
    }

    fn word_filter(&mut self) -> Option<WordFilter> {
        WordFilter::in_place(self.counted(8)?)
    }
}

impl<T> Lexicon<T> {
    /// Appends the lexicon to `out`, each payload as the number `value`
    /// gives: a number [`Lexicon::read_bytes`] finds its payload at.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn write_bytes(&self, out: &mut Vec<u8>, value: impl Fn(&T) -> u32) {
        let count = self.phrases.len();
        let values: Vec<u32> = (0..count)
            .map(|at| value(self.phrases.get(at).value))
            .collect();
        (count as u32).write(out);
        let bound = values.iter().max().map_or(0, |&most| most + 1);
        bound.write(out);
        for (at, number) in values.iter().enumerate() {
            let phrase = self.phrases.get(at);
            phrase.first_word.write(out);
            phrase.word_count.write(out);
            number.write(out);
        }
        (self.words.len() as u32).write(out);
        self.words.write(out);
        (self.text.len() as u32).write(out);
        out.extend_from_slice(self.text.as_bytes());
        for map in [
            &self.by_first_exact,
            &self.by_first_prefix,
            &self.by_first_two,
        ] {
            map.write(out);
        }
        (self.chain.len() as u32).write(out);
        self.chain.write(out);
        for bloom in [&self.pair_bloom, &self.exact_bloom, &self.prefix_bloom] {
            bloom.write(out);
        }
        (self.prefix_lengths.len() as u32).write(out);
        for length in &self.prefix_lengths {
            (*length as u32).write(out);
        }
        for bits in self.filter.iter() {
            bits.write(out);
        }
        out.push(u8::from(self.unfiltered));
        (self.longest_phrase as u32).write(out);
        out.push(u8::from(self.joined_keys));
        self.first_words.write(out);
        self.pair_firsts.write(out);
        for bits in self.prefix_heads.iter() {
            bits.write(out);
        }
    }

    /// Reads in place a lexicon [`Lexicon::write_bytes`] wrote, each
    /// payload `values[number]`; `None` when the bytes are not one, or a
    /// number is past the end of `values`.
    pub(crate) fn read_bytes(
        reader: &mut ByteReader<'static>,
        values: &'static [T],
    ) -> Option<Self> {
        let count = reader.u32()? as usize;
        let bound = reader.u32()? as usize;
        let phrases = Phrases::in_place(reader.take(count.checked_mul(12)?)?, values, bound)?;
        let words = Column::<PatternWord>::in_place(reader.counted(PatternWord::SIZE)?);
        let text = Text::in_place(reader.counted(1)?);
        let by_first_exact = reader.map()?;
        let by_first_prefix = reader.map()?;
        let by_first_two = reader.map()?;
        let chain = Column::in_place(reader.counted(4)?);
        let pair_bloom = reader.bloom()?;
        let exact_bloom = reader.bloom()?;
        let prefix_bloom = reader.bloom()?;
        let prefix_lengths = reader
            .counted(4)?
            .chunks_exact(4)
            .map(|length| u32::read(length) as usize)
            .collect();
        let mut filter = Box::new([0u64; FILTER_BITS / 64]);
        for bits in filter.iter_mut() {
            *bits = u64::read(reader.take(8)?);
        }
        let unfiltered = reader.u8()? != 0;
        let longest_phrase = reader.u32()? as usize;
        let joined_keys = reader.u8()? != 0;
        let first_words = reader.word_filter()?;
        let pair_firsts = reader.word_filter()?;
        let mut prefix_heads = Box::new([0u64; FILTER_BITS / 64]);
        for bits in prefix_heads.iter_mut() {
            *bits = u64::read(reader.take(8)?);
        }
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
            prefix_heads,
            exact_bloom,
            prefix_bloom,
            unfiltered,
            longest_phrase,
            joined_keys,
            first_words,
            pair_firsts,
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
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let values: &'static [u32] = Box::leak((0..6).collect::<Vec<u32>>().into_boxed_slice());
        let read = Lexicon::read_bytes(&mut ByteReader::new(bytes, 0), values).unwrap();
        assert!(read.same_phrases(&lexicon));
        let mut again = Vec::new();
        read.write_bytes(&mut again, |v| *v);
        assert_eq!(again, bytes);
        assert!(Lexicon::read_bytes(&mut ByteReader::new(bytes, 0), &values[..5]).is_none());
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
            Lexicon::read_bytes(&mut ByteReader::new(&bytes[..bytes.len() - 1], 0), values)
                .is_none()
        );
    }
}
