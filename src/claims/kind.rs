//! What a figure counts: its counted noun, its kind, and the period of a rate.
//!
//! Input: a figure's [`Site`] (its sentence and counted noun), the [`Page`]
//! (where the other figures are) and the language pack's units, kind cues and
//! rate phrases. Output: the counted noun (an index into `RuleSet::units`) and
//! the token after it; the kind id; the period of a rate ("day"). Invariant: a
//! strict unit decides the kind; otherwise the nearest cue within the window
//! does, and a cue that speaks of another figure (after the next figure, or
//! right before it) never decides this one.

use super::page::{Page, Site};
use crate::figures::{Figure, unit_after};
use crate::lexicon::{Match, TokenView};
use crate::normalize::Punct;
use crate::rules::{Language, RuleSet};

/// The counted noun named after the figure ("جندي", "soldiers") or before it
/// ("$"), and the token after it (after the figure when there is none).
pub(super) fn counted_noun(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    figure: &Figure,
) -> (Option<usize>, usize) {
    if let Some((index, end)) = unit_after(view, language, figure.end) {
        return (Some(index), end);
    }
    let before = language
        .units
        .ending_at(view, figure.start)
        .filter(|hit| rules.units[*hit.value].before);
    (before.map(|hit| *hit.value), figure.end)
}

/// The kind: a strict unit decides (money, days); otherwise the nearest
/// event word; otherwise the unit's default; otherwise the rules' default kind.
pub(super) fn kind_of(page: &Page, language: &Language, rules: &RuleSet, site: &Site) -> String {
    let window = language.windows.kind_cue;
    let unit = site.unit.map(|i| &rules.units[i]);
    if let Some(unit) = unit
        && unit.strict
        && let Some(kind) = &unit.kind
    {
        return kind.clone();
    }
    let sentence = site.sentence;
    let cues = language
        .kind_cues
        .find_all(page.view, sentence.start, sentence.end);
    let Some((best_distance, best_kind)) = nearest_cue(page, site, &cues, window) else {
        return unit
            .and_then(|u| u.kind.clone())
            .unwrap_or_else(|| rules.default_kind.clone());
    };
    if best_distance <= window
        && let Some(combined) = combined_kind(rules, &cues, site.figure)
    {
        return combined;
    }
    let outranking = outranking_cue(page, rules, site, &cues, best_kind, window);
    if let Some(cue) = outranking.filter(|_| unit.is_some()) {
        return cue.value.clone();
    }
    // Weapons are known by their noun: a weapon word near "30 soldiers" does
    // not make the soldiers weapons.
    let noun_only = rules.kinds.get(best_kind).is_some_and(|k| k.by_noun);
    if noun_only && let Some(unit) = unit.filter(|u| u.kind.as_deref() != Some(best_kind)) {
        return unit
            .kind
            .clone()
            .unwrap_or_else(|| rules.default_kind.clone());
    }
    best_kind.to_string()
}

/// The cue nearest the figure within `window` tokens, with its doubled
/// distance: at equal distance a cue after the figure (its counted noun: "80
/// ألف مصاب") outranks one before.
fn nearest_cue<'c>(
    page: &Page,
    site: &Site,
    cues: &'c [Match<'_, String>],
    window: usize,
) -> Option<(usize, &'c str)> {
    let figure = site.figure;
    // Words after the next figure speak of that figure ("300 pulled out ...,
    // and 40,000 displaced"): the search after this one stops there.
    let next_figure = page.next_figure_start(figure.end);
    // A cue right before the next figure introduces that one ("711 قتيلا
    // وإصابة 1500": the wounded are the 1,500; "killed and about 300" is not).
    let next_lead = page.next_figure_lead(figure.end);
    let mut scored: Vec<(usize, &str)> = cues
        .iter()
        .filter(|cue| {
            cue.end <= figure.lead_start
                || cue.start >= figure.end && cue.start < next_figure && cue.end != next_lead
        })
        .map(|cue| {
            let distance = if cue.end <= figure.lead_start {
                2 * (figure.lead_start - cue.end) + 1
            } else {
                2 * (cue.start - figure.end)
            };
            (distance, cue.value.as_str())
        })
        .filter(|(distance, _)| *distance <= 2 * window + 1)
        .collect();
    scored.sort_by_key(|(distance, _)| *distance);
    scored.first().copied()
}

