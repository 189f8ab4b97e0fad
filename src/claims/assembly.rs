//! Assembling a document's claims: the per-document driver of the stage.
//!
//! Input: a [`Document`] and the [`RuleSet`]. Output: [`DocumentClaims`]. The
//! driver reads the document's facts ([`super::document`]), finds its figures,
//! and reads each figure in its [`Site`]: what it counts ([`super::kind`]),
//! who it comes from ([`super::attribution`]), how it stands to the figure
//! before ([`super::parts`]), whose it is ([`super::owner`]), what the text
//! does with it ([`super::modality`]) and how its subject reads
//! ([`super::subject`]). Then come the passes over the whole document (owners
//! of a toll's parts, owners lent to figures that name none) and the denials
//! that state no figure. Invariant: one claim per figure, numbered in text
//! order from 1 before kinds switched off are dropped, so that ids are stable.

use super::attribution::{Position, attribution, carry_source};
use super::document::{self, DocumentFacts};
use super::kind::{counted_noun, kind_of};
use super::modality::{denials, modality_of};
use super::narrowing::{grade_of, rate_of, site_of, with_rate};
use super::owner::{self, OwnerClues};
use super::page::{Page, Sentence, Site};
use super::parts::{self, PartCues, Previous, after_part_cue};
use super::subject::{Subset, subject_of};
use crate::figures::{Figure, find_figures_and_years};
use crate::lexicon::TokenView;
use crate::mentions::{Mention, find_mentions};
use crate::model::{Claim, DocumentClaims};
use crate::normalize::{NormalizedText, Tokens, tokenize_capped};
use crate::places::{PlaceMention, find_places};
use crate::read::Document;
use crate::rules::files::{Affiliation, EntityType};
use crate::rules::{Language, RuleSet};

/// Finds every claim in a document.
pub fn extract(document: &Document, rules: &RuleSet) -> DocumentClaims {
    let normalized = NormalizedText::new(document.body(), document.body_start);
    let language = document::language_of(document, &normalized, rules);
    let space_groups = crate::numbers::groups_with_spaces(&normalized.text, language);
    let limits = &rules.limits;
    let Tokens { tokens, left_out } =
        tokenize_capped(&normalized.text, space_groups, limits.max_token_bytes);
    let view = TokenView::new(
        &normalized.text,
        &tokens,
        &language.proclitics,
        &language.contractions,
    )
    .with_upper(document::capitals(document, &normalized, &tokens))
    .with_initial_capitals(document::initial_capitals(document, &normalized, &tokens))
    .with_start_index(&language.starts);
    let facts = DocumentFacts::new(document, &view, language, rules);
    let (figures, years) = find_figures_and_years(&view, language, &facts.dates);
    let mut page = Page::new(document, &normalized, &view, &figures);
    page.years = years
        .iter()
        .filter_map(|year| Some((year.start, year.value? as i16)))
        .collect();
    page.dates = facts.dates.iter().map(|d| (d.start, d.end)).collect();
    page.dates.sort_unstable();
    page.scope = owner::document_scope(&page, language, rules, &facts.sentences);
    page.topic = owner::topic_country(
        &view,
        language,
        rules,
        &facts.sentences,
        document.meta.url.as_deref(),
    );

    let sentence_numbers: Vec<usize> = figures
        .iter()
        .map(|f| facts.sentences.partition_point(|s| s.end <= f.start))
        .collect();
    let mut claims = read_figures(
        &page,
        &facts,
        language,
        rules,
        (&figures, &sentence_numbers),
    );
    owner::join_owners_of_parts(&mut claims, rules);
    owner::lend_owners(&mut claims, &sentence_numbers, rules, page.topic.clone());
    name_lent_national_bodies(&mut claims, rules);
    // Kinds switched off in the rules yield no claims; ids stay stable for the rest.
    claims.retain(|claim| rules.kind_is_enabled(&claim.kind));
    let denials = denials(&page, &facts, language, rules);
    let notes = limit_notes(document, &normalized, &tokens, &left_out, &facts, limits);
    DocumentClaims {
        notes,
        denials,
        id: document.id.clone(),
        path: document.path.display().to_string(),
        language: language.code.clone(),
        source: facts.outlet,
        published: facts.publication.date,
        published_basis: facts.publication.basis,
        claim_count: claims.len(),
        claims,
    }
}

/// The countries a sentence names, and the article's: where a place name
/// that several countries have is most likely to be.
fn named_countries(
    rules: &RuleSet,
    mentions: &[Mention],
    topic: Option<&crate::model::Owner>,
) -> Vec<String> {
    let mut countries: Vec<String> = mentions
        .iter()
        .flat_map(|m| m.country_names(rules))
        .map(str::to_string)
        .collect();
    countries.extend(
        topic
            .into_iter()
            .flat_map(|t| t.countries().iter().cloned()),
    );
    countries
}

