//! Dates in text: finding them, converting calendars, and dating claims.
//!
//! Input: tokens of a document and its language pack. Output: [`DateMention`]s
//! (which tokens form a date, so figures inside them are not claims, and the
//! Gregorian date they name), a document's publication date, and each claim's
//! as-of date. Gregorian, Solar Hijri (Persian) and Hijri (Umm al-Qura) dates
//! are recognised; conversion is done by ICU4X, never by hand-made tables.

use icu_calendar::{Date as IcuDate, Iso, cal::Hijri};
use jiff::civil::{Date, Weekday};

use crate::lexicon::{StartMask, TokenView};
use crate::model::DateBasis;
use crate::normalize::{Punct, TokenKind};
use crate::rules::Language;

/// Tokens `start..end` that form a date or a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// The first token of the date.
    pub start: usize,
    /// The token after its last.
    pub end: usize,
    /// The day it names, when it names a whole day (not for times or month-year).
    pub date: Option<Date>,
}

/// Which calendar a year-month-day triple is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    /// The Western calendar.
    Gregorian,
    /// Solar Hijri, as used in Iran: years 1300-1420 in numeric dates.
    Persian,
    /// Hijri (Umm al-Qura): years 1421-1500 in numeric dates.
    Hijri,
}

/// Converts a date in `calendar` to the Gregorian calendar, if it exists.
pub fn to_gregorian(calendar: Calendar, year: i32, month: u8, day: u8) -> Option<Date> {
    let iso = match calendar {
        Calendar::Gregorian => return Date::new(year as i16, month as i8, day as i8).ok(),
        Calendar::Persian => IcuDate::try_new_persian(year, month, day)
            .ok()?
            .to_calendar(Iso),
        Calendar::Hijri => {
            IcuDate::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura())
                .ok()?
                .to_calendar(Iso)
        }
    };
    Date::new(
        iso.year().extended_year() as i16,
        iso.month().ordinal as i8,
        iso.day_of_month().0 as i8,
    )
    .ok()
}

/// The calendar a numeric year belongs to in current news text: 13xx-1420 are
/// Solar Hijri years (1404 = 2025), 1421-1500 Hijri lunar years (1446 = 2024),
/// 1800 and later Gregorian.
pub fn calendar_of_year(year: i32) -> Option<Calendar> {
    match year {
        1300..=1420 => Some(Calendar::Persian),
        1421..=1500 => Some(Calendar::Hijri),
        1800..=2200 => Some(Calendar::Gregorian),
        _ => None,
    }
}

/// Finds every date and time of day in `view`.
pub fn find_dates(view: &TokenView, language: &Language) -> Vec<DateMention> {
    let months = month_mask(language);
    // Only the tokens where a date or a number may start are asked: the
    // other words and marks start no date (see `numbers::with_starts`).
    crate::numbers::with_starts(view, language, |starts| {
        let mut found = Vec::new();
        let mut at = 0;
        for &start in starts {
            if start < at {
                continue;
            }
            at = start;
            if let Some(mention) = date_at(view, at, language, &months) {
                at = mention.end;
                found.push(mention);
            }
        }
        found
    })
}

/// Both month lexicons, asked at once (one test of a token's start bits).
fn month_mask(language: &Language) -> StartMask {
    StartMask::new()
        .with(&language.months)
        .with(&language.persian_months)
}

/// The date or time of day that starts at token `at`, if any. Every form
/// but a month name first starts with a number: only the month look-up is
/// asked of a word, and only where the view's start index lets a month name
/// start (`months`: the same answer as the look-up's own first test,
/// without the calls).
fn date_at(
    view: &TokenView,
    at: usize,
    language: &Language,
    months: &StartMask,
) -> Option<DateMention> {
    if view.tokens[at].kind == TokenKind::Number {
        number_date(view, at, language)
    } else if view.may_start_any(months, at) {
        month_first_date(view, at, language)
    } else {
        None
    }
}

