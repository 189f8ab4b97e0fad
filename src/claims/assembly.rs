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

use std::cell::OnceCell;

use rayon::prelude::*;

use super::attribution::{SentenceSources, attribution};
use super::carried_source::{Position, carry_source};
use super::document::{self, DocumentFacts, Publication};
use super::kind::{counted_noun, kind_of, strict_unit_kind};
use super::limit_hits::LimitHits;
use super::lookups::SentenceLookups;
use super::modality::{denials, modality_of};
use super::narrowing::{grade_of, rate_of, site_of, with_rate};
use super::national::{name_lent_national_bodies, national_body};
use super::owner::{self, FirstOwners, OwnerClues};
use super::page::{Page, ScopeFrom, Sentence, Site};
use super::parts::{self, PartCues, Previous, after_part_cue};
use super::sections::{Numbering, SectionText, section_cuts};
use super::subject::{Subset, subject_of};
use crate::figures::{Figure, find_figures_and_years};
use crate::lexicon::{Match, TokenView};
use crate::mentions::{Mention, find_mentions};
use crate::model::{
    Claim, ClaimId, Denial, DocumentClaims, Narrowing, Owner, SharedText, narrow_span,
};
use crate::normalize::{NormalizedText, Tokens, tokenize_capped};
use crate::read::Document;
use crate::rules::files::KindDef;
use crate::rules::{Language, RuleSet};

/// Finds every claim in a document: section by section (see
/// [`super::sections`]), the sections after the first in parallel, each read
/// with what the first says of the document.
pub fn extract(document: &Document, rules: &RuleSet) -> DocumentClaims {
    let cuts = section_cuts(document, &rules.limits);
    let sections = SectionText::all_of(document, &cuts);
    let (mut first, opening) = read_opening(document, sections[0], sections.len() > 1, rules);
    if sections.len() == 1 {
        // Most documents: one section, whose own first owners are all it
        // is lent, with nothing to renumber.
        let lent = std::mem::take(&mut first.first_owners);
        first.lend(&lent, &opening, rules);
        return document_claims(
            document,
            opening,
            first.claims,
            first.denials,
            first.limit_hits,
            rules,
        );
    }
    let rest: Vec<SectionClaims> = sections[1..]
        .par_iter()
        .map(|&section| read_section(document, section, &opening, rules))
        .collect();
    let mut numbering = Numbering::default();
    // At its final size: grown by doubling, the list and its last copy
    // were held together, up to three times the claims' bytes.
    let count = first.claims.len() + rest.iter().map(|s| s.claims.len()).sum::<usize>();
    let mut claims = Vec::with_capacity(count);
    let mut denials = Vec::new();
    let mut limit_hits = LimitHits::default();
    let mut first_owners = FirstOwners::default();
    for mut section in std::iter::once(first).chain(rest) {
        numbering = section.number(&document.id, numbering);
        let lent = section.first_owners(&mut first_owners);
        section.lend(&lent, &opening, rules);
        claims.append(&mut section.claims);
        denials.append(&mut section.denials);
        limit_hits.extend(section.limit_hits);
    }
    document_claims(document, opening, claims, denials, limit_hits, rules)
}

/// A document's claims and denials, numbered through its sections, with
/// what it says of itself.
fn document_claims(
    document: &Document,
    opening: Opening,
    claims: Vec<Claim>,
    denials: Vec<Denial>,
    limit_hits: LimitHits,
    rules: &RuleSet,
) -> DocumentClaims {
    DocumentClaims {
        notes: limit_hits.notes(&rules.limits),
        denials,
        id: document.id.clone(),
        // The bytes `display()` writes (invalid UTF-8 replaced alike),
        // without the formatting machinery's byte-by-byte decoding.
        path: document.path.to_string_lossy().into_owned(),
        language: SharedText::interned(&opening.language.code),
        source: SharedText::interned(&opening.outlet),
        published: opening.publication.date,
        published_basis: opening.publication.basis,
        claim_count: claims.len(),
        claims,
    }
}