/// A sentence with the entities and the places it names.
type SentenceNames = (Sentence, Vec<Mention>, Vec<PlaceMention>);
/// What the caps on token and sentence length changed, one line each, with
/// the line of the file where it happened.
fn limit_notes(
    document: &Document,
    normalized: &NormalizedText,
    tokens: &[crate::normalize::Token],
    left_out: &[(usize, usize)],
    facts: &DocumentFacts,
    limits: &crate::model::Limits,
) -> Vec<String> {
    let line_of = |normalized_offset: usize| {
        let (at, _) = normalized.original_span(normalized_offset, normalized_offset + 1);
        document.text[..at.min(document.text.len())]
            .matches('\n')
            .count()
            + 1
    };
    // A few lines each, then how many more: finding a line costs a pass over the text.
    const SHOWN: usize = 3;
    let mut notes = Vec::new();
    for &(start, end) in left_out.iter().take(SHOWN) {
        notes.push(format!(
            "line {}: a word or number of {} bytes, longer than the limit of {} \
             (--max-token-bytes), was left out",
            line_of(start),
            end - start,
            limits.max_token_bytes
        ));
    }
    if left_out.len() > SHOWN {
        notes.push(format!(
            "{} more words or numbers longer than {} bytes were left out",
            left_out.len() - SHOWN,
            limits.max_token_bytes
        ));
    }
    for &start in facts.cut_sentences.iter().take(SHOWN) {
        notes.push(format!(
            "line {}: a sentence longer than {} tokens (--max-sentence-tokens) was cut into \
             pieces of that length",
            line_of(tokens[start].start),
            limits.max_sentence_tokens
        ));
    }
    if facts.cut_sentences.len() > SHOWN {
        notes.push(format!(
            "{} more sentences longer than {} tokens were cut",
            facts.cut_sentences.len() - SHOWN,
            limits.max_sentence_tokens
        ));
    }
    notes
}

/// One claim per figure, in text order.
fn read_figures(
    page: &Page,
    facts: &DocumentFacts,
    language: &Language,
    rules: &RuleSet,
    (figures, sentence_numbers): (&[Figure], &[usize]),
) -> Vec<Claim> {
    let view = page.view;
    let mut claims: Vec<Claim> = Vec::with_capacity(figures.len());
    // Where each claim's sentence stands, for sources carried over.
    let mut positions: Vec<Position> = Vec::with_capacity(figures.len());
    // The names of a sentence are found once for all its figures.
    let mut names: SentenceNames = (
        Sentence {
            start: 0,
            end: 0,
            paragraph: 0,
        },
        Vec::new(),
        Vec::new(),
    );
    for (index, figure) in figures.iter().enumerate() {
        let sentence = facts.sentence_of(figure.start, view.len());
        let position = Position {
            paragraph: sentence.paragraph,
            sentence: sentence_numbers[index],
        };
        if names.0 != sentence || index == 0 {
            let found = find_mentions(view, language, rules, sentence.start, sentence.end);
            let countries = named_countries(rules, &found, page.topic.as_ref());
            let places = find_places(
                view,
                language,
                rules,
                sentence.start,
                sentence.end,
                &found,
                &countries,
            );
            names = (sentence, found, places);
        }
        let (unit, unit_end) = counted_noun(view, language, rules, figure);
        let site = Site {
            figure,
            sentence,
            mentions: &names.1,
            places: &names.2,
            unit,
            unit_end,
        };
        // "28,000 were displaced in 48 hours, of whom 1,000 to Tawila": a
        // length of time between a part and its whole is no whole of it.
        let part = after_part_cue(view, language, figure);
        let measures_time = |claim: &Claim| {
            rules
                .kinds
                .get(&claim.kind)
                .is_some_and(|k| k.measures_time)
        };
        let previous = (0..index)
            .rev()
            .take_while(|&i| figures[i].start >= sentence.start)
            .find(|&i| !(part && measures_time(&claims[i])))
            .map(|i| Previous {
                claim: &claims[i],
                figure: &figures[i],
            });
        let mut claim = read_figure(page, facts, language, rules, &site, previous);
        claim.id = format!("{}#{}", page.document.id, index + 1);
        let points_back = carry_source(
            view,
            language,
            rules,
            &mut claim,
            sentence,
            previous.is_none(),
            (&claims, &positions, position),
        );
        if points_back {
            lend_to_sentence_before(&mut claims, &positions, position, &claim);
        }
        claims.push(claim);
        positions.push(position);
    }
    claims
}

