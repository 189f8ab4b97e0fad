//! What a figure counts: its counted noun and its kind.
//!
//! Input: a figure's [`Site`] (its sentence and counted noun), the [`Page`]
//! (where the other figures are) and the language pack's units and kind cues.
//! Output: the counted noun (an index into `RuleSet::units`) and the token
//! after it; the kind id (the period of a rate is `narrowing.rs`). Invariant: a
//! strict unit decides the kind; otherwise the nearest cue within the window
//! does, a cue in the figure's own clause before one across a comma, and a
//! cue that speaks of another figure (after the next figure, right before
//! it, or right after the figure before) decides this one only when no other
//! cue is near.

use super::page::{FigureAt, Page, Site};
use crate::figures::Figure;
use crate::lexicon::{Match, TokenView};
use crate::normalize::Punct;
use crate::rules::{Language, RuleSet};
use smallvec::SmallVec;

/// The counted noun named after the figure ("جندي", "soldiers") or before it
/// ("$"), and the token after it (after the figure when there is none). A
/// noun behind a preposition of place says where or how, not what is counted
/// ("53 dead in drone strikes", "30 killed in three villages"); so does a
/// noun of things two words or more away when an event word touches the
/// figure or stands between ("injuring 1400 others as buildings collapsed",
/// "1730 لقوا حتفهم جراء الزلزال"), while "149 completely destroyed
/// buildings" are buildings.
pub(super) fn counted_noun(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    figure: &Figure,
) -> (Option<usize>, usize) {
    // The noun as the figure reader found it (`unit_after` at its end); the
    // first unit phrase from the figure's end on starts where it does.
    if let Some(noun) = figure.noun
        && !behind_a_place(view, language, figure.end, noun.start)
        && !inside_an_event(view, language, noun.start, noun.end)
        && !(rules.units[noun.unit].strict
            && noun.start - figure.end >= 2
            && event_touches(view, language, figure, noun.start))
    {
        return (Some(noun.unit), noun.end);
    }
    let before = figure
        .unit_before
        .filter(|&(_, unit)| rules.units[unit].before);
    (before.map(|(_, unit)| unit), figure.end)
}

/// True when an event word ends right where the figure's words start, or
/// starts between its end and `noun_start` ("1,400 were injured as buildings
/// collapsed").
fn event_touches(
    view: &TokenView,
    language: &Language,
    figure: &Figure,
    noun_start: usize,
) -> bool {
    language
        .kind_cues
        .ending_at(view, figure.lead_start)
        .is_some()
        || (figure.end..noun_start.max(figure.tail_end + 1))
            .any(|at| language.kind_cues.starts_at(view, at))
}

/// "3,238 hospital admissions": the noun starting at `start` and ending at
/// `end` is the first word of a longer event phrase, which the figure counts.
fn inside_an_event(view: &TokenView, language: &Language, start: usize, end: usize) -> bool {
    language
        .kind_cues
        .longest_at(view, start)
        .is_some_and(|cue| cue.end > end)
}

/// True when a location marker ("in", "في") stands between `from` and the
/// first counted noun after it, which starts at `unit_start`.
fn behind_a_place(view: &TokenView, language: &Language, from: usize, unit_start: usize) -> bool {
    (from..unit_start).any(|at| language.location_markers.starts_at(view, at))
}

/// A cue near the figure, ranked: `tier` 0 in the figure's clause, 1 across
/// a comma or a colon, 2 a cue that more likely speaks of a neighbouring
/// figure; then the doubled distance, where at equal distance a cue after
/// the figure (its counted noun: "80 ألف مصاب") outranks one before.
#[derive(Debug, Clone, Copy)]
struct Near {
    index: usize,
    tier: u8,
    distance: usize,
    before: bool,
}

/// The cues near one figure: seldom more than a few, kept off the heap.
type NearCues = SmallVec<[Near; 8]>;

