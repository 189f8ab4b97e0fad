//! Telling which language pack a document needs.
//!
//! Input: normalised text and the rule set. Output: the code of the language
//! pack to use: the front matter's `lang` when a pack exists for it, otherwise
//! the dominant script, and among packs of that script the one whose frequent
//! words occur most.

use crate::rules::RuleSet;
use crate::rules::files::Script;

/// Picks a language pack for `text`. `declared` is the front matter's `lang`.
pub fn detect_language<'r>(
    text: &str,
    declared: Option<&str>,
    rules: &'r RuleSet,
) -> Option<&'r str> {
    if let Some(code) = declared
        && let Some(language) = rules.language(code)
    {
        return Some(language.code.as_str());
    }
    let scan = Scan::of(text);
    let script = scan.script();
    // Each candidate with its place among the packs.
    let (places, candidates): (Vec<usize>, Vec<_>) = rules
        .languages
        .iter()
        .enumerate()
        .filter(|(_, l)| l.script == script)
        .unzip();
    if candidates.len() <= 1 {
        return candidates
            .first()
            .copied()
            .or(rules.languages.first())
            .map(|l| l.code.as_str());
    }
    // Counted by the pack's place among the candidates.
    let mut counts = vec![0usize; candidates.len()];
    // Most pieces are empty (between two marks or spaces): each pack is
    // asked about the empty word once, not once a piece; and a piece longer
    // than every word the packs list is not looked up.
    let longest = candidates
        .iter()
        .flat_map(|l| l.detect.iter())
        .map(String::len)
        .max()
        .unwrap_or(0);
    for (at, language) in candidates.iter().enumerate() {
        if language.detect.contains("") {
            counts[at] += scan.empty_pieces;
        }
    }
    for &(start, end) in &scan.words {
        let word = &text[start..end];
        if word.len() > longest {
            continue;
        }
        // The packs that know the word, found once for all the candidates.
        let detecting = rules.packs_detecting(word);
        for (at, language) in candidates.iter().enumerate() {
            let known = match detecting {
                Some(packs) => packs >> places[at] & 1 == 1,
                None => language.detect.contains(word),
            };
            if known {
                counts[at] += 1;
            }
        }
    }
    // Ties go to the pack listed first, so the choice is stable.
    candidates
        .iter()
        .enumerate()
        .max_by_key(|&(at, l)| {
            (
                counts[at],
                std::cmp::Reverse(rules.languages.iter().position(|x| x.code == l.code)),
            )
        })
        .map(|(_, l)| l.code.as_str())
}

/// The pieces of a text the frequent words are looked for in: those
/// between two characters that are not letters, the first so many.
const PIECES: usize = 5000;

/// What one pass over a text tells of its language: its letters counted
/// by script, and its first [`PIECES`] pieces between characters that are
/// not letters (as `text.split(|c| !is_alphabetic(c))` cuts them), the
/// empty ones counted, the others kept as byte ranges. One pass decodes
/// each character once for both.
#[derive(Debug, Default, PartialEq, Eq)]
struct Scan {
    latin: usize,
    arabic: usize,
    cyrillic: usize,
    empty_pieces: usize,
    words: Vec<(usize, usize)>,
}

impl Scan {
    fn of(text: &str) -> Scan {
        let bytes = text.as_bytes();
        // About a word in every six bytes: room for most texts' pieces at
        // once, not grown a doubling at a time.
        let mut scan = Scan {
            words: Vec::with_capacity((text.len() / 6).min(PIECES)),
            ..Scan::default()
        };
        let mut pieces = 0;
        let mut piece_start = 0;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            let (letter, length);
            if byte.is_ascii() {
                length = 1;
                letter = byte.is_ascii_alphabetic();
                scan.latin += usize::from(letter);
            } else if (bytes.get(at + 1))
                .is_some_and(|&second| crate::letters::is_common_arabic_letter(byte, second))
            {
                length = 2;
                letter = true;
                scan.arabic += 1;
            } else {
                let ch = char_at(text, at);
                length = ch.len_utf8();
                letter = crate::letters::is_alphabetic(ch);
                if letter {
                    match ch {
                        '\u{0600}'..='\u{06FF}'
                        | '\u{0750}'..='\u{077F}'
                        | '\u{FB50}'..='\u{FEFF}' => scan.arabic += 1,
                        '\u{0400}'..='\u{04FF}' => scan.cyrillic += 1,
                        '\u{00C0}'..='\u{024F}' => scan.latin += 1,
                        _ => {}
                    }
                }
            }
            if !letter && pieces < PIECES {
                scan.piece(piece_start, at);
                pieces += 1;
                piece_start = at + length;
            }
            at += length;
        }
        if pieces < PIECES {
            scan.piece(piece_start, bytes.len());
        }
        scan
    }

    fn piece(&mut self, start: usize, end: usize) {
        if start == end {
            self.empty_pieces += 1;
        } else {
            self.words.push((start, end));
        }
    }

    /// The script with the most letters.
    fn script(&self) -> Script {
        let (arabic, latin, cyrillic) = (self.arabic, self.latin, self.cyrillic);
        if arabic >= latin && arabic >= cyrillic && arabic > 0 {
            Script::Arabic
        } else if cyrillic > latin {
            Script::Cyrillic
        } else {
            Script::Latin
        }
    }
}

