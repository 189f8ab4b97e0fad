//! Building claims: from a document's figures to what each one asserts.
//!
//! Input: a [`Document`] and the [`RuleSet`]. Output: [`DocumentClaims`]: the
//! document's language, outlet and publication date, and one [`Claim`] per
//! figure, carrying its kind (from the counted noun and the event words around
//! it), unit, subject, attribution (from reporting cues), modality (plan,
//! forecast, denial), as-of date and the exact span of text it came from.

use indexmap::IndexMap;
use jiff::civil::Date;

use crate::dates::{DateMention, claim_as_of, find_dates, infer_published, parse_iso_date};
use crate::figures::{Figure, find_figures, unit_after};
use crate::lexicon::{Lexicon, Match, TokenView};
use crate::mentions::{Mention, find_mentions};
use crate::model::{Claim, DateBasis, Denial, DocumentClaims, Modality, Owner, Qualifier};
use crate::normalize::{NormalizedText, Punct, Token, TokenKind, tokenize_with};
use crate::read::Document;
use crate::rules::files::EntityType;
use crate::rules::{Language, RuleSet};

/// Finds every claim in a document.
pub fn extract(document: &Document, rules: &RuleSet) -> DocumentClaims {
    let normalized = NormalizedText::new(document.body(), document.body_start);
    let declared = document.meta.lang.as_deref();
    let code = crate::language::detect_language(&normalized.text, declared, rules).unwrap_or("en");
    let language = rules
        .language(code)
        .expect("detect_language returns a loaded pack");
    let space_groups = language.group_separators.contains(&' ');
    let tokens = tokenize_with(&normalized.text, space_groups);
    let upper: Vec<bool> = tokens
        .iter()
        .map(|token| {
            let (start, end) = normalized.original_span(token.start, token.end);
            let original = &document.text[start..end];
            original.chars().count() >= 2 && original.chars().all(|c| c.is_uppercase())
        })
        .collect();
    let view = TokenView::new(
        &normalized.text,
        &tokens,
        &language.proclitics,
        &language.contractions,
    )
    .with_upper(upper);
    let dates = find_dates(&view, language);
    let (published, published_basis, dateline) =
        publication_date(document, &view, language, &dates);
    let source = outlet(document, &view, language, rules);
    let figures = find_figures(&view, language, &dates);
    let sentences = sentence_bounds(&view, &dates);

    let context = Context {
        document,
        rules,
        language,
        view: &view,
        normalized: &normalized,
        dates: &dates,
        published,
        dateline,
        source: &source,
        figure_starts: figures.iter().map(|f| f.start).collect(),
        figure_leads: figures.iter().map(|f| f.lead_start).collect(),
    };
    let mut claims: Vec<Claim> = Vec::with_capacity(figures.len());
    // Figures and sentences are both in text order: one pass over each, and
    // the names of a sentence are found once for all its figures.
    let mut sentence_index = 0;
    let mut mentions: ((usize, usize), Vec<Mention>) = ((0, 0), Vec::new());
    for (index, figure) in figures.iter().enumerate() {
        while sentence_index + 1 < sentences.len() && sentences[sentence_index].1 <= figure.start {
            sentence_index += 1;
        }
        let sentence = sentences
            .get(sentence_index)
            .copied()
            .filter(|(start, end)| figure.start >= *start && figure.start < *end)
            .unwrap_or((0, view.len()));
        if mentions.0 != sentence || index == 0 {
            mentions = (
                sentence,
                find_mentions(&view, language, rules, sentence.0, sentence.1),
            );
        }
        let previous = index
            .checked_sub(1)
            .and_then(|i| claims.get(i).map(|c| (c, &figures[i])))
            .filter(|(_, f)| f.start >= sentence.0);
        let mut claim = context.claim(figure, sentence, &mentions.1, previous, index + 1);
        context.carry_source(&mut claim, sentence, &claims);
        claims.push(claim);
    }
    join_owners_of_parts(&mut claims, rules);
    let topic = topic_country(&view, language, rules, &sentences);
    lend_owners(&mut claims, rules, topic);
    // Kinds switched off in the rules yield no claims; ids stay stable for the rest.
    claims.retain(|claim| rules.kind_is_enabled(&claim.kind));
    let denials = sentences
        .iter()
        .filter(|(start, end)| !figures.iter().any(|f| f.start >= *start && f.start < *end))
        .filter_map(|&sentence| context.denial(sentence))
        .enumerate()
        .map(|(index, mut denial)| {
            denial.id = format!("{}#d{}", document.id, index + 1);
            denial
        })
        .collect();
    DocumentClaims {
        denials,
        id: document.id.clone(),
        path: document.path.display().to_string(),
        language: language.code.clone(),
        source,
        published,
        published_basis,
        claim_count: claims.len(),
        claims,
    }
}

/// "4,890 dead, among them 3,381 in Turkey and 1,559 in Syria": a toll whose
/// listed parts were counted in several countries is the toll of them all.
fn join_owners_of_parts(claims: &mut [Claim], rules: &RuleSet) {
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
        let countries: Vec<&String> = claims[parts_start..]
            .iter()
            .take_while(|c| c.sentence == claims[whole].sentence && c.kind == claims[whole].kind)
            .flat_map(|c| c.owner.countries())
            .collect();
        let owner = Owner::of_countries(countries.into_iter().cloned());
        if owner.countries().len() >= 2 {
            let whole = &mut claims[whole];
            whole.subject = subject_of(rules, &owner, &whole.unit, &whole.kind, whole.part_of);
            whole.owner = owner;
        }
    }
}

/// A figure that names no owner ("the death toll could rise to 20,000")
/// speaks of what the article is about: the owner of the first figure of its
/// kind that names one; for people counted, else the owner of the article's
/// first figure of people, else the first country the article names
/// (`topic`: "Die nordkoreanischen Truppen ... Von den 11.000 Soldaten").
fn lend_owners(claims: &mut [Claim], rules: &RuleSet, topic: Option<Owner>) {
    let counts_people = |kind: &str| rules.kinds.get(kind).is_some_and(|k| k.counts_people);
    let mut first_owner: IndexMap<String, Owner> = IndexMap::new();
    let mut first_of_people: Option<Owner> = None;
    for claim in claims.iter() {
        if !claim.owner.is_empty() && !claim.part_of {
            first_owner
                .entry(claim.kind.clone())
                .or_insert_with(|| claim.owner.clone());
            if counts_people(&claim.kind) && first_of_people.is_none() {
                first_of_people = Some(claim.owner.clone());
            }
        }
    }
    let article_owner = first_of_people.or(topic);
    for claim in claims.iter_mut().filter(|c| c.owner.is_empty()) {
        let lent = first_owner.get(&claim.kind).or_else(|| {
            article_owner
                .as_ref()
                .filter(|_| counts_people(&claim.kind))
        });
        if let Some(owner) = lent {
            claim.owner.clone_from(owner);
            claim.subject = subject_of(rules, owner, &claim.unit, &claim.kind, claim.part_of);
        }
    }
}

