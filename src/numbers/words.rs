//! Composing a number from its pieces: digits, number words, scale words,
//! fractions and decimals, in the order the text writes them.
//!
//! Pieces ([`Atom`]s) come from the pack's lexicons, from a digit run, or from
//! a word glued out of number words ("einhunderteinunddreißig", split on the
//! pack's `compound-joiners`). [`State`] adds them up: a scale multiplies what
//! comes before it down to the last larger scale; a value joins the one before
//! only where their places cannot overlap; a fraction after a joiner adds to
//! the whole ("one and a half"), after a numerator divides it ("three fifths").
//! A piece that cannot join ends the number before it (and before its joiner).

use super::{Form, Number, Reader, vulgar_fraction};
use crate::normalize::{Punct, TokenKind};
use crate::rules::Morpheme;

/// One piece of a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Atom {
    /// A run of digits, with what was written around it.
    Digits {
        value: f64,
        plain: bool,
        fraction: bool,
        exponent: bool,
        long: bool,
    },
    /// A number word ("seven", "trescientos"); a value below one is a fraction ("einhalb").
    Value(f64),
    /// A scale word ("thousand", "ألف", "k"); `short` for two letters or fewer.
    Scale { value: f64, short: bool },
    /// A fraction word that also stands alone ("half"): the denominator.
    Fraction(f64),
    /// A denominator that needs a numerator ("thirds", "Drittel").
    Denominator(f64),
    /// An ordinal ("fifth"): kept apart, or a denominator after a numerator.
    Ordinal(f64),
    /// "a", "an": one, before a scale or a fraction.
    Article,
    /// A joiner inside a glued word ("und" in "einundzwanzig").
    Joiner,
    /// An ending that makes a glued number a denominator ("avos").
    Suffix,
}

/// What a sub-number may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Everything.
    Full,
    /// No decimal words and no fraction after a joiner: the numerator or the
    /// digits of something larger.
    Plain,
}

/// What stands between two pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joined {
    No,
    /// A joiner word ("and", "y", "و" glued as a proclitic).
    Word,
    /// A hyphen: it joins the parts of one compound ("twenty-three"), never a
    /// whole and a fraction.
    Hyphen,
    /// A compound joiner written apart ("fünf und drei Viertel"): it joins a
    /// whole and a fraction only, as two whole numbers it joins would be a
    /// range ("zwischen zwei und drei").
    Apart,
}

/// Why a piece could not join the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The number ends before this piece.
    End,
    /// A scale that cannot follow the scales before it ("3 hundred and 2
    /// hundred"): the number ends after its last complete scale.
    Conflict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Last {
    #[default]
    Nothing,
    Digits,
    Value,
    Scale,
    Fraction,
}

/// A number being composed.
#[derive(Debug, Clone, Default)]
struct State {
    /// Groups already multiplied by a scale: (value, scale), larger scales first.
    parts: Vec<(f64, f64)>,
    /// The group being read, not yet multiplied.
    current: f64,
    /// Value pieces in `current`.
    pieces: usize,
    /// The last value piece, for telling whether the next can join it.
    last_value: f64,
    last: Last,
    /// An article waits for its scale or fraction.
    article: bool,
    /// A fraction or an ordinal closed the number: only a scale may follow.
    done: bool,
    form: Form,
}

impl State {
    fn any(&self) -> bool {
        self.last != Last::Nothing || self.article
    }

    fn value(&self) -> f64 {
        self.parts.iter().map(|p| p.0).sum::<f64>() + self.current
    }

    fn smallest_scale(&self) -> f64 {
        self.parts.last().map_or(f64::INFINITY, |p| p.1)
    }

