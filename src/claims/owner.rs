//! Whose people or things a figure counts: its owner.
//!
//! Input: a figure's [`Site`] (the sentence's entity mentions, the counted
//! noun), its kind, the tokens naming its source, and the language pack's
//! place words. Output: an [`Owner`] and how it was found ([`OwnerEvidence`]);
//! after every figure is read, the document-wide passes that give a toll's
//! whole the countries of its parts and lend the article's owner to figures
//! that name none. Invariant: the source of a figure is never its owner, and
//! for kinds counted by place (tolls) a place beside the figure is (where a
//! toll was counted is `toll_place.rs`; the article's own country and place,
//! read from its opening, are `article.rs`).

use indexmap::IndexMap;

use super::page::{Page, Site};
use super::toll_place::{place_below_country, place_owner, reporting_country};
use crate::fxhash::FxBuildHasher;
use crate::lexicon::TokenView;
use crate::mentions::Mention;
use crate::model::{Claim, Owner};
use crate::normalize::TokenKind;
use crate::rules::files::KindDef;
use crate::rules::{Language, RuleSet};

/// How an owner was found: named beside the figure or its noun, or only
/// somewhere in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OwnerEvidence {
    Beside,
    Weak,
}

/// An owner and how it was found.
#[derive(Debug, Clone)]
pub(super) struct FoundOwner {
    pub owner: Owner,
    pub evidence: OwnerEvidence,
}

/// What owner finding needs to know besides the site.
pub(super) struct OwnerClues<'a> {
    /// The tokens naming the source, which is not the owner.
    pub attribution: Option<(usize, usize)>,
    /// Nouns in the sentence that count the same things, when given;
    /// `None` to find them when asked (see [`unit_words`]).
    pub unit_words: Option<&'a [(usize, usize)]>,
    /// The kind is told apart by place (tolls of civilians).
    pub by_place: bool,
    /// The kind counts people, who may have been struck by someone: a
    /// country that struck is not theirs.
    pub counts_people: bool,
}

/// True when a figure of `kind` is told apart by where it happened. Soldiers
/// are counted by the army they belong to, wherever they fell; everyone else,
/// for kinds counted by place, by where it happened.
/// `kind` is the figure's kind as `RuleSet::kinds` defines it; `unit` is
/// what the figure counts, its own noun or one it took from the figure
/// before ("100 of them were killed" counts soldiers).
pub(super) fn counted_by_place(
    rules: &RuleSet,
    site: &Site,
    kind: Option<&KindDef>,
    unit: &str,
) -> bool {
    let kind_by_place = |id: &str| rules.kinds.get(id).is_some_and(|k| k.by_place);
    // The kind first: the noun is looked up only for kinds counted by place.
    if !kind.is_some_and(|k| k.by_place) {
        return false;
    }
    let own_noun = site.unit.map(|index| &rules.units[index]);
    let noun = own_noun.or_else(|| rules.unit_named(unit));
    let counted_by_side = noun
        .and_then(|u| u.kind.as_deref())
        .is_some_and(|k| !kind_by_place(k));
    !counted_by_side
}

/// Nouns elsewhere in the sentence that count the same things: the same
/// unit, or any unit when the figure names none ("100 of them").
fn unit_words(view: &TokenView, language: &Language, site: &Site) -> Vec<(usize, usize)> {
    site.units(view, language)
        .iter()
        .filter(|&&(.., unit)| site.unit.is_none_or(|index| unit == index))
        .map(|&(start, end, _)| (start, end))
        .collect()
}

/// The country or group the counted things belong to: an adjective or country
/// right by the figure or its noun; else one that qualifies the same noun
/// elsewhere in the sentence ("القوات الكورية الشمالية ... تسعة جنود"); else a
/// place ("in Ukraine"); else any other country in the sentence but the source.
pub(super) fn owner_beside(
    rules: &RuleSet,
    language: &Language,
    view: &TokenView,
    site: &Site,
    clues: &OwnerClues,
) -> FoundOwner {
    let is_attribution = |m: &Mention| {
        clues
            .attribution
            .is_some_and(|(s, e)| m.start >= s && m.end <= e)
    };
    // A few a sentence: on the stack.
    let countries: smallvec::SmallVec<[&Mention; 8]> = site
        .mentions
        .iter()
        .filter(|m| m.names_a_country(rules) && !is_attribution(m))
        .filter(|m| {
            // The same for every figure of the sentence of one sort.
            let flags = (clues.counts_people, clues.by_place);
            !site.names_no_owner(m, flags, || {
                names_no_owner(rules, language, view, m, flags.0, flags.1)
            })
        })
        .collect();
    // The counted nouns only when a country may qualify one.
    let same_noun = || {
        if countries.is_empty() {
            return None;
        }
        match clues.unit_words {
            Some(words) => country_of_same_noun(site, words, &countries),
            None => country_of_same_noun(site, &unit_words(view, language, site), &countries),
        }
    };
    let beside =
        nearest_country(language, view, site, clues.by_place, &countries).or_else(same_noun);
    let (found, evidence) = match beside {
        Some(mention) => (Some(mention), OwnerEvidence::Beside),
        None => (
            named_elsewhere(site, clues.by_place, &countries),
            OwnerEvidence::Weak,
        ),
    };
    FoundOwner {
        owner: found.and_then(|m| m.country(rules)).unwrap_or_default(),
        evidence,
    }
}