/// The first country the article names in its opening sentences, as an owner.
fn topic_country(
    view: &TokenView,
    language: &Language,
    rules: &RuleSet,
    sentences: &[(usize, usize)],
) -> Option<Owner> {
    // Three sentences, but at least a headline's and a lead's worth of words
    // when page furniture ("news.ORF.at") cuts the opening into short pieces.
    const OPENING_SENTENCES: usize = 3;
    const OPENING_TOKENS: usize = 80;
    let end = sentences
        .get(OPENING_SENTENCES.min(sentences.len()).checked_sub(1)?)
        .map_or(view.len(), |s| s.1)
        .max(OPENING_TOKENS.min(view.len()));
    find_mentions(view, language, rules, 0, end)
        .iter()
        .filter(|m| !m.is_location)
        .find_map(|m| m.country(rules))
}

/// The source a figure is attributed to, and the tokens naming it (none for a raw phrase).
struct Attributed {
    name: String,
    tokens: Option<(usize, usize)>,
}

/// Everything about one document that claim building reads.
struct Context<'a> {
    document: &'a Document,
    rules: &'a RuleSet,
    language: &'a Language,
    view: &'a TokenView<'a>,
    normalized: &'a NormalizedText,
    dates: &'a [DateMention],
    published: Option<Date>,
    dateline: Option<DateMention>,
    source: &'a str,
    /// Where each figure of the document starts, in order.
    figure_starts: Vec<usize>,
    /// Where each figure's qualifier or range opener starts, in order.
    figure_leads: Vec<usize>,
}