/// The character at byte `at` of `text` (a character boundary, not ASCII):
/// one of two bytes (Latin-1 to Arabic) put together from them, any other
/// decoded.
#[inline(always)]
fn char_at(text: &str, at: usize) -> char {
    let bytes = text.as_bytes();
    if bytes[at] & 0xE0 == 0xC0
        && let Some(&second) = bytes.get(at + 1)
        && let Some(ch) =
            char::from_u32((u32::from(bytes[at] & 0x1F) << 6) | u32::from(second & 0x3F))
    {
        return ch;
    }
    text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The script counted as it was first written, a character at a time:
/// what the faster one must agree with.
#[cfg(test)]
fn dominant_script_by_chars(text: &str) -> Script {
    let (mut arabic, mut latin, mut cyrillic) = (0usize, 0usize, 0usize);
    for ch in text.chars().filter(|&c| crate::letters::is_alphabetic(c)) {
        match ch {
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFF}' => {
                arabic += 1
            }
            '\u{0400}'..='\u{04FF}' => cyrillic += 1,
            _ if ch.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&ch) => latin += 1,
            _ => {}
        }
    }
    if arabic >= latin && arabic >= cyrillic && arabic > 0 {
        Script::Arabic
    } else if cyrillic > latin {
        Script::Cyrillic
    } else {
        Script::Latin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_by_script_and_declaration() {
        let rules = crate::rules::defaults_for_tests();
        assert_eq!(detect_language("قال المسؤولون إن", None, rules), Some("ar"));
        assert_eq!(
            detect_language("the officials said that", None, rules),
            Some("en")
        );
        assert_eq!(
            detect_language("قال المسؤولون", Some("en"), rules),
            Some("en")
        );
        assert_eq!(detect_language("the text", Some("xx"), rules), Some("en"));
    }

    #[test]
    fn the_script_is_counted_as_a_character_at_a_time_would() {
        let pieces = [
            "the troops",
            "قال",
            "Москва",
            "Ünal é",
            "ﻻ ﺏ",
            "٣ ١٤",
            "ω 漢字",
            "😀",
            "ـ",
            "  ",
            "Ǆ",
            "ܐ",
            "ӿ",
            "ݐ",
        ];
        let mut random = crate::test_random::TestRandom(7);
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..(random.0 % 9) {
                text.push_str(random.pick(&pieces));
            }
            random.0 = random.0.wrapping_add(1);
            let scan = Scan::of(&text);
            assert_eq!(scan.script(), dominant_script_by_chars(&text), "{text:?}");
            // The pieces are those `split` cuts.
            let split: Vec<&str> = text
                .split(|c: char| !crate::letters::is_alphabetic(c))
                .collect();
            let words: Vec<&str> = scan.words.iter().map(|&(s, e)| &text[s..e]).collect();
            let expected: Vec<&str> = split.iter().copied().filter(|w| !w.is_empty()).collect();
            assert_eq!(words, expected, "{text:?}");
            let empty = split.iter().filter(|w| w.is_empty()).count();
            assert_eq!(scan.empty_pieces, empty, "{text:?}");
        }
    }

    #[test]
    fn the_arabic_alphabet_is_letters_of_the_arabic_script() {
        for code in (0x0621..=0x063A).chain(0x0641..=0x064A) {
            let ch = char::from_u32(code).unwrap();
            assert!(crate::letters::is_alphabetic(ch), "{code:x}");
            let scan = Scan::of(&ch.to_string());
            assert_eq!((scan.arabic, scan.latin, scan.cyrillic), (1, 0, 0));
        }
    }

    /// Only the first pieces are kept, as `take` keeps them.
    #[test]
    fn only_the_first_pieces_are_kept() {
        for text in [
            "a,".repeat(PIECES),
            "a,".repeat(PIECES) + "b",
            ",".repeat(PIECES + 3),
        ] {
            let scan = Scan::of(&text);
            let split: Vec<&str> = text
                .split(|c: char| !crate::letters::is_alphabetic(c))
                .take(PIECES)
                .collect();
            assert_eq!(scan.words.len() + scan.empty_pieces, split.len());
            let empty = split.iter().filter(|w| w.is_empty()).count();
            assert_eq!(scan.empty_pieces, empty);
        }
    }
}
