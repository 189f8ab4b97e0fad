//! Finding figures: the numbers a text states, with their qualifier.
//!
//! Input: the tokens of a document, its language pack, and the dates found in
//! it. Output: [`Figure`]s, built on the numbers [`crate::numbers`] reads:
//! single numbers, ranges ("بين 10 و12 ألف", the scale distributed), vague
//! quantities ("thousands of"), each with the qualifier around it (about, at
//! least, up to), a percent sign or word and a unit written beside it.
//!
//! [`read_figures`] reports every number with its [`Role`]: a figure, or what
//! it is when it is not one (an ordinal, a year, a code such as "KN-23" or a
//! phone number); dates are left out. `crosscheck numbers` shows the figures.
//! [`find_figures`] keeps those that can be claims, by the claim stage's own
//! filters (exclusion words such as "Article 4", small numbers in words with
//! no counted noun, fractions, signs): both read the text the same way.

mod in_date;
mod keep;
mod role;

use crate::dates::{DateMention, find_dates};
use crate::lexicon::TokenView;
use crate::model::{FoundFigure, Qualifier};
use crate::normalize::{NormalizedText, Punct, TokenKind};
use crate::numbers::{Form, Number, Reader};
use crate::read::Document;
use crate::rules::{Language, RuleSet};
use in_date::InDate;
use keep::{Keep, can_be_claim, never_a_claim};
use role::{
    glued_letters_after, is_glued_code, is_year_value, looks_like_year, matches_exclusion_pattern,
};

/// A figure found in text. Token indexes refer to the document's token list.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Tokens stating the figure: the number and its scale words, for a range both ends.
    pub start: usize,
    /// The token after the figure's last.
    pub end: usize,
    /// A single figure; `None` for a range.
    pub value: Option<f64>,
    /// A range's lower end; `None` for a single figure.
    pub low: Option<f64>,
    /// A range's upper end; `None` for a single figure.
    pub high: Option<f64>,
    /// From the qualifier phrases around it; `Range` for a range.
    pub qualifier: Qualifier,
    /// A vague quantity ("thousands"): `value` is the smallest it can mean.
    pub vague: bool,
    /// Tokens taken by a qualifier or a range opener before the figure.
    pub lead_start: usize,
    /// The first token after the figure and any qualifier after it.
    pub tail_end: usize,
    /// How its (first) number is written.
    pub form: Form,
    /// Whether it is a figure, and what it is when it is not.
    pub role: Role,
    /// A percentage: its words (`words_start..words_end`) include the percent
    /// sign or word ("27%", "ثلاثين بالمئة", "percent of 10").
    pub percent: bool,
    /// The first token `numbers` reports: the figure's, or a percent phrase before it.
    pub words_start: usize,
    /// The token after the last one `numbers` reports, its percent words included.
    pub words_end: usize,
    /// A unit written right beside it ("$20", "3 years"): an index into the rules' units.
    pub unit: Option<usize>,
    /// The unit word after it, as [`noun_after`] finds it at `end`: looked
    /// up once for the figure's role and qualifier and for its claim.
    pub noun: Option<NounAfter>,
    /// The unit phrase ending right where it starts ("$"), as (its first
    /// token, the unit): looked up once, as `noun` is.
    pub unit_before: Option<(usize, usize)>,
}

/// The unit word after a figure (see [`noun_after`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NounAfter {
    /// Its first token: no unit phrase starts at a token between the
    /// figure and it.
    pub start: usize,
    /// The unit: an index into the rules' units.
    pub unit: usize,
    /// The token after it.
    pub end: usize,
}

impl Figure {
    /// A figure with no value standing at tokens `start..end`: words that take
    /// a figure's place for the stages that look around one (a denial).
    pub fn standing_at(start: usize, end: usize) -> Figure {
        Figure {
            start,
            end,
            value: None,
            low: None,
            high: None,
            qualifier: Qualifier::Exact,
            vague: false,
            lead_start: start,
            tail_end: end,
            form: Form::default(),
            role: Role::Figure,
            percent: false,
            words_start: start,
            words_end: end,
            unit: None,
            noun: None,
            unit_before: None,
        }
    }
}