impl Context<'_> {
    fn claim(
        &self,
        figure: &Figure,
        sentence: (usize, usize),
        mentions: &[Mention],
        previous: Option<(&Claim, &Figure)>,
        number: usize,
    ) -> Claim {
        let previous_with_figure = previous;
        let previous = previous.map(|(c, _)| c);
        let view = self.view;
        let tokens = view.tokens;
        let span = self.original_span(tokens[figure.start].start, tokens[figure.end - 1].end);
        let sentence_span =
            self.original_span(tokens[sentence.0].start, tokens[sentence.1 - 1].end);
        let part_cue = self.is_part_of(figure);
        let (unit_index, unit_end) = self.unit_of(figure);
        let unit = unit_index.map(|i| &self.rules.units[i]);
        let mut kind = self.kind_of(figure, sentence, unit_index);
        let source = self.attribution(figure, sentence, mentions);
        let attribution_range = source.as_ref().and_then(|s| s.tokens);
        let attribution = source.map(|s| s.name).unwrap_or_default();
        // Nouns elsewhere in the sentence that count the same things: the same
        // unit, or any unit when the figure names none ("100 of them").
        let unit_words: Vec<(usize, usize)> = self
            .language
            .units
            .find_all(view, sentence.0, sentence.1)
            .into_iter()
            .filter(|hit| unit_index.is_none_or(|index| *hit.value == index))
            .map(|hit| (hit.start, hit.end))
            .collect();
        let mut unit_name = unit.map(|u| u.name.clone()).unwrap_or_default();
        // "at least 1,000 killed and 2,850 wounded", "2,379 dead in Turkey and
        // 1,444 in Syria": a figure joined to the one before shares its
        // qualifier, and, when it names nothing of its own, what it counts.
        let joined = figure.lead_start > 0
            && self
                .language
                .joiners
                .ending_at(view, figure.lead_start)
                .is_some();
        let mut qualifier = figure.qualifier;
        if let Some(previous) = previous.filter(|_| joined) {
            let bounded = matches!(
                previous.qualifier,
                Qualifier::AtLeast | Qualifier::AtMost | Qualifier::About
            );
            if qualifier == Qualifier::Exact && bounded && !previous.vague {
                qualifier = previous.qualifier;
            }
        }
        if (part_cue || joined)
            && let Some(previous) = previous
        {
            // "14,000 soldiers, including 3,000 sent in January": the part counts the same things.
            if kind == "other" && unit_name.is_empty() {
                kind.clone_from(&previous.kind);
                unit_name.clone_from(&previous.unit);
            }
        }
        // "3,381 في تركيا، و1,559 في سوريا، 769 في مناطق ...": a bare figure
        // listed after a comma right after another continues the list's kind
        // (joined figures, "and 1,559", are handled below).
        const LIST_GAP: usize = 8;
        if kind == "other"
            && unit_name.is_empty()
            && let Some((previous, previous_figure)) = previous_with_figure
            && figure.lead_start.saturating_sub(previous_figure.end) <= LIST_GAP
            && figure.lead_start > 0
            && view.tokens[figure.lead_start - 1].punct() == Some(Punct::Comma)
        {
            kind.clone_from(&previous.kind);
        }
        // "11,000 soldiers had been deployed, and at least 100 of them were
        // killed": a figure with no counted noun counts what the one before it
        // in the sentence counts.
        if unit_name.is_empty()
            && let Some(previous) = previous
        {
            unit_name.clone_from(&previous.unit);
        }
        // "92 soldiers every day" counts soldiers per day, not soldiers.
        if let Some(period) = self.rate_of(figure, unit_end, sentence) {
            unit_name = if unit_name.is_empty() {
                format!("per {period}")
            } else {
                format!("{unit_name} per {period}")
            };
        }
        // Soldiers are counted by the army they belong to, wherever they fell;
        // everyone else, for kinds counted by place, by where it happened.
        let kind_by_place = |id: &str| self.rules.kinds.get(id).is_some_and(|k| k.by_place);
        let counted_by_side = unit
            .and_then(|u| u.kind.as_deref())
            .is_some_and(|k| !kind_by_place(k));
        let by_place = !counted_by_side && kind_by_place(&kind);
        let clues = OwnerClues {
            unit_end,
            attribution: attribution_range,
            unit_words: &unit_words,
            by_place,
            location_markers: &self.language.location_markers,
            clause_openers: &self.language.clause_openers,
        };
        let (mut owner, evidence) = owner_of(self.rules, view, figure, mentions, &clues);
        // A part that names its own owner ("3,381 of them in Turkey") is a
        // quantity of its own: the toll in Turkey, not a share of something else.
        // A part of the same owner ("12,000 North Korean soldiers, including
        // 500 officers") stays a part.
        let same_owner_as_whole = previous.is_some_and(|p| p.owner == owner);
        // "another 1,500 troops" adds to a running total; "5 killed and
        // another 20 wounded" only counts something else, and "an additional
        // $425 million" is a new sum of its own.
        let running_total = self.rules.kinds.get(&kind).is_some_and(|k| k.running_total);
        let adds_to_total = running_total
            && self.is_increment(figure, unit_end)
            && previous.is_none_or(|p| p.kind == kind);
        // "1.000 dieser Soldaten", "1,000 of them": a share of something
        // counted before, unless it counts something else ("100 of them killed").
        let share_of_earlier = self.language.part_of_after.starts_at(view, figure.end)
            && previous.is_none_or(|p| p.kind == kind);
        // "including 500 officers and three generals": the list stays a part.
        let listed_with_part = joined && previous.is_some_and(|p| p.part_of && p.kind == kind);
        // "4,700 casualties, including 600 deaths": a part of another kind is
        // the whole count of its own kind.
        let same_kind_as_whole = previous.is_none_or(|p| p.kind == kind);
        let part_of = part_cue
            && same_kind_as_whole
            && (evidence == OwnerEvidence::Weak || same_owner_as_whole)
            || adds_to_total
            || share_of_earlier
            || listed_with_part;
        if let Some(previous) = previous
            && evidence == OwnerEvidence::Weak
            && (part_cue || previous.unit == unit_name && previous.kind == kind)
        {
            // "X said 1,000 drones, while Y put it at more than 2,000": a second
            // figure of the same things, with no owner of its own beside it,
            // counts what the first one counts.
            owner.clone_from(&previous.owner);
        }
        // Nothing says where: for a toll, the source's country does ("وزارة
        // الصحة السورية" reports deaths in Syria). Nothing beside the figure
        // says where: a country that reports it does ("after Turkey declared
        // 44,000 died", in a sentence about Turkey and Syria).
        if by_place
            && let Some(range) = attribution_range
            && let Some(source) = mentions.iter().find(|m| (m.start, m.end) == range)
            && let Some(country) = source.country(self.rules)
            && (owner.is_empty()
                || evidence == OwnerEvidence::Weak && source.is_bare_country(self.rules))
        {
            owner = country;
        }
        if by_place {
            owner = self.place_owner(figure, unit_end, sentence, mentions, owner);
        }
        let as_of = claim_as_of(
            view,
            self.language,
            sentence,
            figure.start,
            self.dates,
            self.published,
            self.dateline,
        );
        Claim {
            id: format!("{}#{number}", self.document.id),
            doc: self.document.id.clone(),
            span: [span.0, span.1],
            text: self.document.text[span.0..span.1].to_string(),
            value: figure.value,
            low: figure.low,
            high: figure.high,
            qualifier,
            vague: figure.vague,
            subject: subject_of(self.rules, &owner, &unit_name, &kind, part_of),
            kind,
            unit: unit_name,
            attribution,
            modality: self.modality_of(figure, sentence),
            as_of: as_of.map(|(d, _)| d),
            as_of_basis: as_of.map(|(_, b)| b),
            published: self.published,
            source: self.source.to_string(),
            sentence: self.document.text[sentence_span.0..sentence_span.1]
                .trim()
                .to_string(),
            part_of,
            language: self.language.code.clone(),
            group: String::new(),
            owner,
            after_part_cue: part_cue,
        }
    }

    fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        self.normalized.original_span(start, end)
    }

    /// The unit named after the figure ("جندي", "soldiers") or before it ("$").
    fn unit_of(&self, figure: &Figure) -> (Option<usize>, usize) {
        if let Some((index, end)) = unit_after(self.view, self.language, figure.end) {
            return (Some(index), end);
        }
        let before = self
            .language
            .units
            .ending_at(self.view, figure.start)
            .filter(|hit| self.rules.units[*hit.value].before);
        (before.map(|hit| *hit.value), figure.end)
    }

    /// The kind: a strict unit decides (money, days); otherwise the nearest
    /// event word; otherwise the unit's default; otherwise "other".
    fn kind_of(
        &self,
        figure: &Figure,
        sentence: (usize, usize),
        unit_index: Option<usize>,
    ) -> String {
        let unit = unit_index.map(|i| &self.rules.units[i]);
        if let Some(unit) = unit
            && unit.strict
            && let Some(kind) = &unit.kind
        {
            return kind.clone();
        }
        const WINDOW: usize = 14;
        let cues = self
            .language
            .kind_cues
            .find_all(self.view, sentence.0, sentence.1);
        // Words after the next figure speak of that figure ("300 pulled out ...,
        // and 40,000 displaced"): the search after this one stops there.
        let next_figure = self
            .figure_starts
            .iter()
            .copied()
            .find(|&start| start >= figure.end)
            .unwrap_or(usize::MAX);
        // A cue right before the next figure introduces that one ("711 قتيلا
        // وإصابة 1500": the wounded are the 1,500; "killed and about 300" is not).
        let next_lead = self
            .figure_leads
            .iter()
            .copied()
            .find(|&start| start >= figure.end)
            .unwrap_or(usize::MAX);
        let introduces_next = |cue: &Match<'_, String>| cue.end == next_lead;
        let mut scored: Vec<(usize, &str)> = cues
            .iter()
            .filter(|cue| {
                cue.end <= figure.lead_start
                    || cue.start >= figure.end && cue.start < next_figure && !introduces_next(cue)
            })
            .map(|cue| {
                // Distances are doubled so that, at equal distance, a cue after
                // the figure (its counted noun: "80 ألف مصاب") outranks one before.
                let distance = if cue.end <= figure.lead_start {
                    2 * (figure.lead_start - cue.end) + 1
                } else {
                    2 * (cue.start - figure.end)
                };
                (distance, cue.value.as_str())
            })
            .filter(|(distance, _)| *distance <= 2 * WINDOW + 1)
            .collect();
        scored.sort_by_key(|(distance, _)| *distance);
        let Some(&(best_distance, best_kind)) = scored.first() else {
            return unit
                .and_then(|u| u.kind.clone())
                .unwrap_or_else(|| "other".to_string());
        };
        if best_distance <= WINDOW
            && let Some(combined) = self.combined_kind(&cues, figure)
        {
            return combined;
        }
        // "2,000 soldiers deployed to Russia have been killed": what happened
        // to them outranks who they are, within the clause of a figure that
        // names its own noun ("3,000 sent ... to replace the killed" keeps
        // its kind).
        let clause_end = (figure.end..sentence.1)
            .find(|&at| self.view.tokens[at].is_punct())
            .unwrap_or(sentence.1);
        let outranking = cues
            .iter()
            .filter(|cue| cue.start >= figure.end && cue.end <= clause_end)
            .filter(|cue| cue.start < next_figure)
            .filter(|cue| 2 * (cue.start - figure.end) <= 2 * WINDOW)
            .find(|cue| {
                self.rules
                    .kinds
                    .get(cue.value.as_str())
                    .is_some_and(|k| k.outranks.iter().any(|o| o == best_kind))
            });
        if let Some(cue) = outranking.filter(|_| unit.is_some()) {
            return cue.value.clone();
        }
        // Weapons are known by their noun: a weapon word near "30 soldiers" does
        // not make the soldiers weapons.
        let noun_only = self.rules.kinds.get(best_kind).is_some_and(|k| k.by_noun);
        if noun_only && let Some(unit) = unit.filter(|u| u.kind.as_deref() != Some(best_kind)) {
            return unit.kind.clone().unwrap_or_else(|| "other".to_string());
        }
        best_kind.to_string()
    }

    /// A denial in a sentence with no figure, when it says what it denies: a
    /// kind of event and whose people ("denied sending North Korean troops").
    fn denial(&self, sentence: (usize, usize)) -> Option<Denial> {
        let view = self.view;
        let cue = self
            .language
            .denial
            .find_all(view, sentence.0, sentence.1)
            .into_iter()
            .next()?;
        let anchor = Figure {
            start: cue.start,
            end: cue.end,
            value: None,
            low: None,
            high: None,
            qualifier: Qualifier::Exact,
            vague: false,
            lead_start: cue.start,
            tail_end: cue.end,
        };
        // What is denied follows the denying words: "denied sending troops", "نفى ... إرسال جنود".
        const REACH: usize = 16;
        let denied_part = (cue.end, (cue.end + REACH).min(sentence.1));
        let kind = self
            .language
            .kind_cues
            .find_all(view, denied_part.0, denied_part.1)
            .first()
            .map(|hit| hit.value.clone())?;
        // Counted nouns only: money and time units here are dates and prices, not what is denied.
        let unit_hits: Vec<_> = self
            .language
            .units
            .find_all(view, sentence.0, sentence.1)
            .into_iter()
            .filter(|hit| !self.rules.units[*hit.value].strict)
            .collect();
        let unit_index = unit_hits.first().map(|hit| *hit.value);
        let mentions = find_mentions(view, self.language, self.rules, sentence.0, sentence.1);
        let denier = if self.language.subject_first {
            mentions
                .iter()
                .rev()
                .find(|m| m.end <= cue.start && m.end + 3 >= cue.start)
        } else {
            mentions
                .iter()
                .find(|m| m.start >= cue.end && m.start <= cue.end + 2)
        };
        let attribution = denier.map(|m| m.canonical(self.rules)).unwrap_or_default();
        let unit_words: Vec<(usize, usize)> =
            unit_hits.iter().map(|hit| (hit.start, hit.end)).collect();
        let by_place = self.rules.kinds.get(&kind).is_some_and(|k| k.by_place);
        let clues = OwnerClues {
            unit_end: cue.end,
            attribution: denier.map(|m| (m.start, m.end)),
            unit_words: &unit_words,
            by_place,
            location_markers: &self.language.location_markers,
            clause_openers: &self.language.clause_openers,
        };
        let (owner, _) = owner_of(self.rules, view, &anchor, &mentions, &clues);
        let unit = unit_index
            .map(|i| self.rules.units[i].name.clone())
            .unwrap_or_default();
        let tokens = view.tokens;
        let span = self.original_span(tokens[cue.start].start, tokens[cue.end - 1].end);
        let sentence_span =
            self.original_span(tokens[sentence.0].start, tokens[sentence.1 - 1].end);
        let as_of = claim_as_of(
            view,
            self.language,
            sentence,
            cue.start,
            self.dates,
            self.published,
            self.dateline,
        );
        Some(Denial {
            id: String::new(),
            doc: self.document.id.clone(),
            span: [span.0, span.1],
            text: self.document.text[span.0..span.1].to_string(),
            subject: subject_of(self.rules, &owner, &unit, &kind, false),
            kind,
            attribution,
            as_of: as_of.map(|(d, _)| d),
            source: self.source.to_string(),
            sentence: self.document.text[sentence_span.0..sentence_span.1]
                .trim()
                .to_string(),
            group: String::new(),
            owner,
        })
    }

    /// "قتل أو جرح", "killed or wounded": cues of two kinds joined by at most
    /// one word, as the nearest cues before or after the figure, make the kind
    /// that `combines` them in the rules.
    fn combined_kind(&self, cues: &[Match<'_, String>], figure: &Figure) -> Option<String> {
        let before: Vec<_> = cues.iter().filter(|c| c.end <= figure.lead_start).collect();
        let after: Vec<_> = cues.iter().filter(|c| c.start >= figure.end).collect();
        let pairs = [
            (before.len() >= 2).then(|| (before[before.len() - 2], before[before.len() - 1])),
            (after.len() >= 2).then(|| (after[0], after[1])),
        ];
        pairs.into_iter().flatten().find_map(|(a, b)| {
            let joined = b.start >= a.end && b.start - a.end <= 1;
            let (x, y) = (a.value.as_str(), b.value.as_str());
            let combination = self.rules.kinds.values().find(|kind| {
                kind.combines.len() == 2
                    && (kind.combines[0] == x && kind.combines[1] == y
                        || kind.combines[0] == y && kind.combines[1] == x)
            });
            combination.filter(|_| joined).map(|kind| kind.id.clone())
        })
    }

    fn is_part_of(&self, figure: &Figure) -> bool {
        // The cue stands right before the figure, or before a comma that does.
        let start = figure.lead_start;
        let before_comma = start.checked_sub(1).filter(|&at| self.is_comma(at));
        [Some(start), before_comma]
            .into_iter()
            .flatten()
            .any(|end| self.language.part_of.ending_at(self.view, end).is_some())
    }

    /// Where a toll was counted, beyond the country beside it: "في كلا
    /// البلدين" (in both countries) makes it the toll of every country just
    /// named, and a region ("in northwest Syria", "في مناطق سيطرة الحكومة")
    /// makes it the toll of that part of the country.
    fn place_owner(
        &self,
        figure: &Figure,
        unit_end: usize,
        sentence: (usize, usize),
        mentions: &[Mention],
        owner: Owner,
    ) -> Owner {
        let view = self.view;
        // "حصيلة البلدين إلى 50,325" but not "44,374، ما يرفع حصيلة البلدين".
        let same_phrase = |start: usize, end: usize| !has_punct(view, gap_to(figure, start, end));
        let both = self
            .language
            .all_named
            .find_all(view, sentence.0, sentence.1)
            .into_iter()
            .any(|hit| {
                self.beside_figure(figure, unit_end, hit.start, hit.end)
                    && same_phrase(hit.start, hit.end)
            });
        if both && let Some(countries) = self.countries_named(sentence, mentions) {
            return countries;
        }
        if owner.is_empty() || owner.is_joint() {
            return owner;
        }
        let region = self
            .language
            .regions
            .find_all(view, sentence.0, sentence.1)
            .into_iter()
            .filter(|hit| self.beside_figure(figure, unit_end, hit.start, hit.end))
            .min_by_key(|hit| distance(figure, hit.start, hit.end));
        match region {
            // A figure joined to the one before took its owner, region and all.
            Some(hit) => owner.in_region(hit.value),
            None => owner,
        }
    }

    /// Words within a few tokens of the figure (or its counted noun), with no
    /// other figure between (or, after it, no punctuation): they speak of it.
    fn beside_figure(&self, figure: &Figure, unit_end: usize, start: usize, end: usize) -> bool {
        const NEAR: usize = 8;
        let no_figure_in =
            |from: usize, to: usize| !self.figure_starts.iter().any(|&s| s >= from && s < to);
        // "1414 وفاة و2357 إصابة في مناطق ...": a place after a coordination
        // with no punctuation in it is where both figures were counted.
        if start >= figure.end {
            start.saturating_sub(unit_end.max(figure.end)) <= NEAR
                && (no_figure_in(figure.end, start) || !has_punct(self.view, figure.end..start))
        } else {
            end <= figure.lead_start
                && figure.lead_start - end <= NEAR
                && no_figure_in(end, figure.lead_start)
        }
    }

    /// Every country named in the sentence, or else the last two named before
    /// it, joined as owners are ("Syria and Turkey"); `None` for fewer than two.
    fn countries_named(&self, sentence: (usize, usize), mentions: &[Mention]) -> Option<Owner> {
        const LOOK_BACK_TOKENS: usize = 200;
        let mut names: Vec<&str> = Vec::new();
        for mention in mentions {
            for name in mention.country_names(self.rules) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        if names.len() < 2 {
            let from = sentence.0.saturating_sub(LOOK_BACK_TOKENS);
            let earlier = find_mentions(self.view, self.language, self.rules, from, sentence.0);
            for mention in earlier.iter().rev() {
                for name in mention.country_names(self.rules).into_iter().rev() {
                    if names.len() < 2 && !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
        }
        (names.len() >= 2).then(|| Owner::of_countries(names))
    }

    /// The period of a rate named after the figure or its noun, in its clause
    /// ("about 92 of their soldiers every day", "30 soldiers killed and
    /// wounded in the Kursk region over the weekend").
    fn rate_of(
        &self,
        figure: &Figure,
        unit_end: usize,
        sentence: (usize, usize),
    ) -> Option<String> {
        const NEAR: usize = 10;
        let from = unit_end.max(figure.end);
        let to = (from + NEAR + 2).min(sentence.1);
        self.language
            .rates
            .find_all(self.view, from, to)
            .into_iter()
            .find(|hit| {
                // Quotes around the figure ('"at least 30 soldiers" killed') are no break.
                let breaks = |at: usize| {
                    self.view.tokens[at]
                        .punct()
                        .is_some_and(|mark| mark != Punct::Quote)
                };
                hit.start - from <= NEAR
                    && !(from..hit.start).any(breaks)
                    && !self
                        .figure_starts
                        .iter()
                        .any(|&s| s >= from && s < hit.start)
            })
            .map(|hit| hit.value.clone())
    }

    /// "another 1,500 troops", "1,500 troops more": an addition to a total.
    fn is_increment(&self, figure: &Figure, unit_end: usize) -> bool {
        let before = self
            .language
            .increment
            .ending_at(self.view, figure.lead_start)
            .is_some();
        before || self.language.increment_after.starts_at(self.view, unit_end)
    }

    fn modality_of(&self, figure: &Figure, sentence: (usize, usize)) -> Modality {
        let view = self.view;
        if !self
            .language
            .denial
            .find_all(view, sentence.0, sentence.1)
            .is_empty()
        {
            return Modality::Denied;
        }
        const BEFORE: usize = 10;
        const AFTER: usize = 6;
        let from = figure.lead_start.saturating_sub(BEFORE).max(sentence.0);
        let to = (figure.end + AFTER).min(sentence.1);
        if !self.language.projection.find_all(view, from, to).is_empty() {
            return Modality::Projection;
        }
        Modality::Asserted
    }

    /// Who the text says the figure comes from, and the tokens that name them.
    /// Candidates come from source cues ("according to X") and reporting verbs
    /// ("X said"); the nearest wins, except that a news outlet relaying a source
    /// ranks below the source itself, and a bare adjective ("Turkish") is no source.
    fn attribution(
        &self,
        figure: &Figure,
        sentence: (usize, usize),
        mentions: &[Mention],
    ) -> Option<Attributed> {
        let view = self.view;
        let language = self.language;
        let rules = self.rules;
        // (rank: 0 a source, 1 an outlet relaying; distance from the figure; who)
        let mut candidates: Vec<(u8, usize, Attributed)> = Vec::new();
        let mut push =
            |mention: Option<&Mention>, raw: Option<String>, cue_start: usize, cue_end: usize| {
                let (rank, who) = match (mention, raw) {
                    (Some(mention), _) => (
                        u8::from(mention.has_type(rules, EntityType::Outlet)),
                        Attributed {
                            name: mention.canonical(rules),
                            tokens: Some((mention.start, mention.end)),
                        },
                    ),
                    (None, Some(raw)) => (
                        0,
                        Attributed {
                            name: raw,
                            tokens: None,
                        },
                    ),
                    (None, None) => return,
                };
                candidates.push((rank, distance(figure, cue_start, cue_end), who));
            };
        for cue in language
            .source_follows
            .find_all(view, sentence.0, sentence.1)
        {
            // "according to X": the cue's own "to" is no place.
            let found = mentions
                .iter()
                .filter(|m| !m.is_bare_adjective(rules))
                .find(|m| m.start >= cue.end && m.start <= cue.end + 3);
            let raw = || self.resolve(self.raw_phrase(cue.end, sentence.1), sentence.0);
            push(
                found,
                if found.is_none() { raw() } else { None },
                cue.start,
                cue.end,
            );
        }
        let verbs = language
            .reporting_verbs
            .find_all(view, sentence.0, sentence.1);
        // Who was told ("told lawmakers") is no source for any verb.
        let is_addressee = |cue: &Match<'_, ()>| {
            language
                .addressee_verbs
                .matches_at(view, cue.start)
                .iter()
                .any(|m| m.end == cue.end)
        };
        let listeners: Vec<usize> = verbs
            .iter()
            .filter(|cue| is_addressee(cue))
            .filter_map(|cue| {
                mentions
                    .iter()
                    .find(|m| m.start >= cue.end && m.start <= cue.end + 1)
                    .map(|m| m.start)
            })
            .collect();
        let speakers: Vec<Mention> = mentions
            .iter()
            .filter(|m| !listeners.contains(&m.start))
            .cloned()
            .collect();
        let mentions = speakers.as_slice();
        for (index, cue) in verbs.iter().enumerate() {
            // "X told lawmakers that said ...": the subject of the second verb
            // is not looked for across the first.
            let clause_start = index
                .checked_sub(1)
                .map_or(sentence.0, |i| verbs[i].end.max(sentence.0));
            let addressed = is_addressee(cue);
            let span_before = self.subject_span_before(cue.start, clause_start);
            let before = best_subject(rules, mentions, span_before, cue.start);
            let after = if addressed {
                None
            } else {
                let span_after = self.subject_span_after(cue.end, sentence.1);
                best_subject(rules, mentions, span_after, cue.end)
            };
            let found = if language.subject_first {
                before.or(after)
            } else {
                after.or(before)
            };
            // "Rescue teams said": an unknown subject right before the verb,
            // where the language puts subjects first, as written.
            let raw = (found.is_none() && language.subject_first)
                .then(|| self.resolve(self.subject_before(cue.start, sentence.0), sentence.0))
                .flatten();
            push(found, raw, cue.start, cue.end);
        }
        // A headline's source at its end ("... need aid — WHO") or start
        // ("الصحة العالمية: ...").
        if let Some(mention) = self.headline_source(sentence, mentions) {
            push(Some(mention), None, mention.start, mention.end);
        }
        // "50,000 after Turkey declared 44,000 died": a source in a later
        // clause, opened by "after" or "when", that states a figure of its
        // own speaks of that figure.
        let openers = language
            .clause_openers
            .find_all(view, sentence.0, sentence.1);
        candidates.retain(|(_, _, who)| {
            who.tokens.is_none_or(|(start, end)| {
                let later_clause = start >= figure.end
                    && openers
                        .iter()
                        .any(|o| o.start >= figure.end && o.end <= start);
                let own_figure = self
                    .figure_starts
                    .iter()
                    .any(|&s| s >= end && s < sentence.1);
                !(later_clause && own_figure)
            })
        });
        candidates.sort_by_key(|(rank, distance, _)| (*rank, *distance));
        candidates.into_iter().next().map(|(_, _, who)| who)
    }

    /// The words that can name the subject before a reporting verb: up to
    /// eight words back to a punctuation mark, or, when a comma closes an
    /// apposition right before the verb ("Hans Kluge, WHO Regional Director,
    /// said"), the apposition and the name before it.
    fn subject_span_before(&self, verb: usize, sentence_start: usize) -> (usize, usize) {
        const MAX_WORDS: usize = 8;
        const MAX_APPOSITION: usize = 12;
        let tokens: &[Token] = self.view.tokens;
        let mut start = verb;
        if start > sentence_start && self.is_comma(start - 1) {
            let mut at = start - 1;
            while at > sentence_start && start - at <= MAX_APPOSITION && self.is_name_token(at - 1)
            {
                at -= 1;
            }
            if at > sentence_start && self.is_comma(at - 1) {
                start = at - 1;
            } else {
                return (verb, verb);
            }
        }
        let mut words = 0;
        while start > sentence_start && words < MAX_WORDS && self.is_name_token(start - 1) {
            start -= 1;
            words += usize::from(!tokens[start].is_punct());
        }
        (start, verb)
    }

    /// The words that can name the subject after a reporting verb: the next
    /// eight words up to a punctuation mark ("قالت مديرة الحالات الطارئة في
    /// المكتب الأوروبي لمنظمة الصحة العالمية"), and the apposition that follows them when a comma opens
    /// one ("said Catherine Smallwood, the WHO's senior emergency officer").
    fn subject_span_after(&self, verb_end: usize, sentence_end: usize) -> (usize, usize) {
        const HEAD_WORDS: usize = 8;
        const MAX_APPOSITION: usize = 12;
        let mut end = verb_end;
        while end < sentence_end && end < verb_end + HEAD_WORDS && self.is_name_token(end) {
            end += 1;
        }
        if end > verb_end && end < sentence_end && self.is_comma(end) {
            let mut at = end + 1;
            while at < sentence_end && at <= end + MAX_APPOSITION && self.is_name_token(at) {
                at += 1;
            }
            end = at;
        }
        (verb_end, end)
    }

    /// A token that can be part of a name or its description: a word, a
    /// number, the hyphens and apostrophes inside names ("Tae-yong", "WHO's"),
    /// quotes and brackets around them ("منظمة "الخوذ البيضاء"", "(AFAD)").
    fn is_name_token(&self, index: usize) -> bool {
        let token = self.view.tokens[index];
        match token.kind {
            TokenKind::Word => true,
            TokenKind::Number => false,
            TokenKind::Punct(mark) => matches!(
                mark,
                Punct::Quote | Punct::Dash | Punct::Apostrophe | Punct::Parenthesis
            ),
        }
    }

    fn is_comma(&self, index: usize) -> bool {
        self.view.tokens[index].punct() == Some(Punct::Comma)
    }

    /// A headline's source: a name after a closing dash ("— WHO") or before
    /// an opening colon ("الصحة العالمية: ...").
    fn headline_source<'m>(
        &self,
        sentence: (usize, usize),
        mentions: &'m [Mention],
    ) -> Option<&'m Mention> {
        let is_dash = |i: usize| self.view.tokens[i].punct() == Some(Punct::Dash);
        let mut end = sentence.1;
        while end > sentence.0 && self.view.tokens[end - 1].is_punct() {
            end -= 1;
        }
        let at_end = mentions
            .iter()
            .find(|m| m.end == end && m.start > sentence.0 && is_dash(m.start - 1));
        let at_start = mentions.iter().find(|m| {
            m.start == sentence.0
                && m.end < sentence.1
                && self.view.tokens[m.end].punct() == Some(Punct::Colon)
        });
        at_end
            .or(at_start)
            .filter(|m| !m.is_bare_adjective(self.rules))
    }

    /// Sources that earlier figures of the document make plain: a sentence that
    /// still reports the last source ("he said", "seien") takes it, and a bare
    /// body ("der Geheimdienst") is the one named in full before ("South Korean
    /// intelligence").
    fn carry_source(&self, claim: &mut Claim, sentence: (usize, usize), earlier: &[Claim]) {
        // Far-back figures speak of something else.
        const LOOK_BACK_CLAIMS: usize = 8;
        let recent = || earlier.iter().rev().take(LOOK_BACK_CLAIMS);
        if claim.attribution.is_empty() {
            let continues = !self
                .language
                .same_source
                .find_all(self.view, sentence.0, sentence.1)
                .is_empty();
            if continues && let Some(last) = recent().find(|c| !c.attribution.is_empty()) {
                claim.attribution.clone_from(&last.attribution);
            }
            return;
        }
        let is_bare_body = self
            .rules
            .entities
            .iter()
            .any(|e| e.entity_type == EntityType::Institution && e.name == claim.attribution);
        if is_bare_body {
            let suffix = format!(" {}", claim.attribution);
            if let Some(full) = recent().find(|c| c.attribution.ends_with(&suffix)) {
                claim.attribution.clone_from(&full.attribution);
            }
        }
    }

    /// A raw source that only points back ("the organization", "المنظمة")
    /// stands for the last organisation or institution named before its
    /// sentence; other raw sources stay as written.
    fn resolve(&self, raw: Option<String>, sentence_start: usize) -> Option<String> {
        let raw = raw?;
        let normalized = crate::normalize::normalize_phrase(&raw);
        let is_anaphor = self
            .language
            .anaphors
            .iter()
            .any(|a| normalized == *a || normalized.ends_with(&format!(" {a}")));
        if !is_anaphor {
            return Some(raw);
        }
        // The body pointed back to is named shortly before, not pages earlier;
        // a bounded look-back also keeps long documents linear.
        const LOOK_BACK_TOKENS: usize = 200;
        let from = sentence_start.saturating_sub(LOOK_BACK_TOKENS);
        let earlier = find_mentions(self.view, self.language, self.rules, from, sentence_start);
        let antecedent = earlier.iter().rev().find(|m| {
            m.has_type(self.rules, EntityType::Organisation)
                || m.has_type(self.rules, EntityType::Institution)
        });
        Some(antecedent.map_or(raw, |m| m.canonical(self.rules)))
    }

    /// The words right before a reporting verb, back to a punctuation mark, a
    /// number or the start of the sentence (at most four), as written; `None`
    /// for pronouns and other short words ("he said", "it said").
    fn subject_before(&self, verb: usize, sentence_start: usize) -> Option<String> {
        const MAX_WORDS: usize = 4;
        const MIN_CHARS: usize = 4;
        let tokens: &[Token] = self.view.tokens;
        let mut start = verb;
        while start > sentence_start
            && verb - start < MAX_WORDS
            && tokens[start - 1].kind == TokenKind::Word
        {
            start -= 1;
        }
        if start == verb {
            return None;
        }
        let (from, to) = self.original_span(tokens[start].start, tokens[verb - 1].end);
        let words = self.document.text[from..to].trim();
        let content = words
            .split_whitespace()
            .any(|w| w.chars().count() >= MIN_CHARS);
        // In scripts with capitals a subject worth naming starts with one
        // ("Rescue teams said"); "people were confirmed" is no source.
        let named = words.chars().next().is_some_and(|c| !c.is_lowercase());
        (content && named).then(|| words.to_string())
    }

    /// Up to four words after a source cue, as written, when no known entity is there.
    fn raw_phrase(&self, from: usize, to: usize) -> Option<String> {
        let tokens: &[Token] = self.view.tokens;
        let mut end = from;
        while end < to && end < from + 4 && tokens[end].kind == TokenKind::Word {
            end += 1;
        }
        if end == from {
            return None;
        }
        let (start, stop) = self.original_span(tokens[from].start, tokens[end - 1].end);
        Some(self.document.text[start..stop].to_string())
    }
}

