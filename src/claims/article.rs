//! The article's own country and place, read from its opening: the country
//! it names first (or its outlet's, by web address), lent to figures that
//! name no owner, and the place below that country its headline is about.
//! Worked out once a document, and only when something asks (see
//! [`super::page::Page`]); the owner beside each figure is in
//! [`super::owner`].

use super::owner::{inside_a_name, names_no_owner};
use super::page::{Page, Sentence};
use crate::lexicon::TokenView;
use crate::mentions::{Mention, find_mentions, first_mention_where};
use crate::model::Owner;
use crate::rules::{Language, RuleSet};

/// Where the article is: the first place below the country that its headline
/// (its first sentence of some length) names away from any figure ("The RSF's El-Fasher massacre", "Les
/// bénévoles de Tawila, dans l'ouest du Soudan"), when it lies in the
/// country the opening names first (or the opening names none). A place
/// beside a figure of the opening ("1,807 bodies recovered in Mandalay")
/// is that figure's, not the article's; one in another country than the
/// article's (Kursk, in an article on North Korea's troops) is where
/// things happen, not whose toll it is.
pub(super) fn document_scope(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    sentences: &[Sentence],
) -> Option<Owner> {
    const HEADLINE_WORDS: usize = 4;
    let view = page.view;
    // The headline: the first sentence long enough not to be page furniture
    // ("- Plus", "وكالات").
    let headline = sentences.iter().find(|s| {
        (s.start..s.end)
            .filter(|&at| view.tokens[at].kind == crate::normalize::TokenKind::Word)
            .count()
            >= HEADLINE_WORDS
    })?;
    let (start, end) = (headline.start, headline.end);
    let mentions = find_mentions(view, language, rules, start, end);
    let countries = || {
        mentions
            .iter()
            .flat_map(|m| m.country_names(rules))
            .map(str::to_string)
            .collect()
    };
    let near = language.windows.place;
    let away_from_figures = |start: usize, end: usize| {
        page.nearest_figure(start, end).is_none_or(|figure| {
            let (from, to) = if figure >= end {
                (end, figure)
            } else {
                (figure, start)
            };
            to.saturating_sub(from) > near || page.has_punct(from..to)
        })
    };
    // "Floods kill 120 across Pakistan, Punjab worst hit": a headline whose
    // figure is the country's is about the country.
    let country_beside_a_figure = mentions
        .iter()
        .filter(|m| m.names_a_country(rules))
        .any(|m| !away_from_figures(m.start, m.end));
    if country_beside_a_figure {
        return None;
    }
    // Places only now: a headline whose figure is the country's looks no further.
    let places =
        crate::places::find_places(view, language, rules, start, end, &mentions, countries);
    let place = places
        .iter()
        .filter(|p| !inside_a_name(language, view, p.start, p.end))
        .find(|p| away_from_figures(p.start, p.end))?
        .place(rules);
    let topic = first_country(rules, language, view, &mentions);
    let same_country = topic
        .as_ref()
        .is_none_or(|t| matches!(t.countries(), [only] if **only == *place.country));
    same_country.then(|| Owner::at_place(&place.country, &place.name))
}

/// The token where an article's opening ends: its first sentences, but at
/// least a headline's and a lead's worth of words when page furniture
/// ("news.ORF.at") cuts the opening into short pieces.
fn opening_end(view: &TokenView, language: &Language, sentences: &[Sentence]) -> Option<usize> {
    let windows = &language.windows;
    let last = windows
        .opening_sentences
        .min(sentences.len())
        .checked_sub(1)?;
    Some(
        sentences
            .get(last)
            .map_or(view.len(), |s| s.end)
            .max(windows.opening_tokens.min(view.len())),
    )
}

/// The first country the article names in its opening sentences, as an owner.
pub(super) fn topic_country(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    sentences: &[Sentence],
    url: Option<&str>,
) -> Option<Owner> {
    let end = opening_end(view, language, sentences)?;
    // The opening's names are read only as far as its first country: most
    // articles name it in the headline.
    first_mention_where(view, language, rules, (0, end), |m| {
        names_first_country(rules, language, view, m)
    })
    .or_else(|| {
        // "606 martyrs in the Zionist regime's attacks on our country", on
        // kayhan.ir: the outlet's own country.
        let says_home = !language.home_country.find_all(view, 0, end).is_empty();
        says_home.then(|| outlet_country(rules, url?)).flatten()
    })
}

/// The country of an outlet whose web address ends in a country's domain
/// (".ir", ".co.uk"), by the countries' ISO codes; `None` for generic
/// domains (".com", ".news").
pub(super) fn outlet_country(rules: &RuleSet, url: &str) -> Option<Owner> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = after_scheme.split(['/', ':', '?', '#']).next()?;
    let domain = host.rsplit('.').next()?.to_ascii_uppercase();
    if domain.len() != 2 || host == domain {
        return None;
    }
    // The one country domain that is not its ISO code.
    let code = if domain == "UK" {
        "GB".to_string()
    } else {
        domain
    };
    rules
        .entities
        .iter()
        .find(|e| e.code.as_deref() == Some(code.as_str()))
        .map(|e| Owner::of_countries([e.name.as_str()]))
}

/// The first country named, not as a place something went to ("troops sent
/// to Russia"), nor as who struck ("حملات رژیم صهیونیستی").
fn first_country(
    rules: &RuleSet,
    language: &Language,
    view: &TokenView,
    mentions: &[Mention],
) -> Option<Owner> {
    // The country first: the look-ups around the mention are asked only of
    // the mentions that have one, most names (people, outlets) have none.
    mentions
        .iter()
        .find_map(|m| names_first_country(rules, language, view, m))
}

/// The country a mention names for [`first_country`]: none for a place
/// something went to or who struck.
fn names_first_country(
    rules: &RuleSet,
    language: &Language,
    view: &TokenView,
    mention: &Mention,
) -> Option<Owner> {
    if mention.is_location {
        return None;
    }
    let home = mention.home_country(rules)?;
    (!names_no_owner(rules, language, view, mention, true, true)).then_some(home)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_outlet_is_of_the_country_its_domain_names() {
        let rules = crate::rules::defaults_for_tests();
        let country = |url: &str| super::outlet_country(rules, url).map(|owner| owner.to_string());
        assert_eq!(
            country("https://kayhan.ir/fa/news/313249").as_deref(),
            Some("Iran")
        );
        assert_eq!(
            country("https://www.bbc.co.uk/news").as_deref(),
            Some("United Kingdom")
        );
        assert_eq!(
            country("http://capdz.dz:8080/x").as_deref(),
            Some("Algeria")
        );
        assert_eq!(country("https://www.zerohedge.com/a"), None);
        assert_eq!(country("https://rouz.news/a"), None);
        assert_eq!(country("not a url"), None);
    }
}
