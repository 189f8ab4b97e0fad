//! Digit notations: a digit run with what is glued to it, read as one piece
//! of a number.
//!
//! Input: the token where a digit run starts. Output: one [`Atom::Digits`]
//! with its value and how it was written (plain, a fraction, an exponent,
//! long), and the token after it: an exponent ("1.2e3", "1.1^23",
//! "1.3x10^6"), a fraction ("3/4"), a mixed number ("2 1/4", "2½").
//! Invariant: a slash between digits is a fraction only with no third part
//! (a date such as "5/17/2018" is not one), and a value that is not finite
//! is no number.

use super::words::Atom;
use super::{Reader, vulgar_fraction};
use crate::normalize::{Punct, TokenKind};

impl Reader<'_> {
    /// A digit run at `at` with what is glued to it: an exponent ("1.2e3",
    /// "1.1^23"), a fraction ("3/4"), a mixed number ("2 1/4", "2½").
    pub(super) fn digits_at(&self, at: usize) -> Option<(Atom, usize)> {
        let view = self.view;
        let text = view.token_text(at);
        let mut value =
            super::digits::parse_digits_with(text, self.language, || self.convention())?;
        let plain = text.bytes().all(|b| b.is_ascii_digit());
        let long = plain && text.len() > 12;
        let mut end = at + 1;
        let mut fraction = false;
        let mut exponent = false;
        if let Some((power, power_end, is_power)) = self.exponent_at(end) {
            value = if is_power {
                value.powf(power)
            } else {
                value * 10f64.powf(power)
            };
            end = power_end;
            exponent = true;
        } else if let Some((ratio, ratio_end)) = self.slash_fraction(at) {
            value = ratio;
            end = ratio_end;
            fraction = true;
        } else if plain {
            // "2 1/4": a proper fraction after a whole number.
            let mixed = view
                .tokens
                .get(end)
                .is_some_and(|t| t.kind == TokenKind::Number && t.space_before)
                .then(|| self.slash_fraction(end))
                .flatten()
                .filter(|(ratio, _)| *ratio < 1.0);
            let glued_vulgar = view
                .tokens
                .get(end)
                .filter(|t| !t.space_before && t.kind == TokenKind::Word)
                .and_then(|_| {
                    let mut chars = view.token_text(end).chars();
                    match (chars.next(), chars.next()) {
                        (Some(ch), None) => vulgar_fraction(ch),
                        _ => None,
                    }
                });
            if let Some((ratio, ratio_end)) = mixed {
                value += ratio;
                end = ratio_end;
                fraction = true;
            } else if let Some(ratio) = glued_vulgar {
                value += ratio;
                end += 1;
                fraction = true;
            }
        }
        if !value.is_finite() {
            return None;
        }
        let plain = plain && !fraction && !exponent;
        Some((
            Atom::Digits {
                value,
                plain,
                fraction,
                exponent,
                long,
            },
            end,
        ))
    }

    /// "a/b" with `a` at `at`, glued, and no third part (a date).
    fn slash_fraction(&self, at: usize) -> Option<(f64, usize)> {
        let view = self.view;
        let all_digits = |i: usize| {
            view.tokens
                .get(i)
                .is_some_and(|t| t.kind == TokenKind::Number)
                && view.token_text(i).bytes().all(|b| b.is_ascii_digit())
        };
        let glued = |i: usize| view.tokens.get(i).is_some_and(|t| !t.space_before);
        let slash = |i: usize| {
            view.tokens
                .get(i)
                .is_some_and(|t| t.punct() == Some(Punct::Slash))
        };
        if !(all_digits(at)
            && slash(at + 1)
            && glued(at + 1)
            && all_digits(at + 2)
            && glued(at + 2))
        {
            return None;
        }
        // A third part before or after makes it a date or a code ("5/17/2018").
        if slash(at + 3) && glued(at + 3) || at > 0 && slash(at - 1) && glued(at) {
            return None;
        }
        let numerator: f64 = view.token_text(at).parse().ok()?;
        let denominator: f64 = view.token_text(at + 2).parse().ok()?;
        (denominator > 0.0).then(|| (numerator / denominator, at + 3))
    }

    /// "e10", "e+14", "^23", "^-1" glued after digits: (exponent, end, is a power).
    fn exponent_at(&self, at: usize) -> Option<(f64, usize, bool)> {
        let view = self.view;
        let token = view.tokens.get(at)?;
        if token.space_before {
            return None;
        }
        let text = view.token_text(at);
        // "1.3x10^6": times ten to a power.
        let glued = |i: usize| view.tokens.get(i).is_some_and(|t| !t.space_before);
        let times_ten = matches!(text, "x" | "×")
            && glued(at + 1)
            && view
                .tokens
                .get(at + 1)
                .is_some_and(|t| t.kind == TokenKind::Number)
            && view.token_text(at + 1) == "10"
            && glued(at + 2)
            && view.token_text(at + 2) == "^";
        let (is_power, mut position) = match token.kind {
            _ if times_ten => (false, at + 3),
            TokenKind::Word if text == "e" => (false, at + 1),
            TokenKind::Punct(Punct::Other) if text == "^" => (true, at + 1),
            _ => return None,
        };
        let mut negative = false;
        while let Some(t) = view.tokens.get(position) {
            let sign = view.token_text(position);
            if t.space_before || !(sign == "-" || sign == "+") {
                break;
            }
            negative ^= sign == "-";
            position += 1;
        }
        let digits = view.tokens.get(position)?;
        if digits.kind != TokenKind::Number || digits.space_before {
            return None;
        }
        let power: f64 = view.token_text(position).parse().ok()?;
        Some((
            if negative { -power } else { power },
            position + 1,
            is_power,
        ))
    }
}
