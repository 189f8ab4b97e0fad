//! What narrows the quantity a figure counts: the period of a rate, how badly
//! those counted were hurt, the site where a toll was counted.
//!
//! Input: a figure's [`Site`] (its clause, the end of its counted noun), the
//! [`Page`] (where other figures are), its kind and the language pack's
//! `rates`, `grades`, `sites` and location markers. Output: the period of a
//! rate ("day", and the unit "soldiers per day"), a grade, a site, each the
//! rules' value. Invariant: each phrase is read only after the figure, within
//! its window, in the same clause and before any other figure; a grade and a
//! site only for kinds the rules say are `graded` or told apart `by-site`.

use super::page::{Page, Site};
use crate::lexicon::{Lexicon, Match, TokenView};
use crate::normalize::Punct;
use crate::rules::Language;
use crate::rules::files::KindDef;

/// The period of a rate named after the figure or its noun, in its clause
/// ("about 92 of their soldiers every day", "30 soldiers killed and
/// wounded in the Kursk region over the weekend").
pub(super) fn rate_of(page: &Page, language: &Language, site: &Site) -> Option<String> {
    let from = site.unit_end.max(site.figure.end);
    phrase_after(page, &language.rates, language.windows.rate, site, from)
        .or_else(|| fronted_rate(page, language, site))
        .map(|hit| hit.value.clone())
}

/// A rate phrase that opens the sentence, or the quotation after a colon
/// ("In the past 24 hours, 107 were killed and 1,342 injured", "گفت: ۲۴
/// ساعت گذشته ... هزار و ۳۴۲ مجروح و ۱۰۷ شهید"): the period of the first
/// figure after it and of the figures listed with that one (within
/// `list-gap` tokens, no punctuation between); not of a later figure a
/// clause of its own introduces (", bringing the total to 1,000").
fn fronted_rate<'l>(page: &Page, language: &'l Language, site: &Site) -> Option<Match<'l, String>> {
    let view = page.view;
    let sentence = site.sentence;
    let opens = |at: usize| {
        let mut before = at;
        while before > sentence.start && view.tokens[before - 1].punct() == Some(Punct::Quote) {
            before -= 1;
        }
        before == sentence.start || view.tokens[before - 1].punct() == Some(Punct::Colon)
    };
    let phrase = first_opening_phrase(
        view,
        &language.rates,
        (sentence.start, site.figure.start),
        opens,
    )?;
    let mut previous_end = None;
    for (start, end) in page.figures_in(phrase.end, sentence.end) {
        let listed = previous_end.is_none_or(|previous: usize| {
            start.saturating_sub(previous) <= language.windows.list_gap
                && !page.breaks_clause(previous..start)
        });
        if !listed {
            return None;
        }
        if start == site.figure.start {
            return Some(phrase);
        }
        previous_end = Some(end);
    }
    None
}

/// The first phrase `lexicon.find_all(view, from, to)` gives whose start
/// `opens` (the sentence's start or a colon, with only quotes between).
/// Nearly every sentence opens only at its start: the scan stops past the
/// last token that can open (after the last colon before `to`, and the
/// quotes after it), where `find_all` read on to `to` for each figure.
fn first_opening_phrase<'l, T>(
    view: &TokenView,
    lexicon: &'l Lexicon<T>,
    (from, to): (usize, usize),
    opens: impl Fn(usize) -> bool,
) -> Option<Match<'l, T>> {
    let end = to.min(view.len());
    let is_colon = |at: usize| view.tokens[at].punct() == Some(Punct::Colon);
    let is_quote = |at: usize| view.tokens[at].punct() == Some(Punct::Quote);
    let mut last_open = (from..end)
        .rev()
        .find(|&at| is_colon(at))
        .map_or(from, |colon| colon + 1);
    while last_open < end && is_quote(last_open) {
        last_open += 1;
    }
    // The scan of `find_all`, left to right, longest first, a match
    // skipping the tokens it covers.
    let mut at = from;
    while at < end && at <= last_open {
        if lexicon.may_start_at(view, at)
            && let Some(hit) = lexicon.longest_at(view, at)
            && hit.end <= to
        {
            if opens(hit.start) {
                return Some(hit);
            }
            at = hit.end;
            continue;
        }
        at += 1;
    }
    None
}