/// [`find_dates`] asking every token, as it did before it asked only the
/// tokens where a date or a number may start.
#[cfg(test)]
fn find_dates_token_by_token(view: &TokenView, language: &Language) -> Vec<DateMention> {
    let months = month_mask(language);
    let mut found = Vec::new();
    let mut at = 0;
    while at < view.len() {
        match date_at(view, at, language, &months) {
            Some(mention) => {
                at = mention.end;
                found.push(mention);
            }
            None => at += 1,
        }
    }
    found
}

/// The date or time of day that starts with the number at `at`.
fn number_date(view: &TokenView, at: usize, language: &Language) -> Option<DateMention> {
    // Every form but two starts with a number of at most four digits:
    // most numbers in the text are not one ("1,000", "12.5"), and only the
    // two others are asked of them. A number of four digits or fewer has
    // no full stop, so it is no dotted date.
    if number_at(view, at).is_none() {
        return dotted_date(view, at).or_else(|| month_first_date(view, at, language));
    }
    // The numeric date, the year and month and the time of day go on with a
    // mark glued to the number ("2024-11", "15:47"): most numbers have a
    // word or a space after them, and only a written date can start there.
    let glued_mark = (view.tokens.get(at + 1)).is_some_and(|t| !t.space_before && t.is_punct());
    if !glued_mark {
        return written_date(view, at, language);
    }
    numeric_date(view, at)
        .or_else(|| year_month(view, at))
        .or_else(|| time_of_day(view, at))
        .or_else(|| written_date(view, at, language))
}

/// Numbers in the order [`number_date`] was first written with: the forms
/// asked one after the other, each reading the number again.
#[cfg(test)]
fn number_date_asking_every_form(
    view: &TokenView,
    at: usize,
    language: &Language,
) -> Option<DateMention> {
    numeric_date(view, at)
        .or_else(|| dotted_date(view, at))
        .or_else(|| year_month(view, at))
        .or_else(|| time_of_day(view, at))
        .or_else(|| written_date(view, at, language))
}

fn number_at(view: &TokenView, at: usize) -> Option<(i32, usize)> {
    let token = view.tokens.get(at)?;
    if token.kind != TokenKind::Number {
        return None;
    }
    let text = view.token_text(at);
    if !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 4 {
        return None;
    }
    Some((text.parse().ok()?, text.len()))
}

/// A mark of one of `classes` at `at`, glued to the token before it.
fn punct_at(view: &TokenView, at: usize, classes: &[Punct]) -> bool {
    view.tokens
        .get(at)
        .is_some_and(|t| !t.space_before && t.punct().is_some_and(|p| classes.contains(&p)))
}

/// 2024-11-02, 1404/10/07, 02/11/2024, 2.11.2024.
fn numeric_date(view: &TokenView, at: usize) -> Option<DateMention> {
    let (first, first_len) = number_at(view, at)?;
    let separator = view.tokens.get(at + 1)?.punct()?;
    let date_separators = [Punct::Dash, Punct::Slash, Punct::FullStop];
    if !date_separators.contains(&separator) || !punct_at(view, at + 1, &[separator]) {
        return None;
    }
    let (second, _) = number_at(view, at + 2)?;
    if !punct_at(view, at + 3, &[separator]) || view.tokens[at + 2].space_before {
        return None;
    }
    let (third, third_len) = number_at(view, at + 4)?;
    let (year, month, day) = if first_len == 4 {
        (first, second, third)
    } else if third_len == 4 {
        (third, second, first)
    } else {
        return None;
    };
    let calendar = calendar_of_year(year)?;
    let date = to_gregorian(
        calendar,
        year,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )?;
    let mut end = at + 5;
    if let Some(time) = time_of_day(view, end) {
        end = time.end;
    }
    Some(DateMention {
        start: at,
        end,
        date: Some(date),
    })
}