/// "2,000 soldiers deployed to Russia have been killed": what happened to
/// them outranks who they are, within the clause of the figure (a figure
/// that names its own noun: "3,000 sent ... to replace the killed" keeps its
/// kind, as the cue is in another clause).
fn outranking_cue<'c, 'l>(
    page: &Page,
    rules: &RuleSet,
    site: &Site,
    cues: &'c [Match<'l, String>],
    nearest_kind: &str,
    window: usize,
) -> Option<&'c Match<'l, String>> {
    let figure = site.figure;
    let sentence_end = site.sentence.end;
    let clause_end = (figure.end..sentence_end)
        .find(|&at| page.view.tokens[at].is_punct())
        .unwrap_or(sentence_end);
    let next_figure = page.next_figure_start(figure.end);
    cues.iter()
        .filter(|cue| cue.start >= figure.end && cue.end <= clause_end)
        .filter(|cue| cue.start < next_figure)
        .filter(|cue| 2 * (cue.start - figure.end) <= 2 * window)
        .find(|cue| {
            rules
                .kinds
                .get(cue.value.as_str())
                .is_some_and(|k| k.outranks.iter().any(|o| o == nearest_kind))
        })
}

/// "قتل أو جرح", "killed or wounded": cues of two kinds joined by at most
/// one word, as the nearest cues before or after the figure, make the kind
/// that `combines` them in the rules.
fn combined_kind(rules: &RuleSet, cues: &[Match<'_, String>], figure: &Figure) -> Option<String> {
    let before: Vec<_> = cues.iter().filter(|c| c.end <= figure.lead_start).collect();
    let after: Vec<_> = cues.iter().filter(|c| c.start >= figure.end).collect();
    let pairs = [
        (before.len() >= 2).then(|| (before[before.len() - 2], before[before.len() - 1])),
        (after.len() >= 2).then(|| (after[0], after[1])),
    ];
    pairs.into_iter().flatten().find_map(|(a, b)| {
        let joined = b.start >= a.end && b.start - a.end <= 1;
        let (x, y) = (a.value.as_str(), b.value.as_str());
        let combination = rules.kinds.values().find(|kind| {
            kind.combines.len() == 2
                && (kind.combines[0] == x && kind.combines[1] == y
                    || kind.combines[0] == y && kind.combines[1] == x)
        });
        combination.filter(|_| joined).map(|kind| kind.id.clone())
    })
}

/// The period of a rate named after the figure or its noun, in its clause
/// ("about 92 of their soldiers every day", "30 soldiers killed and
/// wounded in the Kursk region over the weekend").
pub(super) fn rate_of(page: &Page, language: &Language, site: &Site) -> Option<String> {
    let reach = language.windows.rate;
    let view = page.view;
    let from = site.unit_end.max(site.figure.end);
    // Two tokens more, for a rate phrase that starts within reach to end in view.
    let to = (from + reach + 2).min(site.sentence.end);
    // Quotes around the figure ('"at least 30 soldiers" killed') are no break.
    let breaks = |at: usize| {
        view.tokens[at]
            .punct()
            .is_some_and(|mark| mark != Punct::Quote)
    };
    language
        .rates
        .find_all(view, from, to)
        .into_iter()
        .find(|hit| {
            hit.start - from <= reach
                && !(from..hit.start).any(breaks)
                && !page.has_figure_in(from, hit.start)
        })
        .map(|hit| hit.value.clone())
}

/// "92 soldiers every day" counts soldiers per day, not soldiers.
pub(super) fn with_rate(unit: String, period: Option<String>) -> String {
    match period {
        None => unit,
        Some(period) if unit.is_empty() => format!("per {period}"),
        Some(period) => format!("{unit} per {period}"),
    }
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

    #[test]
    fn a_figure_per_period_is_a_rate() {
        let claims = claims_of("The brigade was losing about 92 soldiers every day.");
        assert_eq!(claims[0].unit, "soldiers per day");
    }
}