/// The mention in `span` that names a reporting verb's subject: a known
/// person first ("Ukrainian President Volodymyr Zelensky"), then a body ("Hans
/// Kluge, WHO Regional Director"), then a country; the nearest to the verb
/// among equals. Places and bare adjectives name no one.
fn best_subject<'m>(
    rules: &RuleSet,
    mentions: &'m [Mention],
    span: (usize, usize),
    verb: usize,
) -> Option<&'m Mention> {
    let rank = |m: &Mention| {
        if m.has_type(rules, EntityType::Person) {
            0
        } else if m.has_type(rules, EntityType::Organisation)
            || m.has_type(rules, EntityType::Institution)
            || m.has_type(rules, EntityType::Outlet)
        {
            1
        } else {
            2
        }
    };
    let (from, to) = span;
    mentions
        .iter()
        // A long name may begin before the span ("South Korean National
        // Intelligence Service Director Cho Tae-yong told").
        .filter(|m| m.end > from && m.start < to && (m.end <= verb || m.start >= verb))
        .filter(|m| !m.is_bare_adjective(rules) && !m.is_location)
        .min_by_key(|m| {
            let gap = if m.end <= verb {
                verb - m.end
            } else {
                m.start - verb
            };
            (rank(m), gap)
        })
}

/// The tokens between a figure and words before or after it.
fn gap_to(figure: &Figure, start: usize, end: usize) -> std::ops::Range<usize> {
    if end <= figure.lead_start {
        end..figure.lead_start
    } else {
        figure.end..start
    }
}