/// What a number read from the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A figure: a quantity the text states.
    Figure,
    /// An ordinal ("the fifth", "vingt et unième"): a rank, not a count.
    Ordinal,
    /// A year standing alone ("in 2022").
    Year,
    /// Part of a name or an identifier: "KN-23", "F16", "5G", a phone number,
    /// an address, whatever the pack's exclusion patterns match.
    Code,
}

impl Role {
    /// The role as `crosscheck numbers --all` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Figure => "figure",
            Role::Ordinal => "ordinal",
            Role::Year => "year",
            Role::Code => "code",
        }
    }
}

/// Every figure of a document, as `crosscheck numbers` lists them; with
/// `all`, the numbers that are not figures too (ordinals, years, codes), each
/// with its role. The document is read as the claim stage reads it: same
/// language, tokens and dates, so the two agree on every figure.
pub fn list_figures(document: &Document, rules: &RuleSet, all: bool) -> Vec<FoundFigure> {
    let normalized = NormalizedText::new(document.body(), document.body_start);
    let language = crate::claims::language_of(document, &normalized, rules);
    // The same tokens as the claim stage's, with its cap on their length.
    let space_groups = crate::numbers::groups_with_spaces(&normalized.text, language);
    let tokens = crate::normalize::tokenize_capped(
        &normalized.text,
        space_groups,
        rules.limits.max_token_bytes,
    )
    .tokens;
    let view = TokenView::new(
        &normalized.text,
        &tokens,
        &language.proclitics,
        &language.contractions,
    )
    .with_upper(crate::claims::capitals(
        (&document.text, 0),
        &normalized,
        &tokens,
    ))
    .with_start_index(&language.starts);
    let dates = find_dates(&view, language);
    read_figures(&view, language, &dates)
        .into_iter()
        .filter(|figure| all || figure.role == Role::Figure)
        .map(|figure| {
            let (start, end) = normalized.original_span(
                tokens[figure.words_start].start,
                tokens[figure.words_end - 1].end,
            );
            let unit = if figure.percent {
                Some("percent".to_string())
            } else {
                figure
                    .unit
                    .map(|i| &rules.units[i])
                    .filter(|unit| measured_in(rules, unit))
                    .map(|unit| unit.name.clone())
            };
            FoundFigure {
                doc: document.id.clone(),
                span: [start, end],
                text: document.text[start..end].to_string(),
                value: figure.value,
                low: figure.low,
                high: figure.high,
                qualifier: figure.qualifier,
                unit,
                lang: language.code.clone(),
                role: (figure.role != Role::Figure).then(|| figure.role.as_str().to_string()),
            }
        })
        .collect()
}

/// True when a unit is what a figure is measured in (a currency, a time unit,
/// a measure such as "km"), not what it counts ("buildings"): the unit is a
/// `measure`, or its kind names its subjects by their unit (`subject-by-unit`,
/// as money and durations do) and is not the default kind.
fn measured_in(rules: &RuleSet, unit: &crate::rules::Unit) -> bool {
    unit.measure
        || unit.kind.as_deref().is_some_and(|kind| {
            !rules.is_default_kind(kind) && rules.kinds.get(kind).is_some_and(|k| k.subject_by_unit)
        })
}

/// The figures of `view` that can be claims, left to right.
pub fn find_figures(view: &TokenView, language: &Language, dates: &[DateMention]) -> Vec<Figure> {
    find_figures_and_years(view, language, dates).0
}

/// The figures of `view` that can be claims, and the years standing alone
/// ("in 1999"), each left to right: one reading of the text for both.
pub fn find_figures_and_years(
    view: &TokenView,
    language: &Language,
    dates: &[DateMention],
) -> (Vec<Figure>, Vec<Figure>) {
    // Kept in place: the figures are not moved into a vector of their own.
    let mut figures = read_figures_keeping(view, language, dates, Keep::ClaimsAndYears);
    let mut years = Vec::new();
    figures.retain(|figure| {
        if figure.role == Role::Year {
            years.push(figure.clone());
            return false;
        }
        can_be_claim(view, language, figure)
    });
    (figures, years)
}

