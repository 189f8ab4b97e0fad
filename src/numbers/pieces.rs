//! A number's pieces at one token ([`Atom`]s): a digit run, a word one of
//! the pack's lexicons knows, or a word glued out of number words
//! ("einhunderteinunddreißig"), split on the pack's morphemes. `words.rs`
//! joins the pieces into a number.

use smallvec::{SmallVec, smallvec};

use super::place::State;
use super::words::{Atom, Pieces};
use super::{Reader, vulgar_fraction};
use crate::normalize::TokenKind;
use crate::rules::Morpheme;

/// The readings of one word ([`Reader::atoms_at`]), in order of
/// precedence: one as a rule, so they are kept off the heap (a number's
/// every piece is read so).
pub(super) type Alternatives = SmallVec<[Pieces; 2]>;

impl Reader<'_> {
    /// The pieces at token `at` (several for a glued word), where they end,
    /// and whether the word carries a joiner as a proclitic. A word several
    /// lexicons know gives one alternative each ("ألفا": two thousand, or the
    /// scale after "35"), in order of precedence; the first that fits is taken.
    pub(super) fn atoms_at(&self, at: usize, first: bool) -> Option<(Alternatives, usize, bool)> {
        let view = self.view;
        let language = self.language;
        let token = view.tokens.get(at)?;
        if token.kind == TokenKind::Number {
            let (atom, end) = self.digits_at(at)?;
            return Some((smallvec![smallvec![atom]], end, false));
        }
        if token.kind != TokenKind::Word {
            return None;
        }
        let text = view.token_text(at);
        let mut chars = text.chars();
        if let (Some(ch), None) = (chars.next(), chars.next())
            && let Some(value) = vulgar_fraction(ch)
        {
            return Some((smallvec![smallvec![Atom::Value(value)]], at + 1, false));
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
        let mut candidates: SmallVec<[(Atom, usize, usize); 6]> = SmallVec::new();
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
        let best: SmallVec<[(Atom, usize, usize); 6]> = candidates
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
            let alternatives = best.iter().map(|&(atom, ..)| smallvec![atom]).collect();
            return Some((alternatives, end, joined));
        }
        let pieces = self.compound_atoms(at)?;
        Some((smallvec![pieces], at + 1, false))
    }

    /// The indexes of the pack's morphemes that may start `word[start..]`:
    /// those starting with its first byte, in the pack's order.
    pub(super) fn morphemes_starting(&self, word: &str, start: usize) -> &[usize] {
        word.as_bytes()
            .get(start)
            .and_then(|&byte| self.language.morphemes_by_byte.get(usize::from(byte)))
            .map_or(&[], Vec::as_slice)
    }

    /// A word glued out of number words, split into its pieces: the fewest
    /// pieces of the pack's morphemes that spell the whole word.
    fn compound_atoms(&self, at: usize) -> Option<Pieces> {
        let morphemes = &self.language.morphemes;
        if morphemes.is_empty() {
            return None;
        }
        let word = self.view.forms(at).next()?.0;
        // Most words after a number start with no piece: turned away before
        // the table of spellings is made.
        if !self
            .morphemes_starting(word, 0)
            .iter()
            .any(|&index| word.starts_with(morphemes[index].0.as_str()))
        {
            return None;
        }
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
            for &index in self.morphemes_starting(word, start) {
                let piece = &morphemes[index].0;
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
        let mut pieces = Pieces::with_capacity(count);
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
            return Some(smallvec![Atom::Denominator(denominator)]);
        }
        // A glued word starts and ends with a number, never with its joiner.
        if pieces.first() == Some(&Atom::Joiner) || pieces.last() == Some(&Atom::Joiner) {
            return None;
        }
        Some(pieces)
    }
}