    /// Starts a new group with `value`: a round hundreds word ("trescientos",
    /// "ثلاثمائة") is a group of its own, as if its scale were written.
    fn start_group(&mut self, value: f64) -> Result<(), Stop> {
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
    fn add_fraction(&mut self, fraction: f64) {
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
    fn divide(&mut self, denominator: f64) {
        let numerator = if self.article { 1.0 } else { self.value() };
        self.parts.clear();
        self.current = numerator / denominator;
        self.article = false;
        self.last = Last::Fraction;
        self.done = true;
        self.form.fraction = true;
    }

    /// Multiplies by a scale everything after the last larger scale.
    fn multiply(&mut self, scale: f64) -> Result<(), Stop> {
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
    /// Composes the number starting at `at`.
    pub(super) fn compose(&self, at: usize) -> Option<Number> {
        self.compose_with(at, Mode::Full)
    }

    pub(super) fn compose_with(&self, at: usize, mode: Mode) -> Option<Number> {
        let view = self.view;
        let mut state = State::default();
        let mut end = at;
        let mut position = at;
        let mut checkpoint: Option<(State, usize)> = None;
        loop {
            let (next, joiner) = if state.any() {
                self.skip_joiner(position)
            } else {
                (position, Joined::No)
            };
            let mut joined = joiner != Joined::No;
            // "two thirds of a million", "half a dozen", "quart de million".
            let next = match state.done && state.form.fraction && !state.form.ordinal {
                true => self.skip_to_scale(next).unwrap_or(next),
                false => next,
            };
            if next >= view.len() {
                break;
            }
            if state.any() && !state.done && mode == Mode::Full {
                // "one and a half", "cinco y medio", "واحد ونصف".
                let proclitic = self.joiner_proclitic(next);
                if (matches!(joiner, Joined::Word | Joined::Apart) || proclitic)
                    && !state.article
                    && let Some((trial, fraction_end)) = self.joined_fraction(&state, next)
                {
                    state = trial;
                    position = fraction_end;
                    end = fraction_end;
                    continue;
                }
                // "tres con un quinto", "cinco billones con tres cuartos": a
                // decimal word before a fraction joins it as "and" does.
                if joiner == Joined::No
                    && state.form.in_words
                    && let Some(hit) = self.language.decimal_words.longest_at(view, next)
                    && let Some((trial, fraction_end)) = self.joined_fraction(&state, hit.end)
                {
                    state = trial;
                    position = fraction_end;
                    end = fraction_end;
                    continue;
                }
                // "two point five", "siete con cincuenta".
                if joiner == Joined::No
                    && state.form.in_words
                    && !state.form.fraction
                    && let Some((value, point_end)) = self.decimal_words(next, &state)
                {
                    state.parts.clear();
                    state.current = value;
                    state.pieces = 1;
                    state.last = Last::Value;
                    state.last_value = value;
                    position = point_end;
                    end = point_end;
                    continue;
                }
            }
            // A compound joiner written apart takes only a fraction (above).
            if joiner == Joined::Apart {
                break;
            }
            let Some((alternatives, atom_end, proclitic)) = self.atoms_at(next, !state.any())
            else {
                break;
            };
            joined |= proclitic;
            let glued = !view.tokens[next].space_before;
            let mut chosen: Option<(State, &Vec<Atom>)> = None;
            let mut outcome = Err(Stop::End);
            for (index, atoms) in alternatives.iter().enumerate() {
                let compound = atoms.len() > 1;
                let mut trial = state.clone();
                let mut result = Ok(());
                let mut inner_joined = joined;
                for atom in atoms {
                    if *atom == Atom::Joiner {
                        inner_joined = true;
                        continue;
                    }
                    result = self.apply(&mut trial, *atom, inner_joined, compound, glued);
                    inner_joined = false;
                    if result.is_err() {
                        break;
                    }
                }
                if result.is_ok() {
                    chosen = Some((trial, atoms));
                    outcome = Ok(());
                    break;
                }
                if index == 0 {
                    outcome = result;
                }
            }
            match outcome {
                Ok(()) => {
                    let Some((trial, atoms)) = chosen else { break };
                    // An ordinal used as a denominator after an article ("a
                    // third") must end there or take "of": "a third time" is not.
                    if trial.form.fraction
                        && state.article
                        && atoms.iter().any(|a| matches!(a, Atom::Ordinal(_)))
                        && !self.ends_phrase(atom_end)
                    {
                        return None;
                    }
                    state = trial;
                    position = atom_end;
                    end = atom_end;
                    if state.last == Last::Scale {
                        checkpoint = Some((state.clone(), end));
                    }
                }
                Err(Stop::End) => {
                    // "one twenty-fifth", "a twenty-first": an ordinal of its
                    // own words after a numerator is its denominator.
                    // Only at the top: the ordinal is read in plain mode, which
                    // never comes back here, so reading never nests deeper.
                    let numerator = state.article || state.last == Last::Value;
                    if numerator
                        && mode == Mode::Full
                        && self.language.ordinal_denominators
                        && !state.done
                        && let Some(ordinal) = self
                            .compose_with(next, Mode::Plain)
                            .filter(|n| n.form.ordinal && n.value >= 3.0 && n.end > next + 1)
                    {
                        state.divide(ordinal.value);
                        end = ordinal.end;
                        position = ordinal.end;
                        continue;
                    }
                    break;
                }
                Err(Stop::Conflict) => {
                    if let Some((saved, saved_end)) = checkpoint.take() {
                        state = saved;
                        end = saved_end;
                    }
                    break;
                }
            }
            if state.form.ordinal {
                break;
            }
        }
        if state.article || !state.any() || end == at {
            return None;
        }
        state.form.indefinite = end == at + 1
            && self
                .language
                .indefinite
                .longest_at(self.view, at)
                .is_some_and(|hit| hit.end == end);
        let value = state.value();
        let (base, scale) = match state.parts.as_slice() {
            [(part, scale)] if state.current == 0.0 => (part / scale, Some(*scale)),
            [(_, scale), ..] if !state.form.fraction => (value / scale, Some(*scale)),
            _ => (value, None),
        };
        Some(Number {
            start: at,
            end,
            value,
            base,
            scale,
            form: state.form,
        })
    }

    /// A fraction written after a joiner at `at`, added to the whole of
    /// `state`: "five and a half" (5.5), "five and a half million" (the
    /// scale takes the whole), "one billion and a half million" (the scale
    /// is a smaller group). The new state and where the fraction ends.
    fn joined_fraction(&self, state: &State, at: usize) -> Option<(State, usize)> {
        let fraction = self.fraction_phrase(at)?;
        let mut trial = state.clone();
        match fraction.scale {
            Some(scale) => {
                trial.current += fraction.base;
                trial.multiply(scale).ok()?;
            }
            None => trial.add_fraction(fraction.value),
        }
        trial.form.fraction = true;
        Some((trial, fraction.end))
    }

    /// Adds one piece to `state`.
    fn apply(
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

    /// A joiner or a hyphen between two words at `at`: where the next piece
    /// starts, and what joined it.
    fn skip_joiner(&self, at: usize) -> (usize, Joined) {
        let view = self.view;
        if let Some(hit) = self.language.joiners.longest_at(view, at) {
            return (hit.end, Joined::Word);
        }
        // "vingt-et-un": a joiner between hyphens.
        let dash = |i: usize| {
            view.tokens
                .get(i)
                .is_some_and(|t| t.punct() == Some(Punct::Dash))
        };
        if dash(at)
            && let Some(hit) = self.language.joiners.longest_at(view, at + 1)
            && dash(hit.end)
        {
            return (hit.end + 1, Joined::Word);
        }
        // A dash between two words ("twenty-one", "fifty - two"); between
        // digits it is a range.
        let hyphen = view
            .tokens
            .get(at)
            .is_some_and(|t| t.punct() == Some(Punct::Dash) && at > 0)
            && view.tokens[at - 1].kind == TokenKind::Word
            && view
                .tokens
                .get(at + 1)
                .is_some_and(|t| t.kind == TokenKind::Word);
        if hyphen {
            return (at + 1, Joined::Hyphen);
        }
        let apart = view
            .tokens
            .get(at)
            .is_some_and(|t| t.kind == TokenKind::Word)
            && self.language.morphemes.iter().any(|(piece, kind)| {
                *kind == Morpheme::Joiner
                    && view.forms(at).next().is_some_and(|(word, _)| word == piece)
            });
        if apart {
            return (at + 1, Joined::Apart);
        }
        (at, Joined::No)
    }

    /// Where a scale starts after a linking word and an article ("of a
    /// million"), when one does.
    fn skip_to_scale(&self, at: usize) -> Option<usize> {
        let view = self.view;
        let language = self.language;
        let mut position = at;
        if let Some(hit) = language.unit_links.longest_at(view, position) {
            position = hit.end;
        }
        if let Some(hit) = language.articles.longest_at(view, position) {
            position = hit.end;
        }
        (position != at && language.scales.longest_at(view, position).is_some()).then_some(position)
    }

    /// True when the word at `at` carries a joiner as a proclitic ("و" in "ونصف").
    fn joiner_proclitic(&self, at: usize) -> bool {
        let view = self.view;
        if at >= view.len() {
            return false;
        }
        let text = view.token_text(at);
        view.forms(at).any(|(_, stripped)| {
            stripped > 0
                && self
                    .language
                    .joiner_words
                    .iter()
                    .any(|j| text[..stripped].starts_with(j.as_str()))
        })
    }

    /// True when nothing but punctuation, the end or a linking word ("of")
    /// follows token `end - 1`.
    fn ends_phrase(&self, end: usize) -> bool {
        let view = self.view;
        match view.tokens.get(end) {
            None => true,
            Some(token) if token.kind != TokenKind::Word => true,
            Some(_) => self.language.unit_links.longest_at(view, end).is_some(),
        }
    }

    /// A fraction written in words at `at` ("a half", "three fifths", "medio").
    fn fraction_phrase(&self, at: usize) -> Option<Number> {
        // A fraction in digits or signs ("⅔") is a number of its own.
        let first = self.view.token_text(at);
        if first.chars().count() == 1 && first.chars().all(|c| vulgar_fraction(c).is_some()) {
            return None;
        }
        let number = self.compose_with(at, Mode::Plain)?;
        (number.form.fraction && !number.form.ordinal && number.base < 1.0).then_some(number)
    }

    /// "point zero three", "coma veintiocho", "con un quinto": the whole read
    /// so far with its decimals (or fraction), and where they end.
    fn decimal_words(&self, at: usize, state: &State) -> Option<(f64, usize)> {
        let hit = self.language.decimal_words.longest_at(self.view, at)?;
        let whole = state.value();
        if whole.fract() != 0.0 {
            return None;
        }
        if let Some(fraction) = self.fraction_phrase(hit.end) {
            return Some((whole + fraction.value, fraction.end));
        }
        let mut digits = String::new();
        let mut position = hit.end;
        while let Some(part) = self.compose_with(position, Mode::Plain) {
            let in_words = part.form.in_words && !part.form.fraction && !part.form.ordinal;
            if !in_words || part.value.fract() != 0.0 || part.value < 0.0 {
                break;
            }
            digits.push_str(&format!("{}", part.value as u64));
            position = part.end;
        }
        if digits.is_empty() {
            return None;
        }
        let decimals: f64 = format!("0.{digits}").parse().ok()?;
        Some((whole + decimals, position))
    }

    /// The pieces at token `at` (several for a glued word), where they end,
    /// and whether the word carries a joiner as a proclitic. A word several
    /// lexicons know gives one alternative each ("ألفا": two thousand, or the
    /// scale after "35"), in order of precedence; the first that fits is taken.
    fn atoms_at(&self, at: usize, first: bool) -> Option<(Vec<Vec<Atom>>, usize, bool)> {
        let view = self.view;
        let language = self.language;
        let token = view.tokens.get(at)?;
        if token.kind == TokenKind::Number {
            let (atom, end) = self.digits_at(at)?;
            return Some((vec![vec![atom]], end, false));
        }
        if token.kind != TokenKind::Word {
            return None;
        }
        let text = view.token_text(at);
        let mut chars = text.chars();
        if let (Some(ch), None) = (chars.next(), chars.next())
            && let Some(value) = vulgar_fraction(ch)
        {
            return Some((vec![vec![Atom::Value(value)]], at + 1, false));
        }
        // A percent word ("بالمئة", "por ciento") is not a scale or a number
        // inside the number before it.
        if language.not_numbers.longest_at(view, at).is_some()
            || !first && language.percent_after.longest_at(view, at).is_some()
        {
            return None;
        }
        // Every lexicon's longest match here, in order of precedence among
        // matches of one length: numbers, scales, fractions, denominators,
        // ordinals, articles.
        let mut candidates: Vec<(Atom, usize, usize)> = Vec::new();
        if let Some(hit) = language.number_words.longest_at(view, at) {
            candidates.push((Atom::Value(*hit.value), hit.end, hit.first_proclitic));
        }
        if let Some(hit) = language.scales.longest_at(view, at) {
            let short = view.token_text(hit.start).chars().count() <= 2;
            candidates.push((
                Atom::Scale {
                    value: *hit.value,
                    short,
                },
                hit.end,
                hit.first_proclitic,
            ));
        }
        if let Some(hit) = language.fractions.longest_at(view, at) {
            // A word that is both a number and a fraction ("خمس", five or a
            // fifth) is the fraction only before a definite noun.
            let homograph = candidates
                .iter()
                .any(|(a, end, _)| matches!(a, Atom::Value(_)) && *end == hit.end);
            let fraction = (Atom::Fraction(*hit.value), hit.end, hit.first_proclitic);
            if homograph && self.definite_word_at(hit.end) {
                candidates.insert(0, fraction);
            } else {
                // Otherwise the number first, the fraction where the number
                // cannot go ("ثلاث وعشرون خمس", twenty-three fifths).
                candidates.push(fraction);
            }
        }
        if let Some(hit) = language.denominators.longest_at(view, at) {
            candidates.push((Atom::Denominator(*hit.value), hit.end, hit.first_proclitic));
        }
        if let Some(hit) = language.ordinals.longest_at(view, at) {
            candidates.push((Atom::Ordinal(*hit.value), hit.end, hit.first_proclitic));
        }
        if let Some(hit) = language.articles.longest_at(view, at) {
            candidates.push((Atom::Article, hit.end, hit.first_proclitic));
        }
        let longest = candidates.iter().map(|c| c.1).max();
        let best: Vec<(Atom, usize, usize)> = candidates
            .into_iter()
            .filter(|c| Some(c.1) == longest)
            .collect();
        if let Some(&(atom, end, proclitic)) = best.first() {
            if first && !matches!(atom, Atom::Article) && self.is_definite(at, proclitic) {
                return None;
            }
            let joined = proclitic > 0
                && language
                    .joiner_words
                    .iter()
                    .any(|j| text[..proclitic].starts_with(j.as_str()));
            let alternatives = best.iter().map(|&(atom, ..)| vec![atom]).collect();
            return Some((alternatives, end, joined));
        }
        let pieces = self.compound_atoms(at)?;
        Some((vec![pieces], at + 1, false))
    }

    /// A word glued out of number words, split into its pieces: the fewest
    /// pieces of the pack's morphemes that spell the whole word.
    fn compound_atoms(&self, at: usize) -> Option<Vec<Atom>> {
        let morphemes = &self.language.morphemes;
        if morphemes.is_empty() {
            return None;
        }
        let word = self.view.forms(at).next()?.0;
        let n = word.len();
        // best[i]: the fewest pieces spelling word[..i], and the last piece.
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0, usize::MAX));
        for start in 0..n {
            let Some((count, ..)) = best[start] else {
                continue;
            };
            if !word.is_char_boundary(start) {
                continue;
            }
            for (index, (piece, _)) in morphemes.iter().enumerate() {
                if word[start..].starts_with(piece.as_str()) {
                    let stop = start + piece.len();
                    if best[stop].is_none_or(|(c, ..)| count + 1 < c) {
                        best[stop] = Some((count + 1, start, index));
                    }
                }
            }
        }
        let (count, ..) = best[n]?;
        if count < 2 {
            return None;
        }
        let mut pieces = Vec::with_capacity(count);
        let mut stop = n;
        while stop > 0 {
            let (_, start, index) = best[stop]?;
            pieces.push(match morphemes[index].1 {
                Morpheme::Value(v) => Atom::Value(v),
                Morpheme::Scale(v) => Atom::Scale {
                    value: v,
                    short: false,
                },
                Morpheme::Fraction(v) => Atom::Fraction(v),
                Morpheme::Denominator(v) => Atom::Denominator(v),
                Morpheme::Ordinal(v) => Atom::Ordinal(v),
                Morpheme::Joiner => Atom::Joiner,
                Morpheme::DenominatorSuffix => Atom::Suffix,
            });
            stop = start;
        }
        pieces.reverse();
        // "doscientosavos", "dosmilésimos": the number the pieces before the
        // ending spell is a denominator.
        if let Some(position) = pieces.iter().position(|a| *a == Atom::Suffix) {
            if position + 1 != pieces.len() || position == 0 {
                return None;
            }
            let mut state = State::default();
            let mut joined = false;
            for atom in &pieces[..position] {
                if *atom == Atom::Joiner {
                    joined = true;
                    continue;
                }
                self.apply(&mut state, *atom, joined, true, true).ok()?;
                joined = false;
            }
            let denominator = state.value();
            if state.form.fraction || state.form.ordinal || denominator < 2.0 {
                return None;
            }
            return Some(vec![Atom::Denominator(denominator)]);
        }
        // A glued word starts and ends with a number, never with its joiner.
        if pieces.first() == Some(&Atom::Joiner) || pieces.last() == Some(&Atom::Joiner) {
            return None;
        }
        Some(pieces)
    }

    /// A digit run at `at` with what is glued to it: an exponent ("1.2e3",
    /// "1.1^23"), a fraction ("3/4"), a mixed number ("2 1/4", "2½").
    fn digits_at(&self, at: usize) -> Option<(Atom, usize)> {
        let view = self.view;
        let text = view.token_text(at);
        let mut value = super::parse_digits(text, self.language, &self.convention)?;
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
