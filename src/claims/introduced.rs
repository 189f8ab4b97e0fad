//! A person named again by surname speaks for the body the article gave
//! them when it introduced them.
//!
//! Input: the words naming a reporting verb's subject ("Gendelman noted",
//! "وقالت مهاجراني"), the [`Page`] and the language pack's entities. Output:
//! the body mention of the introduction ("Dmitry Gendelman, an adviser in the
//! Israeli Prime Minister's Office", "فاطمة مهاجراني، المتحدثة باسم الحكومة
//! الإيرانية"). Invariant: only an earlier word spelled the same and closing
//! a name right before an apposition counts, the apposition must name a body
//! (an organisation or institution, not a bare country), and the search
//! reaches back at most `look-back-people` tokens, so a long document stays
//! linear.

use super::page::Page;
use super::reporting_subject::is_name_token;
use crate::lexicon::TokenView;
use crate::mentions::{Mention, find_mentions};
use crate::normalize::{Punct, Token, TokenKind};
use crate::rules::files::{Affiliation, EntityType, Script};
use crate::rules::{Language, RuleSet};

/// The body a person named in `words` was introduced with before
/// `sentence_start`: the last introduction of any of the words.
pub(super) fn introduced_body(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    (start, end): (usize, usize),
    sentence_start: usize,
) -> Option<Mention> {
    // Shorter words are articles and pronouns, never a surname alone.
    const MIN_CHARS: usize = 4;
    let view = page.view;
    let from = sentence_start.saturating_sub(language.windows.look_back_people);
    let words: Vec<&str> = view.tokens[start..end]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text(view.text))
        .filter(|w| w.chars().count() >= MIN_CHARS)
        .collect();
    if words.is_empty() {
        return None;
    }
    earlier_uses(view.text, view.tokens, &words, (from, sentence_start)).find_map(|at| {
        apposed_body(page, language, rules, at, sentence_start)
            .or_else(|| titled_body(page.view, language, rules, at))
    })
}

/// The tokens of `from..to` spelled as one of `words`, last first. Up to
/// `look-back-people` tokens are read for each subject (about 200 on
/// average, 3,300 instructions a subject as an iterator chain): a token's
/// length is tested against one bit of the words' lengths in a tight loop,
/// and bytes are compared only when some word has that length.
fn earlier_uses<'t>(
    text: &'t str,
    tokens: &'t [Token],
    words: &'t [&str],
    (from, to): (usize, usize),
) -> impl Iterator<Item = usize> + 't {
    let length_bit = |len: usize| 1u64 << len.min(63);
    let lengths = words.iter().fold(0, |bits, w| bits | length_bit(w.len()));
    let bytes = text.as_bytes();
    let names_a_word = move |token: &Token| {
        let len = token.end - token.start;
        lengths & length_bit(len) != 0
            && words
                .iter()
                .any(|w| w.len() == len && bytes[token.start..token.end] == *w.as_bytes())
    };
    let window = &tokens[from..to];
    let mut end = window.len();
    std::iter::from_fn(move || {
        let offset = window[..end].iter().rposition(names_a_word)?;
        end = offset;
        Some(from + offset)
    })
}

/// The body named right before the name whose last word is token
/// `last_word`: before the title and given names that lead to it, in a
/// script with capitals ("Tax Authority Director Shay Aharonovich"; every
/// word between is written with one, so that "the ministry thanked
/// Aharonovich" introduces no one), or before a comma that sets the name off
/// ("المتحدثة باسم الحكومة، فاطمة مهاجراني").
fn titled_body(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    last_word: usize,
) -> Option<Mention> {
    // A title and up to two given names.
    const LEADING_WORDS: usize = 3;
    // Up to one given name, where no capital tells where a name starts.
    const GIVEN_NAMES: usize = 1;
    let tokens = view.tokens;
    let capitalised = |at: usize| {
        tokens[at].kind == TokenKind::Word && view.initial_capital.get(at).copied().unwrap_or(false)
    };
    let is_comma = |at: usize| tokens[at].punct() == Some(Punct::Comma);
    let has_capitals = language.script != Script::Arabic;
    let mut lead = last_word;
    let mut words = 0;
    while lead > 0 && last_word - lead < LEADING_WORDS && !is_comma(lead - 1) {
        let word = tokens[lead - 1].kind == TokenKind::Word;
        if has_capitals && !capitalised(lead - 1)
            || !has_capitals && (!word || words == GIVEN_NAMES)
        {
            break;
        }
        lead -= 1;
        words += 1;
    }
    // "le directeur du ministère de la Santé, Karl Wendholm,": the body
    // ends at the comma before the name; with no comma, in a script with
    // capitals, within the capitalised words before it.
    let after_comma = lead > 0 && is_comma(lead - 1);
    // With no comma, a body must end among the capitalised words before
    // the name; with none (the word before is not capitalised: nearly every
    // earlier use of "that" or "Monday"), no mention can, and none is
    // looked for.
    if !after_comma && (!has_capitals || lead == last_word) {
        return None;
    }
    let from = lead.saturating_sub(language.windows.apposition + 1);
    find_mentions(view, language, rules, from, last_word)
        .into_iter()
        .filter(|m| is_body(rules, m))
        .find(|m| {
            if after_comma {
                m.end == lead - 1
            } else {
                has_capitals && m.end >= lead && m.end < last_word
            }
        })
}

