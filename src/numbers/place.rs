//! Place value: the number being composed ([`State`]) and how one piece
//! joins it ([`Reader::apply`]).
//!
//! Input: the number read so far and the next [`Atom`] (digits, a number
//! word, a scale, a fraction, a denominator, an ordinal, an article), with
//! what stands before it (a joiner, a glued word). Output: the number with
//! the piece added, or why it cannot take it ([`Stop`]). Invariant: a scale
//! multiplies what comes before it down to the last larger scale, a value
//! joins the one before only where their places cannot overlap, and a scale
//! that cannot follow the scales before it ends the number after its last
//! complete scale.

use super::words::Atom;
use super::{Form, Reader};

/// Why a piece could not join the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// The number ends before this piece.
    End,
    /// A scale that cannot follow the scales before it ("3 hundred and 2
    /// hundred"): the number ends after its last complete scale.
    Conflict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Last {
    #[default]
    Nothing,
    Digits,
    Value,
    Scale,
    Fraction,
}

/// A number being composed.
#[derive(Debug, Clone, Default)]
pub(super) struct State {
    /// Groups already multiplied by a scale: (value, scale), larger scales first.
    pub(super) parts: Vec<(f64, f64)>,
    /// The group being read, not yet multiplied.
    pub(super) current: f64,
    /// Value pieces in `current`.
    pub(super) pieces: usize,
    /// The last value piece, for telling whether the next can join it.
    pub(super) last_value: f64,
    pub(super) last: Last,
    /// An article waits for its scale or fraction.
    pub(super) article: bool,
    /// A fraction or an ordinal closed the number: only a scale may follow.
    pub(super) done: bool,
    pub(super) form: Form,
}

impl State {
    pub(super) fn any(&self) -> bool {
        self.last != Last::Nothing || self.article
    }

    pub(super) fn value(&self) -> f64 {
        self.parts.iter().map(|p| p.0).sum::<f64>() + self.current
    }

    pub(super) fn smallest_scale(&self) -> f64 {
        self.parts.last().map_or(f64::INFINITY, |p| p.1)
    }

    /// Starts a new group with `value`: a round hundreds word ("trescientos",
    /// "ثلاثمائة") is a group of its own, as if its scale were written.
    pub(super) fn start_group(&mut self, value: f64) -> Result<(), Stop> {
        if let Some(scale) = round_scale(value) {
            if scale >= self.smallest_scale() {
                return Err(Stop::Conflict);
            }
            self.parts.push((value, scale));
            self.current = 0.0;
            self.pieces = 0;
            self.last = Last::Scale;
        } else {
            self.current = value;
            self.pieces = 1;
            self.last_value = value;
            self.last = Last::Value;
        }
        Ok(())
    }

    /// Adds a fraction to the whole: "five and a half" = 5.5; after a large
    /// scale it is a fraction of that scale, "three million and a half".
    pub(super) fn add_fraction(&mut self, fraction: f64) {
        let scale = self.smallest_scale();
        if self.current == 0.0 && scale.is_finite() && scale >= 1000.0 {
            self.current = fraction * scale;
        } else {
            self.current += fraction;
        }
        self.last = Last::Fraction;
        self.form.fraction = true;
    }

    /// Divides by a denominator: the whole number read so far is the numerator
    /// ("one hundred thirty-two fifths" = 132/5).
    pub(super) fn divide(&mut self, denominator: f64) {
        let numerator = if self.article { 1.0 } else { self.value() };
        self.parts.clear();
        self.current = numerator / denominator;
        self.article = false;
        self.last = Last::Fraction;
        self.done = true;
        self.form.fraction = true;
    }