/// Every number of `view` outside dates, left to right, each with its role.
/// `dates` are as [`find_dates`] gives them: left to right, none overlapping.
pub fn read_figures(view: &TokenView, language: &Language, dates: &[DateMention]) -> Vec<Figure> {
    read_figures_keeping(view, language, dates, Keep::All)
}

/// [`read_figures`], keeping what `keep` says.
fn read_figures_keeping(
    view: &TokenView,
    language: &Language,
    dates: &[DateMention],
    keep: Keep,
) -> Vec<Figure> {
    let in_date = InDate::new(dates, view.len());
    // Only the tokens where a number may start are asked (a superset of
    // those the reader's test lets through; see `numbers::with_starts`).
    crate::numbers::with_starts(view, language, |starts| {
        let reader = Reader::new(view, language).among(starts);
        read_figures_at(&reader, starts, &in_date, keep)
    })
}

/// [`read_figures_keeping`] over the tokens `starts` (at least those where
/// `reader` may read a number), left to right.
fn read_figures_at(reader: &Reader, starts: &[usize], in_date: &InDate, keep: Keep) -> Vec<Figure> {
    let view = reader.view;
    let language = reader.language;
    // Room for an article's figures (about ten on average), made once.
    let mut figures = Vec::with_capacity(16);
    let mut at = 0;
    for &start in starts {
        if start < at {
            continue;
        }
        at = start;
        // The reader's test first: it turns away nearly every token, in a
        // date or not.
        let Some(number) = (reader.may_start(at))
            .filter(|_| !in_date.covers(at))
            .and_then(|token| reader.read_here(at, token))
        else {
            at += 1;
            continue;
        };
        if in_date.any_within(at, number.end) {
            at += 1;
            continue;
        }
        // "یا نه" (or not): a number word that is also a common word, alone,
        // with no counted noun after it.
        let common_word = number.end == number.start + 1
            && language
                .ambiguous
                .longest_at(view, number.start)
                .is_some_and(|hit| hit.end == number.end)
            && !counted_noun_right_after(view, language, number.end);
        if common_word {
            at += 1;
            continue;
        }
        // "un 11%", "ein 8 Bit": a word for one right before another number
        // is an article.
        let lone_one = number.value == 1.0
            && number.form.in_words
            && number.end == number.start + 1
            && !number.form.fraction
            && reader.read(number.end).is_some();
        if lone_one {
            at += 1;
            continue;
        }
        let figure = read_range(reader, number, in_date).unwrap_or_else(|| single_figure(number));
        // The unit word after it: the first thing asked of every figure.
        let noun = noun_after(view, language, figure.end);
        if keep == Keep::ClaimsAndYears && never_a_claim(view, language, &figure, noun) {
            // Past its percent words, as `finish` finds them.
            let words_end = (language.percent_after.longest_at(view, figure.end))
                .map_or(figure.end, |hit| hit.end);
            at = figure.end.max(words_end).max(at + 1);
            continue;
        }
        let figure = finish(view, language, figure, number, noun);
        // Past its percent words too: "cien por ciento" is one figure.
        at = figure.end.max(figure.words_end).max(at + 1);
        figures.push(figure);
    }
    figures
}

fn single_figure(number: Number) -> Figure {
    Figure {
        start: number.start,
        end: number.end,
        value: Some(number.value),
        low: None,
        high: None,
        qualifier: if number.form.vague {
            Qualifier::AtLeast
        } else {
            Qualifier::Exact
        },
        vague: number.form.vague,
        lead_start: number.start,
        tail_end: number.end,
        form: number.form,
        role: Role::Figure,
        percent: false,
        words_start: number.start,
        words_end: number.end,
        unit: None,
        noun: None,
        unit_before: None,
    }
}