/// "2023.02.07" or "07.02.2023", read by the tokenizer as one number.
fn dotted_date(view: &TokenView, at: usize) -> Option<DateMention> {
    let token = view.tokens.get(at)?;
    if token.kind != TokenKind::Number {
        return None;
    }
    let mut parts = view.token_text(at).split('.');
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (year, month, day) = match (a.len(), b.len(), c.len()) {
        (4, 1..=2, 1..=2) => (a, b, c),
        (1..=2, 1..=2, 4) => (c, b, a),
        _ => return None,
    };
    let year: i32 = year.parse().ok()?;
    let date = to_gregorian(
        calendar_of_year(year)?,
        year,
        month.parse().ok()?,
        day.parse().ok()?,
    )?;
    Some(DateMention {
        start: at,
        end: at + 1,
        date: Some(date),
    })
}

/// "2024-10": a year and a month, as in a dateline.
fn year_month(view: &TokenView, at: usize) -> Option<DateMention> {
    let (year, year_len) = number_at(view, at)?;
    let (month, month_len) = number_at(view, at + 2)?;
    let fits = year_len == 4
        && calendar_of_year(year) == Some(Calendar::Gregorian)
        && punct_at(view, at + 1, &[Punct::Dash, Punct::Slash])
        && !view.tokens[at + 2].space_before
        && month_len == 2
        && (1..=12).contains(&month);
    fits.then_some(DateMention {
        start: at,
        end: at + 3,
        date: None,
    })
}

/// 15:47 or 15:47:00.
fn time_of_day(view: &TokenView, at: usize) -> Option<DateMention> {
    let (hours, _) = number_at(view, at)?;
    if !punct_at(view, at + 1, &[Punct::Colon]) {
        return None;
    }
    let (minutes, minutes_len) = number_at(view, at + 2)?;
    if hours > 24 || minutes > 59 || minutes_len != 2 {
        return None;
    }
    let mut end = at + 3;
    if punct_at(view, end, &[Punct::Colon]) && number_at(view, end + 1).is_some() {
        end += 2;
    }
    Some(DateMention {
        start: at,
        end,
        date: None,
    })
}

/// A month name with a day and/or a year: "2 نوفمبر 2024", "October 23, 2024",
/// "أغسطس/آب 2025", "7 دی 1404".
fn written_date(view: &TokenView, at: usize, language: &Language) -> Option<DateMention> {
    // Day first: a number of at most two digits, then a month; German writes
    // the day as an ordinal, "23. Oktober 2024".
    let day_dot = usize::from(punct_at(view, at + 1, &[Punct::FullStop]));
    if let Some((day, day_len)) = number_at(view, at)
        && day_len <= 2
        && let Some((month, calendar, after_month)) = month_at(view, at + 1 + day_dot, language)
    {
        let year = year_at(view, after_month);
        let end = year.map_or(after_month, |(_, end)| end);
        let date = year.and_then(|(year, _)| to_gregorian(calendar, year, month, day as u8));
        return Some(DateMention {
            start: at,
            end,
            date,
        });
    }
    month_first_date(view, at, language)
}

/// A written date that starts with its month name: "October 23, 2024",
/// "October 23", "August 2025".
fn month_first_date(view: &TokenView, at: usize, language: &Language) -> Option<DateMention> {
    let (month, calendar, mut after_month) = month_at(view, at, language)?;
    // "Nov. 5": an abbreviated month may carry a full stop.
    if punct_at(view, after_month, &[Punct::FullStop]) && number_at(view, after_month + 1).is_some()
    {
        after_month += 1;
    }
    // Month first: "October 23, 2024", "October 23", "August 2025".
    if let Some((day, day_len)) = number_at(view, after_month)
        && day_len <= 2
        && (1..=31).contains(&day)
    {
        let mut after_day = after_month + 1;
        // "October 23, 2024": the Latin comma only, as English writes it; an
        // Arabic comma after the day has never joined a year to the date.
        if punct_at(view, after_day, &[Punct::Comma]) && view.token_text(after_day) == "," {
            after_day += 1;
        }
        let year = year_at(view, after_day);
        let end = year.map_or(after_month + 1, |(_, end)| end);
        let date = year.and_then(|(year, _)| to_gregorian(calendar, year, month, day as u8));
        return Some(DateMention {
            start: at,
            end,
            date,
        });
    }
    let (_, end) = year_at(view, after_month)?;
    Some(DateMention {
        start: at,
        end,
        date: None,
    })
}