/// What a document says of itself, read from its first section (the whole
/// body of any article) and shared by every section after it: its
/// language, how it groups digits, its publication date, its outlet, and
/// the place and country its opening names.
#[derive(Clone)]
pub struct Opening<'r> {
    language: &'r Language,
    space_groups: bool,
    publication: Publication,
    outlet: String,
    scope: Option<Owner>,
    /// The first country its opening names, for the figures of people that
    /// name none: worked out only when lending may ask for it (always for a
    /// document in several sections), else `None`.
    topic: Option<Owner>,
}

/// The claims and denials of one section, numbered from 1 within it, and
/// what the caps changed in it. Its claims lack the owners lent from
/// elsewhere in the document until [`SectionClaims::lend`].
pub struct SectionClaims {
    pub claims: Vec<Claim>,
    pub denials: Vec<Denial>,
    /// The number of each claim's sentence in the section, until lending.
    sentence_numbers: Vec<usize>,
    /// The first owners among its claims.
    first_owners: FirstOwners,
    /// Figures read: claims of kinds switched off count, so that ids stay stable.
    figures: usize,
    denial_count: usize,
    limit_hits: LimitHits,
}

impl SectionClaims {
    /// Renumbers the claims and denials to follow the sections before, as
    /// `numbering` counts them, and returns the numbering after this section.
    pub fn number(&mut self, doc: &str, numbering: Numbering) -> Numbering {
        numbering.renumber(doc, &mut self.claims, &mut self.denials);
        numbering.after(self.figures, self.denial_count)
    }

    /// Adds this section's first owners to those of the sections before
    /// (`running`), and returns what its figures may be lent.
    pub fn first_owners(&self, running: &mut FirstOwners) -> FirstOwners {
        running.then(&self.first_owners);
        running.clone()
    }

    /// The passes over the section's claims once the first owners of the
    /// document up to it are known (`first`, from
    /// [`SectionClaims::first_owners`]): owners lent to figures that name
    /// none, national bodies named after them, kinds switched off dropped.
    pub fn lend(&mut self, first: &FirstOwners, opening: &Opening, rules: &RuleSet) {
        let claims = &mut self.claims;
        let sentence_numbers = std::mem::take(&mut self.sentence_numbers);
        let mut kinds = kind_definitions(claims, rules);
        owner::lend_owners(
            claims,
            (&sentence_numbers, &kinds),
            opening.topic.clone(),
            first,
        );
        name_lent_national_bodies(claims, &kinds, rules);
        // Kinds switched off in the rules yield no claims; ids stay stable for
        // the rest. Most rule sets switch none off: then each claim's kind is
        // not looked up.
        if rules.kinds.values().any(|kind| !kind.enabled) {
            claims.retain(|claim| rules.kind_is_enabled(&claim.kind));
            kinds = kind_definitions(claims, rules);
        }
        name_subjects(claims, &kinds, rules);
    }

    /// What the caps changed in this section.
    pub fn take_limit_hits(&mut self) -> LimitHits {
        std::mem::take(&mut self.limit_hits)
    }
}

/// Reads the first section (from [`section_cuts`]), and what it says of the
/// whole document; `followed` when other sections follow it. `document`
/// gives its id and front matter: its text may be left out.
pub fn read_opening<'r>(
    document: &Document,
    section: SectionText,
    followed: bool,
    rules: &'r RuleSet,
) -> (SectionClaims, Opening<'r>) {
    let normalized = NormalizedText::new(section.text, section.start);
    let language = document::language_of(document, &normalized, rules);
    let space_groups = crate::numbers::groups_with_spaces(&normalized.text, language);
    let mut opening = Opening {
        language,
        space_groups,
        publication: Publication::default(),
        outlet: String::new(),
        scope: None,
        topic: None,
    };
    let order = Order::First { followed };
    let claims = read_normalized(document, section, &normalized, &mut opening, order, rules);
    (claims, opening)
}

/// Reads a section after the first with what the first said of the
/// document.
pub fn read_section(
    document: &Document,
    section: SectionText,
    opening: &Opening,
    rules: &RuleSet,
) -> SectionClaims {
    let normalized = NormalizedText::new(section.text, section.start);
    let mut opening = opening.clone();
    read_normalized(
        document,
        section,
        &normalized,
        &mut opening,
        Order::Later,
        rules,
    )
}

