//! The pieces a pack's glued number words are made of ("einundzwanzig":
//! "ein", "und", "zwanzig"), for the number reader's `compound_atoms`.

use indexmap::IndexMap;

use super::Morpheme;
use crate::normalize::normalize_phrase;
use crate::rules::files::NumbersDef;

/// The pieces glued number words are made of: every one-word number, scale,
/// fraction, denominator and ordinal of the pack, and its compound joiners.
pub(super) fn morphemes(numbers: &NumbersDef) -> Vec<(String, Morpheme)> {
    if numbers.compound_joiners.is_empty() && numbers.denominator_suffixes.is_empty() {
        return Vec::new();
    }
    let mut pieces: Vec<(String, Morpheme)> = Vec::new();
    type Table<'a> = (&'a IndexMap<String, f64>, fn(f64) -> Morpheme);
    let tables: [Table; 5] = [
        (&numbers.words, Morpheme::Value),
        (&numbers.scales, Morpheme::Scale),
        (&numbers.fractions, Morpheme::Fraction),
        (&numbers.denominators, Morpheme::Denominator),
        (&numbers.ordinals, Morpheme::Ordinal),
    ];
    for (table, make) in tables {
        for (word, value) in table {
            let word = normalize_phrase(word.trim());
            if !word.is_empty() && word.chars().all(char::is_alphabetic) {
                pieces.push((word, make(*value)));
            }
        }
    }
    for word in &numbers.indefinite {
        let word = normalize_phrase(word.trim());
        if !word.is_empty() && word.chars().all(char::is_alphabetic) {
            pieces.push((word, Morpheme::Value(1.0)));
        }
    }
    for joiner in &numbers.compound_joiners {
        let joiner = normalize_phrase(joiner.trim());
        if !joiner.is_empty() {
            pieces.push((joiner, Morpheme::Joiner));
        }
    }
    for suffix in &numbers.denominator_suffixes {
        let suffix = normalize_phrase(suffix.trim());
        if !suffix.is_empty() {
            pieces.push((suffix, Morpheme::DenominatorSuffix));
        }
    }
    // Longer pieces first, so that "zwanzig" is tried before "zwei" at one place.
    pieces.sort_by_key(|piece| std::cmp::Reverse(piece.0.len()));
    pieces
}

/// The indexes of `morphemes` by their first byte, in their order (see
/// [`Language::morphemes_by_byte`]).
pub(super) fn by_first_byte(morphemes: &[(String, Morpheme)]) -> Vec<Vec<usize>> {
    if morphemes.is_empty() {
        return Vec::new();
    }
    let mut by_byte = vec![Vec::new(); 256];
    for (index, (piece, _)) in morphemes.iter().enumerate() {
        if let Some(&first) = piece.as_bytes().first() {
            by_byte[usize::from(first)].push(index);
        }
    }
    by_byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_piece_is_listed_under_its_first_byte_in_order() {
        let rules = crate::rules::defaults_for_tests();
        for code in ["de", "es"] {
            let language = rules.language(code).unwrap();
            let pieces = &language.morphemes;
            assert!(!pieces.is_empty(), "{code}");
            let by_byte = by_first_byte(pieces);
            let listed: usize = by_byte.iter().map(Vec::len).sum();
            assert_eq!(listed, pieces.len(), "{code}");
            for (byte, indexes) in by_byte.iter().enumerate() {
                assert!(indexes.windows(2).all(|pair| pair[0] < pair[1]), "{code}");
                for &index in indexes {
                    assert_eq!(usize::from(pieces[index].0.as_bytes()[0]), byte);
                }
            }
        }
        assert!(by_first_byte(&[]).is_empty());
    }
}