/// "... left 5,665 dead and wounded. According to this report, 436 were
/// civilians": words that point back to the source ("this report", "the
/// same source") say the sentence just before, in the same paragraph, came
/// from it too; its figures that name no source take it.
fn lend_to_sentence_before(
    claims: &mut [Claim],
    positions: &[Position],
    here: Position,
    source: &Claim,
) {
    let Some(before) = here.sentence.checked_sub(1) else {
        return;
    };
    for (claim, position) in claims.iter_mut().zip(positions).rev() {
        if position.sentence < before {
            break;
        }
        let in_sentence_before =
            position.sentence == before && position.paragraph == here.paragraph;
        if in_sentence_before && claim.attribution.is_empty() {
            claim.attribution.clone_from(&source.attribution);
            claim.attribution_text.clone_from(&source.attribution_text);
            claim.attribution_span = source.attribution_span;
        }
    }
}

/// The claim a figure makes, read in its site, after the figure before it in
/// its sentence (if any).
fn read_figure(
    page: &Page,
    facts: &DocumentFacts,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    previous: Option<Previous>,
) -> Claim {
    let view = page.view;
    let figure = site.figure;
    let cues = parts::part_cues(view, language, site, previous);
    let source = attribution(page, language, rules, site);
    let (kind, unit_name) = what_it_counts(page, language, rules, site, &cues, previous);
    let unit_words = owner::unit_words(view, language, site);
    let clues = OwnerClues {
        attribution: source.as_ref().and_then(|s| s.tokens),
        unit_words: &unit_words,
        by_place: owner::counted_by_place(rules, site, &kind, &unit_name),
        counts_people: rules.kinds.get(&kind).is_some_and(|k| k.counts_people),
    };
    let found = owner::owner_beside(rules, language, view, site, &clues);
    let previous_claim = previous.map(|p| p.claim);
    let part_of_counted = parts::part_of_those_counted(view, language, site, &kind);
    let part_of = parts::is_part(rules, &cues, previous_claim, &kind, &found) || part_of_counted;
    let inherited =
        parts::owner_of_previous(&cues, previous_claim, found.evidence, &kind, &unit_name);
    let owner = owner::settle_owner(page, language, rules, site, &clues, found, inherited);
    // "131 dead, among them 52 in Punjab" (in another place than the whole
    // before it), "46 of the dead were in Punjab" (the whole unnamed): a
    // part counted in a place of its own is that place's toll, a quantity
    // of its own.
    // A part named by its own noun ("among them nine women") stays a part.
    let generic = unit_name.is_empty() || rules.is_generic_unit(&unit_name);
    let part_of = part_of
        && !(generic
            && owner.place().is_some()
            && (part_of_counted
                || previous_claim.is_some_and(|p| p.owner.place() != owner.place())));
    let grade = grade_of(page, language, rules, site, &kind).unwrap_or_default();
    let where_at = site_of(page, language, rules, site, &kind).unwrap_or_default();
    let event_text = past_event_year(page, language, rules, site, facts.publication.date)
        .map(|year| year.to_string())
        .unwrap_or_default();
    let as_of = facts.as_of(view, language, site.sentence, figure.start);
    let span = page.span(figure.start, figure.end);
    let sentence = site.sentence;
    Claim {
        id: String::new(),
        doc: page.document.id.clone(),
        span,
        text: page.written(figure.start, figure.end).to_string(),
        value: figure.value,
        low: figure.low,
        high: figure.high,
        qualifier: parts::shared_qualifier(figure, previous, &cues),
        vague: figure.vague,
        subject: subject_of(
            rules,
            &owner,
            &unit_name,
            &kind,
            part_of,
            Subset {
                grade: &grade,
                site: &where_at,
                event: &event_text,
            },
        ),
        kind,
        unit: unit_name,
        attribution_text: source
            .as_ref()
            .map(|s| page.written(s.words.0, s.words.1).trim().to_string())
            .unwrap_or_default(),
        attribution_span: source.as_ref().map(|s| page.span(s.words.0, s.words.1)),
        attribution: source
            .map(|s| national_body(page, rules, site, &s, &owner, clues.by_place))
            .unwrap_or_default(),
        modality: modality_of(view, language, site),
        as_of: as_of.map(|(d, _)| d),
        as_of_basis: as_of.map(|(_, b)| b),
        published: facts.publication.date,
        source: facts.outlet.clone(),
        sentence: page
            .written(sentence.start, sentence.end)
            .trim()
            .to_string(),
        part_of,
        grade,
        site: where_at,
        event: event_text,
        language: language.code.clone(),
        group: String::new(),
        owner,
        after_part_cue: cues.after_part_cue,
    }
}