/// Where a section stands in its document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// The first, which says what the document is; `followed` when other
    /// sections follow it.
    First {
        followed: bool,
    },
    Later,
}

/// Finds every claim in a section; the first (see [`Order`]) sets what
/// `opening` says of the document, the others read it.
fn read_normalized(
    document: &Document,
    section: SectionText,
    normalized: &NormalizedText,
    opening: &mut Opening,
    order: Order,
    rules: &RuleSet,
) -> SectionClaims {
    let first = order != Order::Later;
    let language = opening.language;
    let limits = &rules.limits;
    let Tokens { tokens, left_out } = tokenize_capped(
        &normalized.text,
        opening.space_groups,
        limits.max_token_bytes,
    );
    let (capitals, initials) =
        document::capitals_and_initials((section.text, section.start), normalized, &tokens);
    let view = TokenView::new(
        &normalized.text,
        &tokens,
        &language.proclitics,
        &language.contractions,
    )
    .with_upper(capitals)
    .with_initial_capitals(initials)
    .with_start_index(&language.starts);
    let known = (!first).then_some((&opening.publication, opening.outlet.as_str()));
    let facts = DocumentFacts::new(document, section.text, &view, language, rules, known);
    let (figures, years) = find_figures_and_years(&view, language, &facts.dates);
    let mut page = Page::new(
        document,
        (section.text, section.start),
        normalized,
        &view,
        &figures,
    );
    page.years = years
        .iter()
        .filter_map(|year| Some((year.start, year.value? as i16)))
        .collect();
    page.dates = facts.dates.iter().map(|d| (d.start, d.end)).collect();
    page.dates.sort_unstable();
    if let Order::First { followed } = order {
        page.find_scope_with(ScopeFrom {
            language,
            rules,
            sentences: &facts.sentences,
            url: document.meta.url.as_deref(),
        });
        // The sections after this one take its scope and topic: worked out now.
        if followed {
            opening.scope = page.scope().cloned();
            opening.topic = page.topic().cloned();
        }
        opening.publication = facts.publication;
        opening.outlet.clone_from(&facts.outlet);
    }
    if order == Order::Later {
        page.set_scope(opening.scope.clone());
        page.set_topic(opening.topic.clone());
    }

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
    owner::join_owners_of_parts(&mut claims);
    let first_owners = FirstOwners::of(&claims, rules);
    // A section alone is lent its own first owners, and the article's
    // country only where they lack one (see `Opening::topic`).
    if order == (Order::First { followed: false })
        && owner::lending_may_ask_topic(&claims, &first_owners, rules)
    {
        opening.topic = page.topic().cloned();
    }
    let denials = denials(&page, &facts, language, rules);
    let limit_hits = LimitHits::new(section, normalized, (&tokens, &left_out), &facts);
    SectionClaims {
        first_owners,
        claims,
        sentence_numbers,
        denial_count: denials.len(),
        denials,
        figures: figures.len(),
        limit_hits,
    }
}

/// Each claim's subject, from its final owner, unit, kind and subset: written
/// once, after the passes that change owners (a toll's parts, lending), not
/// for each owner a claim has along the way, nor for a claim of a kind
/// switched off.
fn name_subjects(claims: &mut [Claim], kinds: &[Option<&KindDef>], rules: &RuleSet) {
    for (claim, &definition) in claims.iter_mut().zip(kinds) {
        let subject = subject_of(
            rules,
            &claim.owner,
            &claim.unit,
            (&claim.kind, definition),
            claim.part_of,
            Subset::of(claim),
        );
        claim.subject = SharedText::interned(&subject);
    }
}

/// Each claim's kind as `RuleSet::kinds` defines it, for the passes of
/// [`SectionClaims::lend`] (three look-ups by name a claim before). A
/// claim of the same kind as the one before takes its definition without
/// hashing the name: most of a document's claims follow one of their kind.
fn kind_definitions<'r>(claims: &[Claim], rules: &'r RuleSet) -> Vec<Option<&'r KindDef>> {
    let mut kinds: Vec<Option<&KindDef>> = Vec::with_capacity(claims.len());
    for (index, claim) in claims.iter().enumerate() {
        let same_as_before = index > 0 && claims[index - 1].kind == claim.kind;
        kinds.push(if same_as_before {
            kinds[index - 1]
        } else {
            rules.kinds.get(claim.kind.as_str())
        });
    }
    kinds
}

