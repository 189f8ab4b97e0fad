//! How a figure stands to the one before it in its sentence: a part of it
//! ("including 3,000"), an addition to its total ("another 1,500"), a share
//! of it ("1,000 of them"), or a figure listed or joined after it ("and 1,559").
//!
//! Input: a figure's [`Site`], the claim and figure before it in the same
//! sentence ([`Previous`]), and the language pack's part-of, increment, share
//! and joiner words. Output: the cues found ([`PartCues`]); what a joined or
//! listed figure takes from the one before (its bound, what it counts, its
//! owner); whether the figure is a part. Invariant: only the figure right
//! before, in the same sentence, is ever consulted (for a part, the one
//! before a length of time between them), and a part of another kind than
//! that figure is a whole of its own kind.

use super::narrowing::without_rate;
use super::owner::{FoundOwner, OwnerEvidence};
use super::page::Site;
use crate::figures::Figure;
use crate::lexicon::TokenView;
use crate::model::{Claim, Owner, Qualifier};
use crate::normalize::Punct;
use crate::rules::{Language, RuleSet};

/// The figure before, in the same sentence, and the claim made of it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Previous<'a> {
    pub claim: &'a Claim,
    pub figure: &'a Figure,
}

/// The words that tie a figure to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PartCues {
    /// A part-of cue right before the figure, or before a comma right before
    /// it ("بينهم 3,381", "including 3,000").
    pub after_part_cue: bool,
    /// A joiner right before the figure ("and 1,559").
    pub joined: bool,
    /// An addition to a total ("another 1,500", "1,500 troops more").
    pub increment: bool,
    /// A share of something counted before ("1,000 of them").
    pub share: bool,
    /// A comma right before the figure, shortly after the figure before ("3,381
    /// في تركيا، و1,559 ... ، 769 في مناطق"): the figure continues a list.
    pub listed_after_comma: bool,
}

/// The cues around the figure of `site` that tie it to the figure before;
/// `after_part_cue` is [`after_part_cue`] of that figure, which the caller
/// has asked already (it is not looked up twice).
pub(super) fn part_cues(
    view: &TokenView,
    language: &Language,
    site: &Site,
    (previous, after_part_cue): (Option<Previous>, bool),
) -> PartCues {
    let list_gap = language.windows.list_gap;
    let figure = site.figure;
    let lead = figure.lead_start;
    let after_comma = lead > 0 && view.tokens[lead - 1].punct() == Some(Punct::Comma);
    PartCues {
        after_part_cue,
        joined: lead > 0 && language.joiners.ending_at(view, lead).is_some(),
        increment: language.increment.ending_at(view, lead).is_some()
            || language.increment_after.starts_at(view, site.unit_end),
        share: language.part_of_after.starts_at(view, figure.end),
        listed_after_comma: after_comma
            && previous.is_some_and(|p| lead.saturating_sub(p.figure.end) <= list_gap),
    }
}

/// The cue stands right before the figure, or before a comma that does.
pub(super) fn after_part_cue(view: &TokenView, language: &Language, figure: &Figure) -> bool {
    let start = figure.lead_start;
    let before_comma = start
        .checked_sub(1)
        .filter(|&at| view.tokens[at].punct() == Some(Punct::Comma));
    [Some(start), before_comma]
        .into_iter()
        .flatten()
        .any(|end| language.part_of.ending_at(view, end).is_some())
}

/// "at least 1,000 killed and 2,850 wounded": a figure joined to the one
/// before shares its bound, when it states none of its own and the one
/// before is no vague quantity.
pub(super) fn shared_qualifier(
    figure: &Figure,
    previous: Option<Previous>,
    cues: &PartCues,
) -> Qualifier {
    let Some(previous) = previous.filter(|_| cues.joined).map(|p| p.claim) else {
        return figure.qualifier;
    };
    let bounded = matches!(
        previous.qualifier,
        Qualifier::AtLeast | Qualifier::AtMost | Qualifier::About
    );
    if figure.qualifier == Qualifier::Exact && bounded && !previous.vague {
        previous.qualifier
    } else {
        figure.qualifier
    }
}

/// What a figure that names nothing itself counts: the kind and unit of the
/// figure before, for a part or a joined figure ("2,379 dead in Turkey and
/// 1,444 in Syria"); its kind, for a bare figure listed after a comma; its
/// unit, for any figure with no counted noun ("11,000 soldiers had been
/// deployed, and at least 100 of them were killed").
pub(super) fn counted_like_previous(
    rules: &RuleSet,
    cues: &PartCues,
    previous: Option<Previous>,
    kind: String,
    unit: String,
) -> (String, String) {
    let Some(previous) = previous.map(|p| p.claim) else {
        return (kind, unit);
    };
    let (mut kind, mut unit) = (kind, unit);
    let names_nothing = |kind: &str, unit: &str| rules.is_default_kind(kind) && unit.is_empty();
    // "14,000 soldiers, including 3,000 sent in January": the part counts the same things.
    if (cues.after_part_cue || cues.joined) && names_nothing(&kind, &unit) {
        kind = previous.kind.to_string();
        unit = previous.unit.to_string();
    }
    if cues.listed_after_comma && names_nothing(&kind, &unit) {
        kind = previous.kind.to_string();
    }
    // "276 civilians among the dead, including 102 women ... and 34
    // students": people named by who they are, listed after people counted
    // as one kind, are counted as that kind ("and 650 people were rescued"
    // says nothing of who they are, and may say what happened to them).
    let counts_people = |kind: &str| rules.kinds.get(kind).is_some_and(|k| k.counts_people);
    let lists_people = (cues.listed_after_comma || cues.joined)
        && rules.is_default_kind(&kind)
        && !unit.is_empty()
        && !rules.is_generic_unit(&unit)
        && rules.unit_lends(&unit)
        && counts_people(&previous.kind);
    if lists_people {
        kind = previous.kind.to_string();
    }
    // "a 35% chance of 10,000 deaths": a measure is not what the next figure
    // counts. "2,698 fled in a day, 36,000 in four days": nor is the period
    // of a rate; the next figure's own words say whether it is one.
    let lent = without_rate(&previous.unit);
    if unit.is_empty() && rules.unit_lends(lent) {
        unit = lent.to_string();
    }
    (kind, unit)
}