/// A body a person can speak for: an organisation or institution, not a
/// person, a bare country, or people named by what they are ("Deputy Press
/// Secretary" is no spokesman of "the press").
fn is_body(rules: &RuleSet, mention: &Mention) -> bool {
    let generic = mention.is_bare_institution(rules)
        && mention
            .parts
            .iter()
            .all(|p| rules.entities[p.index].affiliation == Affiliation::None);
    (mention.has_type(rules, EntityType::Organisation)
        || mention.has_type(rules, EntityType::Institution))
        && !mention.has_type(rules, EntityType::Person)
        && !mention.is_bare_country(rules)
        && !generic
}

/// The body named in the apposition a comma opens right after the name
/// whose last word is token `last_word` ("Gendelman, an adviser in the Israeli Prime
/// Minister's Office,"), or in the phrase a place or link word opens there,
/// up to the next punctuation mark or the apposition window; a number ends
/// it too.
fn apposed_body(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    last_word: usize,
    limit: usize,
) -> Option<Mention> {
    let tokens = page.view.tokens;
    let view = page.view;
    let next = last_word + 1;
    if next >= limit {
        return None;
    }
    // "Dmitry Gendelman, an adviser in ...", or a place or link word right
    // after the name: "محمدرضا ظفرقندی در ... ستاد بحران وزارت بهداشت"
    // ("at the crisis staff of the Ministry of Health"), "Smith of the
    // ministry".
    let linked = language.location_markers.starts_at(view, next)
        || language.name_links.starts_at(view, next);
    let from = match tokens[next].punct() {
        Some(Punct::Comma) => next + 1,
        None if linked => next,
        _ => return None,
    };
    let mut to = from;
    while to < limit && to < from + language.windows.apposition && is_name_token(page.view, to) {
        to += 1;
    }
    find_mentions(page.view, language, rules, from, to)
        .into_iter()
        .find(|m| is_body(rules, m))
}

#[cfg(test)]
mod tests {
    use super::earlier_uses;
    use crate::claims::test_support::attributions;
    use crate::normalize::{Token, TokenKind};
    use crate::test_random::TestRandom;

    /// Random texts of words, some of the same length and some the same
    /// but for one byte, and random words and windows: the tight loop finds
    /// the tokens the iterator chain it replaced found, in the same order.
    #[test]
    fn earlier_uses_are_those_a_plain_scan_finds() {
        // Words of 64 bytes or more share one bit of length.
        let (long_x, long_y) = ("x".repeat(70), "y".repeat(64));
        let pieces = [
            "Wendholm",
            "Wendholn",
            "wendholm",
            "Gendelman",
            "Kluge",
            "Klugo",
            "the",
            "said",
            "مهاجراني",
            "مهاجرانی",
            "ظفرقندی",
            "و",
            "a",
            &long_x,
            &long_y,
        ];
        let mut random = TestRandom(14);
        for _ in 0..3_000 {
            let text = random.words(&pieces, 60);
            let mut tokens = Vec::new();
            let mut start = 0;
            for word in text.split(' ') {
                tokens.push(Token {
                    kind: TokenKind::Word,
                    start,
                    end: start + word.len(),
                    space_before: true,
                    newline_before: false,
                });
                start += word.len() + 1;
            }
            let words: Vec<&str> = (0..=random.below(3))
                .map(|_| random.pick(&pieces))
                .collect();
            let to = random.below(tokens.len() as u64 + 1) as usize;
            let from = random.below(to as u64 + 1) as usize;
            let plain: Vec<usize> = (from..to)
                .rev()
                .filter(|&at| words.iter().any(|w| tokens[at].text(&text) == *w))
                .collect();
            let found: Vec<usize> = earlier_uses(&text, &tokens, &words, (from, to)).collect();
            assert_eq!(found, plain, "{text:?} {words:?} {from}..{to}");
        }
    }

