//! Composing a number from its pieces: digits, number words, scale words,
//! fractions and decimals, in the order the text writes them.
//!
//! Input: the token where a number may start. Output: the [`Number`] written
//! there, if any. Pieces ([`Atom`]s) come from the pack's lexicons, from a
//! digit run (`notation.rs`), or from a word glued out of number words
//! ("einhunderteinunddreißig", split on the pack's `compound-joiners`);
//! `pieces.rs` finds them at a token, this module the joiners between them,
//! and `place.rs` adds them up: a scale multiplies what comes before it down to the last larger scale;
//! a value joins the one before only where their places cannot overlap; a
//! fraction after a joiner adds to the whole ("one and a half"), after a
//! numerator divides it ("three fifths"). Invariant: a piece that cannot join
//! ends the number before it (and before its joiner).

use super::place::{Last, State, Stop};
use super::{Number, Reader, is_vulgar_fraction, vulgar_fraction};
use crate::lexicon::StartMask;
use crate::normalize::{Punct, TokenKind};
use crate::rules::{Language, Morpheme};
use smallvec::SmallVec;

/// One piece of a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Atom {
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

/// The pieces one word gives: one, or several for a glued word.
pub(super) type Pieces = SmallVec<[Atom; 4]>;

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

/// The lexicons [`Reader::compose_with`] asks at the token after a piece
/// (see [`Reader::ends_before`]).
pub(super) fn next_piece_lexicons(language: &Language) -> StartMask {
    StartMask::new()
        .with(&language.number_starts)
        .with(&language.number_words)
        .with(&language.scales)
        .with(&language.fractions)
        .with(&language.denominators)
        .with(&language.ordinals)
        .with(&language.articles)
        .with(&language.joiners)
        .with(&language.unit_links)
        .with(&language.decimal_words)
        .with(&language.not_numbers)
        .with(&language.percent_after)
}