/// How badly those a figure counts were hurt, when its clause says so right
/// after the figure ("eight in serious condition", "41 with moderate
/// injuries", "8 Schwerverletzte"): its grade, for kinds that are graded.
/// `kind` is the figure's kind as `RuleSet::kinds` defines it.
pub(super) fn grade_of(
    page: &Page,
    language: &Language,
    site: &Site,
    kind: Option<&KindDef>,
) -> Option<String> {
    if !kind.is_some_and(|k| k.graded) {
        return None;
    }
    // The counted noun itself may say it ("Schwerverletzte").
    let from = site.figure.end;
    phrase_after(page, &language.grades, language.windows.rate, site, from)
        .map(|hit| hit.value.clone())
}

/// The site where a toll was counted, when a location marker puts the figure
/// there in its clause ("460 people were killed inside the Saudi Maternity
/// Hospital", "78 killed in an attack on a mosque"), for kinds told apart by
/// site.
/// `kind` is as for [`grade_of`].
pub(super) fn site_of(
    page: &Page,
    language: &Language,
    site: &Site,
    kind: Option<&KindDef>,
) -> Option<String> {
    if !kind.is_some_and(|k| k.by_site) {
        return None;
    }
    let view = page.view;
    let from = site.unit_end.max(site.figure.end);
    let noun = phrase_after(page, &language.sites, language.windows.kind_cue, site, from)?;
    // The noun must stand in a place phrase, a marker a few words before it
    // ("inside the Saudi Maternity hospital"), not name a source ("the
    // hospital said").
    let marked = (noun
        .start
        .saturating_sub(language.windows.site_marker)
        .max(from)..noun.start)
        .any(|at| language.location_markers.starts_at(view, at));
    marked.then(|| noun.value.clone())
}

/// The first phrase of `lexicon` that starts within `reach` tokens after
/// `from`, in the same clause, before any other figure.
fn phrase_after<'l>(
    page: &Page,
    lexicon: &'l Lexicon<String>,
    reach: usize,
    site: &Site,
    from: usize,
) -> Option<Match<'l, String>> {
    let view = page.view;
    // Two tokens more, for a phrase that starts within reach to end in view.
    let to = (from + reach + 2).min(site.sentence.end);
    // Quotes around the figure ('"at least 30 soldiers" killed') are no
    // break, nor is an elided article ("dans l'hôpital").
    let breaks = |at: usize| {
        view.tokens[at]
            .punct()
            .is_some_and(|mark| !matches!(mark, Punct::Quote | Punct::Apostrophe))
    };
    let clear = |start: usize| !page.has_figure_in(from, start);
    first_phrase_within(view, lexicon, (from, to), reach, breaks, clear)
}

/// The first phrase `lexicon.find_all(view, from, to)` gives, when it
/// starts at most `reach` tokens after `from`, no token before it `breaks`
/// and `clear` holds of its start (which must fail for every later start
/// once it fails for one); else none. Each test that fails for a phrase fails
/// for every later one, so only that first phrase can pass: the scan stops
/// there, at a break or past the reach, and nothing is collected.
fn first_phrase_within<'l, T>(
    view: &TokenView,
    lexicon: &'l Lexicon<T>,
    (from, to): (usize, usize),
    reach: usize,
    breaks: impl Fn(usize) -> bool,
    clear: impl Fn(usize) -> bool,
) -> Option<Match<'l, T>> {
    let end = to.min(view.len());
    let mut at = from;
    while at < end && at - from <= reach {
        if lexicon.may_start_at(view, at)
            && let Some(hit) = lexicon.longest_at(view, at)
            && hit.end <= to
        {
            return clear(hit.start).then_some(hit);
        }
        if breaks(at) {
            return None;
        }
        at += 1;
    }
    None
}

/// "92 soldiers every day" counts soldiers per day, not soldiers.
pub(super) fn with_rate(unit: String, period: Option<String>) -> String {
    match period {
        None => unit,
        // What `format!` writes, without its machinery.
        Some(period) if unit.is_empty() => ["per ", &period].concat(),
        Some(period) => [&unit, " per ", &period].concat(),
    }
}

/// The counted noun of a unit without the period [`with_rate`] gave it
/// ("people per day" counts people).
pub(crate) fn without_rate(unit: &str) -> &str {
    if unit.starts_with("per ") {
        return "";
    }
    // " per " as a word: "newspaper copies" has no period. Looked for byte
    // by byte: a unit is a few words, shorter than a searcher's set-up.
    let period = unit.as_bytes().windows(5).position(|w| w == b" per ");
    period.map_or(unit, |at| &unit[..at])
}

#[cfg(test)]
mod tests {
    use crate::claims::test_support::claims_of;