fn has_punct(view: &TokenView, range: std::ops::Range<usize>) -> bool {
    range.into_iter().any(|at| view.tokens[at].is_punct())
}

fn distance(figure: &Figure, start: usize, end: usize) -> usize {
    if end <= figure.start {
        figure.start - end
    } else {
        start.saturating_sub(figure.end)
    }
}

/// The country or group the counted things belong to: an adjective or country
/// right by the figure or its noun; else one that qualifies the same noun
/// elsewhere in the sentence ("القوات الكورية الشمالية ... تسعة جنود"); else a
/// place ("in Ukraine"); else any other country in the sentence but the source.
/// What owner finding needs to know besides the figure and the mentions.
struct OwnerClues<'a> {
    /// The token after the figure's counted noun (or after the figure).
    unit_end: usize,
    /// The tokens naming the source, which is not the owner.
    attribution: Option<(usize, usize)>,
    /// Nouns in the sentence that count the same things.
    unit_words: &'a [(usize, usize)],
    /// The kind is told apart by place (tolls of civilians).
    by_place: bool,
    /// The language's prepositions of place ("in", "في").
    location_markers: &'a Lexicon<()>,
    /// Words opening a subordinate clause ("after", "بعد أن").
    clause_openers: &'a Lexicon<()>,
}

