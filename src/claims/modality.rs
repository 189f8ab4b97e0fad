//! What the text does with a figure (asserts, projects, denies), and denials
//! that state no figure.
//!
//! Input: a figure's [`Site`] and the language pack's projection and denial
//! cues; for denials, the sentences with no figure. Output: a figure's
//! [`Modality`]; a [`Denial`] for each sentence that denies without a figure
//! but says what it denies (a kind of event, and whose people). Invariant: a
//! denial cue anywhere in the sentence makes each of its figures denied; a
//! figureless denial that names no kind is no denial.

use super::document::DocumentFacts;
use super::owner::{OwnerClues, owner_beside};
use super::page::{Page, Sentence, Site};
use super::subject::{Subset, subject_of};
use crate::figures::Figure;
use crate::lexicon::TokenView;
use crate::mentions::{Mention, find_mentions};
use crate::model::{Denial, Modality, SharedText};
use crate::rules::{Language, RuleSet};

/// Denied when the sentence denies; a projection when plans or forecasts are
/// near the figure; else asserted.
pub(super) fn modality_of(view: &TokenView, language: &Language, site: &Site) -> Modality {
    let windows = &language.windows;
    let (figure, sentence) = (site.figure, site.sentence);
    if site.denies(view, language) {
        return Modality::Denied;
    }
    let from = figure
        .lead_start
        .saturating_sub(windows.projection_before)
        .max(sentence.start);
    let to = (figure.end + windows.projection_after).min(sentence.end);
    if !language.projection.find_all(view, from, to).is_empty() {
        return Modality::Projection;
    }
    Modality::Asserted
}

/// The denials of the sentences that state no figure, numbered `<doc>#d<n>`.
pub(super) fn denials(
    page: &Page,
    facts: &DocumentFacts,
    language: &Language,
    rules: &RuleSet,
) -> Vec<Denial> {
    facts
        .sentences
        .iter()
        .filter(|sentence| !page.has_figure_in(sentence.start, sentence.end))
        .filter_map(|&sentence| denial(page, facts, language, rules, sentence))
        .enumerate()
        .map(|(index, mut denial)| {
            denial.id = format!("{}#d{}", page.document.id, index + 1).into();
            denial
        })
        .collect()
}

/// A denial in a sentence with no figure, when it says what it denies: a
/// kind of event and whose people ("denied sending North Korean troops").
fn denial(
    page: &Page,
    facts: &DocumentFacts,
    language: &Language,
    rules: &RuleSet,
    sentence: Sentence,
) -> Option<Denial> {
    let view = page.view;
    let cue = language
        .denial
        .find_all(view, sentence.start, sentence.end)
        .into_iter()
        .next()?;
    let kind = denied_kind(view, language, sentence, cue.end)?;
    let (unit_index, unit_words) = counted_nouns(view, language, rules, sentence);
    let mentions = find_mentions(view, language, rules, sentence.start, sentence.end);
    let denier = denier(language, &mentions, (cue.start, cue.end));
    // The denying words stand where a figure would, for finding whose people they speak of.
    let anchor = Figure::standing_at(cue.start, cue.end);
    let site = Site {
        figure: &anchor,
        sentence,
        mentions: &mentions,
        places: Some(&[]),
        unit: unit_index,
        unit_end: cue.end,
        kind_cues: None,
        sources: None,
        lookups: None,
    };
    let clues = OwnerClues {
        attribution: denier.map(|m| (m.start, m.end)),
        unit_words: Some(&unit_words),
        by_place: rules.kinds.get(&kind).is_some_and(|k| k.by_place),
        counts_people: rules.kinds.get(&kind).is_some_and(|k| k.counts_people),
    };
    let owner = owner_beside(rules, language, view, &site, &clues).owner;
    let unit = unit_index
        .map(|i| rules.units[i].name.clone())
        .unwrap_or_default();
    let span = page.span(cue.start, cue.end);
    let as_of = facts.as_of(view, language, sentence, cue.start);
    Some(Denial {
        id: SharedText::EMPTY,
        doc: page.document.id.clone(),
        span,
        text: page.written(cue.start, cue.end).to_string(),
        subject: subject_of(
            rules,
            &owner,
            &unit,
            (&kind, rules.kinds.get(&kind)),
            false,
            Subset::default(),
        ),
        kind,
        attribution: denier.map(|m| m.canonical(rules)).unwrap_or_default(),
        as_of: as_of.map(|(d, _)| d),
        source: facts.outlet.clone(),
        sentence: page
            .written(sentence.start, sentence.end)
            .trim()
            .to_string(),
        group: String::new(),
        owner,
    })
}

/// The counted nouns of a sentence, as the first one's unit and every one's
/// tokens. Counted nouns only: money and time units in a denial are dates and
/// prices, not what is denied.
fn counted_nouns(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    sentence: Sentence,
) -> (Option<usize>, Vec<(usize, usize)>) {
    let hits: Vec<_> = language
        .units
        .find_all(view, sentence.start, sentence.end)
        .into_iter()
        .filter(|hit| !rules.units[*hit.value].strict)
        .collect();
    let first = hits.first().map(|hit| *hit.value);
    (first, hits.iter().map(|hit| (hit.start, hit.end)).collect())
}

/// The kind of what is denied: it follows the denying words ("denied sending
/// troops", "نفى ... إرسال جنود").
fn denied_kind(
    view: &TokenView,
    language: &Language,
    sentence: Sentence,
    cue_end: usize,
) -> Option<String> {
    let end = (cue_end + language.windows.denied).min(sentence.end);
    language
        .kind_cues
        .find_all(view, cue_end, end)
        .first()
        .map(|hit| hit.value.clone())
}

/// Who denies: the subject of the denying words, on the side the language
/// puts subjects.
fn denier<'m>(
    language: &Language,
    mentions: &'m [Mention],
    cue: (usize, usize),
) -> Option<&'m Mention> {
    let (cue_start, cue_end) = cue;
    if language.subject_first {
        mentions
            .iter()
            .rev()
            .find(|m| m.end <= cue_start && m.end + 3 >= cue_start)
    } else {
        mentions
            .iter()
            .find(|m| m.start >= cue_end && m.start <= cue_end + 2)
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::extract;
    use crate::claims::test_support::{claims_of, summary};
    use crate::model::Modality;
    use crate::read::Document;

    #[test]
    fn projection_and_money() {
        let claims = claims_of(
            "وأعلنت الولايات المتحدة يوم الجمعة أنها ستقدم 425 مليون دولار إضافية كمساعدات عسكرية لأوكرانيا.",
        );
        assert_eq!(
            summary(&claims[0]),
            (
                "425 مليون".into(),
                "money",
                "United States",
                Modality::Projection
            )
        );
        assert_eq!(claims[0].unit, "USD");
    }

    #[test]
    fn denials_without_figures_are_kept() {
        let rules = crate::rules::defaults_for_tests();
        let text = "ونفى الكرملين في البداية التقارير المتعلقة بإرسال جنود كوريين شماليين إلى روسيا ووصفها بأنها أخبار كاذبة.";
        let document = Document::from_text("t", text).unwrap();
        let result = extract(&document, rules);
        assert!(result.claims.is_empty());
        let denial = &result.denials[0];
        assert_eq!(
            (
                denial.kind.as_str(),
                denial.owner.to_string().as_str(),
                denial.attribution.as_str()
            ),
            ("personnel", "North Korea", "Kremlin")
        );
    }
}