    #[test]
    fn a_rate_without_its_period_is_its_counted_noun() {
        use super::{with_rate, without_rate};
        let rate = with_rate("people".to_string(), Some("day".to_string()));
        assert_eq!(without_rate(&rate), "people");
        assert_eq!(
            without_rate(&with_rate(String::new(), Some("week".into()))),
            ""
        );
        assert_eq!(without_rate("soldiers"), "soldiers");
        assert_eq!(without_rate("newspaper copies"), "newspaper copies");
    }

    /// Random runs of rate, grade and other words, marks and numbers, read
    /// from every token with every reach and random figures: the scan that
    /// stops at the first phrase finds what `find_all` and a search of its
    /// phrases found.
    #[test]
    fn the_first_phrase_within_reach_is_the_one_find_all_gave() {
        use crate::normalize::Punct;
        use crate::test_text::{StartIndex, with_view};
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language("en").unwrap();
        let pieces = [
            "every day",
            "a day",
            "per",
            "day",
            "over the weekend",
            "in serious condition",
            "serious",
            "critically",
            "in hospital",
            "hospital",
            "the",
            "soldiers",
            ",",
            "\"",
            "'",
            ";",
            "12",
            "killed",
            "in",
            "24 hours",
            "daily",
        ];
        let mut random = crate::test_random::TestRandom(3);
        for _ in 0..1_500 {
            let text = random.words(&pieces, 14);
            with_view(&text, language, StartIndex::Left, |view| {
                let figures: Vec<usize> =
                    (0..view.len()).filter(|_| random.below(6) == 0).collect();
                let breaks = |at: usize| {
                    view.tokens[at]
                        .punct()
                        .is_some_and(|mark| !matches!(mark, Punct::Quote | Punct::Apostrophe))
                };
                for lexicon in [&language.rates, &language.grades] {
                    for from in 0..=view.len() {
                        for reach in 0..6 {
                            let to = (from + reach + 2).min(view.len() + random.below(2) as usize);
                            let clear =
                                |start: usize| !figures.iter().any(|&f| f >= from && f < start);
                            let found = super::first_phrase_within(
                                view,
                                lexicon,
                                (from, to),
                                reach,
                                breaks,
                                clear,
                            );
                            let expected =
                                lexicon.find_all(view, from, to).into_iter().find(|hit| {
                                    hit.start - from <= reach
                                        && !(from..hit.start).any(breaks)
                                        && clear(hit.start)
                                });
                            assert_eq!(
                                found.map(|hit| (hit.start, hit.end, hit.value)),
                                expected.map(|hit| (hit.start, hit.end, hit.value)),
                                "{text:?} from {from} to {to} reach {reach}"
                            );
                        }
                    }
                }
            });
        }
    }

    /// Random runs of rate words, colons, quotes, other words and
    /// numbers, from every token to every later one: the scan that stops
    /// past the last token that can open a phrase finds the phrase the
    /// whole `find_all` found first among those that open.
    #[test]
    fn the_first_opening_phrase_is_the_one_find_all_gave() {
        use crate::normalize::Punct;
        use crate::test_text::{StartIndex, with_view};
        let rules = crate::rules::defaults_for_tests();
        let language = rules.language("en").unwrap();
        let pieces = [
            "in the past 24 hours",
            "every day",
            "a day",
            "day",
            "past",
            "24 hours",
            "the",
            "in",
            ":",
            "\"",
            "'",
            ",",
            "12",
            "killed",
            "daily",
            "over the weekend",
        ];
        let mut random = crate::test_random::TestRandom(11);
        for _ in 0..1_500 {
            let text = random.words(&pieces, 14);
            with_view(&text, language, StartIndex::Left, |view| {
                for from in 0..=view.len() {
                    let opens = |at: usize| {
                        let mut before = at;
                        while before > from && view.tokens[before - 1].punct() == Some(Punct::Quote)
                        {
                            before -= 1;
                        }
                        before == from || view.tokens[before - 1].punct() == Some(Punct::Colon)
                    };
                    for to in from..=view.len() {
                        let found =
                            super::first_opening_phrase(view, &language.rates, (from, to), opens);
                        let expected = (language.rates)
                            .find_all(view, from, to)
                            .into_iter()
                            .find(|hit| opens(hit.start));
                        assert_eq!(
                            found.map(|hit| (hit.start, hit.end, hit.value)),
                            expected.map(|hit| (hit.start, hit.end, hit.value)),
                            "{text:?} from {from} to {to}"
                        );
                    }
                }
            });
        }
    }

    #[test]
    fn a_figure_per_period_is_a_rate() {
        let claims = claims_of("The brigade was losing about 92 soldiers every day.");
        assert_eq!(claims[0].unit, "soldiers per day");
    }
}
