//! Which figures the claim stage keeps: a figure that can be a claim
//! ([`can_be_claim`]), and what the reading passes over before looking up
//! a figure's role, qualifier and unit, as the claim stage would drop it
//! whatever they are ([`never_a_claim`]).

use super::{Figure, NounAfter, Role, counted_noun_before};
use crate::lexicon::TokenView;
use crate::model::Qualifier;
use crate::rules::Language;

/// Which numbers a reading of the figures keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Every one, with its role, as `crosscheck numbers --all` lists them.
    All,
    /// Those the claim stage may keep, as a claim or a year: a number it
    /// drops whatever its role, qualifier and unit are ([`never_a_claim`])
    /// is passed over once its words are known, before they are looked up.
    ClaimsAndYears,
}

/// True when a figure can be a claim: a figure (not an ordinal, a year or a
/// code), not zero, not a bare fraction, signed or in scientific notation,
/// not after an exclusion word, and, when small and in words, followed by
/// what it counts.
pub(super) fn can_be_claim(view: &TokenView, language: &Language, figure: &Figure) -> bool {
    if figure.role != Role::Figure || dropped_for_its_form(figure) {
        return false;
    }
    // What stands before a range's opener, or before the number itself (not
    // before its qualifier: "im vergangenen Jahr mehr als 10.000").
    let start = if figure.qualifier == Qualifier::Range {
        figure.lead_start
    } else {
        figure.start
    };
    !is_excluded(view, language, start, figure.end)
        && !small_words_counting_nothing(view, language, figure, figure.noun)
}

/// What [`can_be_claim`] and [`never_a_claim`] both drop for the figure's
/// form and value alone: zero, a bare fraction, a sign, an exponent, long
/// digits, the indefinite article.
fn dropped_for_its_form(figure: &Figure) -> bool {
    let form = figure.form;
    let bare_fraction = form.fraction && figure.value.is_some_and(|v| v.abs() < 1.0);
    figure.value == Some(0.0)
        || bare_fraction
        || form.negative
        || form.exponent
        || form.long_digits
        || form.indefinite
}

/// A small number in words, or a vague one, with no counted noun
/// (`noun`, `noun_after` at its end, or one before it): "one of them",
/// "dozens"; never a range.
fn small_words_counting_nothing(
    view: &TokenView,
    language: &Language,
    figure: &Figure,
    noun: Option<NounAfter>,
) -> bool {
    let form = figure.form;
    (form.in_words || form.vague) && figure.qualifier != Qualifier::Range && {
        let small = figure.value.is_some_and(|v| v < language.small_word_limit);
        (form.vague || small) && !counted_noun_before(view, language, figure.end, noun)
    }
}

/// True when the claim stage drops `figure` whatever `finish` would find
/// (its role, qualifier, percent words and unit) and it is no year: what
/// [`can_be_claim`] asks of its form and value alone (an ordinal, whose
/// role it decides, zero, a bare fraction, a sign, an exponent, long digits,
/// the indefinite article), and of the unit word after a small number in
/// words or a vague one (`noun`, `noun_after` at its end). Bare digits are
/// never passed over: they may be a year, which the claim stage keeps apart.
pub(super) fn never_a_claim(
    view: &TokenView,
    language: &Language,
    figure: &Figure,
    noun: Option<NounAfter>,
) -> bool {
    if figure.form.plain_digits && figure.qualifier != Qualifier::Range {
        return false;
    }
    // An ordinal: its role, which `finish` decides, is never a figure's.
    figure.form.ordinal
        || dropped_for_its_form(figure)
        || small_words_counting_nothing(view, language, figure, noun)
}

