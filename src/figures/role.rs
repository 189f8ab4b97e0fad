//! What a number is when it is not a figure: a year or a code.
//!
//! Input: the tokens around a number the reader found and the language pack
//! (its units, percent words, proclitics and exclusion patterns). Output:
//! whether the number is a year ("2022", a bare four-digit number between
//! 1800 and 2100 with no counted noun after it) or part of a code or a name
//! ("KN-23", "5G", a phone number, a link: the pack's exclusion patterns).
//! Invariant: these only tell a number's [`super::Role`]; none drops it, and
//! a figure in scientific notation that is the whole word ("1e10") is no
//! code.

use super::{Figure, counted_noun_before};
use crate::lexicon::TokenView;
use crate::normalize::{Punct, TokenKind};
use crate::numbers::Number;
use crate::rules::Language;

/// Digits glued to letters after them that are neither a scale, a unit nor a
/// percent word ("5G", "3D", "4th", "1er"): a name, a code or an ordinal.
pub(super) fn glued_letters_after(view: &TokenView, language: &Language, end: usize) -> bool {
    let Some(next) = view.tokens.get(end) else {
        return false;
    };
    end > 0
        && view.tokens[end - 1].kind == TokenKind::Number
        && next.kind == TokenKind::Word
        && !next.space_before
        && language.units.longest_at(view, end).is_none()
        && language.percent_after.longest_at(view, end).is_none()
}

pub(super) fn is_year_value(value: f64) -> bool {
    (1800.0..=2100.0).contains(&value) && value.fract() == 0.0
}

/// A bare four-digit number between 1800 and 2100 is a year unless a counted
/// noun follows it; a time unit after it ("2025 года") does not make it a count.
/// `figure` gives the unit words around the number (`noun`, `unit_before`).
pub(super) fn looks_like_year(
    view: &TokenView,
    language: &Language,
    number: Number,
    figure: &Figure,
) -> bool {
    // A unit written before the next number ("In 2022 they paid $2000") is that number's.
    // The counted noun must follow the number with no function word between
    // ("2000 North Korean soldiers", not "2024 году в регионе").
    let counted = counted_noun_before(view, language, number.end, figure.noun)
        && figure.noun.is_some_and(|noun| {
            !language.time_units.contains(&noun.unit)
                && view
                    .tokens
                    .get(noun.end)
                    .is_none_or(|t| t.kind != TokenKind::Number)
        });
    let priced = figure.unit_before.is_some();
    view.token_text(number.start).len() == 4 && is_year_value(number.value) && !counted && !priced
}

/// KN-23, S-400, F16: a figure glued to letters is part of a name. An Arabic
/// proclitic glued to a figure ("و10") is only a conjunction.
pub(super) fn is_glued_code(view: &TokenView, language: &Language, at: usize) -> bool {
    let token = view.tokens[at];
    if token.space_before || at == 0 {
        return false;
    }
    let previous = view.tokens[at - 1];
    match previous.kind {
        TokenKind::Word => !language
            .proclitics
            .iter()
            .any(|p| p == previous.text(view.text)),
        TokenKind::Punct(Punct::Dash) if !previous.space_before && at >= 2 => {
            view.tokens[at - 2].kind == TokenKind::Word
        }
        _ => false,
    }
}

/// The whole word around a figure ("(#6tshd)" -> "#6tshd", "kn-23") against the
/// rules' exclusion patterns.
/// A number in scientific notation that is the whole word ("1e10") is
/// exempt: its letters are its exponent, not a name.
pub(super) fn matches_exclusion_pattern(
    view: &TokenView,
    language: &Language,
    figure: &Figure,
) -> bool {
    if language.exclude_pattern_set.is_none() && language.exclude_patterns.is_empty() {
        return false;
    }
    let text = view.text;
    let at = figure.start;
    let position = view.tokens[at].start;
    let (start, end) = word_around(text, position);
    let word = text[start..end].trim_matches(is_mark_around_word);
    let own_words = &text[position..view.tokens[figure.end - 1].end];
    if figure.form.exponent && word == own_words {
        return false;
    }
    match &language.exclude_pattern_set {
        Some(set) => set.is_match(word),
        None => language
            .exclude_patterns
            .iter()
            .any(|pattern| pattern.is_match(word)),
    }
}