/// True when the figure is a part of something counted before it: after a
/// part-of cue, of the same kind and owner as the figure before (a part that
/// names its own owner, "3,381 of them in Turkey", is the toll in Turkey); an
/// addition to a running total; a share; or listed with a part.
pub(super) fn is_part(
    rules: &RuleSet,
    cues: &PartCues,
    previous: Option<&Claim>,
    kind: &str,
    found: &FoundOwner,
) -> bool {
    // "4,700 casualties, including 600 deaths": a part of another kind is
    // the whole count of its own kind.
    let same_kind_as_whole = previous.is_none_or(|p| p.kind == kind);
    let same_owner_as_whole = previous.is_some_and(|p| p.owner == found.owner);
    let part_of_whole = cues.after_part_cue
        && same_kind_as_whole
        && (found.evidence == OwnerEvidence::Weak || same_owner_as_whole);
    // "another 1,500 troops" adds to a running total; "5 killed and another
    // 20 wounded" only counts something else, and "an additional $425
    // million" is a new sum of its own.
    // People displaced add up too: "2,698 more displaced" adds to those
    // who fled before, though the level may later fall as people return.
    // The kind is looked up only after an increment's cue (few figures).
    let adds_up = || {
        rules
            .kinds
            .get(kind)
            .is_some_and(|k| k.running_total || k.counts_people)
    };
    let adds_to_total = cues.increment && same_kind_as_whole && adds_up();
    // "1.000 dieser Soldaten", "1,000 of them", unless it counts something
    // else ("100 of them killed").
    let share_of_earlier = cues.share && same_kind_as_whole;
    // "including 500 officers and three generals": the list stays a part.
    let listed_with_part = cues.joined && previous.is_some_and(|p| p.part_of && p.kind == kind);
    part_of_whole || adds_to_total || share_of_earlier || listed_with_part
}

/// True when a partitive and a word of the figure's own kind follow the
/// figure or its counted noun ("276 civilians among the dead", "436 of the
/// dead", "۴۳۶ نفر از جانباختگان"): the figure is a part of all those the
/// text counts that way.
pub(super) fn part_of_those_counted(
    view: &TokenView,
    language: &Language,
    site: &Site,
    kind: &str,
) -> bool {
    let after = site.unit_end.max(site.figure.end);
    language
        .part_of_counted
        .matches_at(view, after)
        .iter()
        .any(|partitive| {
            language
                .kind_cues
                .matches_at(view, partitive.end)
                .iter()
                .any(|cue| cue.value == kind)
        })
}

/// "X said 1,000 drones, while Y put it at more than 2,000": a second figure
/// of the same things (or a part), with no owner of its own beside it, counts
/// what the first one counts, and so has its owner.
pub(super) fn owner_of_previous<'c>(
    cues: &PartCues,
    previous: Option<&'c Claim>,
    evidence: OwnerEvidence,
    kind: &str,
    unit: &str,
) -> Option<&'c Owner> {
    previous
        .filter(|p| {
            evidence == OwnerEvidence::Weak
                && (cues.after_part_cue
                    || without_rate(&p.unit) == without_rate(unit) && p.kind == kind)
        })
        .map(|p| &p.owner)
}

#[cfg(test)]
mod tests {
    use crate::claims::test_support::claims_of;

    #[test]
    fn part_of_inherits_what_it_counts() {
        let claims = claims_of(
            "أرسلت كوريا الشمالية 14000 جندي إلى روسيا ، بما في ذلك 3000 تم إرسالها بين يناير وفبراير ، وفقًا للمسؤولين في كوريا الجنوبية.",
        );
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].owner.to_string(), "North Korea");
        assert_eq!(
            (
                claims[1].kind.as_str(),
                claims[1].owner.to_string().as_str(),
                claims[1].part_of
            ),
            ("personnel", "North Korea", true)
        );
        assert_eq!(claims[1].attribution, "South Korean officials");
    }

    #[test]
    fn an_addition_to_a_running_total_is_a_part() {
        let claims = claims_of(
            "Officials said another 1,500 North Korean troops have entered Russia. \
             Five people were killed and another 20 were injured. \
             Washington announced an additional $425 million in aid.",
        );
        let parts: Vec<(&str, bool)> = claims
            .iter()
            .map(|c| (c.text.as_str(), c.part_of))
            .collect();
        assert_eq!(
            parts,
            [
                ("1,500", true),
                ("Five", false),
                ("20", false),
                ("425 million", false)
            ]
        );
    }
}
