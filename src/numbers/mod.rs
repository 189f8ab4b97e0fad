//! Reading numbers: every number a text writes, in digits or in words.
//!
//! Input: the tokens of a document ([`TokenView`]), its language pack and the
//! document's [`Convention`] for `,` and `.`. Output: [`Number`]s, each the
//! tokens that write it and its value: digits in any script with any grouping
//! ("1 234 567,89", "١٢٬٠٠٠"), scientific forms ("1.2e3", "1.1^23"), digit
//! fractions and mixed numbers ("3/4", "2 1/4", "2½"), number words composed
//! by the pack's words and scales ("three hundred and twenty-one", "ثلاث مائة
//! وواحد وثلاثون", "einunddreißig" read from its pieces), digits with scale
//! words ("4 thousand 3 hundred"), fractions in words ("two thirds", "one and
//! a half", "ثلثان"), decimals in words ("two point five"), a sign ("-4",
//! "minus five"), and ordinals, which are read so that they are kept apart
//! ([`Form::ordinal`]), never counted.
//!
//! Every word comes from the language pack (`[numbers]`); this module holds
//! how they compose: a scale multiplies what comes before it down to the last
//! larger scale ("dos mil millones" = 2,000 × 1,000,000), tens take a smaller
//! unit after them ("twenty-one", "quatre-vingt-dix-neuf") or, in packs that
//! say so, before them ("واحد وعشرون"), a fraction after a joiner adds to the
//! whole before it ("cinco y medio"), and a joiner never glues two numbers
//! that cannot form one ("between two and three thousand" stays two numbers).
//! [`crate::figures`] builds figures (ranges, qualifiers, units) on top.

pub mod digits;
mod notation;
mod pieces;
mod place;
mod starts;
mod words;

pub use digits::{Convention, parse_digits};
pub use starts::with_starts;

use std::cell::OnceCell;

use crate::lexicon::{StartMask, TokenView};
use crate::normalize::{Punct, Token, TokenKind, groups_digits_with_spaces, tokenize_with};
use crate::rules::Language;

/// Cuts a document's normalised text into tokens as every stage that reads
/// its numbers must: spaces group digits ("14 000") where the language does,
/// or where the document itself shows it does ("1 234 567").
pub fn tokenize(text: &str, language: &Language) -> Vec<Token> {
    tokenize_with(text, groups_with_spaces(text, language))
}

/// Whether plain spaces group digits in this text: where its language does,
/// or where the text itself shows it ("1 234 567").
pub fn groups_with_spaces(text: &str, language: &Language) -> bool {
    language.group_separators.contains(&' ') || groups_digits_with_spaces(text)
}

/// How a number is written, as far as the stages after reading care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Form {
    /// At least one number word ("three", "ألف" alone, "dreißig").
    pub in_words: bool,
    /// A vague quantity ("thousands", "عشرات"): its value is the least it can mean.
    pub vague: bool,
    /// Bare digits with no mark, scale or fraction ("2022"): what a year looks like.
    pub plain_digits: bool,
    /// A fraction is part of it ("3/4", "two thirds", "one and a half", "half").
    pub fraction: bool,
    /// Written with a sign or a word for minus.
    pub negative: bool,
    /// Written in scientific notation ("1.2e3", "1.1^23").
    pub exponent: bool,
    /// An ordinal ("fifth", "vingt et unième"): not a count, kept apart.
    pub ordinal: bool,
    /// Digits longer than a quantity is ever written (more than twelve): an identifier.
    pub long_digits: bool,
    /// The indefinite article alone ("une semaine"): one, but not a claim.
    pub indefinite: bool,
}

/// A number read from tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The first token: the sign, or the first digit or word.
    pub start: usize,
    /// The token after the last one of the number.
    pub end: usize,
    /// Its value, signed.
    pub value: f64,
    /// The value before its last scale word, for distributing a scale over a
    /// range ("between 10 and 12 thousand"): `value == base * scale`.
    pub base: f64,
    /// The last scale applied to the whole ("thousand" in "12 thousand").
    pub scale: Option<f64>,
    /// How it is written.
    pub form: Form,
}

