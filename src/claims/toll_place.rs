//! Where a toll was counted: the country that reports it, the countries
//! and part of a country its words name, and the place below the country.
//!
//! Input: a toll's [`Site`] (the sentence's mentions and gazetteer places),
//! the tokens naming its source, the owner found beside it and how
//! ([`OwnerEvidence`]), and the language pack's place words ("in both
//! countries", "in government-held areas", "nationwide"). Output: the owner
//! with where it was counted ("Syria (government-held)", "Mandalay,
//! Myanmar"). Invariant: only words beside the figure (within the pack's
//! `place` window, no other figure between) say where it was counted, a place
//! inside a name or in the source's words is no place of the toll, and a toll
//! of several countries together keeps them.

use super::owner::{OwnerClues, OwnerEvidence, inside_a_name};
use super::page::{Page, Site};
use crate::lexicon::TokenView;
use crate::mentions::find_mentions;
use crate::model::Owner;
use crate::places::PlaceMention;
use crate::rules::{Language, RuleSet};

/// The place below the country where a toll was counted, when one is named
/// beside the figure ("1,807 in Mandalay", "في الفاشر"): it is the owner,
/// in its country, even when the article is about another country ("10 dead
/// in Bangkok" in a report on Myanmar). A toll of several countries together
/// keeps them.
pub(super) fn place_below_country(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    clues: &OwnerClues,
    owner: Owner,
    evidence: OwnerEvidence,
) -> Owner {
    if owner.is_joint() {
        return owner;
    }
    // "150,000 dead nationwide": the whole country's, not the article's city.
    let nationwide = site
        .nationwide(page.view, language)
        .iter()
        .any(|&(start, end)| {
            beside_figure(page, language, site, start, end)
                && !page.has_punct(site.tokens_between(start, end))
        });
    if nationwide {
        // The scope only when the owner names no country: it is worked out
        // when first asked.
        let scope = owner.countries().is_empty().then(|| page.scope()).flatten();
        return match scope {
            Some(scope) => scope.country_level(),
            None => owner.country_level(),
        };
    }
    let in_attribution = |start: usize, end: usize| {
        clues
            .attribution
            .is_some_and(|(s, e)| start >= s && end <= e)
    };
    // "an earthquake near Mandalay": a place something was near is not
    // where a toll was counted.
    let near = |start: usize| language.near_markers.ending_at(page.view, start).is_some();
    // The sentence's places are found only now, when a toll first asks.
    let places = site.places(page, language, rules);
    let named = || {
        places
            .iter()
            .filter(|p| !in_attribution(p.start, p.end))
            .filter(|p| !inside_a_name(language, page.view, p.start, p.end))
            .filter(|p| !near(p.start))
    };
    let beside = named()
        .filter(|p| beside_figure(page, language, site, p.start, p.end))
        .filter(|p| !page.has_punct(site.tokens_between(p.start, p.end)) || p.is_location)
        .min_by_key(|p| site.distance(p.start, p.end))
        .or_else(|| {
            named().find(|p| narrows_a_place_beside(page, language, rules, site, &places, p))
        });
    // "2,000 were killed after the RSF stormed El Fasher": a place the
    // sentence names, nearer this figure than any other, is where it was
    // counted, unless the figure names its own country beside it.
    let in_sentence = || {
        named()
            .filter(|p| page.nearest_figure(p.start, p.end) == Some(site.figure.start))
            .min_by_key(|p| site.distance(p.start, p.end))
            .filter(|_| evidence == OwnerEvidence::Weak)
    };
    // The scope is asked for only when it may be taken: it is worked out
    // when first asked.
    let from_scope = || {
        let may_take = owner.is_empty() || evidence == OwnerEvidence::Weak;
        may_take
            .then(|| page.scope())
            .flatten()
            .cloned()
            .filter(|scope| {
                owner.is_empty()
                    || evidence == OwnerEvidence::Weak && owner.countries() == scope.countries()
            })
    };
    let Some(mention) = beside.or_else(in_sentence) else {
        return from_scope().unwrap_or(owner);
    };
    match Some(mention) {
        Some(mention) => {
            let place = mention.place(rules);
            let at_place = Owner::at_place(&place.country, &place.name);
            match owner.region() {
                Some(region) => at_place.in_region(region),
                None => at_place,
            }
        }
        None => owner,
    }
}

/// True when `place` goes on from a country or place beside the figure, in
/// that country, within the `place` window of it and with no clause between
/// ("killed in Sudan's western city of el-Fasher"): it says more precisely
/// where, however far the phrase has run from the figure.
fn narrows_a_place_beside(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    places: &[PlaceMention],
    place: &PlaceMention,
) -> bool {
    let country = &place.place(rules).country;
    let near = language.windows.place;
    let continues = |end: usize| {
        end <= place.start
            && place.start - end <= near
            && !page.has_figure_in(end, place.start)
            && !page.breaks_clause(end..place.start)
    };
    let countries = site.mentions.iter().filter(|m| {
        m.names_country(rules, country)
            && beside_figure(page, language, site, m.start, m.end)
            && continues(m.end)
    });
    let places = places.iter().filter(|p| {
        p.place != place.place
            && &p.place(rules).country == country
            && beside_figure(page, language, site, p.start, p.end)
            && continues(p.end)
    });
    countries.count() + places.count() > 0
}

