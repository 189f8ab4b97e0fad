//! Finding figures: numbers that state a quantity, with their qualifier.
//!
//! Input: the tokens of a document, its language pack, and the dates found in
//! it. Output: [`Figure`]s: digits ("14,000", "١٤٠٠٠"), digits with a scale word
//! ("12 ألف", "425 million"), number words ("تسعة", "three thousand"), vague
//! quantities ("آلاف الجنود", "thousands of"), ranges ("بين 10 و12 ألف") and the
//! qualifier around each (about, at least, up to). Years, dates, times, model
//! names, ordinals and page furniture are left out here, by the exclusion rules.

use crate::dates::DateMention;
use crate::lexicon::TokenView;
use crate::model::Qualifier;
use crate::normalize::{Punct, TokenKind};
use crate::rules::Language;

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
}

/// A number read from tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Number {
    start: usize,
    end: usize,
    value: f64,
    /// The base before a scale word, for distributing a scale over a range.
    base: f64,
    scale: Option<f64>,
    in_words: bool,
    vague: bool,
    plain_digits: bool,
}

/// Finds every figure in `view`, left to right.
pub fn find_figures(view: &TokenView, language: &Language, dates: &[DateMention]) -> Vec<Figure> {
    let mut in_date = vec![false; view.len()];
    for mention in dates {
        for flag in &mut in_date[mention.start..mention.end.min(view.len())] {
            *flag = true;
        }
    }
    let mut figures = Vec::new();
    let mut at = 0;
    while at < view.len() {
        if in_date[at] {
            at += 1;
            continue;
        }
        let Some(number) = read_number(view, language, at) else {
            at += 1;
            continue;
        };
        let figure =
            read_range(view, language, number, &in_date).unwrap_or_else(|| single_figure(number));
        at = figure.end.max(at + 1);
        if let Some(figure) = accept(view, language, figure, number) {
            figures.push(figure);
        }
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
        qualifier: if number.vague {
            Qualifier::AtLeast
        } else {
            Qualifier::Exact
        },
        vague: number.vague,
        lead_start: number.start,
        tail_end: number.end,
    }
}

/// Applies exclusions and qualifiers; `None` when the figure is not a claim.
fn accept(
    view: &TokenView,
    language: &Language,
    mut figure: Figure,
    first: Number,
) -> Option<Figure> {
    if figure.value == Some(0.0)
        || is_glued_code(view, language, figure.start)
        || matches_exclusion_pattern(view, language, figure.start)
    {
        return None;
    }
    if figure.qualifier != Qualifier::Range
        && first.plain_digits
        && looks_like_year(view, language, first)
    {
        return None;
    }
    if is_excluded(view, language, figure.lead_start, figure.end) {
        return None;
    }
    if (first.in_words || first.vague) && figure.qualifier != Qualifier::Range {
        let small = figure.value.is_some_and(|v| v < language.small_word_limit);
        if (first.vague || small) && !counted_noun_right_after(view, language, figure.end) {
            return None;
        }
    }
    if figure.qualifier != Qualifier::Range {
        apply_qualifiers(view, language, &mut figure);
    }
    Some(figure)
}

/// Reads a number at `at`: vague words, digits (with a scale), or number words.
fn read_number(view: &TokenView, language: &Language, at: usize) -> Option<Number> {
    let token = view.tokens[at];
    if token.kind == TokenKind::Number {
        return read_digits(view, language, at);
    }
    if token.kind != TokenKind::Word {
        return None;
    }
    if let Some(hit) = language.vague.longest_at(view, at)
        && !starts_with_number_words(view, language, at, hit.end)
    {
        return Some(Number {
            start: at,
            end: hit.end,
            value: *hit.value,
            base: *hit.value,
            scale: None,
            in_words: true,
            vague: true,
            plain_digits: false,
        });
    }
    read_words(view, language, at)
}

