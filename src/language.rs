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
    let script = dominant_script(text);
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
    let empty_known: Vec<bool> = candidates.iter().map(|l| l.detect.contains("")).collect();
    let longest = candidates
        .iter()
        .flat_map(|l| l.detect.iter())
        .map(String::len)
        .max()
        .unwrap_or(0);
    for word in text
        .split(|c: char| !crate::letters::is_alphabetic(c))
        .take(5000)
    {
        if word.len() > longest {
            continue;
        }
        // The packs that know the word, found once for all the candidates.
        let detecting = match word.is_empty() {
            true => None,
            false => rules.packs_detecting(word),
        };
        for (at, language) in candidates.iter().enumerate() {
            let known = match (word.is_empty(), detecting) {
                (true, _) => empty_known[at],
                (false, Some(packs)) => packs >> places[at] & 1 == 1,
                (false, None) => language.detect.contains(word),
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

fn dominant_script(text: &str) -> Script {
    // ASCII letters from their bytes, in one pass the compiler makes wide:
    // no byte of a longer character is one.
    let mut latin = text.bytes().filter(u8::is_ascii_alphabetic).count();
    let (mut arabic, mut cyrillic) = (0usize, 0usize);
    // The other characters: the range first, and whether the character is
    // a letter only for one in a range that counts.
    for ch in text.chars().filter(|ch| !ch.is_ascii()) {
        let count = match ch {
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FEFF}' => {
                &mut arabic
            }
            '\u{0400}'..='\u{04FF}' => &mut cyrillic,
            '\u{00C0}'..='\u{024F}' => &mut latin,
            _ => continue,
        };
        if crate::letters::is_alphabetic(ch) {
            *count += 1;
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

/// [`dominant_script`] as it was first written, a character at a time:
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
        let mut seed = 7u64;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_add(1);
            assert_eq!(
                dominant_script(&text),
                dominant_script_by_chars(&text),
                "{text:?}"
            );
        }
    }
}