/// A country named as who struck ("Israeli strikes", "killed by Israel"), as
/// part of a name ("the Saudi hospital", "Russian news agency"), or, for a
/// toll, only as a bloc's adjective ("western", which is a compass word as
/// often as it is the West): it owns no figure.
pub(super) fn names_no_owner(
    rules: &RuleSet,
    language: &Language,
    view: &TokenView,
    mention: &Mention,
    counts_people: bool,
    by_place: bool,
) -> bool {
    let noun_before = |lexicon: &crate::lexicon::Lexicon<()>| {
        (mention.start.saturating_sub(1)..=mention.start)
            .any(|end| end > 0 && lexicon.ending_at(view, end).is_some())
    };
    let opens_phrase = |lexicon| opens_phrase(view, lexicon, mention.start);
    let noun_after = |lexicon: &crate::lexicon::Lexicon<()>| {
        (mention.end..=mention.end + 1)
            .any(|start| start < view.len() && lexicon.starts_at(view, start))
    };
    let beside = |lexicon| noun_before(lexicon) || noun_after(lexicon);
    // "الغارات الإسرائيلية", "strikes by Israel", "Israeli strikes"; but "in
    // Ukraine with missiles" names where, and a country's name before a noun
    // is no adjective of it.
    let adjective = || mention.parts.iter().all(|p| p.as_demonym);
    // Each test is looked up only when the ones before leave the answer open.
    let struck = || {
        counts_people
            && !mention.is_location
            && (opens_phrase(&language.agent_markers)
                || opens_phrase(&language.agent_nouns)
                || adjective() && noun_after(&language.agent_nouns))
    };
    struck() || beside(&language.name_nouns) || by_place && mention.is_bloc_adjective(rules)
}

/// "توسط رژیم غاصب و جنایتکار صهیونیستی", "حملات وحشیانه رژیم": the doer
/// may stand a few words into the phrase the marker or noun opens.
const PHRASE_WORDS: usize = 4;

/// True when a phrase of `lexicon` ends at most [`PHRASE_WORDS`] words
/// before token `start`, with only words between.
fn opens_phrase(view: &TokenView, lexicon: &crate::lexicon::Lexicon<()>, start: usize) -> bool {
    // Nearest end first: a token before `start` that is no word (or the
    // text's start) stands between it and every end further back, so the
    // look-ups stop there.
    for words in 0..=PHRASE_WORDS {
        let Some(end) = start.checked_sub(words) else {
            return false;
        };
        if end == 0 || words > 0 && view.tokens[end].kind != TokenKind::Word {
            return false;
        }
        if lexicon.ending_at(view, end).is_some() {
            return true;
        }
    }
    false
}

/// A place right beside a noun that makes it part of a name ("Cairo News",
/// "صحيفة بانكوك بوست"): not where a figure was counted. A building named
/// after its place stands there ("the hospital of Kharkiv", "مستشفى
/// الفاشر"), and so does whatever a location marker puts there ("a hospital
/// in Kharkiv").
pub(super) fn inside_a_name(
    language: &Language,
    view: &TokenView,
    start: usize,
    end: usize,
) -> bool {
    let lexicon = &language.name_nouns;
    let marker_at = |at: usize| language.location_markers.starts_at(view, at);
    let noun_before = |at: usize| {
        at > 0
            && lexicon.ending_at(view, at).is_some()
            && language.sites.ending_at(view, at).is_none()
            && (at == start || !marker_at(at))
    };
    (start.saturating_sub(1)..=start).any(noun_before)
        || (end..=end + 1).any(|at| at < view.len() && lexicon.starts_at(view, at))
}