/// True when number words at `at` read further than the vague phrase ending at `vague_end`.
fn starts_with_number_words(
    view: &TokenView,
    language: &Language,
    at: usize,
    vague_end: usize,
) -> bool {
    read_words(view, language, at).is_some_and(|n| n.end > vague_end)
}

fn read_digits(view: &TokenView, language: &Language, at: usize) -> Option<Number> {
    let text = view.token_text(at);
    let base = parse_digits(text, language)?;
    let mut end = at + 1;
    let mut scale: Option<f64> = None;
    while let Some(hit) = language.scales.longest_at(view, end) {
        let phrase_len: usize = (hit.start..hit.end)
            .map(|i| view.token_text(i).chars().count())
            .sum();
        let glued = !view.tokens[hit.start].space_before;
        if phrase_len <= 2 && !glued {
            break;
        }
        scale = Some(scale.unwrap_or(1.0) * hit.value);
        end = hit.end;
    }
    let mut value = base * scale.unwrap_or(1.0);
    // "35 ألفاً و418": a smaller figure joined to a scaled one adds to it.
    if let Some(scale) = scale.filter(|&s| s >= 1000.0)
        && language.joiners.longest_at(view, end).is_some()
        && view
            .tokens
            .get(end + 1)
            .is_some_and(|t| t.kind == TokenKind::Number)
        && let Some(rest) = parse_digits(view.token_text(end + 1), language).filter(|&r| r < scale)
        && !language.scales.starts_at(view, end + 2)
    {
        value += rest;
        end += 2;
    }
    let digits_only = text.bytes().all(|b| b.is_ascii_digit());
    Some(Number {
        start: at,
        end,
        value,
        base,
        scale,
        in_words: false,
        vague: false,
        plain_digits: digits_only && scale.is_none(),
    })
}

/// Parses "14,000", "14.000", "7.8" by the language's separators.
pub fn parse_digits(text: &str, language: &Language) -> Option<f64> {
    let separators: Vec<char> = text.chars().filter(|c| !c.is_ascii_digit()).collect();
    if separators.is_empty() {
        if text.len() > 12 {
            return None;
        }
        return text.parse().ok();
    }
    let groups: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).collect();
    let same_separator = separators.iter().all(|&c| c == separators[0]);
    let grouped = same_separator
        && language.group_separators.contains(&separators[0])
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3);
    if grouped {
        return groups.concat().parse().ok();
    }
    // A decimal mark may follow group separators: "1,234.5".
    let last = *separators.last()?;
    if language.decimal_separators.contains(&last) {
        let (whole, fraction) = text.rsplit_once(last)?;
        let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
        return format!("{whole}.{fraction}").parse().ok();
    }
    None
}

/// Reads number words: "ثلاثة آلاف", "مئة وثلاثين", "twenty-five thousand".
fn read_words(view: &TokenView, language: &Language, at: usize) -> Option<Number> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut end = at;
    let mut position = at;
    let mut any = false;
    let mut scale = None;
    loop {
        let word = language.number_words.longest_at(view, position);
        let scale_hit = language.scales.longest_at(view, position);
        if position == at && (word.is_some() || scale_hit.is_some()) {
            let proclitic = word.map_or_else(
                || scale_hit.map_or(0, |h| h.first_proclitic),
                |h| h.first_proclitic,
            );
            if is_definite(view, language, at, proclitic) {
                return None;
            }
        }
        let word_len = word.map_or(0, |h| h.end);
        let scale_len = scale_hit.map_or(0, |h| h.end);
        if word.is_some() && word_len >= scale_len {
            let hit = word?;
            current += hit.value;
            position = hit.end;
        } else if let Some(hit) = scale_hit {
            // "مئة" and "ألف" alone mean one of them; a short scale ("k", "m") never starts a number.
            let short = view.token_text(hit.start).chars().count() <= 2;
            if !any && short {
                return None;
            }
            if *hit.value < 1000.0 {
                current = current.max(1.0) * hit.value;
            } else {
                total += current.max(1.0) * hit.value;
                current = 0.0;
                scale = Some(*hit.value);
            }
            position = hit.end;
        } else {
            break;
        }
        any = true;
        end = position;
        // Words join with a joiner ("و", "and") or a hyphen: "twenty-five".
        let joiner = language.joiners.longest_at(view, position).is_some();
        let hyphen = position < view.len()
            && view.tokens[position].punct() == Some(Punct::Dash)
            && !view.tokens[position].space_before;
        if (joiner || hyphen) && next_is_number_word(view, language, position + 1) {
            position += 1;
        }
    }
    if !any {
        return None;
    }
    let value = total + current;
    Some(Number {
        start: at,
        end,
        value,
        base: value / scale.unwrap_or(1.0),
        scale,
        in_words: true,
        vague: false,
        plain_digits: false,
    })
}

