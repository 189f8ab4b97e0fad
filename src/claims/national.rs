//! National bodies named without their country ("the health ministry
//! said"): their name completed with the country or place of the toll they
//! give.
//!
//! Input: a claim's source, its owner and the page it is on. Output: the
//! source's name as the claim carries it ("Iranian Ministry of Health").

use super::attribution::Attributed;
use super::page::{Page, Site};
use crate::model::{Claim, Owner, SharedText};
use crate::rules::RuleSet;
use crate::rules::files::{Affiliation, EntityType, KindDef};

/// A national body named without its country ("the health ministry said")
/// that gives a toll is the body of the place or country the toll was
/// counted in, or else of the country the article is about: "Iranian
/// Ministry of Health". Other sources keep their name (moved, not copied:
/// the source is the claim's own).
pub(super) fn national_body(
    page: &Page,
    rules: &RuleSet,
    site: &Site,
    source: Attributed,
    owner: &Owner,
    by_place: bool,
) -> String {
    let body = source.tokens.and_then(|(start, end)| {
        site.mentions
            .iter()
            .find(|m| (m.start, m.end) == (start, end) && m.is_bare_institution(rules))
    });
    // Soldiers are counted by their army, and their army's country is seldom
    // who reports them; a toll is counted where it happened, by that
    // place's own bodies.
    let Some(body) = body.filter(|_| by_place) else {
        return source.name;
    };
    let affiliation = rules.entities[body.parts[0].index].affiliation;
    match affiliation {
        Affiliation::None => return source.name,
        Affiliation::Place => {
            return match owner.place() {
                Some(place) => [place, " ", &source.name].concat(),
                None => source.name,
            };
        }
        Affiliation::Country => {}
    }
    let country = owner
        .countries()
        .first()
        .filter(|_| !owner.is_joint())
        .map(|c| &**c)
        .or_else(|| page.topic().and_then(|t| t.single_country()));
    match country.and_then(|name| country_adjective(rules, name)) {
        Some(adjective) => [adjective, " ", &source.name].concat(),
        None => source.name,
    }
}

/// A country's adjective ("Iranian"), or its name where it has none.
fn country_adjective<'r>(rules: &'r RuleSet, name: &'r str) -> Option<&'r str> {
    rules
        .entities_named(name)
        .next()
        .map(|e| e.demonym.as_deref().unwrap_or(name))
}

/// A toll whose country was only lent from the figures around it ("Die
/// Militärregierung gibt die Zahl der Toten mit 1.600 an", after "in
/// Myanmar") names its national body by that country too, as
/// [`national_body`] does for a country found beside the figure.
/// `kinds` is each claim's kind as `RuleSet::kinds` defines it.
pub(super) fn name_lent_national_bodies(
    claims: &mut [Claim],
    kinds: &[Option<&KindDef>],
    rules: &RuleSet,
) {
    for (claim, kind) in claims.iter_mut().zip(kinds) {
        // The cheap tests first: the entities are scanned only for a toll
        // with a source and one country.
        let by_place = || kind.is_some_and(|k| k.by_place);
        if claim.attribution.is_empty() || claim.owner.is_joint() || !by_place() {
            continue;
        }
        let national = rules.entities_named(&claim.attribution).any(|e| {
            e.entity_type == EntityType::Institution && e.affiliation == Affiliation::Country
        });
        if !national {
            continue;
        }
        let Some(country) = claim.owner.single_country() else {
            continue;
        };
        if let Some(adjective) = country_adjective(rules, country) {
            claim.attribution =
                SharedText::interned(&[adjective, " ", &claim.attribution].concat());
        }
    }
}