/// The bytes of the word around byte `position` of `text` (a character's
/// start): from after the white space before it to the white space after.
/// ASCII bytes, nearly all of them around a figure, are told one at a time;
/// from the first other byte on, the search goes on by characters.
fn word_around(text: &str, position: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut start = position;
    loop {
        match start.checked_sub(1).map(|before| bytes[before]) {
            Some(byte) if byte.is_ascii() && !is_ascii_white_space(byte) => start -= 1,
            Some(byte) if !byte.is_ascii() => {
                start = word_start_by_chars(text, start);
                break;
            }
            _ => break,
        }
    }
    let mut end = position;
    loop {
        match bytes.get(end) {
            Some(&byte) if byte.is_ascii() && !is_ascii_white_space(byte) => end += 1,
            Some(&byte) if !byte.is_ascii() => {
                end = word_end_by_chars(text, end);
                break;
            }
            _ => break,
        }
    }
    (start, end)
}

/// The ASCII bytes [`char::is_whitespace`] holds: tab to carriage return, space.
fn is_ascii_white_space(byte: u8) -> bool {
    matches!(byte, 0x09..=0x0D | b' ')
}

/// Where the word ending at or after byte `at` starts: after the last white
/// space before `at`, or at the text's start.
fn word_start_by_chars(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Where the word going on at byte `at` ends: at the first white space from
/// `at` on, or at the text's end.
fn word_end_by_chars(text: &str, at: usize) -> usize {
    text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i)
}

/// Brackets, quotes and the marks that end a clause, written around a word:
/// "(#6tshd)", "kn-23,". Only ASCII marks are trimmed (the typographic quotes
/// are folded to ASCII before this); the Arabic comma, semicolon and question
/// mark glued to a word stay on it, as they always have.
fn is_mark_around_word(ch: char) -> bool {
    ch.is_ascii()
        && matches!(
            Punct::of(ch),
            Punct::Parenthesis
                | Punct::Bracket
                | Punct::Quote
                | Punct::Apostrophe
                | Punct::FullStop
                | Punct::Comma
                | Punct::Semicolon
                | Punct::Colon
                | Punct::Exclamation
                | Punct::Question
        )
}

#[cfg(test)]
mod tests {
    use super::{word_around, word_end_by_chars, word_start_by_chars};
    use crate::test_random::TestRandom;

    /// The word around every character of random texts of ASCII and other
    /// letters, digits, marks and white space of every kind is the one the
    /// search by characters finds.
    #[test]
    fn the_word_around_a_figure_is_the_one_found_by_characters() {
        let pieces = [
            "12",
            "kn",
            "-",
            "#6tshd",
            "(",
            ")",
            ",",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{0B}",
            "\u{0C}",
            "\r",
            "\u{1C}",
            "\u{85}",
            "\u{A0}",
            "\u{2009}",
            "\u{3000}",
            "\u{202F}",
            "قتل",
            "é",
            "١٢",
            "«",
            "»",
            "x",
            "5/17/2018",
            "\u{200B}",
        ];
        let mut random = TestRandom(21);
        for _ in 0..3000 {
            let count = 1 + random.below(12);
            let text: String = (0..count).map(|_| random.pick(&pieces)).collect();
            for (position, _) in text.char_indices() {
                let expected = (
                    word_start_by_chars(&text, position),
                    word_end_by_chars(&text, position),
                );
                assert_eq!(
                    word_around(&text, position),
                    expected,
                    "{text:?} at {position}"
                );
            }
        }
    }
}