/// Tokens between a mention and the figure (before it) or its counted noun (after it).
fn gap(site: &Site, mention: &Mention) -> usize {
    if mention.end <= site.figure.lead_start {
        site.figure.lead_start - mention.end
    } else {
        mention.start.saturating_sub(site.unit_end)
    }
}

/// A country right by the figure or its noun, with no punctuation or clause
/// opener between.
fn nearest_country<'m>(
    language: &Language,
    view: &TokenView,
    site: &Site,
    by_place: bool,
    countries: &[&'m Mention],
) -> Option<&'m Mention> {
    let windows = &language.windows;
    let figure = site.figure;
    let no_break_between = |m: &Mention| {
        let between = site.tokens_between(m.start, m.end);
        // "50,000 after Turkey declared": a clause opener is a break too.
        !between.clone().any(|at| view.tokens[at].is_punct())
            && language
                .clause_openers
                .find_all(view, between.start, between.end)
                .is_empty()
    };
    // Where the victims were is what a toll counts ("2,379 dead in Turkey"):
    // for kinds counted by place, a place beside the figure is its owner.
    // "3381 في ولايات جنوبي وجنوب شرقي تركيا": a place phrase opened right
    // after the figure may run longer before it names the country.
    let in_place_phrase = |m: &Mention| {
        by_place
            && m.start >= figure.end
            && gap(site, m) <= windows.owner_place
            && language
                .location_markers
                .find_all(view, figure.end, m.start)
                .iter()
                .any(|hit| hit.start <= site.unit_end + 1)
    };
    countries
        .iter()
        .copied()
        .filter(|m| {
            (by_place || !m.is_location)
                && (gap(site, m) <= windows.owner || in_place_phrase(m))
                && (m.end <= figure.lead_start || m.start >= figure.end)
        })
        .filter(|m| no_break_between(m))
        // At equal distance a marked place wins for tolls: "تركيا و1559 في سوريا".
        .min_by_key(|m| (gap(site, m), by_place && !m.is_location))
}

/// A country that qualifies a noun counting the same things elsewhere in the
/// sentence; "Pyongyang's soldiers": a possessive ending may stand between.
fn country_of_same_noun<'m>(
    site: &Site,
    unit_words: &[(usize, usize)],
    countries: &[&'m Mention],
) -> Option<&'m Mention> {
    let beside_unit = |m: &Mention| {
        unit_words.iter().any(|&(start, end)| {
            m.start == end || m.start == end + 1 || m.end <= start && start - m.end <= 2
        })
    };
    countries
        .iter()
        .copied()
        .filter(|m| !m.is_location)
        .filter(|m| beside_unit(m))
        .min_by_key(|m| gap(site, m))
}

/// For tolls, a place named in the sentence ("in Ukraine") says more about
/// whose people were hit than the other actor in it ("Russia struck"); for
/// the rest, a place is a destination ("troops sent to Russia") and never the
/// owner: the article's other figures say whose they are.
fn named_elsewhere<'m>(
    site: &Site,
    by_place: bool,
    countries: &[&'m Mention],
) -> Option<&'m Mention> {
    let nearest_where = |location: bool| {
        countries
            .iter()
            .copied()
            .filter(|m| m.is_location == location)
            .min_by_key(|m| gap(site, m))
    };
    if by_place {
        nearest_where(true).or_else(|| nearest_where(false))
    } else {
        nearest_where(false)
    }
}

/// The owner of a claim's figure: the one found beside it, unless the figure
/// before gives it (`inherited`); for a toll, then the reporting country and
/// the place where it was counted.
pub(super) fn settle_owner(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    clues: &OwnerClues,
    found: FoundOwner,
    inherited: Option<&Owner>,
) -> Owner {
    let evidence = found.evidence;
    let owner = inherited.cloned().unwrap_or(found.owner);
    if !clues.by_place {
        return owner;
    }
    let owner = reporting_country(rules, site, clues.attribution, owner, evidence);
    let owner = place_owner(page, language, rules, site, owner);
    place_below_country(page, language, rules, site, clues, owner, evidence)
}

/// "4,890 dead, among them 3,381 in Turkey and 1,559 in Syria": a toll whose
/// listed parts were counted in several countries is the toll of them all.
pub(super) fn join_owners_of_parts(claims: &mut [Claim]) {
    for whole in 0..claims.len() {
        let parts_start = whole + 1;
        let starts_parts = claims.get(parts_start).is_some_and(|next| {
            next.after_part_cue
                && next.sentence == claims[whole].sentence
                && next.kind == claims[whole].kind
        });
        if !starts_parts || claims[whole].part_of {
            continue;
        }
        let countries: Vec<&std::sync::Arc<str>> = claims[parts_start..]
            .iter()
            .take_while(|c| c.sentence == claims[whole].sentence && c.kind == claims[whole].kind)
            .flat_map(|c| c.owner.countries())
            .collect();
        let owner = Owner::of_countries(countries);
        if owner.countries().len() >= 2 {
            claims[whole].owner = owner;
        }
    }
}