/// A month name at `at` (and an alternative name after a slash), with its calendar.
fn month_at(view: &TokenView, at: usize, language: &Language) -> Option<(u8, Calendar, usize)> {
    let (month, calendar, mut end) = match language.months.longest_at(view, at) {
        Some(hit) => (*hit.value, Calendar::Gregorian, hit.end),
        None => {
            let hit = language.persian_months.longest_at(view, at)?;
            (*hit.value, Calendar::Persian, hit.end)
        }
    };
    if punct_at(view, end, &[Punct::Slash]) && language.months.longest_at(view, end + 1).is_some() {
        end = language.months.longest_at(view, end + 1)?.end;
    }
    Some((month, calendar, end))
}

fn year_at(view: &TokenView, at: usize) -> Option<(i32, usize)> {
    let (year, len) = number_at(view, at)?;
    (len == 4 && calendar_of_year(year).is_some()).then_some((year, at + 1))
}

/// A publication date read from the text, and the mention it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InferredDate {
    /// The publication date, Gregorian.
    pub date: Date,
    /// Publication cue, dateline or latest date mentioned.
    pub basis: DateBasis,
    /// The mention that states it; `None` when it is the latest of several.
    pub mention: Option<DateMention>,
}

/// The publication date of a document with no front-matter date: a date after
/// a publication cue, else the first date near the top (a dateline), else the
/// latest date mentioned (the text cannot be older than what it reports).
pub fn infer_published(
    view: &TokenView,
    language: &Language,
    dates: &[DateMention],
) -> Option<InferredDate> {
    for mention in dates {
        let Some(date) = mention.date else { continue };
        let cue_before = (mention.start.saturating_sub(3)..mention.start)
            .any(|at| language.published.ending_at(view, at + 1).is_some());
        if cue_before {
            return Some(InferredDate {
                date,
                basis: DateBasis::PublicationCue,
                mention: Some(*mention),
            });
        }
    }
    const DATELINE_BYTES: usize = 800;
    if let Some((mention, date)) = dates
        .iter()
        .take_while(|m| view.tokens[m.start].start < DATELINE_BYTES)
        .find_map(|m| m.date.map(|date| (m, date)))
    {
        return Some(InferredDate {
            date,
            basis: DateBasis::Dateline,
            mention: Some(*mention),
        });
    }
    dates
        .iter()
        .filter_map(|m| m.date)
        .max()
        .map(|date| InferredDate {
            date,
            basis: DateBasis::LatestMentioned,
            mention: None,
        })
}

/// What a sentence says of when its figures hold, whatever the figure: a
/// word for now, and the day a relative word names ("yesterday", "on
/// Friday"). Worked out once for all the figures of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceTime {
    now: bool,
    /// Looked for only where it can matter: not when the sentence says
    /// "now" of a dated text.
    relative: Option<Date>,
}

/// The [`SentenceTime`] of tokens `sentence` of a text published on `published`.
pub fn sentence_time(
    view: &TokenView,
    language: &Language,
    sentence: (usize, usize),
    published: Option<Date>,
) -> SentenceTime {
    // The three lexicons asked here start phrases at few tokens: one test of
    // a token's start bits for all three passes over the others, where each
    // of them would answer no.
    let asked = StartMask::new()
        .with(&language.today)
        .with(&language.yesterday)
        .with(&language.weekdays);
    // The sentence is read once: the few tokens found are asked twice.
    let starts: smallvec::SmallVec<[usize; 8]> = (sentence.0..sentence.1)
        .filter(|&at| view.may_start_any(&asked, at))
        .collect();
    let now = starts.iter().any(|&at| language.today.starts_at(view, at));
    let relative = match published {
        Some(published) if !now => relative_date(view, language, starts.iter().copied(), published),
        _ => None,
    };
    SentenceTime { now, relative }
}