/// Nothing says where: for a toll, the source's country does ("وزارة الصحة
/// السورية" reports deaths in Syria). Nothing beside the figure says where: a
/// country that reports it does ("after Turkey declared 44,000 died", in a
/// sentence about Turkey and Syria).
pub(super) fn reporting_country(
    rules: &RuleSet,
    site: &Site,
    attribution: Option<(usize, usize)>,
    owner: Owner,
    evidence: OwnerEvidence,
) -> Owner {
    let source =
        attribution.and_then(|range| site.mentions.iter().find(|m| (m.start, m.end) == range));
    if let Some(source) = source
        && let Some(country) = source.country(rules)
        && (owner.is_empty() || evidence == OwnerEvidence::Weak && source.is_bare_country(rules))
    {
        return country;
    }
    owner
}

/// Where a toll was counted, beyond the country beside it: "في كلا البلدين"
/// (in both countries) makes it the toll of every country just named, and a
/// region ("in northwest Syria", "في مناطق سيطرة الحكومة") makes it the toll
/// of that part of the country.
pub(super) fn place_owner(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    owner: Owner,
) -> Owner {
    let view = page.view;
    // "حصيلة البلدين إلى 50,325" but not "44,374، ما يرفع حصيلة البلدين".
    let same_phrase = |start: usize, end: usize| !page.has_punct(site.tokens_between(start, end));
    let both = site.all_named(view, language).iter().any(|&(start, end)| {
        beside_figure(page, language, site, start, end) && same_phrase(start, end)
    });
    if both && let Some(countries) = countries_named(view, language, rules, site) {
        return countries;
    }
    if owner.is_joint() {
        return owner;
    }
    // A region with no country yet ("in the opposition-held north") keeps
    // its region when the article's country is lent to it.
    let regions = site.regions(view, language);
    let region = regions
        .iter()
        .filter(|&&(start, end, _)| beside_figure(page, language, site, start, end))
        .min_by_key(|&&(start, end, _)| site.distance(start, end));
    match region {
        // A figure joined to the one before took its owner, region and all.
        Some((.., region)) => owner.in_region(region),
        None => owner,
    }
}

/// Words within a few tokens of the figure (or its counted noun), with no
/// other figure between (or, after it, no punctuation): they speak of it.
fn beside_figure(page: &Page, language: &Language, site: &Site, start: usize, end: usize) -> bool {
    let near = language.windows.place;
    let figure = site.figure;
    // "1414 وفاة و2357 إصابة في مناطق ...": a place after a coordination
    // with no punctuation in it is where both figures were counted.
    if start >= figure.end {
        // "3,000 with 1,807 bodies recovered in Mandalay": only figures
        // joined by "and" ("وإصابة 1431") share the place after them.
        let coordinated = || {
            let mut from = figure.end;
            page.figures_in(figure.end, start)
                .iter()
                .all(|&(other, end)| {
                    let joined = (from..other).any(|at| is_joiner_at(page.view, language, at));
                    from = end;
                    joined
                })
        };
        start.saturating_sub(site.unit_end.max(figure.end)) <= near
            && (!page.has_figure_in(figure.end, start)
                || !page.has_punct(figure.end..start) && coordinated())
    } else {
        end <= figure.lead_start
            && figure.lead_start - end <= near
            && !page.has_figure_in(end, figure.lead_start)
    }
}

/// True when token `at` is a joiner ("and", "و"), or starts with a
/// proclitic that is one ("وإصابة").
fn is_joiner_at(view: &TokenView, language: &Language, at: usize) -> bool {
    if language
        .joiners
        .ending_at(view, at + 1)
        .is_some_and(|hit| hit.start == at)
    {
        return true;
    }
    let word = view.tokens[at].text(view.text);
    language.proclitics.iter().any(|proclitic| {
        word.len() > proclitic.len()
            && word.starts_with(proclitic.as_str())
            && language.joiners.has_word(proclitic)
    })
}

/// Every country named in the sentence, or else the last two named before
/// it, as one owner ("Syria and Turkey"); `None` for fewer than two.
fn countries_named(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
) -> Option<Owner> {
    let mut names: Vec<&str> = Vec::new();
    for mention in site.mentions {
        for name in mention.country_names(rules) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    if names.len() < 2 {
        let sentence_start = site.sentence.start;
        let from = sentence_start.saturating_sub(language.windows.look_back);
        let earlier = find_mentions(view, language, rules, from, sentence_start);
        for mention in earlier.iter().rev() {
            for name in mention.country_names(rules).into_iter().rev() {
                if names.len() < 2 && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    (names.len() >= 2).then(|| Owner::of_countries(names))
}

#[cfg(test)]
mod tests {
    use crate::claims::test_support::{claims_of, owners};

    #[test]
    fn tolls_in_both_countries_and_in_held_areas_have_their_own_owners() {
        let claims = claims_of(
            "The quake struck Turkey and Syria on Monday. \
             The toll in the two countries rose to 5,000. \
             In Syria, 1,414 people died in government-held areas and 790 in rebel-held areas.",
        );
        assert_eq!(
            owners(&claims),
            [
                "5,000: Syria and Turkey",
                "1,414: Syria (government-held)",
                "790: Syria (opposition-held)"
            ]
        );
        assert_eq!(claims[0].subject, "people killed — Syria and Turkey");
    }

    #[test]
    fn a_country_whose_name_holds_and_is_one_owner() {
        let claims =
            claims_of("In Bosnia and Herzegovina, 120 people died in government-held areas.");
        assert_eq!(
            owners(&claims),
            ["120: Bosnia and Herzegovina (government-held)"]
        );
    }
}