    /// [`super::titled_body`] as it was before it turned away names with no
    /// capitalised word and no comma before them: the mentions always found.
    fn titled_body_always_looking(
        view: &crate::lexicon::TokenView,
        language: &crate::rules::Language,
        rules: &crate::rules::RuleSet,
        last_word: usize,
    ) -> Option<crate::mentions::Mention> {
        use crate::normalize::Punct;
        let tokens = view.tokens;
        let capitalised = |at: usize| {
            tokens[at].kind == TokenKind::Word
                && view.initial_capital.get(at).copied().unwrap_or(false)
        };
        let is_comma = |at: usize| tokens[at].punct() == Some(Punct::Comma);
        let has_capitals = language.script != crate::rules::files::Script::Arabic;
        let mut lead = last_word;
        let mut words = 0;
        while lead > 0 && last_word - lead < 3 && !is_comma(lead - 1) {
            let word = tokens[lead - 1].kind == TokenKind::Word;
            if has_capitals && !capitalised(lead - 1) || !has_capitals && (!word || words == 1) {
                break;
            }
            lead -= 1;
            words += 1;
        }
        let after_comma = lead > 0 && is_comma(lead - 1);
        let from = lead.saturating_sub(language.windows.apposition + 1);
        crate::mentions::find_mentions(view, language, rules, from, last_word)
            .into_iter()
            .filter(|m| super::is_body(rules, m))
            .find(|m| {
                if after_comma {
                    m.end == lead - 1
                } else {
                    has_capitals && m.end >= lead && m.end < last_word
                }
            })
    }

    /// Random runs of bodies, titles, names, small words and commas, in a
    /// script with capitals and in Arabic, at every token: turning away
    /// names with nothing before them gives the body looking found.
    #[test]
    fn a_titled_body_is_the_one_looking_always_found() {
        use crate::test_text::{StartIndex, with_view};
        let rules = crate::rules::defaults_for_tests();
        let english = [
            "the Health Ministry",
            "Tax Authority",
            "Director",
            "Shay",
            "Aharonovich",
            "the",
            "ministry",
            "thanked",
            "that",
            "Monday",
            ",",
            "World Health Organization",
            "UN",
            "said",
        ];
        let arabic = [
            "وزارة الصحة",
            "المتحدثة باسم الحكومة",
            "فاطمة",
            "مهاجراني",
            "قالت",
            "،",
            "إن",
            "منظمة الصحة العالمية",
        ];
        let mut random = TestRandom(21);
        for (code, pieces) in [("en", &english[..]), ("ar", &arabic[..])] {
            let language = rules.language(code).unwrap();
            for _ in 0..400 {
                let text = random.words(pieces, 16);
                with_view(&text, language, StartIndex::Built, |view| {
                    let capitals: Vec<bool> = view
                        .tokens
                        .iter()
                        .map(|t| {
                            t.text(view.text)
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                        })
                        .collect();
                    let view = view.clone().with_initial_capitals(capitals);
                    for last_word in 0..view.len() {
                        let found = super::titled_body(&view, language, rules, last_word);
                        let looked = titled_body_always_looking(&view, language, rules, last_word);
                        assert_eq!(
                            found.map(|m| (m.start, m.end)),
                            looked.map(|m| (m.start, m.end)),
                            "{text:?} at {last_word}"
                        );
                    }
                });
            }
        }
    }

    #[test]
    fn a_surname_speaks_for_the_body_its_person_was_introduced_with() {
        assert_eq!(
            attributions(
                "Karl Wendholm, an adviser in the Israeli Prime Minister's Office, spoke on Sunday. \
                 About 400 people were injured, Wendholm said."
            ),
            ["400 by Israeli Prime Minister's Office"]
        );
    }

    #[test]
    fn a_person_introduced_without_a_body_stays_a_name() {
        assert_eq!(
            attributions(
                "Karl Wendholm, a retired teacher, spoke on Sunday. \
                 About 400 people were injured, Wendholm said."
            ),
            ["400 by Wendholm"]
        );
    }

    #[test]
    fn only_the_same_word_closing_a_name_before_a_comma_counts() {
        // "Wendholm" stands inside the apposition, not before it.
        assert_eq!(
            attributions(
                "The Israeli Prime Minister's Office thanked Wendholm and others. \
                 About 400 people were injured, Wendholm said."
            ),
            ["400 by Wendholm"]
        );
    }
}