/// A national body named without its country ("the health ministry said")
/// that gives a toll is the body of the place or country the toll was
/// counted in, or else of the country the article is about: "Iranian
/// Ministry of Health". Other sources keep their name.
fn national_body(
    page: &Page,
    rules: &RuleSet,
    site: &Site,
    source: &super::attribution::Attributed,
    owner: &crate::model::Owner,
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
        return source.name.clone();
    };
    let affiliation = rules.entities[body.parts[0].index].affiliation;
    match affiliation {
        Affiliation::None => return source.name.clone(),
        Affiliation::Place => {
            return match owner.place() {
                Some(place) => format!("{place} {}", source.name),
                None => source.name.clone(),
            };
        }
        Affiliation::Country => {}
    }
    let country = owner
        .countries()
        .first()
        .filter(|_| !owner.is_joint())
        .cloned()
        .or_else(|| {
            page.topic
                .as_ref()
                .and_then(|t| t.single_country().map(str::to_string))
        });
    match country.and_then(|name| country_adjective(rules, name)) {
        Some(adjective) => format!("{adjective} {}", source.name),
        None => source.name.clone(),
    }
}

/// A country's adjective ("Iranian"), or its name where it has none.
fn country_adjective(rules: &RuleSet, name: String) -> Option<String> {
    rules
        .entities
        .iter()
        .find(|e| e.name == name)
        .map(|e| e.demonym.clone().unwrap_or(name))
}

/// A toll whose country was only lent from the figures around it ("Die
/// Militärregierung gibt die Zahl der Toten mit 1.600 an", after "in
/// Myanmar") names its national body by that country too, as
/// [`national_body`] does for a country found beside the figure.
fn name_lent_national_bodies(claims: &mut [Claim], rules: &RuleSet) {
    for claim in claims.iter_mut() {
        let by_place = rules.kinds.get(&claim.kind).is_some_and(|k| k.by_place);
        // The cheap tests first: the entities are scanned only for a toll
        // with a source and one country.
        if claim.attribution.is_empty() || !by_place || claim.owner.is_joint() {
            continue;
        }
        let national = rules.entities.iter().any(|e| {
            e.entity_type == EntityType::Institution
                && e.affiliation == Affiliation::Country
                && e.name == claim.attribution
        });
        if !national {
            continue;
        }
        let Some(country) = claim.owner.single_country().map(str::to_string) else {
            continue;
        };
        if let Some(adjective) = country_adjective(rules, country) {
            claim.attribution = format!("{adjective} {}", claim.attribution);
        }
    }
}

/// The year of a past event a figure counts: a year its sentence names (as
/// the figure reader tells years), at least `[group] past-event-years`
/// before publication, not after a since word ("since 2011" runs to today).
/// A figure of an article with no date has none.
fn past_event_year(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    published: Option<jiff::civil::Date>,
) -> Option<i16> {
    let latest = published?.year() - rules.group.past_event_years;
    let sentence = site.sentence;
    let first = page.years.partition_point(|&(at, _)| at < sentence.start);
    page.years[first..]
        .iter()
        .take_while(|&&(at, _)| at < sentence.end)
        .filter(|&&(_, year)| year <= latest)
        .find(|&&(at, _)| at == 0 || language.since.ending_at(page.view, at).is_none())
        .map(|&(_, year)| year)
}

/// What a figure counts, as (kind, unit): its own, or the figure before's
/// when it names nothing itself; a rate counts per period.
fn what_it_counts(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    cues: &PartCues,
    previous: Option<Previous>,
) -> (String, String) {
    let unit = site
        .unit
        .map(|i| rules.units[i].name.clone())
        .unwrap_or_default();
    let kind = kind_of(page, language, rules, site);
    let (kind, unit) = parts::counted_like_previous(rules, cues, previous, kind, unit);
    (kind, with_rate(unit, rate_of(page, language, site)))
}

#[cfg(test)]
mod tests {
    use crate::claims::test_support::claims_of;

    fn events(text: &str) -> Vec<(String, String)> {
        claims_of(text)
            .into_iter()
            .map(|c| (c.text, c.event))
            .collect()
    }

    #[test]
    fn a_year_well_before_publication_names_a_past_event() {
        let text = "+++\npublished = \"2023-02-06\"\nlang = \"en\"\n+++\n\
            In 1999, a quake of similar magnitude killed more than 17,000 people. \
            The quake killed 2,300 people in 2021. \
            The civil war has killed 300,000 people since 2011.\n";
        assert_eq!(
            events(text),
            [
                ("17,000".to_string(), "1999".to_string()),
                ("2,300".to_string(), String::new()),
                ("300,000".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn an_undated_article_has_no_past_event() {
        let text = "In 1999, a quake of similar magnitude killed more than 17,000 people.";
        assert_eq!(events(text), [("17,000".to_string(), String::new())]);
    }
}