fn next_is_number_word(view: &TokenView, language: &Language, at: usize) -> bool {
    at < view.len()
        && (language.number_words.longest_at(view, at).is_some()
            || language.scales.longest_at(view, at).is_some())
}

/// A number word with the definite article is an ordinal or "the N", not a count.
fn is_definite(view: &TokenView, language: &Language, at: usize, proclitic_len: usize) -> bool {
    let Some(article) = &language.definite_article else {
        return false;
    };
    proclitic_len > 0 && view.token_text(at)[..proclitic_len].ends_with(article.as_str())
}

/// Reads "between A and B", "A to B", "A-B" starting from the number A.
fn read_range(
    view: &TokenView,
    language: &Language,
    first: Number,
    in_date: &[bool],
) -> Option<Figure> {
    for pattern in &language.ranges {
        let lead_start = match &pattern.open {
            Some(open) => match open.ending_at(view, first.start) {
                Some(hit) => hit.start,
                None => continue,
            },
            None => first.start,
        };
        let Some(join) = pattern.join.longest_at(view, first.end) else {
            continue;
        };
        if in_date.get(join.end).copied().unwrap_or(true) {
            continue;
        }
        let Some(second) = read_number(view, language, join.end) else {
            continue;
        };
        if second.vague || first.vague {
            continue;
        }
        let low = match second.scale {
            Some(scale) if first.scale.is_none() && first.value * scale <= second.value => {
                first.value * scale
            }
            _ => first.value,
        };
        let high = second.value;
        let both_years = first.plain_digits
            && second.plain_digits
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
        });
    }
    None
}

fn is_year_value(value: f64) -> bool {
    (1800.0..=2100.0).contains(&value) && value.fract() == 0.0
}

/// A bare four-digit number between 1800 and 2100 is a year unless a counted
/// noun follows it; a time unit after it ("2025 года") does not make it a count.
fn looks_like_year(view: &TokenView, language: &Language, number: Number) -> bool {
    let counted = unit_after(view, language, number.end)
        .is_some_and(|(unit, _)| !language.time_units.contains(&unit));
    view.token_text(number.start).len() == 4 && is_year_value(number.value) && !counted
}

/// KN-23, S-400, F16: a figure glued to letters is part of a name. An Arabic
/// proclitic glued to a figure ("و10") is only a conjunction.
fn is_glued_code(view: &TokenView, language: &Language, at: usize) -> bool {
    let token = view.tokens[at];
    if token.space_before || at == 0 {
        return false;
    }
    let previous = view.tokens[at - 1];
    match previous.kind {
        TokenKind::Word => !language
            .proclitics
            .iter()
            .any(|p| p == previous.text(view.text)),
        TokenKind::Punct(Punct::Dash) if !previous.space_before && at >= 2 => {
            view.tokens[at - 2].kind == TokenKind::Word
        }
        _ => false,
    }
}