/// Reads numbers from one document.
pub struct Reader<'a> {
    /// The document's tokens.
    pub view: &'a TokenView<'a>,
    /// Its language pack.
    pub language: &'a Language,
    /// How the document itself uses `,` and `.` in numbers: read from all
    /// its numbers the first time a number needs it (see
    /// [`Reader::convention`]).
    convention: OnceCell<Convention>,
    /// Tokens among which every digit run of the view is, when known (see
    /// [`Reader::among`]); the convention is read from them.
    number_tokens: Option<&'a [usize]>,
    /// Every lexicon a number's next piece is looked up in (see
    /// `Reader::ends_before`).
    next_piece: StartMask,
}

impl<'a> Reader<'a> {
    /// A reader for `view`, with the convention its own numbers show.
    pub fn new(view: &'a TokenView<'a>, language: &'a Language) -> Reader<'a> {
        Reader {
            view,
            language,
            convention: OnceCell::new(),
            number_tokens: None,
            next_piece: words::next_piece_lexicons(language),
        }
    }

    /// This reader, told that every digit run of its view is among the
    /// tokens `starts` (as [`with_starts`] gives them): the convention is
    /// read from those, a few, not from every token.
    pub fn among(self, starts: &'a [usize]) -> Reader<'a> {
        Reader {
            number_tokens: Some(starts),
            ..self
        }
    }

    /// How the document uses `,` and `.` where its numbers leave no doubt.
    /// Only a number with one mark before exactly three digits ("4.800")
    /// asks it: a pass over every token, made at the first such number,
    /// none in a document without one.
    pub fn convention(&self) -> &Convention {
        self.convention.get_or_init(|| {
            let view = self.view;
            let text = |token: &Token| token.text(view.text);
            let number = |token: &&Token| token.kind == TokenKind::Number;
            match self.number_tokens {
                Some(starts) => Convention::of(
                    starts
                        .iter()
                        .map(|&at| &view.tokens[at])
                        .filter(number)
                        .map(text),
                ),
                None => Convention::of(view.tokens.iter().filter(number).map(text)),
            }
        })
    }

    /// The number that starts at token `at`, if one does.
    ///
    /// Most words and marks start no number: one look-up (a bit of the
    /// view's start index) turns them away before the score of look-ups
    /// reading one takes. That test is inlined where the reader is asked,
    /// at every token of a text; only the rest is a call.
    #[inline(always)]
    pub fn read(&self, at: usize) -> Option<Number> {
        let token = self.may_start(at)?;
        self.read_here(at, token)
    }

    /// The token at `at` when a number may start there (see
    /// [`Reader::read`]): the test alone, for a caller that has more to
    /// ask of the few tokens that pass it before reading.
    ///
    /// `number_starts` is asked for its start bit only, not matched: nearly
    /// every word whose bit is set is one of its phrases, which the reader
    /// then looks up again in the lexicon it belongs to; a word that is
    /// none reads nothing there, as every look-up the reader makes at a
    /// word is of a lexicon `number_starts` holds, or ends the reading.
    #[inline(always)]
    pub fn may_start(&self, at: usize) -> Option<&'a Token> {
        let view = self.view;
        let token = view.tokens.get(at)?;
        let may_read = match token.kind {
            TokenKind::Number | TokenKind::Punct(Punct::Dash) => true,
            TokenKind::Word => {
                self.language.number_starts.may_start_at(view, at)
                    || is_vulgar_fraction(view, token)
            }
            // Another mark starts a number only as a word for minus or a
            // leading decimal mark, which is glued to digits.
            TokenKind::Punct(_) => {
                self.language.number_starts.may_start_at(view, at)
                    || (view.tokens.get(at + 1))
                        .is_some_and(|next| next.kind == TokenKind::Number && !next.space_before)
            }
        };
        may_read.then_some(token)
    }

    /// [`Reader::read`] at token `at` (`token`), which may start a number.
    #[inline(never)]
    pub fn read_here(&self, at: usize, token: &Token) -> Option<Number> {
        let view = self.view;
        // A word for minus, or a dash glued to the digits after it and apart
        // from what is before it ("-4", "(-4)", not "10-12" or "KN-23").
        let number = if let Some(hit) = self.language.negative.longest_at(view, at) {
            negated(self.read_unsigned(hit.end)?, at)
        } else if token.punct() == Some(Punct::Dash) && self.is_sign(at) {
            negated(self.read_unsigned(at + 1)?, at)
        } else {
            self.read_unsigned(at)?
        };
        // Asked only where a number would start: it is rarer than a word.
        (!self.in_not_number(at)).then_some(number)
    }

    /// True when a phrase the pack says is not a number ("the one", "un
    /// poco"), or a percent phrase, covers token `at`.
    fn in_not_number(&self, at: usize) -> bool {
        const LONGEST: usize = 4;
        let language = self.language;
        // A loop, not `any` with a closure: the closure was a call at each
        // start, most of which end at the start bits.
        for start in at.saturating_sub(LONGEST)..=at {
            let view = self.view;
            if (language.not_numbers.longest_at(view, start)).is_some_and(|hit| hit.end > at) {
                return true;
            }
            // "ciento" in a "por ciento" that follows no number.
            if start < at
                && (language.percent_after.longest_at(view, start)).is_some_and(|hit| hit.end > at)
            {
                return true;
            }
        }
        false
    }

    /// A dash at `at` that is a minus sign.
    fn is_sign(&self, at: usize) -> bool {
        let tokens = self.view.tokens;
        let Some(next) = tokens.get(at + 1) else {
            return false;
        };
        if next.kind != TokenKind::Number || next.space_before {
            return false;
        }
        if at == 0 {
            return true;
        }
        let previous = tokens[at - 1];
        let apart = tokens[at].space_before
            || matches!(
                previous.punct(),
                Some(Punct::Parenthesis | Punct::Bracket | Punct::Quote)
            );
        apart && previous.kind != TokenKind::Number
    }

    /// A number without a sign: a leading decimal mark (".25"), digits, a
    /// vague quantity or words, with a fraction link after ("one out of three").
    fn read_unsigned(&self, at: usize) -> Option<Number> {
        let view = self.view;
        let token = view.tokens.get(at)?;
        // A mark starts no number but a leading decimal: `compose` reads
        // pieces from digits and words only.
        if token.is_punct() {
            return self.leading_decimal(at);
        }
        if token.kind == TokenKind::Word
            && let Some(hit) = self.language.vague.longest_at(view, at)
            && !self
                .compose(at)
                .is_some_and(|n| n.end > hit.end && !n.form.ordinal)
            && !self.is_definite(at, hit.first_proclitic)
        {
            return Some(Number {
                start: at,
                end: hit.end,
                value: *hit.value,
                base: *hit.value,
                scale: None,
                form: Form {
                    in_words: true,
                    vague: true,
                    ..Form::default()
                },
            });
        }
        let number = self.compose(at)?;
        Some(self.fraction_link(number).unwrap_or(number))
    }

    /// ".25", ",08": a decimal mark of the language, apart from what is before
    /// it, glued to digits.
    fn leading_decimal(&self, at: usize) -> Option<Number> {
        let view = self.view;
        let token = view.tokens[at];
        if !token.is_punct() {
            return None;
        }
        let mark = view.token_text(at).chars().next()?;
        let next = view.tokens.get(at + 1)?;
        let fits = self.language.decimal_separators.contains(&mark)
            && (token.space_before || at == 0)
            && next.kind == TokenKind::Number
            && !next.space_before
            && view.token_text(at + 1).bytes().all(|b| b.is_ascii_digit());
        if !fits {
            return None;
        }
        let value: f64 = format!("0.{}", view.token_text(at + 1)).parse().ok()?;
        Some(Number {
            start: at,
            end: at + 2,
            value,
            base: value,
            scale: None,
            form: Form::default(),
        })
    }

    /// "one out of three", "1 على 21": a smaller number over a larger one.
    fn fraction_link(&self, first: Number) -> Option<Number> {
        // A proportion is told with a small numerator ("one in five", "3 von
        // 10"); "2,000 out of 10,000 troops" states two figures.
        const LARGEST_NUMERATOR: f64 = 100.0;
        if first.form.fraction
            || first.form.ordinal
            || first.form.vague
            || first.value <= 0.0
            || first.value >= LARGEST_NUMERATOR
        {
            return None;
        }
        let link = self
            .language
            .fraction_links
            .longest_at(self.view, first.end)?;
        let second = self.compose(link.end)?;
        let year_like = second.form.plain_digits && (1800.0..=2100.0).contains(&second.value);
        // "3 in 5 days" is a count and a duration, not three fifths.
        let duration = self
            .language
            .units
            .longest_at(self.view, second.end)
            .is_some_and(|hit| self.language.time_units.contains(hit.value));
        if second.form.fraction
            || duration
            || second.form.ordinal
            || year_like
            || second.value < 2.0
            || first.value >= second.value
        {
            return None;
        }
        let value = first.value / second.value;
        Some(Number {
            start: first.start,
            end: second.end,
            value,
            base: value,
            scale: None,
            form: Form {
                in_words: first.form.in_words || second.form.in_words,
                fraction: true,
                ..Form::default()
            },
        })
    }

    /// A number word with the definite article is an ordinal or "the N", not a count.
    fn is_definite(&self, at: usize, proclitic_len: usize) -> bool {
        let Some(article) = &self.language.definite_article else {
            return false;
        };
        proclitic_len > 0 && self.view.token_text(at)[..proclitic_len].ends_with(article.as_str())
    }

    /// True when the word at `at` carries the definite article: a fraction
    /// word that is also a number word ("خمس") is the fraction before such a
    /// noun ("خمس الفطيرة", a fifth of the pie).
    fn definite_word_at(&self, at: usize) -> bool {
        let Some(article) = &self.language.definite_article else {
            return false;
        };
        let Some(token) = self.view.tokens.get(at) else {
            return false;
        };
        let text = self.view.token_text(at);
        token.kind == TokenKind::Word
            && self
                .view
                .forms(at)
                .any(|(_, stripped)| stripped > 0 && text[..stripped].ends_with(article.as_str()))
    }
}

/// A vulgar fraction ("½") alone: a number of its own, with no word of the
/// pack. Any other word of one character no number lexicon starts reads
/// nothing: every look-up [`Reader::read_here`] makes there is of a
/// lexicon in `number_starts` (the sign, the vague words, the number
/// words, scales, fractions, denominators, ordinals, articles, and the
/// glued words' pieces as prefixes) or ends the reading (`not_numbers`).
/// Asked at most words of a text, which start no number: the first byte is
/// tested first, then the length, and only a word of one character is
/// decoded.
#[inline(always)]
fn is_vulgar_fraction(view: &TokenView, token: &Token) -> bool {
    // Every vulgar fraction is U+00BC to U+00BE or U+2150 to U+215E: the
    // first byte turns away nearly every word a reader is asked about,
    // without a call.
    matches!(view.text.as_bytes().get(token.start), Some(0xC2 | 0xE2))
        && is_vulgar_fraction_token(view, token)
}

/// [`is_vulgar_fraction`] once the first byte may start one.
fn is_vulgar_fraction_token(view: &TokenView, token: &Token) -> bool {
    let Some(bytes) = view.text.as_bytes().get(token.start..token.end) else {
        return false;
    };
    is_one_char(bytes)
        && view.text[token.start..token.end]
            .chars()
            .next()
            .and_then(vulgar_fraction)
            .is_some()
}

/// One character, told from the bytes of a token's text (whole
/// characters, as every token is): its first byte says how long its first
/// character is.
fn is_one_char(bytes: &[u8]) -> bool {
    let Some(&first) = bytes.first() else {
        return false;
    };
    let width = match first {
        0..0x80 => 1,
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    };
    bytes.len() == width
}

/// The same number with its sign, starting at the sign.
fn negated(number: Number, start: usize) -> Number {
    Number {
        start,
        value: -number.value,
        base: -number.base,
        form: Form {
            negative: true,
            ..number.form
        },
        ..number
    }
}

/// The value of a vulgar fraction character ("½", "¾").
fn vulgar_fraction(ch: char) -> Option<f64> {
    let (numerator, denominator) = match ch {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅐' => (1, 7),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        '⅑' => (1, 9),
        '⅒' => (1, 10),
        _ => return None,
    };
    Some(f64::from(numerator) / f64::from(denominator))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_vulgar_fraction` turns a word away by its first byte: no vulgar
    /// fraction starts with another.
    #[test]
    fn every_vulgar_fraction_starts_with_a_byte_the_reader_lets_through() {
        let mut found = 0;
        for ch in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if vulgar_fraction(ch).is_some() {
                let mut bytes = [0; 4];
                let first = ch.encode_utf8(&mut bytes).as_bytes()[0];
                assert!(matches!(first, 0xC2 | 0xE2), "{ch}");
                found += 1;
            }
        }
        assert_eq!(found, 18);
    }
}