/// The owners [`lend_owners`] lends from anywhere in the document: the
/// first owner (at country level) of each kind, and of any people counted,
/// among the figures that name one and are no part. A document read in
/// sections has them from its sections up to the one lending
/// ([`FirstOwners::then`]): a first owner is not lent back across a cut.
#[derive(Debug, Clone, Default)]
pub struct FirstOwners {
    /// By kind, in text order; a document's few kinds, hashed with Fx.
    of_kind: IndexMap<String, Owner, FxBuildHasher>,
    of_people: Option<Owner>,
}

impl FirstOwners {
    /// The first owners among `claims`, in text order.
    pub(super) fn of(claims: &[Claim], rules: &RuleSet) -> FirstOwners {
        let counts_people = |kind: &str| rules.kinds.get(kind).is_some_and(|k| k.counts_people);
        let mut first = FirstOwners::default();
        for claim in claims {
            if claim.owner.is_empty() || claim.part_of {
                continue;
            }
            // The kind copied only the first time: most claims repeat one.
            if !first.of_kind.contains_key(claim.kind.as_str()) {
                let owner = claim.owner.country_level();
                first.of_kind.insert(claim.kind.to_string(), owner);
            }
            if first.of_people.is_none() && counts_people(&claim.kind) {
                first.of_people = Some(claim.owner.country_level());
            }
        }
        first
    }

    /// Adds the first owners of a later part of the document: the earlier
    /// ones stand.
    pub fn then(&mut self, later: &FirstOwners) {
        for (kind, owner) in &later.of_kind {
            if !self.of_kind.contains_key(kind) {
                self.of_kind.insert(kind.clone(), owner.clone());
            }
        }
        if self.of_people.is_none() {
            self.of_people.clone_from(&later.of_people);
        }
    }
}

/// A figure that names no owner ("the death toll could rise to 20,000")
/// speaks of what the text around it is about: the owner of the nearest
/// figure before it that counts the same kind of thing (any kind of people,
/// for people); else of the first figure of its kind; for people counted,
/// else the owner of the article's first figure of people, else the first
/// country the article names (`topic`: "Die nordkoreanischen Truppen ... Von
/// den 11.000 Soldaten").
///
/// `first` holds the first owners of the document (see [`FirstOwners`]);
/// `kinds`, each claim's kind as `RuleSet::kinds` defines it.
pub(super) fn lend_owners(
    claims: &mut [Claim],
    (sentence_numbers, kinds): (&[usize], &[Option<&KindDef>]),
    topic: Option<Owner>,
    first: &FirstOwners,
) {
    let counts_people = |index: usize| kinds[index].is_some_and(|k| k.counts_people);
    let article_owner = first.of_people.clone().or(topic);
    let first_owner = &first.of_kind;
    // Only the countries are lent: a place named for one figure ("in
    // Mandalay") says nothing of the others.
    // (claim, whether its kind counts people, sentence number) of the last
    // figure of each kind that named one. Such a claim is never lent an
    // owner: its kind and owner stay as they are.
    let mut last_owner: Vec<(usize, bool, usize)> = Vec::new();
    for (index, &sentence) in sentence_numbers.iter().enumerate().take(claims.len()) {
        let claim = &claims[index];
        if !claim.owner.countries().is_empty() {
            if !claim.part_of {
                last_owner.retain(|&(other, ..)| claims[other].kind != claim.kind);
                last_owner.push((index, counts_people(index), sentence));
            }
            continue;
        }
        // A figure just before, in this sentence or the one before, that
        // counts the same kind of thing (any kind of people, for people)
        // says whose this one is ("In Israel, MDA confirmed 28 fatalities.
        // It treated 17 people..."); else the first figure of its kind,
        // then the article's owner.
        let people = counts_people(index);
        let before = last_owner
            .iter()
            .rev()
            .find(|&&(other, other_people, _)| {
                claims[other].kind == claim.kind || other_people && people
            })
            .filter(|&&(.., at)| sentence <= at + 1)
            .map(|&(other, ..)| claims[other].owner.country_level());
        let claim = &mut claims[index];
        let lent = before
            .or_else(|| first_owner.get(claim.kind.as_str()).cloned())
            .or_else(|| article_owner.clone().filter(|_| people));
        if let Some(mut owner) = lent {
            if let Some(region) = claim.owner.region() {
                owner = owner.in_region(region);
            }
            claim.owner = owner;
        }
    }
}