    /// Multiplies by a scale everything after the last larger scale.
    pub(super) fn multiply(&mut self, scale: f64) -> Result<(), Stop> {
        if self.done {
            // "three quarters million", "half a million".
            let value = self.value() * scale;
            self.parts = vec![(value, scale)];
            self.current = 0.0;
            return Ok(());
        }
        if scale < 100.0 {
            // "dozen" multiplies the last group only: "three hundred and two dozens" = 324.
            let base = if self.last == Last::Scale {
                return Err(Stop::End);
            } else if self.article || self.last == Last::Nothing {
                1.0
            } else {
                self.current
            };
            self.parts.push((base * scale, scale));
        } else {
            let mut sum = if self.article { 1.0 } else { self.current };
            while self.parts.last().is_some_and(|p| p.1 < scale) {
                sum += self.parts.pop().map_or(0.0, |p| p.0);
            }
            if self.parts.last().is_some_and(|p| p.1 <= scale) {
                return Err(Stop::Conflict);
            }
            if sum == 0.0 {
                if self.last != Last::Nothing {
                    return Err(Stop::End);
                }
                sum = 1.0;
            }
            self.parts.push((sum * scale, scale));
        }
        self.current = 0.0;
        self.pieces = 0;
        self.article = false;
        self.last = Last::Scale;
        Ok(())
    }
}

/// The scale of a round word value of a hundred or more: a hundred, or the
/// thousand, million... whose multiple it is (300 -> 100, 2000 -> 1000,
/// 100000 -> 1000); `None` when it is not round ("ciento" is, 150 is not).
fn round_scale(value: f64) -> Option<f64> {
    if value < 100.0 || value.fract() != 0.0 {
        return None;
    }
    let mut scale = 1000f64.powi((value.log10() / 3.0).floor() as i32);
    if scale == 1.0 {
        scale = 100.0;
    }
    (value % scale == 0.0).then_some(scale)
}

/// True when `value` can follow `last` in one group: a smaller value after
/// tens ("twenty-one", "soixante et onze"), or, where the pack writes units
/// first or inside a glued word, tens after a unit ("واحد وعشرون").
fn joins(last: f64, value: f64, pieces: usize, units_first: bool) -> bool {
    if units_first {
        // Where units come first ("واحد وعشرون"), tens end the group.
        return pieces == 1
            && (1.0..10.0).contains(&last)
            && (20.0..100.0).contains(&value)
            && value % 10.0 == 0.0;
    }
    let tens = |v: f64| (20.0..100.0).contains(&v) && (v % 10.0) == 0.0;
    // "dix-sept", "quatre-vingt-dix-neuf": ten takes a unit after it too.
    (tens(last) && value < 20.0 || last == 10.0 && value < 10.0) && value >= 1.0 && value < last
}