fn is_excluded(view: &TokenView, language: &Language, start: usize, end: usize) -> bool {
    if language.exclude_before.ending_at(view, start).is_some() {
        return true;
    }
    if language.exclude_after.longest_at(view, end).is_some() {
        return true;
    }
    (start.saturating_sub(3)..start).any(|at| {
        language
            .exclude_near_before
            .longest_at(view, at)
            .is_some_and(|hit| hit.end <= start)
    })
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::dates::find_dates;
    use crate::test_text::{StartIndex, with_view};

    /// Passing over the numbers the claim stage drops (`Keep::ClaimsAndYears`)
    /// keeps the figures and years that reading every number and then
    /// dropping them keeps, for random texts of figures, ordinals, articles,
    /// fractions, signs, years and percent words in five packs.
    #[test]
    fn passing_over_what_no_claim_takes_keeps_the_same_figures_and_years() {
        const PIECES: [(&str, &[&str]); 5] = [
            (
                "en",
                &[
                    "one",
                    "two",
                    "a",
                    "first",
                    "third",
                    "half",
                    "zero",
                    "0",
                    "12",
                    "2022",
                    "-3",
                    "minus",
                    "1e5",
                    "1234567890123456",
                    "thousands",
                    "dozens",
                    "of",
                    "soldiers",
                    "people",
                    "killed",
                    "about",
                    "percent",
                    "%",
                    "between",
                    "and",
                    "to",
                    "-",
                    "3/4",
                    "0.5",
                    "the",
                    "in",
                    "at",
                    "least",
                    "$",
                    "km",
                    "Article",
                    "#",
                    "5th",
                    ",",
                    ".",
                ],
            ),
            (
                "fr",
                &[
                    "un",
                    "une",
                    "deux",
                    "premier",
                    "deuxième",
                    "milliers",
                    "de",
                    "soldats",
                    "pour",
                    "cent",
                    "%",
                    "12",
                    "2022",
                    "-3",
                    "0",
                    "entre",
                    "et",
                    "moins",
                    "environ",
                    "morts",
                    "la",
                    "demi",
                    ".",
                ],
            ),
            (
                "de",
                &[
                    "ein",
                    "eine",
                    "einem",
                    "zwei",
                    "erste",
                    "Tausende",
                    "von",
                    "Soldaten",
                    "Prozent",
                    "%",
                    "12",
                    "2022",
                    "-3",
                    "0",
                    "zwischen",
                    "und",
                    "bis",
                    "etwa",
                    "Tote",
                    "halb",
                    "zweiundzwanzig",
                    ".",
                ],
            ),
            (
                "es",
                &[
                    "un", "una", "dos", "primera", "segunda", "miles", "de", "soldados", "por",
                    "ciento", "%", "12", "2022", "-3", "0", "entre", "y", "menos", "unos",
                    "muertos", "medio", "cero", ".",
                ],
            ),
            (
                "ar",
                &[
                    "واحد",
                    "اثنين",
                    "الأول",
                    "آلاف",
                    "من",
                    "الجنود",
                    "بالمئة",
                    "%",
                    "12",
                    "2022",
                    "-3",
                    "0",
                    "بين",
                    "و",
                    "نحو",
                    "قتيلا",
                    "نصف",
                    "عشرات",
                    ".",
                ],
            ),
        ];
        let rules = crate::rules::defaults_for_tests();
        let mut random = crate::test_random::TestRandom(17);
        for (code, pieces) in PIECES {
            let language = rules.language(code).unwrap();
            let mut passed_over = 0;
            for _ in 0..400 {
                let text = random.words(pieces, 30);
                with_view(&text, language, StartIndex::Built, |view| {
                    let dates = find_dates(view, language);
                    let (figures, years) = find_figures_and_years(view, language, &dates);
                    let mut every = read_figures(view, language, &dates);
                    let mut every_year = Vec::new();
                    let count = every.len();
                    every.retain(|figure| {
                        if figure.role == Role::Year {
                            every_year.push(figure.clone());
                            return false;
                        }
                        can_be_claim(view, language, figure)
                    });
                    assert_eq!(figures, every, "{code} {text:?}");
                    assert_eq!(years, every_year, "{code} {text:?}");
                    passed_over += count
                        - read_figures_keeping(view, language, &dates, Keep::ClaimsAndYears).len();
                });
            }
            assert!(passed_over > 100, "{code}: {passed_over} passed over");
        }
    }
}