fn owner_of(
    rules: &RuleSet,
    view: &TokenView,
    figure: &Figure,
    mentions: &[Mention],
    clues: &OwnerClues,
) -> (Owner, OwnerEvidence) {
    const NEAR: usize = 4;
    const NEAR_PLACE: usize = 7;
    let OwnerClues {
        unit_end,
        attribution,
        unit_words,
        by_place,
        location_markers,
        clause_openers,
    } = *clues;
    let is_attribution = |m: &Mention| attribution.is_some_and(|(s, e)| m.start >= s && m.end <= e);
    let countries: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.country(rules).is_some() && !is_attribution(m))
        .collect();
    let gap = |m: &Mention| {
        if m.end <= figure.lead_start {
            figure.lead_start - m.end
        } else {
            m.start.saturating_sub(unit_end)
        }
    };
    let no_break_between = |m: &Mention| {
        let gap = gap_to(figure, m.start, m.end);
        // "50,000 after Turkey declared": a clause opener is a break too.
        !has_punct(view, gap.clone())
            && clause_openers.find_all(view, gap.start, gap.end).is_empty()
    };
    // Where the victims were is what a toll counts ("2,379 dead in Turkey"):
    // for kinds counted by place, a place beside the figure is its owner.
    // "3381 في ولايات جنوبي وجنوب شرقي تركيا": a place phrase opened right
    // after the figure may run longer before it names the country.
    let in_place_phrase = |m: &Mention| {
        by_place
            && m.start >= figure.end
            && gap(m) <= NEAR_PLACE
            && location_markers
                .find_all(view, figure.end, m.start)
                .iter()
                .any(|hit| hit.start <= unit_end + 1)
    };
    let near = countries
        .iter()
        .filter(|m| {
            (by_place || !m.is_location)
                && (gap(m) <= NEAR || in_place_phrase(m))
                && (m.end <= figure.lead_start || m.start >= figure.end)
        })
        .filter(|m| no_break_between(m))
        // At equal distance a marked place wins for tolls: "تركيا و1559 في سوريا".
        .min_by_key(|m| (gap(m), by_place && !m.is_location));
    let beside_unit = |m: &&&Mention| {
        unit_words
            .iter()
            // "Pyongyang's soldiers": a possessive ending may stand between.
            .any(|&(start, end)| {
                m.start == end || m.start == end + 1 || m.end <= start && start - m.end <= 2
            })
    };
    let same_noun = || {
        countries
            .iter()
            .filter(|m| !m.is_location)
            .filter(beside_unit)
            .min_by_key(|m| gap(m))
    };
    let anywhere = || {
        countries
            .iter()
            .filter(|m| !m.is_location)
            .min_by_key(|m| gap(m))
    };
    let place = || {
        countries
            .iter()
            .filter(|m| m.is_location)
            .min_by_key(|m| gap(m))
    };
    // For tolls, a place named in the sentence ("in Ukraine") says more about
    // whose people were hit than the other actor in it ("Russia struck");
    // for the rest, a place is a destination ("troops sent to Russia") and
    // never the owner: the article's other figures say whose they are.
    let weak = if by_place {
        place().or_else(anywhere)
    } else {
        anywhere()
    };
    let (found, evidence) = match near.or_else(same_noun) {
        Some(mention) => (Some(mention), OwnerEvidence::Beside),
        None => (weak, OwnerEvidence::Weak),
    };
    let owner = found.and_then(|m| m.country(rules)).unwrap_or_default();
    (owner, evidence)
}