/// Decides the role, then reads the qualifier, the percent words and the unit;
/// `noun` is the unit word after it ([`noun_after`] at its end).
fn finish(
    view: &TokenView,
    language: &Language,
    mut figure: Figure,
    first: Number,
    noun: Option<NounAfter>,
) -> Figure {
    let range = figure.qualifier == Qualifier::Range;
    // The unit words after and right before the figure, looked up once for
    // the year test, the qualifiers, the unit and the claim.
    figure.noun = noun;
    figure.unit_before = language
        .units
        .ending_at(view, figure.start)
        .map(|hit| (hit.start, *hit.value));
    figure.role = if first.form.ordinal {
        Role::Ordinal
    } else if is_glued_code(view, language, figure.start)
        || glued_letters_after(view, language, figure.end)
        || matches_exclusion_pattern(view, language, &figure)
    {
        Role::Code
    } else if !range && first.form.plain_digits && looks_like_year(view, language, first, &figure) {
        Role::Year
    } else {
        Role::Figure
    };
    if !range {
        apply_qualifiers(view, language, &mut figure);
    }
    if let Some(hit) = language.percent_after.longest_at(view, figure.end) {
        figure.percent = true;
        figure.words_end = hit.end;
    } else if let Some(hit) = language.percent_before.ending_at(view, figure.start) {
        figure.percent = true;
        figure.words_start = hit.start;
    } else if let Some((_, unit)) = figure.unit_before {
        figure.unit = Some(unit);
    } else if let Some(noun) = figure.noun.filter(|noun| noun.start == figure.end) {
        // `units.longest_at(figure.end)`: the noun found first there.
        figure.unit = Some(noun.unit);
    }
    figure
}

/// Reads "between A and B", "A to B", "A-B" starting from the number A.
fn read_range(reader: &Reader, first: Number, in_date: &InDate) -> Option<Figure> {
    let view = reader.view;
    let language = reader.language;
    if first.form.ordinal || first.form.fraction && first.value < 1.0 {
        return None;
    }
    for pattern in &language.ranges {
        // The join first: it is one look-up, and most numbers have none after.
        let Some(join) = pattern.join.longest_at(view, first.end) else {
            continue;
        };
        let lead_start = match &pattern.open {
            Some(open) => match open.ending_at(view, first.start) {
                Some(hit) => hit.start,
                None => continue,
            },
            None => first.start,
        };
        if in_date.covers(join.end) {
            continue;
        }
        let Some(second) = reader.read(join.end) else {
            continue;
        };
        if second.form.vague || first.form.vague || second.form.ordinal || second.form.negative {
            continue;
        }
        let low = match second.scale {
            Some(scale) if first.scale.is_none() && first.value * scale <= second.value => {
                first.value * scale
            }
            _ => first.value,
        };
        let high = second.value;
        let both_years = first.form.plain_digits
            && second.form.plain_digits
            && is_year_value(first.value)
            && is_year_value(second.value);
        if low >= high || both_years {
            continue;
        }
        return Some(Figure {
            start: first.start,
            end: second.end,
            value: None,
            low: Some(low),
            high: Some(high),
            qualifier: Qualifier::Range,
            vague: false,
            lead_start,
            tail_end: second.end,
            form: first.form,
            role: Role::Figure,
            percent: false,
            words_start: first.start,
            words_end: second.end,
            unit: None,
            noun: None,
            unit_before: None,
        });
    }
    None
}

/// A counted noun follows with only content words between ("nine engineers",
/// "three North Korean soldiers"). Short function words ("one of the soldiers",
/// "the two countries") mean the number is a reference, not a count; a linking
/// word from the rules may stand alone between ("thousands of troops").
fn counted_noun_right_after(view: &TokenView, language: &Language, end: usize) -> bool {
    counted_noun_before(view, language, end, noun_after(view, language, end))
}