/// When a claim holds: a date in its sentence, a relative day, or the publication date.
/// The `dateline` (the mention the publication date was read from) says when the
/// text appeared, not when the claim holds, so it is not taken as a stated date.
/// `time` is the sentence's [`SentenceTime`], worked out once for all its
/// figures (for the same `published`).
pub fn claim_as_of(
    view: &TokenView,
    language: &Language,
    sentence: (usize, usize),
    figure_at: usize,
    dates: &[DateMention],
    (published, dateline): (Option<Date>, Option<DateMention>),
    time: SentenceTime,
) -> Option<(Date, DateBasis)> {
    let (start, end) = sentence;
    // "since October 20": when counting began, not when the figure holds.
    let after_since = |at: usize| at > 0 && language.since.ending_at(view, at).is_some();
    // Dates are in text order and do not overlap: those of the sentence are
    // one run of them.
    let first = dates.partition_point(|m| m.start < start);
    let stated = dates[first..]
        .iter()
        .take_while(|m| m.start < end)
        .filter(|m| m.start >= start && m.end <= end)
        .filter(|m| Some(**m) != dateline)
        .filter(|m| !after_since(m.start))
        .filter_map(|m| m.date.map(|date| (m.start.abs_diff(figure_at), date)))
        .filter(|(_, date)| published.is_none_or(|p| *date <= p))
        .min_by_key(|(distance, _)| *distance);
    if let Some(published) = published.filter(|_| time.now) {
        // "12,000 are now in Russia": the figure holds at publication, whatever
        // earlier date the sentence also mentions.
        return Some((published, DateBasis::Relative));
    }
    let relative = time.relative.filter(|_| published.is_some());
    match (stated, relative, published) {
        // A stated date that is the publication day is a dateline when the
        // sentence also says "yesterday" or "on Friday".
        (Some((_, date)), Some(relative), Some(published)) if date == published => {
            Some((relative, DateBasis::Relative))
        }
        (Some((_, date)), _, _) => Some((date, DateBasis::Stated)),
        (None, Some(relative), _) => Some((relative, DateBasis::Relative)),
        (None, None, published) => published.map(|date| (date, DateBasis::Published)),
    }
}

/// "yesterday", "on Friday": the day they name, counted back from publication,
/// from the first of tokens `starts` where one starts.
fn relative_date(
    view: &TokenView,
    language: &Language,
    starts: impl Iterator<Item = usize>,
    published: Date,
) -> Option<Date> {
    for at in starts {
        if language.yesterday.starts_at(view, at) {
            return published.yesterday().ok();
        }
        if !language.weekdays.may_start_at(view, at) {
            continue;
        }
        // Asked only of a weekday: "since" is looked up at far fewer tokens.
        let after_since = || at > 0 && language.since.ending_at(view, at).is_some();
        if let Some(hit) = language
            .weekdays
            .longest_at(view, at)
            .filter(|_| !after_since())
        {
            return Some(last_weekday_on_or_before(published, *hit.value));
        }
    }
    None
}

/// The latest date on or before `date` that falls on `weekday` (1 = Monday).
fn last_weekday_on_or_before(date: Date, weekday: u8) -> Date {
    let target = Weekday::from_monday_one_offset(weekday as i8).unwrap_or(Weekday::Monday);
    let back =
        (date.weekday().to_monday_zero_offset() - target.to_monday_zero_offset()).rem_euclid(7);
    date.checked_sub(jiff::Span::new().days(back as i64))
        .unwrap_or(date)
}

