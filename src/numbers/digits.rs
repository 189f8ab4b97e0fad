//! Digits: what "4.800", "4,800", "1.234.567,89" and "١٢٬٠٠٠" mean.
//!
//! A run of digits with marks inside it (cut by the tokenizer so that its marks
//! can read as one number) is read here. Most runs say themselves which mark
//! groups and which is the decimal mark: a mark repeated ("1.234.567") groups;
//! of two marks the last is the decimal one ("1,234.5", "1.234,5"); a mark
//! followed by other than three digits ("7,5", "4.8", "0.683", "1111.13") is a
//! decimal mark. What is left, one mark before exactly three digits ("4.800"),
//! is decided by the document's own evidence ([`Convention`]), else by the
//! language pack's habit: a mark it lists among `group-separators` groups.

use smallvec::{SmallVec, smallvec};

use crate::normalize::HARD_SPACE;
use crate::rules::Language;

/// Marks that may stand inside a number.
const MARKS: [char; 2] = [',', '.'];

/// How one document uses `,` and `.` where it leaves no doubt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Convention {
    /// Per mark of [`MARKS`]: seen grouping thousands, seen as a decimal mark.
    grouping: [bool; 2],
    decimal: [bool; 2],
}

impl Convention {
    /// Collects the evidence of every number token of a document.
    pub fn of<'a>(numbers: impl Iterator<Item = &'a str>) -> Convention {
        let mut convention = Convention::default();
        for text in numbers {
            match read_marks(text) {
                Marks::Grouped(mark) => convention.grouping[mark] = true,
                Marks::Decimal(mark) => convention.decimal[mark] = true,
                Marks::Both { group, decimal } => {
                    convention.grouping[group] = true;
                    convention.decimal[decimal] = true;
                }
                Marks::None | Marks::Ambiguous(_) | Marks::Broken => {}
            }
        }
        convention
    }

    /// True when `mark` groups thousands in "d,ddd": the document groups with
    /// it elsewhere, or uses the other mark as its decimal mark (and never to
    /// group), else when the language groups with it.
    fn groups(&self, mark: usize, language: &Language) -> bool {
        let other = 1 - mark;
        if self.grouping[mark] {
            return true;
        }
        if self.decimal[other] && !self.grouping[other] {
            return true;
        }
        if self.grouping[other] && !self.decimal[other] {
            return false;
        }
        language.group_separators.contains(&MARKS[mark])
    }
}

/// What the marks of a run of digits say about themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marks {
    /// No `,` or `.` inside.
    None,
    /// One mark, repeated, between groups of three: it groups.
    Grouped(usize),
    /// One mark, once, that cannot be grouping: the decimal mark.
    Decimal(usize),
    /// One mark, once, before exactly three digits.
    Ambiguous(usize),
    /// Both marks: the first groups, the last (once) is the decimal mark.
    Both { group: usize, decimal: usize },
    /// Anything else (the tokenizer does not let it through).
    Broken,
}

fn mark_index(ch: char) -> Option<usize> {
    MARKS.iter().position(|&m| m == ch)
}

/// Reads the `,` and `.` of a run; grouping-only marks (spaces, `،`) are left
/// out, as they can only group.
fn read_marks(text: &str) -> Marks {
    // Most numbers are digits alone: no group, no mark.
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return Marks::None;
    }
    // On the stack: a number has a few groups (a call per number read).
    let mut groups: SmallVec<[(Option<usize>, usize); 8]> = smallvec![(None, 0)];
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            if let Some(last) = groups.last_mut() {
                last.1 += 1;
            }
        } else if let Some(index) = mark_index(ch) {
            groups.push((Some(index), 0));
        } else {
            // A grouping-only mark: the digits after it still belong to the
            // group before, as far as `,` and `.` are concerned.
            groups.push((None, 0));
        }
    }
    let marked: SmallVec<[(usize, usize); 8]> = groups
        .iter()
        .filter_map(|&(mark, len)| mark.map(|m| (m, len)))
        .collect();
    let lead: usize = groups
        .iter()
        .take_while(|(mark, _)| mark.is_none())
        .map(|&(_, len)| len)
        .sum();
    let lead_groups = groups.iter().take_while(|(mark, _)| mark.is_none()).count();
    match marked.as_slice() {
        [] => Marks::None,
        [(mark, after)] => {
            let leading_zero = lead_groups == 1 && text.starts_with('0');
            if *after != 3 || leading_zero || lead_groups == 1 && lead > 3 {
                Marks::Decimal(*mark)
            } else {
                Marks::Ambiguous(*mark)
            }
        }
        [first, .., last] => {
            let before = &marked[..marked.len() - 1];
            if before.iter().all(|&(m, len)| m == last.0 && len == 3) && last.1 == 3 {
                Marks::Grouped(last.0)
            } else if before.iter().all(|&(m, len)| m == first.0 && len == 3) && first.0 != last.0 {
                Marks::Both {
                    group: first.0,
                    decimal: last.0,
                }
            } else {
                Marks::Broken
            }
        }
    }
}

/// The value of a run of digits ("14,000", "7.8", "1 234 567,89", "1،234"),
/// read by the document's convention and the language's habit. `None` for a
/// run that is not one number.
pub fn parse_digits(text: &str, language: &Language, convention: &Convention) -> Option<f64> {
    parse_digits_with(text, language, || convention)
}