impl Reader<'_> {
    /// Adds one piece to `state`.
    pub(super) fn apply(
        &self,
        state: &mut State,
        atom: Atom,
        joined: bool,
        compound: bool,
        glued: bool,
    ) -> Result<(), Stop> {
        match atom {
            Atom::Digits {
                value,
                plain,
                fraction,
                exponent,
                long,
            } => {
                if state.done || state.article {
                    return Err(Stop::End);
                }
                let after_scale = state.last == Last::Scale && state.current == 0.0;
                let adds = value > 0.0 && value < state.smallest_scale();
                if state.any() && !(after_scale && adds) {
                    return Err(Stop::End);
                }
                state.form.plain_digits = !state.any() && plain;
                state.form.fraction |= fraction;
                state.form.exponent |= exponent;
                state.form.long_digits |= long;
                state.current = value;
                state.pieces = 1;
                state.last_value = value;
                state.last = Last::Digits;
            }
            Atom::Value(value) if value > 0.0 && value < 1.0 => {
                if state.done || state.article {
                    return Err(Stop::End);
                }
                if !state.any() {
                    state.current = value;
                    state.last = Last::Fraction;
                    state.form.fraction = true;
                } else if joined && state.form.in_words
                    || compound
                    || glued && state.last == Last::Digits
                {
                    state.add_fraction(value);
                } else {
                    return Err(Stop::End);
                }
                state.form.in_words = true;
            }
            Atom::Value(value) => {
                if state.done || state.article {
                    return Err(Stop::End);
                }
                let units_first = self.language.units_before_tens;
                let fits = |s: &State| {
                    joins(s.last_value, value, s.pieces, units_first)
                        || compound && joins(s.last_value, value, s.pieces, !units_first)
                };
                if !state.any() {
                    state.start_group(value)?;
                } else if state.last == Last::Scale && state.current == 0.0 {
                    if value >= state.smallest_scale() || value == 0.0 {
                        return Err(Stop::End);
                    }
                    state.start_group(value)?;
                } else if state.last == Last::Value && fits(state) {
                    state.current += value;
                    state.pieces += 1;
                    state.last_value = value;
                } else {
                    return Err(Stop::End);
                }
                state.form.in_words = true;
                state.form.plain_digits = false;
            }
            Atom::Scale { value, short } => {
                if short && !(state.last == Last::Digits && glued) {
                    return Err(Stop::End);
                }
                if state.done && !state.form.fraction {
                    return Err(Stop::End);
                }
                state.multiply(value)?;
                state.form.in_words |= !short;
                state.form.plain_digits = false;
            }
            Atom::Fraction(denominator) => {
                if state.done {
                    return Err(Stop::End);
                }
                let numerator = state.article
                    || matches!(state.last, Last::Value | Last::Fraction)
                    || state.last == Last::Digits && state.current > 0.0;
                if state.any() && joined && !state.article {
                    // "ثلاثة و خمس": a whole and a fifth.
                    state.add_fraction(1.0 / denominator);
                } else if state.any() && numerator {
                    state.divide(denominator);
                } else if !state.any() {
                    state.current = 1.0 / denominator;
                    state.last = Last::Fraction;
                    state.done = true;
                    state.form.fraction = true;
                } else {
                    return Err(Stop::End);
                }
                state.form.in_words = true;
                state.form.plain_digits = false;
            }
            Atom::Denominator(denominator) => {
                if state.done || !state.any() || state.last == Last::Digits {
                    return Err(Stop::End);
                }
                state.divide(denominator);
                state.form.in_words = true;
                state.form.plain_digits = false;
            }
            Atom::Ordinal(ordinal) => {
                if state.done {
                    return Err(Stop::End);
                }
                // "twenty-first", "vingt cinquième": an ordinal that joins the
                // value before it ranks the whole; a plural denominator
                // ("vingt cinquièmes") divides it instead.
                let units_first = self.language.units_before_tens || compound;
                let compound_ordinal = state.last == Last::Value
                    && joins(state.last_value, ordinal, state.pieces, units_first);
                if !state.any() || compound_ordinal {
                    state.current += ordinal;
                    state.form.ordinal = true;
                    state.done = true;
                    state.last = Last::Value;
                } else if self.language.ordinal_denominators
                    && ordinal >= 3.0
                    && state.last != Last::Digits
                    && (state.last != Last::Scale || state.article || ordinal >= 100.0)
                {
                    state.divide(ordinal);
                } else {
                    return Err(Stop::End);
                }
                state.form.in_words = true;
                state.form.plain_digits = false;
            }
            Atom::Article => {
                if state.any() {
                    return Err(Stop::End);
                }
                state.article = true;
            }
            Atom::Joiner => {}
            Atom::Suffix => return Err(Stop::End),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_words_start_their_own_group() {
        assert_eq!(round_scale(300.0), Some(100.0));
        assert_eq!(round_scale(2000.0), Some(1000.0));
        assert_eq!(round_scale(100_000.0), Some(1000.0));
        assert_eq!(round_scale(2_000_000.0), Some(1_000_000.0));
        assert_eq!(round_scale(150.0), None);
        assert_eq!(round_scale(40.0), None);
    }

    #[test]
    fn values_join_only_where_their_places_cannot_overlap() {
        // "twenty-one", "soixante et onze", "dix-sept".
        assert!(joins(20.0, 1.0, 1, false));
        assert!(joins(60.0, 11.0, 1, false));
        assert!(joins(10.0, 7.0, 1, false));
        // "between two and three", "twenty thirty", "ten fifteen".
        assert!(!joins(2.0, 3.0, 1, false));
        assert!(!joins(20.0, 30.0, 1, false));
        assert!(!joins(10.0, 15.0, 1, false));
        // Units first: "واحد وعشرون", never "عشرون وخمسة" nor "between five and twenty" in English.
        assert!(joins(1.0, 20.0, 1, true));
        assert!(!joins(20.0, 5.0, 1, true));
        assert!(!joins(5.0, 20.0, 1, false));
    }
}