/// Parses an ISO date at the start of `text` ("2024-10-23", "2024-10-23T10:00:00Z").
pub fn parse_iso_date(text: &str) -> Option<Date> {
    text.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_text::{StartIndex, with_view};

    /// [`sentence_time`] as it was first written: every token of the
    /// sentence asked of each lexicon.
    fn sentence_time_asking_every_token(
        view: &TokenView,
        language: &Language,
        sentence: (usize, usize),
        published: Option<Date>,
    ) -> SentenceTime {
        let now = (sentence.0..sentence.1).any(|at| language.today.starts_at(view, at));
        let relative = match published {
            Some(published) if !now => {
                relative_date(view, language, sentence.0..sentence.1, published)
            }
            _ => None,
        };
        SentenceTime { now, relative }
    }

    /// Texts of random dates, numbers, marks and time words in `code`'s
    /// language, with the view (start index included) the claim stage reads
    /// them with.
    fn random_views(code: &str, texts: usize, check: impl Fn(&TokenView, &Language)) {
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language(code).unwrap();
        let pieces = [
            "2024",
            "1,000",
            "12.5",
            "07.02.2023",
            "2023.02.07",
            "15",
            "3",
            "23",
            "1404",
            "1446",
            "10",
            "-",
            "/",
            ".",
            ":",
            ",",
            " ",
            " ",
            "October",
            "Oktober",
            "أكتوبر",
            "مهر",
            "Nov",
            "Friday",
            "الجمعة",
            "Freitag",
            "yesterday",
            "today",
            "now",
            "since",
            "امس",
            "الان",
            "منذ",
            "said",
            "قال",
            "killed",
            "12:30",
            "2024-11",
            "١٤٠٤",
            "\n",
        ];
        let mut random = crate::test_random::TestRandom(7);
        for _ in 0..texts {
            let mut text = String::new();
            for _ in 0..random.below(30) {
                text.push_str(random.pick(&pieces));
                if random.below(3) > 0 {
                    text.push(' ');
                }
            }
            with_view(&text, language, StartIndex::Built, |view| {
                check(view, language)
            });
        }
    }

    /// Asked at every number of random texts, a number's date is the one
    /// asking every form in turn gave.
    #[test]
    fn a_numbers_date_is_the_one_every_form_asked_in_turn_gives() {
        let dates = std::cell::Cell::new(0);
        for code in ["en", "ar", "de", "fa"] {
            random_views(code, 3_000, |view, language| {
                for at in 0..view.len() {
                    if view.tokens[at].kind == TokenKind::Number {
                        let date = number_date(view, at, language);
                        assert_eq!(
                            date,
                            number_date_asking_every_form(view, at, language),
                            "{code} {:?} at {at}",
                            view.text
                        );
                        dates.set(dates.get() + usize::from(date.is_some()));
                    }
                }
            });
        }
        // The texts have dates of every form, not only numbers.
        assert!(dates.get() > 1_000, "{}", dates.get());
    }

    /// Asking only the tokens where a date or a number may start finds the
    /// dates asking every token found, in random texts.
    #[test]
    fn the_dates_found_at_the_starts_are_those_every_token_gives() {
        let dates = std::cell::Cell::new(0);
        for code in ["en", "ar", "de", "fa"] {
            random_views(code, 2_000, |view, language| {
                let found = find_dates(view, language);
                assert_eq!(
                    found,
                    find_dates_token_by_token(view, language),
                    "{code} {:?}",
                    view.text
                );
                dates.set(dates.get() + found.len());
            });
        }
        assert!(dates.get() > 1_000, "{}", dates.get());
    }

    /// On random texts and stretches of them, with a publication date or
    /// none, a sentence's time is the one asking every token gave.
    #[test]
    fn a_sentences_time_is_the_one_every_token_asked_gives() {
        let published = Date::new(2024, 11, 8).ok();
        let (now, relative) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        for code in ["en", "ar", "de", "fa"] {
            random_views(code, 3_000, |view, language| {
                let len = view.len();
                for (from, to) in [(0, len), (len / 3, len), (0, len / 2)] {
                    for published in [published, None] {
                        let time = sentence_time(view, language, (from, to), published);
                        assert_eq!(
                            time,
                            sentence_time_asking_every_token(view, language, (from, to), published),
                            "{code} {:?} {from}..{to}",
                            view.text
                        );
                        now.set(now.get() + usize::from(time.now));
                        relative.set(relative.get() + usize::from(time.relative.is_some()));
                    }
                }
            });
        }
        // Words for now, for yesterday and weekdays all come up.
        assert!(
            now.get() > 1_000 && relative.get() > 1_000,
            "{now:?} {relative:?}"
        );
    }

    fn dates_in(text: &str, code: &str) -> Vec<(String, Option<String>)> {
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language(code).unwrap();
        with_view(text, language, StartIndex::Left, |view| {
            find_dates(view, language)
                .into_iter()
                .map(|m| {
                    let from = view.tokens[m.start].start;
                    let to = view.tokens[m.end - 1].end;
                    (
                        view.text[from..to].to_string(),
                        m.date.map(|d| d.to_string()),
                    )
                })
                .collect()
        })
    }

    #[test]
    fn gregorian_dates_in_arabic() {
        assert_eq!(
            dates_in("موقع الدفاع العربي 2 نوفمبر 2024: قال", "ar"),
            [("2 نوفمبر 2024".to_string(), Some("2024-11-02".to_string()))]
        );
        assert_eq!(
            dates_in("بتاريخ:2024-11-02 15:47:00", "ar"),
            [(
                "2024-11-02 15:47:00".to_string(),
                Some("2024-11-02".to_string())
            )]
        );
        assert_eq!(
            dates_in("في 23 أكتوبر 2024، تم", "ar")[0].1.as_deref(),
            Some("2024-10-23")
        );
        assert_eq!(
            dates_in("في كانون الثاني 2025", "ar")[0].0,
            "كانون الثاني 2025"
        );
        assert_eq!(dates_in("في أغسطس/آب 2025،", "ar")[0].0, "اغسطس/اب 2025");
    }

    #[test]
    fn solar_hijri_and_hijri_dates_are_converted() {
        assert_eq!(
            dates_in("الجزيرة 1404/10/07", "ar")[0].1.as_deref(),
            Some("2025-12-28")
        );
        assert_eq!(
            dates_in("۱۴۰۴/۱۰/۰۷", "ar")[0].1.as_deref(),
            Some("2025-12-28")
        );
        assert_eq!(
            dates_in("1446/05/01", "ar")[0].1.as_deref(),
            Some("2024-11-03")
        );
        assert_eq!(
            to_gregorian(Calendar::Persian, 1404, 1, 1)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-03-21")
        );
    }

    #[test]
    fn english_dates() {
        assert_eq!(
            dates_in("on October 23, 2024 the", "en")[0].1.as_deref(),
            Some("2024-10-23")
        );
        assert_eq!(
            dates_in("on 23 October 2024", "en")[0].1.as_deref(),
            Some("2024-10-23")
        );
        assert_eq!(dates_in("in August 2025", "en")[0].0, "august 2025");
        assert_eq!(dates_in("SEOUL, Nov. 5 (Wire)", "en")[0].0, "nov. 5");
        assert_eq!(
            dates_in("2023.02.07 | 09:59", "en")[0].1.as_deref(),
            Some("2023-02-07")
        );
    }

    #[test]
    fn figures_are_not_dates() {
        assert!(dates_in("أرسلت 14000 جندي", "ar").is_empty());
        assert!(dates_in("between 10-12 thousand", "en").is_empty());
        assert_eq!(dates_in("date 2024-10 SEOUL", "en")[0].0, "2024-10");
    }

    #[test]
    fn weekday_before_publication() {
        let saturday = Date::new(2024, 11, 2).unwrap();
        assert_eq!(
            last_weekday_on_or_before(saturday, 5).to_string(),
            "2024-11-01"
        );
        assert_eq!(last_weekday_on_or_before(saturday, 6), saturday);
        assert_eq!(
            last_weekday_on_or_before(saturday, 7).to_string(),
            "2024-10-27"
        );
    }
}