impl Reader<'_> {
    /// Composes the number starting at `at`.
    pub(super) fn compose(&self, at: usize) -> Option<Number> {
        self.compose_with(at, Mode::Full)
    }

    pub(super) fn compose_with(&self, at: usize, mode: Mode) -> Option<Number> {
        // Most numbers start with a digit run: its one piece is read and
        // taken straight, as the loop's first step takes it (alone, on an
        // empty number, it always fits), without the table of alternatives
        // a word's readings need.
        match self.view.tokens.get(at) {
            Some(token) if token.kind == TokenKind::Number => {
                let (atom, atom_end) = self.digits_at(at)?;
                let mut state = State::default();
                let glued = !token.space_before;
                self.apply(&mut state, atom, false, false, glued).ok()?;
                self.compose_from(at, mode, state, atom_end)
            }
            _ => self.compose_from(at, mode, State::default(), at),
        }
    }

    /// [`Reader::compose_with`] from the number `state` read from `at` up
    /// to `position`.
    fn compose_from(
        &self,
        at: usize,
        mode: Mode,
        mut state: State,
        mut position: usize,
    ) -> Option<Number> {
        let view = self.view;
        let mut end = position;
        let mut checkpoint: Option<(State, usize)> = None;
        loop {
            // Most numbers end at the word or the mark after them: told by
            // the start bits at once, not by a dozen look-ups there.
            if state.any() && self.ends_before(position) {
                break;
            }
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
            let mut chosen: Option<(State, &Pieces)> = None;
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

    /// True when nothing at token `at` can go on a number begun before it:
    /// the end of the text, or a word or a mark (not a dash) where none of
    /// the lexicons the loop of [`Reader::compose_with`] asks has a phrase
    /// starting, that is no vulgar fraction (a piece of its own) and starts
    /// no glued number word (`number_starts` holds every morpheme as a
    /// prefix). There every step of the loop finds nothing: no joiner,
    /// hyphen or joiner written apart (`skip_joiner`), no linking word or
    /// article before a scale (`skip_to_scale`), no fraction after a
    /// proclitic joiner (it would have to start here), no decimal word and
    /// no piece (`atoms_at`), so the loop would end here as this does.
    fn ends_before(&self, at: usize) -> bool {
        let view = self.view;
        let Some(token) = view.tokens.get(at) else {
            return true;
        };
        let may_be_piece = match token.kind {
            TokenKind::Number | TokenKind::Punct(Punct::Dash) => true,
            TokenKind::Punct(_) => false,
            TokenKind::Word => is_vulgar_fraction(view, token),
        };
        !may_be_piece && !view.may_start_any(&self.next_piece, at)
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
        // The word's first form, found once for all the pack's joiners.
        let apart = view
            .tokens
            .get(at)
            .is_some_and(|t| t.kind == TokenKind::Word)
            && view.forms(at).next().is_some_and(|(word, _)| {
                self.morphemes_starting(word, 0)
                    .iter()
                    .map(|&index| &self.language.morphemes[index])
                    .any(|(piece, kind)| *kind == Morpheme::Joiner && word == piece)
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
        // "dos con" at the end of a text: "con" asks for a fraction after it,
        // and there is no token left to read one from.
        if at >= self.view.len() {
            return None;
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{Lexicon, TokenView};
    use crate::normalize::NormalizedText;
    use crate::numbers::tokenize;
    use crate::test_random::TestRandom;

    /// Pieces of numbers and the words and marks around them, by language.
    const PIECES: [(&str, &[&str]); 5] = [
        (
            "en",
            &[
                "one",
                "two",
                "twenty",
                "hundred",
                "thousand",
                "million",
                "a",
                "an",
                "and",
                "half",
                "third",
                "thirds",
                "fifth",
                "point",
                "five",
                "-",
                ",",
                ".",
                "%",
                "percent",
                "per",
                "cent",
                "of",
                "the",
                "people",
                "killed",
                "1,200",
                "3",
                "12",
                "½",
                "2/3",
                "first",
                "dozen",
                "out",
                "in",
                "thousands",
                "(",
                "x",
            ],
        ),
        (
            "es",
            &[
                "uno",
                "una",
                "dos",
                "veinte",
                "treinta",
                "y",
                "cinco",
                "cien",
                "mil",
                "millones",
                "medio",
                "coma",
                "con",
                "quinto",
                "cuartos",
                "por",
                "ciento",
                "de",
                "un",
                "poco",
                "muertos",
                "1.500",
                "7,8",
                "-",
                ",",
                "doscientosavos",
                "dosmil",
                "tres",
            ],
        ),
        (
            "de",
            &[
                "ein",
                "eine",
                "zwei",
                "drei",
                "zwanzig",
                "hundert",
                "tausend",
                "einundzwanzig",
                "dreihundert",
                "und",
                "halb",
                "drittel",
                "komma",
                "prozent",
                "menschen",
                "fünf",
                "viertel",
                "millionen",
                "10.000",
                "-",
                ",",
                "getötet",
                "i",
            ],
        ),
        (
            "fr",
            &[
                "un", "une", "deux", "vingt", "et", "cent", "mille", "millions", "quart", "demi",
                "virgule", "pour", "morts", "quatre", "dix", "neuf", "-", ",", "unième", "1 200",
                "à", "¼", "y",
            ],
        ),
        (
            "ar",
            &[
                "واحد",
                "ثلاث",
                "عشرون",
                "و",
                "ألف",
                "ألفا",
                "مليون",
                "نصف",
                "ونصف",
                "ثلثان",
                "خمس",
                "الفطيرة",
                "بالمئة",
                "في",
                "المئة",
                "قتيلا",
                "بين",
                "12",
                "،",
                "-",
                "آلاف",
                "من",
            ],
        ),
    ];

    /// The start bits' answer at the token after a piece (`ends_before`)
    /// changes no number: every token of random texts read with it and
    /// with a mask that cannot tell (which asks every look-up as before);
    /// and the test `Reader::read` makes at every token before reading
    /// turns away no number.
    /// `text` normalised, tokenized and indexed as the reader meets it.
    fn with_view(text: &str, language: &Language, check: impl FnOnce(&TokenView, &str)) {
        let normalized = NormalizedText::new(text, 0).text;
        let tokens = tokenize(&normalized, language);
        let view = TokenView::new(
            &normalized,
            &tokens,
            &language.proclitics,
            &language.contractions,
        )
        .with_start_index(&language.starts);
        check(&view, &normalized);
    }

    #[test]
    fn ending_by_the_start_bits_reads_what_the_lookups_read() {
        let rules = crate::rules::defaults_for_tests();
        let mut random = TestRandom(12);
        let no_slot: Lexicon<()> = Lexicon::new();
        for (code, pieces) in PIECES {
            let language = rules.language(code).unwrap();
            let mut ended = 0;
            for _ in 0..300 {
                let count = 4 + random.below(20);
                let text: Vec<&str> = (0..count).map(|_| random.pick(pieces)).collect();
                with_view(&text.join(" "), language, |view, normalized| {
                    let fast = Reader::new(view, language);
                    let slow = Reader {
                        next_piece: StartMask::new().with(&no_slot),
                        ..Reader::new(view, language)
                    };
                    for at in 0..view.len() {
                        for mode in [Mode::Full, Mode::Plain] {
                            assert_eq!(
                                fast.compose_with(at, mode),
                                slow.compose_with(at, mode),
                                "{code} {normalized:?} at {at}"
                            );
                        }
                        assert_eq!(
                            fast.read(at),
                            slow.read(at),
                            "{code} {normalized:?} at {at}"
                        );
                        ended += usize::from(fast.ends_before(at));
                    }
                });
            }
            assert!(ended > 200, "{code}: the start bits ended {ended} numbers");
        }
    }

    /// The reader's test at every token (`Reader::may_start`, a start bit
    /// of `number_starts`, not a match) turns away no number: reading
    /// every token of random texts without it reads the same.
    #[test]
    fn the_start_bit_before_reading_turns_away_no_number() {
        let rules = crate::rules::defaults_for_tests();
        let mut random = TestRandom(16);
        for (code, pieces) in PIECES {
            let language = rules.language(code).unwrap();
            let mut numbers = 0;
            for _ in 0..300 {
                let count = 4 + random.below(20);
                let text: Vec<&str> = (0..count).map(|_| random.pick(pieces)).collect();
                with_view(&text.join(" "), language, |view, normalized| {
                    let reader = Reader::new(view, language);
                    for (at, token) in view.tokens.iter().enumerate() {
                        let read = reader.read_here(at, token);
                        assert_eq!(reader.read(at), read, "{code} {normalized:?} at {at}");
                        numbers += usize::from(read.is_some());
                    }
                });
            }
            assert!(numbers > 300, "{code}: {numbers} numbers read");
        }
    }

    /// Digits and what may be glued to them or follow them, in any pack.
    const DIGIT_PIECES: [&str; 22] = [
        "2",
        "12",
        "1,200",
        "1.5",
        "3/4",
        "2 1/4",
        "2½",
        "1.2e3",
        "1.1^23",
        "1.3x10^6",
        "5/17/2018",
        "4k",
        "12,5",
        "0",
        "1234567890123456",
        "10.000",
        "-3",
        "e",
        "^",
        "/",
        "x",
        "10",
    ];

    /// A digit run's piece taken straight (`compose_with`) reads what the
    /// loop reads from its first step (`compose_from` on an empty number),
    /// at every token of random texts of digits, number words and marks.
    #[test]
    fn a_digit_run_taken_straight_reads_what_the_loop_reads() {
        let rules = crate::rules::defaults_for_tests();
        let mut random = TestRandom(14);
        for (code, pieces) in PIECES {
            let language = rules.language(code).unwrap();
            let mut read = 0;
            for _ in 0..400 {
                let count = 2 + random.below(16);
                let text: Vec<&str> = (0..count)
                    .map(|_| match random.below(2) {
                        0 => random.pick(&DIGIT_PIECES),
                        _ => random.pick(pieces),
                    })
                    .collect();
                with_view(&text.join(" "), language, |view, normalized| {
                    let reader = Reader::new(view, language);
                    for at in 0..view.len() {
                        for mode in [Mode::Full, Mode::Plain] {
                            let fast = reader.compose_with(at, mode);
                            let slow = reader.compose_from(at, mode, State::default(), at);
                            assert_eq!(fast, slow, "{code} {normalized:?} at {at}");
                            read += usize::from(fast.is_some());
                        }
                    }
                });
            }
            assert!(read > 1000, "{code}: {read} numbers read");
        }
    }

    #[test]
    fn a_fraction_word_at_the_end_of_the_text_reads_the_number_before_it() {
        // "con" and "coma" announce a fraction or decimals; at the end of a
        // text there is none, and reading one used to index past the tokens.
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language("es").unwrap();
        for text in ["Murieron dos con", "Murieron dos coma", "dos con"] {
            with_view(text, language, |view, _| {
                let reader = Reader::new(view, language);
                let two = view.len() - 2;
                let number = reader.read(two).expect(text);
                assert_eq!(number.value, 2.0, "{text}");
                for at in 0..view.len() {
                    reader.read(at);
                }
            });
        }
    }
}