/// The kind a strict unit (money, days) gives its figure, whatever the cues
/// around it say.
pub(super) fn strict_unit_kind(rules: &RuleSet, unit: Option<usize>) -> Option<&str> {
    let unit = &rules.units[unit?];
    unit.kind.as_deref().filter(|_| unit.strict)
}

/// The kind: a strict unit decides (money, days); otherwise the nearest
/// event word; otherwise the unit's default; otherwise the rules' default kind.
pub(super) fn kind_of(page: &Page, language: &Language, rules: &RuleSet, site: &Site) -> String {
    let window = language.windows.kind_cue;
    let unit = site.unit.map(|i| &rules.units[i]);
    let sentence = site.sentence;
    // A strict unit decides before the cues near the figure are weighed, or
    // found: a sentence whose figures all have one finds none.
    if let Some(kind) = strict_unit_kind(rules, site.unit) {
        return kind.to_string();
    }
    let found;
    let cues = match site.kind_cues {
        Some(cues) => cues,
        None => {
            found = language
                .kind_cues
                .find_all(page.view, sentence.start, sentence.end);
            &found[..]
        }
    };
    let near = near_cues(page, language, site, cues, window);
    let unit_kind = || {
        unit.and_then(|u| u.kind.clone())
            .unwrap_or_else(|| rules.default_kind.clone())
    };
    let Some(best) = near.first().copied() else {
        return whole_of_parts(page, language, rules, site, cues).unwrap_or_else(unit_kind);
    };
    if let Some(combined) = combined_kind(page.view, language, rules, cues, &near, best) {
        return combined;
    }
    let best_kind = cues[best.index].value.as_str();
    // Only a figure that names its noun takes an outranking cue: the others
    // do not look for one.
    let outranking = unit
        .is_some()
        .then(|| outranking_cue(page, rules, site, cues, &near, best_kind, window))
        .flatten();
    if let Some(cue) = outranking {
        return cue.value.clone();
    }
    // Weapons are known by their noun: a weapon word near "30 soldiers" does
    // not make the soldiers weapons ("after missile attacks, 3,800 citizens
    // were evacuated": the next cue says what happened to them).
    let by_noun = |kind: &str| rules.kinds.get(kind).is_some_and(|k| k.by_noun);
    if let Some(unit) = unit.filter(|u| u.kind.as_deref() != Some(best_kind))
        && by_noun(best_kind)
    {
        return near
            .iter()
            .map(|n| cues[n.index].value.as_str())
            .find(|kind| !by_noun(kind))
            .map(String::from)
            .or_else(|| unit.kind.clone())
            .unwrap_or_else(|| rules.default_kind.clone());
    }
    best_kind.to_string()
}