/// The whole word around a figure ("(#6tshd)" -> "#6tshd", "kn-23") against the
/// rules' exclusion patterns.
fn matches_exclusion_pattern(view: &TokenView, language: &Language, at: usize) -> bool {
    if language.exclude_patterns.is_empty() {
        return false;
    }
    let text = view.text;
    let position = view.tokens[at].start;
    let start = text[..position]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end = text[position..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| position + i);
    let word = text[start..end].trim_matches(is_mark_around_word);
    language
        .exclude_patterns
        .iter()
        .any(|pattern| pattern.is_match(word))
}

/// Brackets, quotes and the marks that end a clause, written around a word:
/// "(#6tshd)", "kn-23,". Only ASCII marks are trimmed (the typographic quotes
/// are folded to ASCII before this); the Arabic comma, semicolon and question
/// mark glued to a word stay on it, as they always have.
fn is_mark_around_word(ch: char) -> bool {
    ch.is_ascii()
        && matches!(
            Punct::of(ch),
            Punct::Parenthesis
                | Punct::Bracket
                | Punct::Quote
                | Punct::Apostrophe
                | Punct::FullStop
                | Punct::Comma
                | Punct::Semicolon
                | Punct::Colon
                | Punct::Exclamation
                | Punct::Question
        )
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

/// A counted noun follows with only content words between ("nine engineers",
/// "three North Korean soldiers"). Short function words ("one of the soldiers",
/// "the two countries") mean the number is a reference, not a count; a linking
/// word from the rules may stand alone between ("thousands of troops").
fn counted_noun_right_after(view: &TokenView, language: &Language, end: usize) -> bool {
    const FUNCTION_WORD_CHARS: usize = 3;
    let Some((_, unit_end)) = unit_after(view, language, end) else {
        return false;
    };
    let unit_start = (end..unit_end)
        .find(|&at| language.units.longest_at(view, at).is_some())
        .unwrap_or(end);
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
    const MAX_WORDS_BETWEEN: usize = 3;
    for at in end..(end + MAX_WORDS_BETWEEN + 1).min(view.len()) {
        if let Some(hit) = language.units.longest_at(view, at) {
            return Some((*hit.value, hit.end));
        }
        let token = view.tokens[at];
        let hyphen = token.punct() == Some(Punct::Dash);
        if token.kind != TokenKind::Word && !hyphen {
            return None;
        }
    }
    None
}

/// Sets the qualifier from the words before and after the figure.
fn apply_qualifiers(view: &TokenView, language: &Language, figure: &mut Figure) {
    let mut before = figure.start;
    // Skip a currency sign written before the figure: "about $425 million".
    if before > 0 && language.units.ending_at(view, before).is_some() {
        before = language
            .units
            .ending_at(view, before)
            .map_or(before, |m| m.start);
    }
    if let Some(hit) = language.qualifiers_before.ending_at(view, before) {
        figure.qualifier = *hit.value;
        figure.lead_start = hit.start;
        return;
    }
    let mut after = figure.end;
    if let Some((_, unit_end)) = unit_after(view, language, after) {
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
    use crate::normalize::{NormalizedText, tokenize};

    /// (text of the figure, value or low-high, qualifier) for each figure in `text`.
    fn figures(text: &str, code: &str) -> Vec<(String, String, &'static str)> {
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language(code).unwrap();
        let normalized = NormalizedText::new(text, 0).text;
        let tokens = tokenize(&normalized);
        let view = TokenView::new(
            &normalized,
            &tokens,
            &language.proclitics,
            &language.contractions,
        );
        let dates = find_dates(&view, language);
        find_figures(&view, language, &dates)
            .into_iter()
            .map(|f| {
                let words = normalized[tokens[f.start].start..tokens[f.end - 1].end].to_string();
                let figure = match f.value {
                    Some(v) => format!("{v}"),
                    None => format!("{}-{}", f.low.unwrap(), f.high.unwrap()),
                };
                (words, figure, f.qualifier.as_str())
            })
            .collect()
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