/// [`parse_digits`] with the convention asked only when the marks leave a
/// doubt (one mark before exactly three digits).
pub(super) fn parse_digits_with<'c>(
    text: &str,
    language: &Language,
    convention: impl FnOnce() -> &'c Convention,
) -> Option<f64> {
    // Digits alone, as most numbers are: their value as parsing them
    // gives it, exactly (fifteen digits at most, well below 2^53).
    if (1..=15).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        let value = text
            .bytes()
            .fold(0u64, |value, b| value * 10 + u64::from(b - b'0'));
        return Some(value as f64);
    }
    let decimal_at = match read_marks(text) {
        Marks::None | Marks::Grouped(_) => None,
        Marks::Decimal(mark) => Some(mark),
        Marks::Ambiguous(mark) => (!convention().groups(mark, language)).then_some(mark),
        Marks::Both { decimal, .. } => Some(decimal),
        Marks::Broken => return None,
    };
    // The digits before the decimal mark, then "." and those after it when
    // there are any, as `f64::from_str` reads them: on the stack.
    let mut number: SmallVec<[u8; 32]> = SmallVec::new();
    let (mut whole, mut fraction) = (0, 0);
    let mut in_fraction = false;
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            if in_fraction {
                if fraction == 0 {
                    number.push(b'.');
                }
                fraction += 1;
            } else {
                whole += 1;
            }
            number.push(ch as u8);
        } else if decimal_at.is_some_and(|mark| MARKS[mark] == ch) {
            in_fraction = true;
        } else if !(mark_index(ch).is_some() || ch == ' ' || ch == HARD_SPACE || ch == '\u{060C}') {
            return None;
        }
    }
    // Beyond fifteen digits a double no longer holds every integer: such a run
    // is an identifier, not a quantity.
    if whole > 15 {
        return None;
    }
    std::str::from_utf8(&number).ok()?.parse().ok()
}

/// The digits of a run without its marks: how many there are before the
/// decimal mark decides whether it can be a year or an identifier.
pub fn digit_count(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, code: &str, others: &[&str]) -> Option<f64> {
        let rules = crate::rules::load_default().unwrap();
        let language = rules.language(code).unwrap();
        let convention = Convention::of(others.iter().copied().chain([text]));
        parse_digits(text, language, &convention)
    }

    #[test]
    fn marks_that_say_themselves() {
        assert_eq!(read("1,234,567", "en", &[]), Some(1234567.0));
        assert_eq!(read("1.234.567", "es", &[]), Some(1234567.0));
        assert_eq!(read("1.234.567,51", "de", &[]), Some(1234567.51));
        assert_eq!(read("1,234.5", "de", &[]), Some(1234.5));
        assert_eq!(read("7,5", "en", &[]), Some(7.5));
        assert_eq!(read("0.683", "es", &[]), Some(0.683));
        assert_eq!(read("1111.121", "es", &[]), Some(1111.121));
        assert_eq!(read("1 234 567,89", "fr", &[]), Some(1234567.89));
        assert_eq!(read("1\u{202F}234", "en", &[]), Some(1234.0));
        assert_eq!(read("26\u{060C}013,94", "ar", &[]), Some(26013.94));
    }

    #[test]
    fn one_mark_before_three_digits_follows_the_language() {
        assert_eq!(read("4.800", "en", &[]), Some(4.8));
        assert_eq!(read("4,800", "en", &[]), Some(4800.0));
        assert_eq!(read("4.800", "de", &[]), Some(4800.0));
        assert_eq!(read("4,800", "de", &[]), Some(4.8));
        assert_eq!(read("14.000", "ar", &[]), Some(14000.0));
    }

    #[test]
    fn the_document_decides_before_the_language() {
        // A German-style document in English: "2,5" makes the comma decimal.
        assert_eq!(read("14.000", "en", &["2,5"]), Some(14000.0));
        // A Mexican-style document in Spanish: "7.8" makes the dot decimal.
        assert_eq!(read("1,000", "es", &["7.8"]), Some(1000.0));
        // Grouping seen once is grouping everywhere.
        assert_eq!(read("4.800", "en", &["1.234.567"]), Some(4800.0));
        // The same mark seen as a decimal elsewhere does not overrule the habit.
        assert_eq!(read("14.000", "fr", &["7.8"]), Some(14000.0));
    }

    #[test]
    fn digits_alone_read_as_parsing_reads_them() {
        let rules = crate::rules::load_default().unwrap();
        let language = rules.language("en").unwrap();
        let convention = Convention::default();
        for text in [
            "0",
            "7",
            "007",
            "2022",
            "14000",
            "999999999999999",
            "123456789012345",
            "1234567890123456",
            "",
        ] {
            let parsed: Option<f64> = text.parse().ok().filter(|_| text.len() <= 15);
            assert_eq!(parse_digits(text, language, &convention), parsed, "{text}");
            assert_eq!(read_marks(text), Marks::None, "{text}");
        }
    }

    #[test]
    fn identifiers_are_not_numbers() {
        assert_eq!(read("1234567890123456", "en", &[]), None);
        assert_eq!(read("123456789101231", "en", &[]), Some(123456789101231.0));
    }
}
