//! The tokens of a text where a date or a number may start, found in one
//! pass and kept in the view's memo for both stages that scan for them.
//!
//! Input: a token view and its language pack. Output: the indexes of the
//! tokens where [`crate::dates::find_dates`] or [`super::Reader::may_start`] may
//! find something (a digit run, a dash or another mark that may start a
//! number, a word with the start bit of a month name or of `number_starts`,
//! a vulgar fraction), left to right. Both stages pass over the other
//! tokens, where each would find nothing, without testing them again.
//! Invariant: a superset of the tokens either stage's own test lets
//! through; with a view that cannot tell (no start index, or the pack's
//! lexicons outside it) every token.

use super::is_vulgar_fraction;
use crate::lexicon::{StartMask, TokenView};
use crate::normalize::{Punct, TokenKind};
use crate::rules::Language;

/// A view's memo of [`starts`]: the pack it was made for (its address;
/// the packs outlive every view), and the tokens.
#[derive(Default)]
struct Starts {
    language: usize,
    tokens: Vec<usize>,
}

/// Calls `f` with the tokens of `view` where a date or a number may start
/// in `language` (see the module's text): found the first time a stage
/// asks, kept in the view's memo for the next.
pub fn with_starts<R>(view: &TokenView, language: &Language, f: impl FnOnce(&[usize]) -> R) -> R {
    view.memo(|memo: &mut Starts| {
        let key = std::ptr::from_ref(language) as usize;
        if memo.language != key {
            memo.tokens.clear();
            // About one token in twelve of news text: one allocation as a rule.
            memo.tokens.reserve(view.len() / 8 + 8);
            push_starts(view, language, &mut memo.tokens);
            memo.language = key;
        }
        f(&memo.tokens)
    })
}

/// Pushes the tokens of `view` where a date or a number may start: one
/// test of the start bits of the month lexicons and `number_starts` at
/// once, where the two stages each tested their own at every token.
fn push_starts(view: &TokenView, language: &Language, tokens: &mut Vec<usize>) {
    let mask = StartMask::new()
        .with(&language.months)
        .with(&language.persian_months)
        .with(&language.number_starts);
    for (at, token) in view.tokens.iter().enumerate() {
        let may_start = match token.kind {
            TokenKind::Number | TokenKind::Punct(Punct::Dash) => true,
            TokenKind::Word => view.may_start_any(&mask, at) || is_vulgar_fraction(view, token),
            // A leading decimal mark, glued to the digits after it.
            TokenKind::Punct(_) => {
                view.may_start_any(&mask, at)
                    || (view.tokens.get(at + 1))
                        .is_some_and(|next| next.kind == TokenKind::Number && !next.space_before)
            }
        };
        if may_start {
            tokens.push(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::Reader;
    use crate::test_random::TestRandom;
    use crate::test_text::{StartIndex, with_view};

    /// The test [`with_starts`] stands for: whether either stage's own
    /// test lets token `at` through (a date may start at a digit run or
    /// where a month name may; a number where `Reader::may_start` says).
    fn either_stage_asks(reader: &Reader, at: usize) -> bool {
        let view = reader.view;
        let language = reader.language;
        let months = StartMask::new()
            .with(&language.months)
            .with(&language.persian_months);
        view.tokens[at].kind == TokenKind::Number
            || view.may_start_any(&months, at)
            || reader.may_start(at).is_some()
    }

    /// Every token either stage's own test lets through is among the
    /// starts, at every token of random texts of dates, numbers, marks and
    /// words in every pack, with the start index and without.
    #[test]
    fn the_starts_hold_every_token_either_stage_asks() {
        const PIECES: [&str; 42] = [
            "12",
            "2024",
            "4.800",
            "1.234,5",
            "2024-11-02",
            "15:47",
            "5/17/2018",
            "2.11.2024",
            "1,200",
            ".25",
            ",5",
            "½",
            "2½",
            "-",
            "-3",
            "(",
            ")",
            ".",
            ",",
            "%",
            "$",
            "one",
            "a",
            "un",
            "une",
            "ein",
            "dos",
            "milliers",
            "thousands",
            "first",
            "March",
            "mars",
            "März",
            "marzo",
            "мая",
            "مارس",
            "فروردین",
            "minus",
            "und",
            "soldiers",
            "the",
            "در",
        ];
        let rules = crate::rules::defaults_for_tests();
        let mut random = TestRandom(18);
        for code in ["en", "fr", "de", "es", "ru", "ar", "fa"] {
            let language = rules.language(code).unwrap();
            let mut asked = 0;
            for _ in 0..300 {
                let text = random.words(&PIECES, 30);
                for index in [StartIndex::Built, StartIndex::Left] {
                    with_view(&text, language, index, |view| {
                        let reader = Reader::new(view, language);
                        with_starts(view, language, |starts| {
                            // The digit runs' convention, read among them.
                            assert_eq!(
                                Reader::new(view, language).among(starts).convention(),
                                reader.convention(),
                                "{code} {text:?}"
                            );
                            for at in 0..view.len() {
                                if either_stage_asks(&reader, at) {
                                    assert!(starts.contains(&at), "{code} {text:?} at {at}");
                                    asked += 1;
                                }
                            }
                            if index == StartIndex::Left {
                                assert_eq!(starts.len(), view.len(), "{code} {text:?}");
                            }
                        });
                    });
                }
            }
            assert!(asked > 1000, "{code}: {asked} tokens asked");
        }
    }
}