/// The cues within `window` tokens of the figure, best first (see [`Near`]).
///
/// Before the figure, cues chained right after the figure before ("17 شخصا
/// قتلوا وأصيب 32": "قتلوا" is the 17's) are that figure's. After it, the
/// search stops at the next figure (words after it speak of that figure:
/// "300 pulled out ..., and 40,000 displaced"), unless the two are joined
/// and the verb after both is theirs ("261 suspects and 172 people were
/// arrested"); a cue right before the next figure introduces that one ("711
/// قتيلا وإصابة 1500"), and so does one a word before it in a clause joined
/// to this figure's ("3408 وعدد المفقودين إلى 139"). A cause after the figure
/// ("1,100 بسبب وجود إصابات") and an event word joined to its noun ("450
/// patients and wounded were executed") are no more than a last resort.
fn near_cues(
    page: &Page,
    language: &Language,
    site: &Site,
    cues: &[Match<'_, String>],
    window: usize,
) -> NearCues {
    let view = page.view;
    let figure = site.figure;
    let lead = figure.lead_start;
    let sentence = site.sentence;
    let previous = page
        .figure_until(lead)
        .filter(|p| p.start >= sentence.start);
    let owned_by_previous = previous
        .map(|p| chained_after(page, language, p, cues, lead))
        .unwrap_or_default();
    let next = page
        .figure_from(figure.end)
        .filter(|n| n.start < sentence.end);
    let next_lead = page.next_figure_lead(figure.end);
    let after_limit = match next {
        Some(next) => shared_verb_limit(page, language, site, next, cues).unwrap_or(next.start),
        None => sentence.end,
    };
    let mut near: NearCues = cues
        .iter()
        .enumerate()
        .filter_map(|(index, cue)| {
            let before = cue.end <= lead;
            let after = !before
                && cue.start >= figure.end
                && cue.start < after_limit
                && cue.end != next_lead;
            if !before && !after {
                return None;
            }
            let (distance, gap) = if before {
                (2 * (lead - cue.end) + 1, cue.end..lead)
            } else {
                (2 * (cue.start - figure.end), figure.end..cue.start)
            };
            // Out of the window: its gap is not read (a long sentence has
            // many cues, each far from most of its figures).
            if distance > 2 * window + 1 {
                return None;
            }
            let weak = if before {
                owned_by_previous.contains(&index)
            } else {
                next.is_some_and(|n| {
                    cue.end < n.start && leads_next(page, language, figure.end, cue, n)
                }) || gap.clone().any(|at| language.causes.starts_at(view, at))
                    || joined_to_noun(view, language, site, cue)
            };
            let tier = if weak {
                2
            } else if gap.clone().any(|at| breaks_clause(view, at)) {
                1
            } else {
                0
            };
            Some(Near {
                index,
                tier,
                distance,
                before,
            })
        })
        .collect();
    near.sort_by_key(|n| (n.tier, n.distance));
    near
}

/// A mark that closes a clause: a comma, semicolon, colon, bracket,
/// question or exclamation mark (a full stop inside a sentence follows an
/// initial; quotes and dashes sit inside clauses).
fn breaks_clause(view: &TokenView, at: usize) -> bool {
    view.tokens[at].punct().is_some_and(|mark| {
        matches!(
            mark,
            Punct::Comma
                | Punct::Semicolon
                | Punct::Colon
                | Punct::Parenthesis
                | Punct::Bracket
                | Punct::Question
                | Punct::Exclamation
        )
    })
}

/// True when token `at` is a word joining two others ("and", "or", "و"),
/// or starts with one glued to it ("وعدد").
fn is_joiner(view: &TokenView, language: &Language, at: usize) -> bool {
    if language.kind_joiners.starts_at(view, at) {
        return true;
    }
    let text = view.token_text(at);
    view.forms(at).any(|(_, stripped)| {
        stripped > 0
            && text
                .get(..stripped)
                .is_some_and(|prefix| language.joiners.has_word(prefix))
    })
}

/// The indexes of the cues that follow the figure `previous` (or its
/// counted noun) with nothing between, and those joined to them ("1481
/// مصدوم و شهید"), up to one that ends where this figure's words start.
fn chained_after(
    page: &Page,
    language: &Language,
    previous: FigureAt,
    cues: &[Match<'_, String>],
    lead: usize,
) -> SmallVec<[usize; 4]> {
    let view = page.view;
    let noun_end = noun_end_of(view, language, previous);
    // Seldom more than a cue or two: kept off the heap.
    let mut owned = SmallVec::new();
    let mut last_end: Option<usize> = None;
    for (index, cue) in cues.iter().enumerate() {
        if cue.start < previous.end {
            continue;
        }
        if cue.end >= lead {
            break;
        }
        // "17 people were killed": up to two words (an auxiliary) between.
        let follows = match last_end {
            None => {
                cue.start <= noun_end + 2
                    && !(noun_end..cue.start)
                        .any(|at| view.tokens[at].is_punct() || is_joiner(view, language, at))
            }
            Some(end) => cue.start == end || cue.start == end + 1 && is_joiner(view, language, end),
        };
        if !follows {
            break;
        }
        owned.push(index);
        last_end = Some(cue.end);
    }
    owned
}

/// Where the counted noun right after a figure ends (at its end when there
/// is none): a noun behind a joiner or a preposition of place belongs to
/// another phrase ("3408 وعدد المفقودين"). The noun is the one the figure
/// reader found after it (`unit_after` at its end).
fn noun_end_of(view: &TokenView, language: &Language, figure: FigureAt) -> usize {
    let end = figure.end;
    match figure.noun {
        Some(noun)
            if !behind_a_place(view, language, end, noun.start)
                && !(end..noun.end).any(|at| is_joiner(view, language, at)) =>
        {
            noun.end
        }
        _ => end,
    }
}

/// "450 patients et blessés ont été exécutés": an event word joined to the
/// counted noun names more of who is counted; what happened to them comes
/// after.
fn joined_to_noun(
    view: &TokenView,
    language: &Language,
    site: &Site,
    cue: &Match<'_, String>,
) -> bool {
    site.unit.is_some()
        && site.unit_end > site.figure.end
        && cue.start == site.unit_end + 1
        && is_joiner(view, language, site.unit_end)
}

/// "3408 وعدد المفقودين إلى 139": a cue one word before the next figure, in
/// a clause joined to this figure's, is that figure's.
fn leads_next(
    page: &Page,
    language: &Language,
    from: usize,
    cue: &Match<'_, String>,
    next: FigureAt,
) -> bool {
    let view = page.view;
    cue.end + 1 == next.lead
        && !view.tokens[cue.end].is_punct()
        && !is_joiner(view, language, cue.end)
        && (from..cue.start).any(|at| is_joiner(view, language, at))
}

/// "261 suspects and 172 people were arrested", "30 soldiers and 20
/// civilians were killed": when the next figure is joined to this one, with
/// no cue and no comma between them, and names what it counts, the verb
/// after it, in its clause, speaks of both. The limit of the search after
/// this figure, if so.
fn shared_verb_limit(
    page: &Page,
    language: &Language,
    site: &Site,
    next: FigureAt,
    cues: &[Match<'_, String>],
) -> Option<usize> {
    let view = page.view;
    let figure = site.figure;
    let joined = language.joiners.ending_at(view, next.lead).is_some();
    let clear = !(figure.end..next.lead).any(|at| breaks_clause(view, at))
        && !cues
            .iter()
            .any(|cue| cue.start >= figure.end && cue.start < next.start);
    // The next figure's noun, as the figure reader found it (`unit_after`).
    if !joined || !clear || next.noun.is_none() {
        return None;
    }
    let clause_end = (next.end..site.sentence.end)
        .find(|&at| breaks_clause(view, at))
        .unwrap_or(site.sentence.end);
    let after_next = page.next_figure_start(next.end);
    Some(clause_end.min(after_next))
}

/// "2,000 soldiers deployed to Russia have been killed": what happened to
/// them outranks who they are, within the clause of the figure (a figure
/// that names its own noun: "3,000 sent ... to replace the killed" keeps its
/// kind, as the cue is in another clause). Before the figure, the cue must
/// stand in its clause with no other figure between ("به شهادت رسیدند که در
/// میان آنان حدود ۱۴۰ زن و کودک نیز حضور داشتند": present among the killed).
fn outranking_cue<'c, 'l>(
    page: &Page,
    rules: &RuleSet,
    site: &Site,
    cues: &'c [Match<'l, String>],
    near: &[Near],
    nearest_kind: &str,
    window: usize,
) -> Option<&'c Match<'l, String>> {
    let figure = site.figure;
    let view = page.view;
    let sentence_end = site.sentence.end;
    let clause_end = (figure.end..sentence_end)
        .find(|&at| view.tokens[at].is_punct())
        .unwrap_or(sentence_end);
    let next_figure = page.next_figure_start(figure.end);
    let outranks = |cue: &Match<'_, String>| {
        rules
            .kinds
            .get(cue.value.as_str())
            .is_some_and(|k| k.outranks.iter().any(|o| o == nearest_kind))
    };
    let after = cues
        .iter()
        .filter(|cue| cue.start >= figure.end && cue.end <= clause_end)
        .filter(|cue| cue.start < next_figure)
        .filter(|cue| 2 * (cue.start - figure.end) <= 2 * window)
        .find(|cue| outranks(cue));
    let before = || {
        near.iter()
            .filter(|n| n.before && n.tier == 0)
            .map(|n| &cues[n.index])
            .filter(|cue| !page.has_figure_in(cue.end, figure.lead_start))
            .find(|cue| outranks(cue))
    };
    after.or_else(before)
}

/// "قتل أو جرح", "killed or wounded": cues of two kinds joined by a joiner
/// ("or", "and", "و") or nothing, the nearest of them the best cue, make the
/// kind that `combines` them in the rules. Cues that speak of a neighbouring
/// figure never pair ("17 شخصا قتلوا وأصيب 32": one killed, one wounded).
fn combined_kind(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    cues: &[Match<'_, String>],
    near: &[Near],
    best: Near,
) -> Option<String> {
    // On the stack, as the cues near a figure are: two allocations a
    // figure before.
    let mut before: SmallVec<[usize; 8]> = near
        .iter()
        .filter(|n| n.before && n.tier < 2)
        .map(|n| n.index)
        .collect();
    let mut after: SmallVec<[usize; 8]> = near
        .iter()
        .filter(|n| !n.before && n.tier < 2)
        .map(|n| n.index)
        .collect();
    before.sort_unstable();
    after.sort_unstable();
    let pairs = [
        (before.len() >= 2).then(|| (before[before.len() - 2], before[before.len() - 1])),
        (after.len() >= 2).then(|| (after[0], after[1])),
    ];
    pairs
        .into_iter()
        .flatten()
        .filter(|&(a, b)| a == best.index || b == best.index)
        .find_map(|(a, b)| {
            let (a, b) = (&cues[a], &cues[b]);
            let joined = b.start == a.end
                || b.start == a.end + 1
                    && (is_joiner(view, language, a.end)
                        || view.tokens[a.end].punct() == Some(Punct::Slash));
            let (x, y) = (a.value.as_str(), b.value.as_str());
            let combination = rules.kinds.values().find(|kind| {
                kind.combines.len() == 2
                    && (kind.combines[0] == x && kind.combines[1] == y
                        || kind.combines[0] == y && kind.combines[1] == x)
            });
            combination.filter(|_| joined).map(|kind| kind.id.clone())
        })
}

/// "5,665 people, including 1,190 killed and 4,475 wounded": a figure with no
/// cue of its own, whose parts follow and count the two kinds a kind
/// `combines`, counts that kind.
fn whole_of_parts(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    cues: &[Match<'_, String>],
) -> Option<String> {
    let view = page.view;
    let from = site.unit_end.max(site.figure.end);
    let end = site.sentence.end;
    let opener = (from..(from + 3).min(end))
        .take_while(|&at| {
            !view.tokens[at].is_punct()
                || matches!(
                    view.tokens[at].punct(),
                    Some(Punct::Comma | Punct::Colon | Punct::Parenthesis)
                )
        })
        .find(|&at| {
            language.part_of.starts_at(view, at) || view.tokens[at].punct() == Some(Punct::Colon)
        })?;
    let reach = opener + 3 * language.windows.kind_cue;
    let kinds: Vec<&str> = cues
        .iter()
        .filter(|cue| cue.start > opener && cue.start < reach)
        .map(|cue| cue.value.as_str())
        .collect();
    rules
        .kinds
        .values()
        .find(|kind| {
            kind.combines.len() == 2 && kind.combines.iter().all(|k| kinds.contains(&k.as_str()))
        })
        .map(|kind| kind.id.clone())
}

#[cfg(test)]
mod tests {
    use crate::claims::test_support::{claims_of, summary};
    use crate::model::{Modality, Qualifier};

    #[test]
    fn arabic_kinds_and_attribution() {
        let claims = claims_of(
            "قُتل أو جرح ما يصل إلى 4000 جندي من كوريا الشمالية ، وفقًا للمسؤولين الكوريين الجنوبيين والأوكرانيين.",
        );
        assert_eq!(
            summary(&claims[0]),
            (
                "4000".into(),
                "casualties",
                "South Korean and Ukrainian officials",
                Modality::Asserted
            )
        );
        assert_eq!(claims[0].subject, "North Korean soldiers killed or wounded");

        let claims = claims_of(
            "وأن تسعة جنود على الأقل من فوج الهندسة قتلوا خلال عملية النشر التي استمرت 120 يومًا.",
        );
        assert_eq!(
            (claims[0].kind.as_str(), claims[0].qualifier),
            ("killed", Qualifier::AtLeast)
        );
        assert_eq!(
            (claims[1].kind.as_str(), claims[1].unit.as_str()),
            ("duration", "days")
        );
    }

    fn kinds(text: &str) -> Vec<(String, String)> {
        claims_of(text)
            .into_iter()
            .map(|c| (c.text.to_string(), c.kind.to_string()))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(t, k)| (t.to_string(), k.to_string()))
            .collect()
    }

    #[test]
    fn a_cue_in_the_figure_s_clause_beats_one_across_a_comma() {
        assert_eq!(
            kinds("After missile attacks, about 3,800 residents were evacuated."),
            pairs(&[("3,800", "displaced")])
        );
        assert_eq!(
            kinds("Casualties: 24 people confirmed dead, 804 others injured."),
            pairs(&[("24", "killed"), ("804", "wounded")])
        );
    }

    #[test]
    fn a_cue_of_a_neighbouring_figure_is_a_last_resort() {
        assert_eq!(
            kinds("وأعلنت السلطات أن 12 شخصا قتلوا وأصيب 45 آخرون."),
            pairs(&[("12", "killed"), ("45", "wounded")])
        );
        assert_eq!(
            kinds("وارتفع عدد الجرحى إلى 2150 وعدد المفقودين إلى 96."),
            pairs(&[("2150", "wounded"), ("96", "missing")])
        );
    }

    #[test]
    fn joined_figures_share_the_verb_after_them() {
        assert_eq!(
            kinds("Police said 261 soldiers and 172 civilians were detained."),
            pairs(&[("261", "captured"), ("172", "captured")])
        );
    }

    #[test]
    fn a_whole_of_killed_and_wounded_parts_counts_casualties() {
        assert_eq!(
            kinds("The raids left 5,665 people, including 1,190 killed and 4,475 wounded."),
            pairs(&[
                ("5,665", "casualties"),
                ("1,190", "killed"),
                ("4,475", "wounded")
            ])
        );
    }

    #[test]
    fn killed_or_wounded_needs_a_joining_word() {
        assert_eq!(
            kinds("Up to 400 soldiers were killed or injured in the assault."),
            pairs(&[("400", "casualties")])
        );
        assert_eq!(
            kinds("La junta cifró en 200 muertos y 730 heridos las víctimas del sismo."),
            pairs(&[("200", "killed"), ("730", "wounded")])
        );
    }

    #[test]
    fn the_counted_noun_is_not_behind_a_place_nor_inside_an_event() {
        let claims = claims_of("The UN reported 53 more dead in drone strikes on a camp.");
        assert_eq!(
            (claims[0].kind.as_str(), claims[0].unit.as_str()),
            ("killed", "")
        );
        assert_eq!(
            kinds("The clinic recorded 850 hospital admissions since the storm."),
            pairs(&[("850", "wounded")])
        );
        assert_eq!(
            kinds("Another 1,400 were injured as buildings collapsed."),
            pairs(&[("1,400", "wounded")])
        );
    }

    #[test]
    fn an_event_word_after_a_cause_says_why() {
        assert_eq!(
            kinds("The toll could rise to 1,100 because of severe injuries among the wounded."),
            pairs(&[("1,100", "killed")])
        );
    }

    #[test]
    fn shares_are_other() {
        let claims = claims_of("Around 70 percent of the dead were civilians.");
        assert_eq!(
            (claims[0].kind.as_str(), claims[0].unit.as_str()),
            ("other", "percent")
        );
    }
}