/// How an owner was found: named beside the figure or its noun, or only
/// somewhere in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OwnerEvidence {
    Beside,
    Weak,
}

/// "North Korean soldiers killed", "USD", "days": a short English description.
fn subject_of(rules: &RuleSet, owner: &Owner, unit: &str, kind: &str, part_of: bool) -> String {
    let adjective = owner
        .single_country()
        .and_then(|name| rules.entities.iter().find(|e| e.name == name))
        .map(|e| e.demonym.clone().unwrap_or_else(|| e.name.clone()))
        .unwrap_or_default();
    // "Syria and Turkey", "Syria (north-west)": no one adjective says it.
    let named_after = (adjective.is_empty() && !owner.is_empty()).then(|| format!("— {owner}"));
    let noun = if unit.is_empty() { "people" } else { unit };
    let mut words: Vec<String> = Vec::new();
    if part_of {
        words.push("part of".to_string());
    }
    match kind {
        "money" | "duration" | "other" if !unit.is_empty() => {
            words.push(format!("{kind} ({unit})"));
            if !owner.is_empty() {
                words.push(format!("— {owner}"));
            }
        }
        "other" => {
            if !adjective.is_empty() {
                words.push(adjective);
            }
            words.push("figure".to_string());
        }
        _ => {
            if !adjective.is_empty() {
                words.push(adjective);
            }
            words.push(noun.to_string());
            if let Some(phrase) = kind_phrase(kind) {
                words.push(phrase.to_string());
            }
            words.extend(named_after);
        }
    }
    words.join(" ")
}