/// True when [`lend_owners`] may lend the article's country (`topic`) to
/// one of `claims`, whose first owners are `first`: a figure of people
/// names no country, and no figure of people names one.
pub(super) fn lending_may_ask_topic(
    claims: &[Claim],
    first: &FirstOwners,
    rules: &RuleSet,
) -> bool {
    let counts_people = |kind: &str| rules.kinds.get(kind).is_some_and(|k| k.counts_people);
    first.of_people.is_none()
        && claims
            .iter()
            .any(|claim| claim.owner.countries().is_empty() && counts_people(&claim.kind))
}

#[cfg(test)]
mod tests {
    use crate::claims::test_support::{claims_of, owners};

    /// [`super::opens_phrase`] as it was first written: every end tested,
    /// each with all the tokens between.
    fn opens_phrase_every_end(
        view: &crate::lexicon::TokenView,
        lexicon: &crate::lexicon::Lexicon<()>,
        start: usize,
    ) -> bool {
        (0..=super::PHRASE_WORDS).any(|words| {
            let Some(end) = start.checked_sub(words) else {
                return false;
            };
            end > 0
                && (end..start).all(|at| view.tokens[at].kind == crate::normalize::TokenKind::Word)
                && lexicon.ending_at(view, end).is_some()
        })
    }

    /// Random runs of agent markers, agent nouns, other words, marks and
    /// numbers: stopping at the first token that is no word gives the same
    /// answer as testing every end, at every token.
    #[test]
    fn a_phrase_is_opened_as_when_every_end_was_tested() {
        use crate::test_text::{StartIndex, with_view};
        let rules = crate::rules::defaults_for_tests();
        let pieces = [
            "by",
            "carried out by",
            "launched by",
            "war with",
            "strikes",
            "attack",
            "the",
            "Israel",
            "killed",
            ",",
            ".",
            "(",
            "12",
            "said",
            "raids",
            "of",
            "forces",
        ];
        let mut random = crate::test_random::TestRandom(7);
        for _ in 0..2_000 {
            let text = random.words(&pieces, 12);
            let language = rules.language("en").unwrap();
            with_view(&text, language, StartIndex::Left, |view| {
                for lexicon in [
                    &language.agent_markers,
                    &language.agent_nouns,
                    &language.name_nouns,
                ] {
                    for start in 0..=view.len() {
                        assert_eq!(
                            super::opens_phrase(view, lexicon, start),
                            opens_phrase_every_end(view, lexicon, start),
                            "{text:?} at {start}"
                        );
                    }
                }
            });
        }
    }

    #[test]
    fn our_country_is_the_outlets() {
        let text = |url: &str| {
            format!(
                "+++\nlang = \"fa\"\nurl = \"{url}\"\n+++\n\
                 شهادت 606 نفر در حملات رژیم صهیونیستی به کشورمان\n"
            )
        };
        let on_iranian_site = claims_of(&text("https://kayhan.ir/fa/news/1"));
        assert_eq!(owners(&on_iranian_site), ["606: Iran"]);
        let on_generic_site = claims_of(&text("https://example.com/fa/news/1"));
        assert_eq!(owners(&on_generic_site), ["606: "]);
    }

    #[test]
    fn a_figure_naming_no_owner_takes_the_articles_owner() {
        let claims = claims_of(
            "About 11,000 North Korean soldiers were deployed, officials said. \
             More than 1,000 troops were sent in January.",
        );
        assert_eq!(claims[1].owner.to_string(), "North Korea");
        assert_eq!(claims[1].subject, "North Korean soldiers deployed");
    }

    #[test]
    fn a_toll_split_among_countries_belongs_to_them_all() {
        let claims = claims_of(
            "The death toll rose to 4,890, among them 3,381 in the southern provinces of Turkey \
             and 1,559 in Syria.",
        );
        assert_eq!(
            owners(&claims),
            ["4,890: Syria and Turkey", "3,381: Turkey", "1,559: Syria"]
        );
    }

    #[test]
    fn an_article_with_no_owner_beside_its_figures_lends_its_opening_country() {
        let claims = claims_of(
            "Die nordkoreanischen Truppen erleiden schwere Verluste. \
             Von den 11.000 bis 12.000 Soldaten seien 1.000 gefallen.",
        );
        let groups: Vec<String> = claims.iter().map(|c| c.owner.to_string()).collect();
        assert_eq!(groups, ["North Korea", "North Korea"]);
    }
}
