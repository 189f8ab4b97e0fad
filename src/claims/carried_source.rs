//! Sources a figure takes from the figures before it in its document.
//!
//! Input: a claim just read, its sentence, and the claims before it with
//! their [`Position`]s. Output: the claim's attribution filled in or made
//! whole. A sentence that still reports the last source ("he said",
//! "seien", "according to the same source") takes it; a part introduced by
//! a part cue ("of this number") takes its whole's; a bare body ("der
//! Geheimdienst") becomes the one named in full before ("South Korean
//! intelligence"). Invariant: only recent figures (`look-back-claims`) are
//! read, so a long document stays linear.

use super::page::Site;
use crate::lexicon::TokenView;
use crate::model::Claim;
use crate::rules::files::EntityType;
use crate::rules::{Language, RuleSet};

/// Where a claim's figure stands: its sentence's paragraph and number, both
/// counted from 0.
#[derive(Debug, Clone, Copy)]
pub(super) struct Position {
    pub paragraph: usize,
    pub sentence: usize,
}

/// Sources that earlier figures of the document make plain: a sentence that
/// still reports the last source ("he said", "seien") takes it, and a bare
/// body ("der Geheimdienst") is the one named in full before ("South Korean
/// intelligence"). Returns true when the claim took the source because its
/// sentence points back to it ("according to the same source").
pub(super) fn carry_source(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    claim: &mut Claim,
    site: &Site,
    first_in_sentence: bool,
    (earlier, positions, here): (&[Claim], &[Position], Position),
) -> bool {
    // Far-back figures speak of something else.
    let recent = || {
        earlier
            .iter()
            .zip(positions)
            .rev()
            .take(language.windows.look_back_claims)
    };
    // "Of this number, 522 were discharged" ("از این تعداد"), "The casualties
    // include eight in serious condition": the first figure of a sentence
    // that a part cue introduces is a part of the figure just before, from
    // the same source, whether or not that one named any, and whatever
    // paragraph it is in.
    let opens_with_part = !language
        .part_of
        .matches_at(view, site.sentence.start)
        .is_empty();
    let part_of_the_figure_before = opens_with_part || claim.after_part_cue && first_in_sentence;
    if claim.attribution.is_empty() && part_of_the_figure_before {
        if let Some(whole) = earlier.last() {
            claim.attribution.clone_from(&whole.attribution);
            claim.attribution_text.clone_from(&whole.attribution_text);
            claim.attribution_span = whole.attribution_span;
        }
        return false;
    }
    if claim.attribution.is_empty() {
        let continues = site.points_back(view, language);
        // A paragraph that goes on after naming its source still reports it
        // ("Magen David Adom confirmed 28 fatalities. It treated 17 people
        // ..."), for figures of the same kind of thing (one kind, or two
        // kinds of harm) whose own words name no other source.
        // Figures nothing explains ("40 C", "1,550 rescuers") are alike only
        // when they count the same things.
        let harm = |kind: &str| rules.kinds.get(kind).is_some_and(|k| k.harm);
        let alike = |last: &Claim| {
            let same_kind = last.kind == claim.kind
                && (!rules.is_default_kind(&claim.kind) || last.unit == claim.unit);
            same_kind || harm(&last.kind) && harm(&claim.kind)
        };
        // A sentence with no figure between them ("Das Epizentrum war in der
        // Nähe von Mandalay.") turns to something else: the source no longer
        // runs on.
        let unbroken = |from: usize| {
            (from + 1..here.sentence).all(|between| {
                positions
                    .iter()
                    .rev()
                    .take_while(|p| p.sentence >= between)
                    .any(|p| p.sentence == between)
            })
        };
        let same_paragraph = |(last, position): (&Claim, &Position)| {
            alike(last) && position.paragraph == here.paragraph && unbroken(position.sentence)
        };
        if let Some((last, _)) = recent()
            .find(|(c, _)| !c.attribution.is_empty())
            .filter(|&found| continues || same_paragraph(found))
        {
            claim.attribution.clone_from(&last.attribution);
            claim.attribution_text.clone_from(&last.attribution_text);
            claim.attribution_span = last.attribution_span;
            return continues;
        }
        return false;
    }
    let is_bare_body = rules
        .entities_named(&claim.attribution)
        .any(|e| e.entity_type == EntityType::Institution);
    if is_bare_body {
        let bare = claim.attribution.as_str();
        if let Some((full, _)) = recent().find(|(c, _)| ends_with_word(&c.attribution, bare)) {
            claim.attribution.clone_from(&full.attribution);
        }
    }
    false
}

/// True when `name` ends with a space and then `word`: what `ends_with`
/// of `" {word}"` says, without writing that string (once a claim whose
/// source is a bare body).
fn ends_with_word(name: &str, word: &str) -> bool {
    name.strip_suffix(word)
        .is_some_and(|rest| rest.ends_with(' '))
}

#[cfg(test)]
mod tests {
    use crate::test_random::TestRandom;

    /// The test says what `ends_with(&format!(" {word}"))` says, for names
    /// and words drawn from a few pieces (spaces, repeats, empty words).
    #[test]
    fn ends_with_word_is_ends_with_a_space_and_the_word() {
        let pieces = [
            "Ministry", "of", "Health", "", " ", "Iranian", "ministry", "Health ",
        ];
        let mut random = TestRandom(7);
        for _ in 0..5_000 {
            let name = random.words(&pieces, 5);
            let word = random.words(&pieces, 3);
            let expected = name.ends_with(&format!(" {word}"));
            assert_eq!(
                super::ends_with_word(&name, &word),
                expected,
                "{name:?} {word:?}"
            );
        }
    }
}