/// How the subject line says what happened to the people counted; kinds a
/// rule folder adds are named by their counted noun alone.
fn kind_phrase(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "personnel" => "deployed",
        "killed" => "killed",
        "wounded" => "wounded",
        "casualties" => "killed or wounded",
        "missing" => "missing",
        "displaced" => "displaced",
        "captured" => "captured",
        "materiel" => "supplied",
        _ => return None,
    })
}

/// Sentences as token ranges: they end at . ! ? ؟ (not after a single letter,
/// as in "Vladimir V. Putin" or "U.S.", nor inside a date) and at line breaks.
fn sentence_bounds(view: &TokenView, dates: &[DateMention]) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let mut start = 0;
    for (index, token) in view.tokens.iter().enumerate() {
        if index > start && token.newline_before {
            bounds.push((start, index));
            start = index;
        }
        let mark = token.punct();
        let after_initial = mark == Some(Punct::FullStop)
            && index > 0
            && view.tokens[index - 1].kind == TokenKind::Word
            && view.token_text(index - 1).chars().count() == 1;
        // The full stop of "23. Oktober 2024" or "Nov. 5" belongs to a date.
        let inside_date = dates.iter().any(|d| index > d.start && index + 1 < d.end);
        let ends = mark.is_some_and(Punct::ends_sentence) && !after_initial && !inside_date;
        if ends {
            bounds.push((start, index + 1));
            start = index + 1;
        }
    }
    if start < view.len() {
        bounds.push((start, view.len()));
    }
    bounds
}

/// The publication date, how it was found, and the mention it was read from.
fn publication_date(
    document: &Document,
    view: &TokenView,
    language: &Language,
    dates: &[DateMention],
) -> (Option<Date>, Option<DateBasis>, Option<DateMention>) {
    if let Some(date) = document
        .meta
        .published_text()
        .as_deref()
        .and_then(parse_iso_date)
    {
        return (Some(date), Some(DateBasis::FrontMatter), None);
    }
    match infer_published(view, language, dates) {
        Some(inferred) => (Some(inferred.date), Some(inferred.basis), inferred.mention),
        None => (None, None, None),
    }
}

/// The outlet: front matter, else a known outlet's web domain anywhere in the
/// text, else a known outlet named at the top of the body.
fn outlet(document: &Document, view: &TokenView, language: &Language, rules: &RuleSet) -> String {
    if let Some(source) = &document.meta.source {
        return source.clone();
    }
    let lower = document.body().to_lowercase();
    let outlets = || {
        rules
            .entities
            .iter()
            .filter(|e| e.entity_type == EntityType::Outlet)
    };
    let mut domain_hits: Vec<(usize, &str)> = outlets()
        .filter_map(|e| {
            e.domains
                .iter()
                .filter_map(|d| lower.find(d.as_str()))
                .min()
                .map(|at| (at, e.name.as_str()))
        })
        .collect();
    domain_hits.sort();
    if let Some((_, name)) = domain_hits.first() {
        return (*name).to_string();
    }
    const TOP_BYTES: usize = 800;
    let top = view
        .tokens
        .iter()
        .take_while(|t| t.start < TOP_BYTES)
        .count();
    rules
        .names_for(&language.code)
        .find_all(view, 0, top)
        .into_iter()
        .map(|hit| &rules.entities[hit.value.index])
        .find(|e| e.entity_type == EntityType::Outlet)
        .map(|e| e.name.clone())
        .unwrap_or_default()
}

/// A claim with only a figure set, for tests of later stages.
#[cfg(test)]
pub(crate) fn test_claim(doc: &str, value: f64, qualifier: Qualifier) -> Claim {
    Claim::from_figure(
        format!("{doc}#1"),
        doc,
        [Some(value), None, None],
        qualifier,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn claims_of(text: &str) -> Vec<Claim> {
        let rules = rules::load_default().unwrap();
        let document = Document::from_text("t", text).unwrap();
        extract(&document, &rules).claims
    }

    /// Each claim's figure as written and its owner, as "figure: owner".
    fn owners(claims: &[Claim]) -> Vec<String> {
        claims
            .iter()
            .map(|c| format!("{}: {}", c.text, c.owner))
            .collect()
    }

    fn summary(claim: &Claim) -> (String, &str, &str, Modality) {
        (
            claim.text.clone(),
            claim.kind.as_str(),
            claim.attribution.as_str(),
            claim.modality,
        )
    }

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

    #[test]
    fn a_figure_per_period_is_a_rate() {
        let claims = claims_of("The brigade was losing about 92 soldiers every day.");
        assert_eq!(claims[0].unit, "soldiers per day");
    }

    #[test]
    fn english_claims() {
        let claims = claims_of(
            "South Korea's spy agency said about 11,000 North Korean soldiers had been deployed, and at least 100 were killed.",
        );
        assert_eq!(claims.len(), 2);
        assert_eq!(
            summary(&claims[0]),
            (
                "11,000".into(),
                "personnel",
                "South Korean intelligence",
                Modality::Asserted
            )
        );
        assert_eq!(claims[1].kind, "killed");
        assert_eq!(claims[1].qualifier, Qualifier::AtLeast);
    }

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
        let rules = rules::load_default().unwrap();
        let text = "ونفى الكرملين في البداية التقارير المتعلقة بإرسال جنود كوريين شماليين إلى روسيا ووصفها بأنها أخبار كاذبة.";
        let document = Document::from_text("t", text).unwrap();
        let result = extract(&document, &rules);
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

    #[test]
    fn now_dates_a_figure_at_publication() {
        let rules = rules::load_default().unwrap();
        let text = "+++\npublished = \"2024-10-24\"\n+++\nSince October 20, 2024, about 12,000 soldiers are now in Russia.";
        let document = Document::from_text("t", text).unwrap();
        let claim = &extract(&document, &rules).claims[0];
        assert_eq!(
            claim.as_of.map(|d| d.to_string()).as_deref(),
            Some("2024-10-24")
        );
    }

    #[test]
    fn publication_date_from_text() {
        let rules = rules::load_default().unwrap();
        let document = Document::from_text(
            "t",
            "موقع الدفاع العربي 2 نوفمبر 2024\nقال وزير إن 500 جندي وصلوا يوم أمس.",
        )
        .unwrap();
        let result = extract(&document, &rules);
        assert_eq!(
            result.published.map(|d| d.to_string()).as_deref(),
            Some("2024-11-02")
        );
        assert_eq!(result.source, "Arab Defense");
        assert_eq!(
            result.claims[0].as_of.map(|d| d.to_string()).as_deref(),
            Some("2024-11-01")
        );
    }
}