/// A sentence with the entities it names, and the matches of the whole
/// sentence that every figure's reading asks for (its places among the
/// lookups, found when asked).
struct SentenceNames<'l> {
    sentence: Sentence,
    mentions: Vec<Mention>,
    /// Its kind cues, found when a figure first asks.
    kind_cues: OnceCell<Vec<Match<'l, String>>>,
    /// The sources the sentence names, found for its first figure.
    sources: OnceCell<SentenceSources>,
    /// What else its figures ask of the whole sentence.
    lookups: SentenceLookups,
}
/// What every claim of a document says alike, made once and shared by them
/// (three allocations a claim, and three frees, before).
struct Shared {
    doc: SharedText,
    outlet: SharedText,
    language: SharedText,
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
    let shared = Shared {
        doc: SharedText::new(&page.document.id),
        // Outlets and languages are few across a run: held once.
        outlet: SharedText::interned(&facts.outlet),
        language: SharedText::interned(&language.code),
    };
    let mut claims: Vec<Claim> = Vec::with_capacity(figures.len());
    // Where each claim's sentence stands, for sources carried over.
    let mut positions: Vec<Position> = Vec::with_capacity(figures.len());
    // The names of a sentence are found once for all its figures.
    let mut names = SentenceNames {
        sentence: Sentence {
            start: 0,
            end: 0,
            paragraph: 0,
        },
        mentions: Vec::new(),
        kind_cues: OnceCell::new(),
        sources: OnceCell::new(),
        lookups: SentenceLookups::default(),
    };
    for (index, figure) in figures.iter().enumerate() {
        let sentence = facts.sentence_of(figure.start, view.len());
        let position = Position {
            paragraph: sentence.paragraph,
            sentence: sentence_numbers[index],
        };
        if names.sentence != sentence || index == 0 {
            names = SentenceNames {
                sentence,
                mentions: find_mentions(view, language, rules, sentence.start, sentence.end),
                kind_cues: OnceCell::new(),
                sources: OnceCell::new(),
                lookups: SentenceLookups::default(),
            };
        }
        let (unit, unit_end) = counted_noun(view, language, rules, figure);
        // A strict unit decides the kind before any cue is read (see
        // `kind_of`): the sentence's cues are found when a figure of
        // another unit first asks, and a sentence of money and days finds
        // none.
        let strict = strict_unit_kind(rules, unit).is_some();
        let kind_cues = (!strict).then(|| {
            let (start, end) = (sentence.start, sentence.end);
            let find = || (language.kind_cues).find_all(view, start, end);
            names.kind_cues.get_or_init(find).as_slice()
        });
        let site = Site {
            figure,
            sentence,
            mentions: &names.mentions,
            places: None,
            unit,
            unit_end,
            kind_cues,
            sources: Some(&names.sources),
            lookups: Some(&names.lookups),
        };
        // "28,000 were displaced in 48 hours, of whom 1,000 to Tawila": a
        // length of time between a part and its whole is no whole of it.
        let part = after_part_cue(view, language, figure);
        let measures_time = |claim: &Claim| {
            rules
                .kinds
                .get(claim.kind.as_str())
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
        let mut claim = read_figure(
            page,
            facts,
            language,
            rules,
            &site,
            (previous, part),
            &shared,
        );
        claim.id = ClaimId::numbered(&claim.doc, '#', index as u64 + 1);
        let points_back = carry_source(
            view,
            language,
            rules,
            &mut claim,
            &site,
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
/// its sentence (if any), given whether a part's cue stands before it.
fn read_figure(
    page: &Page,
    facts: &DocumentFacts,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
    (previous, after_part_cue): (Option<Previous>, bool),
    shared: &Shared,
) -> Claim {
    let view = page.view;
    let figure = site.figure;
    let cues = parts::part_cues(view, language, site, (previous, after_part_cue));
    let source = attribution(page, language, rules, site);
    let (kind, unit_name) = what_it_counts(page, language, rules, site, &cues, previous);
    // The kind's definition, looked up once for all that asks below.
    let kind_def = rules.kinds.get(&kind);
    let clues = OwnerClues {
        attribution: source.as_ref().and_then(|s| s.tokens),
        unit_words: None,
        by_place: owner::counted_by_place(rules, site, kind_def, &unit_name),
        counts_people: kind_def.is_some_and(|k| k.counts_people),
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
    let grade = grade_of(page, language, site, kind_def).unwrap_or_default();
    let where_at = site_of(page, language, site, kind_def).unwrap_or_default();
    let event_text = past_event_year(page, language, rules, site, facts.publication.date)
        .map(|year| year.to_string())
        .unwrap_or_default();
    let as_of = facts.as_of(view, language, site.sentence, figure.start);
    let span = page.span(figure.start, figure.end);
    let source_span = source.as_ref().map(|s| page.span(s.words.0, s.words.1));
    let (claim_span, claim_source_span) = (narrow_span(span), source_span.map(narrow_span));
    let sentence = site.sentence;
    Claim {
        id: ClaimId::default(),
        doc: shared.doc.clone(),
        span: claim_span,
        text: SharedText::interned(page.written_at(span)),
        value: figure.value.into(),
        low: figure.low.into(),
        high: figure.high.into(),
        qualifier: parts::shared_qualifier(figure, previous, &cues),
        vague: figure.vague,
        // Written once its owner is final (see `name_subjects`).
        subject: SharedText::EMPTY,
        kind: SharedText::interned(&kind),
        unit: SharedText::interned(&unit_name),
        attribution_text: source_span
            .map(|span| SharedText::interned(page.written_at(span).trim()))
            .unwrap_or_default(),
        attribution_span: claim_source_span,
        attribution: source
            .map(|s| {
                SharedText::interned(&national_body(page, rules, site, s, &owner, clues.by_place))
            })
            .unwrap_or_default(),
        modality: modality_of(view, language, site),
        as_of: as_of.map(|(d, _)| d),
        as_of_basis: as_of.map(|(_, b)| b),
        published: facts.publication.date,
        source: shared.outlet.clone(),
        // The figure before stands in the same sentence: its text is this one's.
        sentence: match previous {
            Some(before) => before.claim.sentence.clone(),
            None => SharedText::new(page.written(sentence.start, sentence.end).trim()),
        },
        part_of,
        narrowing: Narrowing::new(
            SharedText::interned(&grade),
            SharedText::interned(&where_at),
            SharedText::interned(&event_text),
        ),
        language: shared.language.clone(),
        group: SharedText::EMPTY,
        owner,
        after_part_cue: cues.after_part_cue,
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
    use crate::claims::extract;
    use crate::claims::test_support::claims_of;
    use crate::model::{Claim, ClaimId, SharedText};
    use crate::read::Document;

    /// Paragraphs that each read the same alone or after one another: every
    /// figure names its owner, or takes the first figure's.
    const HEAD: &str = "+++\npublished = \"2023-02-06\"\nlang = \"en\"\n+++\n";
    const PARAGRAPHS: &str = "The quake killed 1,200 people in Turkey, the health ministry said.\n\n\
        Rescuers pulled 300 people from the rubble, officials said on Monday.\n\n\
        In 1999, a quake of similar magnitude killed more than 17,000 people.\n\n";

    /// What a claim says, apart from where it is and its id.
    fn gist(claim: &Claim) -> String {
        format!(
            "{} {:?} {} {} {:?} {:?} {:?} {} {}",
            claim.text,
            claim.value,
            claim.kind,
            claim.subject,
            claim.attribution,
            claim.as_of,
            claim.modality,
            claim.narrowing.event(),
            claim.sentence
        )
    }

    /// A long document of the same paragraphs over and over, read in
    /// sections of a few paragraphs (cut inside a repeat, too): each claim is
    /// the one its paragraphs give alone, at its own place in the file,
    /// numbered on from the sections before; none is lost or read twice at
    /// a cut.
    #[test]
    fn a_long_document_read_in_sections_loses_and_repeats_no_claim() {
        let mut rules = crate::rules::defaults_for_tests().clone();
        let alone = Document::from_text("t", &format!("{HEAD}{PARAGRAPHS}")).unwrap();
        let once = extract(&alone, &rules).claims;
        assert_eq!(
            once.len(),
            3,
            "{:?}",
            once.iter().map(gist).collect::<Vec<_>>()
        );
        let copies = 40;
        let text = format!("{HEAD}{}", PARAGRAPHS.repeat(copies));
        let document = Document::from_text("t", &text).unwrap();
        rules.limits.max_section_bytes = PARAGRAPHS.len() * 2 + 100;
        let cuts = super::section_cuts(&document, &rules.limits);
        assert!(cuts.len() > copies / 3, "{} sections", cuts.len());
        let claims = extract(&document, &rules).claims;
        assert_eq!(claims.len(), once.len() * copies);
        for (index, claim) in claims.iter().enumerate() {
            let (copy, own) = (index / once.len(), &once[index % once.len()]);
            assert_eq!(gist(claim), gist(own), "claim {index}");
            assert_eq!(claim.id, format!("t#{}", index + 1));
            let shift = (copy * PARAGRAPHS.len()) as u32;
            assert_eq!(claim.span, [own.span[0] + shift, own.span[1] + shift]);
            let [start, end] = claim.span.map(|offset| offset as usize);
            assert_eq!(&text[start..end], claim.text);
            if let Some([from, to]) = claim.attribution_span {
                assert_eq!(&text[from as usize..to as usize], claim.attribution_text);
            }
        }
    }

    /// What the caps change is noted at the same lines of the file, read
    /// whole or in sections.
    #[test]
    fn notes_give_the_same_lines_read_in_sections() {
        let mut rules = crate::rules::defaults_for_tests().clone();
        rules.limits.max_sentence_tokens = 12;
        let long_word = "x".repeat(300);
        let mut body = PARAGRAPHS.repeat(30);
        body.push_str(&format!("A word {long_word} too long.\n\n"));
        body.push_str(&PARAGRAPHS.repeat(5));
        let document = Document::from_text("t", &format!("{HEAD}{body}")).unwrap();
        let whole = extract(&document, &rules);
        rules.limits.max_section_bytes = 1000;
        let in_sections = extract(&document, &rules);
        // Four lines of front matter, 30 copies of six lines, then the word.
        assert!(
            whole.notes[0].starts_with("line 185: a word"),
            "{:?}",
            whole.notes
        );
        assert_eq!(in_sections.notes, whole.notes);
        assert_eq!(in_sections.claims.len(), whole.claims.len());
    }

    fn events(text: &str) -> Vec<(String, String)> {
        claims_of(text)
            .into_iter()
            .map(|c| (c.text.to_string(), c.narrowing.event().to_string()))
            .collect()
    }

    /// A path written as `display()` writes it, invalid UTF-8 included.
    #[cfg(unix)]
    #[test]
    fn a_path_reads_as_displayed() {
        use std::os::unix::ffi::OsStrExt;
        let pieces: [&[u8]; 7] = [
            b"corpus/",
            b"a.md",
            b"\xff",
            b"\xe2\x82",
            b"\xc3\xa9",
            b"\xf0\x9f\x98\x80",
            b" ",
        ];
        let mut random = crate::test_random::TestRandom(5);
        for _ in 0..2_000 {
            let mut bytes = Vec::new();
            for _ in 0..random.below(8) {
                bytes.extend_from_slice(pieces[random.below(pieces.len() as u64) as usize]);
            }
            let path = std::path::Path::new(std::ffi::OsStr::from_bytes(&bytes));
            assert_eq!(
                path.to_string_lossy(),
                path.display().to_string(),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn an_id_is_the_document_and_the_number() {
        let doc = SharedText::new("doc/a");
        for number in [0, 1, 9, 10, 99, 100, 12345, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(
                ClaimId::numbered(&doc, '#', number).to_string(),
                format!("doc/a#{number}")
            );
        }
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