/// [`counted_noun_right_after`], with the unit word after `end` looked up
/// already (`noun`, as [`noun_after`] gives it).
fn counted_noun_before(
    view: &TokenView,
    language: &Language,
    end: usize,
    noun: Option<NounAfter>,
) -> bool {
    const FUNCTION_WORD_CHARS: usize = 3;
    let Some(NounAfter {
        start: unit_start, ..
    }) = noun
    else {
        return false;
    };
    (end..unit_start).all(|at| view.token_text(at).chars().count() > FUNCTION_WORD_CHARS)
        || language
            .unit_links
            .longest_at(view, end)
            .is_some_and(|link| link.end == unit_start)
}

/// True when a counted noun (a unit word) follows the figure.
pub fn counted_noun_after(view: &TokenView, language: &Language, end: usize) -> bool {
    unit_after(view, language, end).is_some()
}

/// The unit word following a figure: (unit index, token after it). A few words
/// may stand between ("11,000 North Korean soldiers", "آلاف من الجنود"), but
/// no punctuation and no other number.
pub fn unit_after(view: &TokenView, language: &Language, end: usize) -> Option<(usize, usize)> {
    noun_after(view, language, end).map(|noun| (noun.unit, noun.end))
}

/// [`unit_after`], with where the unit word starts: the first token from
/// `end` on where a unit phrase starts (none starts between).
pub fn noun_after(view: &TokenView, language: &Language, end: usize) -> Option<NounAfter> {
    const MAX_WORDS_BETWEEN: usize = 3;
    for at in end..(end + MAX_WORDS_BETWEEN + 1).min(view.len()) {
        if let Some(hit) = language.units.longest_at(view, at) {
            return Some(NounAfter {
                start: at,
                unit: *hit.value,
                end: hit.end,
            });
        }
        let token = view.tokens[at];
        let hyphen = token.punct() == Some(Punct::Dash);
        if token.kind != TokenKind::Word && !hyphen {
            return None;
        }
    }
    None
}

/// Sets the qualifier from the words before and after the figure, and
/// around its unit words (`figure.noun`, `figure.unit_before`).
fn apply_qualifiers(view: &TokenView, language: &Language, figure: &mut Figure) {
    let mut before = figure.start;
    // Skip a currency sign written before the figure: "about $425 million".
    if let Some((start, _)) = figure.unit_before {
        before = start;
    }
    if let Some(hit) = language.qualifiers_before.ending_at(view, before) {
        figure.qualifier = *hit.value;
        figure.lead_start = hit.start;
        return;
    }
    let mut after = figure.end;
    if let Some(NounAfter { end: unit_end, .. }) = figure.noun {
        for candidate in [after, unit_end] {
            if let Some(hit) = language.qualifiers_after.longest_at(view, candidate) {
                figure.qualifier = *hit.value;
                figure.tail_end = hit.end;
                return;
            }
        }
        after = unit_end;
    } else if let Some(hit) = language.qualifiers_after.longest_at(view, after) {
        figure.qualifier = *hit.value;
        figure.tail_end = hit.end;
        return;
    }
    let _ = after;
    if figure.qualifier == Qualifier::Exact && estimated(view, language, figure.lead_start) {
        figure.qualifier = Qualifier::About;
    }
}

/// An estimating verb shortly before the figure, with no other number between.
fn estimated(view: &TokenView, language: &Language, start: usize) -> bool {
    const WINDOW: usize = 8;
    for at in (start.saturating_sub(WINDOW)..start).rev() {
        let token = view.tokens[at];
        let clause_ends = token
            .punct()
            .is_some_and(|mark| mark.ends_sentence() || mark == Punct::Semicolon);
        if token.kind == TokenKind::Number || clause_ends {
            return false;
        }
        if language.estimate.longest_at(view, at).is_some() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::find_dates;
    use crate::test_text::{StartIndex, with_view};

    /// (text of the figure, value or low-high, qualifier) for each figure in `text`.
    fn figures(text: &str, code: &str) -> Vec<(String, String, &'static str)> {
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language(code).unwrap();
        with_view(text, language, StartIndex::Left, |view| {
            let dates = find_dates(view, language);
            find_figures(view, language, &dates)
                .into_iter()
                .map(|f| {
                    let (tokens, normalized) = (view.tokens, view.text);
                    let words =
                        normalized[tokens[f.start].start..tokens[f.end - 1].end].to_string();
                    let figure = match f.value {
                        Some(v) => format!("{v}"),
                        None => format!("{}-{}", f.low.unwrap(), f.high.unwrap()),
                    };
                    (words, figure, f.qualifier.as_str())
                })
                .collect()
        })
    }

    fn one(text: &str, code: &str) -> (String, &'static str) {
        let found = figures(text, code);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (found[0].1.clone(), found[0].2)
    }

    #[test]
    fn arabic_digits_and_scales() {
        assert_eq!(
            one("أرسلت كوريا الشمالية 14000 جندي", "ar"),
            ("14000".into(), "exact")
        );
        assert_eq!(
            one("أن 12 ألف جندي كوري شمالي", "ar"),
            ("12000".into(), "exact")
        );
        assert_eq!(
            one("ما يصل إلى 10 آلاف جندي", "ar"),
            ("10000".into(), "at_most")
        );
        assert_eq!(
            one("ستقدم 425 مليون دولار", "ar"),
            ("425000000".into(), "exact")
        );
        assert_eq!(one("قتل ١٤٬٠٠٠ جندي", "ar"), ("14000".into(), "exact"));
        assert_eq!(one("قتل 14.000 جندي", "ar"), ("14000".into(), "exact"));
        assert_eq!(one("قتل ۱۴۰۰۰ سرباز", "ar"), ("14000".into(), "exact"));
        assert_eq!(one("بقوة 7.8 درجات", "ar"), ("7.8".into(), "exact"));
    }

    #[test]
    fn arabic_number_words() {
        assert_eq!(
            one("وأن تسعة جنود على الأقل قتلوا", "ar"),
            ("9".into(), "at_least")
        );
        assert_eq!(one("أرسلت ثلاثة آلاف جندي", "ar"), ("3000".into(), "exact"));
        assert_eq!(
            one("على بعد نحو مئة وثلاثين كيلومترا", "ar"),
            ("130".into(), "about")
        );
        assert_eq!(one("اثنا عشر ألف جندي", "ar"), ("12000".into(), "exact"));
        assert_eq!(
            one("ارتفع عدد الوفيات إلى 35 ألفاً و418 شخصا", "ar"),
            ("35418".into(), "exact")
        );
    }

    #[test]
    fn arabic_ranges_distribute_the_scale() {
        assert_eq!(
            one("بين 10 و12 ألف جندي", "ar"),
            ("10000-12000".into(), "range")
        );
        assert_eq!(
            one("من 10 إلى 12 ألف جندي", "ar"),
            ("10000-12000".into(), "range")
        );
    }

    #[test]
    fn arabic_qualifiers() {
        assert_eq!(one("قتل أكثر من 100 شخص", "ar").1, "at_least");
        assert_eq!(one("قتل حوالي 100 شخص", "ar").1, "about");
        assert_eq!(one("قتل 100 شخص على الأقل", "ar").1, "at_least");
        assert_eq!(one("ويقدر المسؤولون أن 12 ألف جندي", "ar").1, "about");
    }

    #[test]
    fn coordinated_figures_are_separate() {
        let found = figures("وإصابة 30 شرطيًا و10 مدنيين", "ar");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[1].1, "10");
    }

    #[test]
    fn arabic_non_claims() {
        for text in [
            "في عام 2022 بدأت الحرب",
            "المادة 4 من المعاهدة",
            "صواريخ إس-400 ضد",
            "من طراز KN-23 والتي",
            "في 23 أكتوبر 2024، تم",
            "الجزيرة 1404/10/07",
            "3 مشاهدات",
            "قائمة من 4 عناصر",
            "قائمة 1 من 4تطلب",
            "بتاريخ:2024-11-02 15:47:00",
            "يوم الاثنين أعلن",
            "بين البلدين",
            "الذكرى الخامسة والسبعين لتأسيس",
            "Kommentare (0)",
            "at on (#6TSHD)",
        ] {
            assert!(
                figures(text, "ar").is_empty(),
                "{text}: {:?}",
                figures(text, "ar")
            );
        }
    }

    #[test]
    fn english_figures() {
        assert_eq!(
            one("about 11,000 North Korean soldiers", "en"),
            ("11000".into(), "about")
        );
        assert_eq!(
            one("at least 100 were killed", "en"),
            ("100".into(), "at_least")
        );
        assert_eq!(
            one("up to 4,000 soldiers", "en"),
            ("4000".into(), "at_most")
        );
        assert_eq!(
            one("$425 million in aid", "en"),
            ("425000000".into(), "exact")
        );
        assert_eq!(
            one("nine engineers were killed", "en"),
            ("9".into(), "exact")
        );
        assert_eq!(one("three thousand troops", "en"), ("3000".into(), "exact"));
        assert_eq!(
            one("10,000 to 12,000 troops", "en"),
            ("10000-12000".into(), "range")
        );
        assert_eq!(
            one("between 10 and 12 thousand troops", "en"),
            ("10000-12000".into(), "range")
        );
        assert_eq!(one("twenty-five soldiers", "en"), ("25".into(), "exact"));
        assert_eq!(
            one("thousands of troops", "en"),
            ("2000".into(), "at_least")
        );
        assert_eq!(one("more than 100 people", "en").1, "at_least");
    }

    #[test]
    fn long_runs_of_number_words_read_without_nesting() {
        // Each "one" ends the number before it: reading must not nest once per word.
        let text = "one and ".repeat(5000);
        assert!(figures(&text, "en").is_empty());
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language("en").unwrap();
        let tokens = crate::numbers::tokenize(&text, language);
        let view = TokenView::new(&text, &tokens, &language.proclitics, &language.contractions);
        assert_eq!(read_figures(&view, language, &[]).len(), 5000);
    }

    /// The unit words a figure keeps are what looking them up again gives:
    /// the stages after the reader take them from the figure.
    #[test]
    fn a_figure_keeps_the_unit_words_around_it() {
        let rules = crate::rules::defaults_for_tests();
        for (code, text) in [
            (
                "en",
                "about 11,000 North Korean soldiers, $425 million in aid, 3 years",
            ),
            (
                "en",
                "between 10 and 12 thousand troops; 53 more dead in drone strikes; 2022",
            ),
            ("ar", "قتل 100 شخص على الأقل و10 آلاف جندي"),
            ("de", "mehr als 1.000 Menschen und 5 Soldaten"),
        ] {
            let language = rules.language(code).unwrap();
            with_view(text, language, StartIndex::Left, |view| {
                let figures = read_figures(view, language, &find_dates(view, language));
                assert!(figures.iter().any(|f| f.noun.is_some()), "{text}");
                for figure in figures {
                    let noun = figure.noun.map(|n| (n.unit, n.end));
                    assert_eq!(noun, unit_after(view, language, figure.end), "{text}");
                    if let Some(noun) = figure.noun {
                        let first = (figure.end..noun.end)
                            .find(|&at| language.units.longest_at(view, at).is_some());
                        assert_eq!(first, Some(noun.start), "{text}");
                    }
                    let before = language.units.ending_at(view, figure.start);
                    assert_eq!(
                        figure.unit_before,
                        before.map(|hit| (hit.start, *hit.value)),
                        "{text}"
                    );
                }
            });
        }
    }

    #[test]
    fn english_non_claims() {
        for text in [
            "in 2022 the war",
            "Article 4 of the treaty",
            "S-400 missiles",
            "on October 23, 2024",
            "at 15:47",
            "the 75th anniversary",
            "one of the soldiers",
            "the two countries",
            "3 views",
        ] {
            assert!(
                figures(text, "en").is_empty(),
                "{text}: {:?}",
                figures(text, "en")
            );
        }
    }
}
