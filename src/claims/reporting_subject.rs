//! The subject of a reporting verb: who "said", "told", "قال".
//!
//! Input: a figure's [`Site`] (its sentence and the speakers named in it),
//! the [`Page`] and the language pack's reporting verbs, word order
//! (`subject-first`, `verb-final`) and windows. Output: one [`Candidate`]
//! source per reporting verb, named by a known entity or by the words before
//! the verb as written ("Rescue teams said"). Invariant: the span a subject
//! is looked for in stops at punctuation unless a comma opens or closes an
//! apposition ("Hans Kluge, WHO Regional Director, said"), a person ranks
//! before a body and a body before a country, and places and bare adjectives
//! name no one.

use super::attribution::{Candidate, is_addressee, reads_as_a_name};
use super::page::{Page, Sentence, Site};
use super::proper_name::name_before_acronym;
use crate::lexicon::{Match, TokenView};
use crate::mentions::Mention;
use crate::normalize::{Punct, TokenKind};
use crate::places::PlaceMention;
use crate::rules::files::{Affiliation, EntityType};
use crate::rules::{Language, RuleSet, Windows};

/// The subjects of the sentence's reporting verbs (`verbs`, as
/// `reporting_verbs.find_all` gives them), on the side the language
/// puts subjects first; a subject first language also takes an unknown
/// subject as written ("Rescue teams said").
pub(super) fn subjects_of_verbs<'l>(
    page: &Page,
    language: &'l Language,
    rules: &RuleSet,
    site: &Site,
    mut verbs: Vec<Match<'l, ()>>,
    speakers: &[Mention],
) -> Vec<Candidate> {
    let view = page.view;
    let sentence = site.sentence;
    verbs.extend(split_verbs(page, language, sentence));
    verbs.sort_by_key(|verb| (verb.start, verb.end));
    let mut candidates = Vec::new();
    for (index, cue) in verbs.iter().enumerate() {
        // "78 were killed on Friday, and the UN reported 53 more dead": a
        // verb that comes after the figure and takes a figure of its own
        // right after it reports that one ("2,379 died, AFAD said, and
        // 1,444 in Syria" still reports both).
        // Found once for all the sentence's figures: a figure before the
        // verb (`cue.start >= figure.end`) does not take it.
        let reports_a_later_figure = language.subject_first
            && page
                .first_figure_in(cue.end, sentence.end)
                .is_some_and(|later| !page.breaks_clause(cue.end..later));
        // "X told lawmakers that said ...": the subject of the second verb
        // is not looked for across the first.
        let clause_start = index
            .checked_sub(1)
            .map_or(sentence.start, |i| verbs[i].end.max(sentence.start));
        // "وكانت فاطمة مهاجراني، المتحدثة باسم الحكومة، قد قالت": the
        // subject and its apposition end before the auxiliary.
        let subject_end = language
            .auxiliaries
            .ending_at(view, cue.start)
            .map_or(cue.start, |auxiliary| auxiliary.start)
            .max(clause_start);
        let subject_end = before_dates_set_off(page, subject_end, clause_start);
        let closes = language.verb_final && closes_clause(view, cue.end, sentence.end);
        let (span_before, apposition) = if closes {
            // "سخنگوی وزارت بهداشت از شهادت 224 نفر ... خبر داد": the
            // subject opens the clause the verb closes.
            ((clause_start, cue.start), None)
        } else {
            subject_span_before(view, &language.windows, subject_end, clause_start)
        };
        // "el NUG, opuesto a la junta militar, elevó": a name before an
        // apposition is the subject the apposition describes; a name inside
        // it is the subject only when none stands before ("Hans Kluge, WHO
        // Regional Director, said").
        let before = apposition
            .and_then(|open| best_subject(rules, speakers, (span_before.0, open), open))
            .or_else(|| best_subject(rules, speakers, span_before, subject_end));
        let span_after = subject_span_after(view, language, cue.end, sentence.end);
        let after = if is_addressee(view, language, cue) {
            None
        } else {
            best_subject(rules, speakers, span_after, cue.end)
        };
        let found = if language.subject_first {
            before.or(after)
        } else {
            after.or(before)
        };
        // "el jefe de la junta, Min Aung Hlaing, dijo": a name set off by
        // commas right before the verb, read once for every use below. A
        // head named by title and name speaks as the person, not as the
        // body titled.
        let apposed = apposed_name(page, language, subject_end, clause_start);
        let head = apposed.filter(|&name| titled_as_head(page, language, name, clause_start));
        // "وقالت مهاجراني إن محافظة طهران": a person introduced before, named
        // right after the verb, is its subject, whatever the clause names next.
        let introduced = (!language.subject_first)
            .then(|| introduced_after(page, language, rules, cue.end, site))
            .flatten();
        let found = found.filter(|_| head.is_none() && introduced.is_none());
        let raw = match (head, found, language.subject_first) {
            (Some(head), _, _) => Some(head),
            (None, Some(_), _) => None,
            // "ظفرقندی با بیان اینکه ... گفت": a verb that closes its clause
            // has its subject at the clause's start, a person introduced
            // before.
            // "..., sagte Wendholm": an inverted subject, a person
            // introduced before.
            (None, None, true) => apposed
                .or_else(|| subject_before(page, language, cue.start, sentence.start))
                .or_else(|| {
                    closes
                        .then(|| introduced_after(page, language, rules, span_before.0, site))
                        .flatten()
                })
                .or_else(|| introduced_after(page, language, rules, cue.end, site)),
            // "وأعلنت الشبكة", "la red informó": a subject that points back
            // to a body, after its verb or before it.
            (None, None, false) if introduced.is_some() => introduced,
            (None, None, false) => {
                let (from, to) = subject_span_after(view, language, cue.end, sentence.end);
                anaphor_in(view, language, from, to)
                    .or_else(|| anaphor_in(view, language, span_before.0, span_before.1))
            }
        };
        let cue = (cue.start, cue.end);
        // Raw words that only name a place ("Mandalay said") are the place;
        // an official of a place named by title and then by name speaks for
        // its authorities ("el vicegobernador de Bangkok, Tavida Kamolvej,
        // reportó"), where a head would speak as the person.
        // "Ostrow said": a person introduced before is no place of that name.
        let raw_is_introduced = raw.is_some_and(|words| {
            introduced.is_some() || site.introduced_body(page, language, rules, words).is_some()
        });
        // The sentence's places are found only now, when first asked.
        let places =
            (found.is_none() && !raw_is_introduced).then(|| site.places(page, language, rules));
        let place = places.as_deref().and_then(|places| {
            // "وأشار المتحدث إلى أن مدينة الفاشر": a place in what the verb
            // reports is no subject (looked for only when places are).
            let reported = (span_after.0..span_after.1)
                .find(|&at| language.complementizers.starts_at(view, at))
                .unwrap_or(span_after.1);
            place_as_subject(language, places, span_before, (span_after.0, reported))
                .filter(|p| raw.is_none_or(|(start, end)| start >= p.start && end <= p.end))
                .or_else(|| official_of_place(places, apposed, clause_start, head))
        });
        let candidate = match place {
            Some(place) => Some(Candidate::of_place(rules, place, cue)),
            None => Candidate::new(page, language, rules, site, found, raw, cue),
        };
        candidates.extend(
            candidate.map(|candidate| candidate.reporting_a_later_figure(reports_a_later_figure)),
        );
    }
    candidates
}

/// "سعید منتظرالمهدی، سخنگوی فراجا، سه‌شنبه، ۲۱ مرداد، گفت": dates set
/// off by commas right before a verb stand between it and its subject; the
/// subject ends before them (at the comma that opens them).
fn before_dates_set_off(page: &Page, verb: usize, clause_start: usize) -> usize {
    let is_comma = |at: usize| page.view.tokens[at].punct() == Some(Punct::Comma);
    let mut end = verb;
    while end > clause_start + 1 && is_comma(end - 1) {
        match page.date_ending_at(end - 1) {
            Some(start) if start > clause_start && is_comma(start - 1) => end = start,
            _ => break,
        }
    }
    end
}

/// The finite verbs of split reporting verbs whose particle closes their
/// clause ("Die Regierung **gibt** die Zahl der Toten mit 1.600 an"), as
/// reporting verbs.
fn split_verbs<'l>(page: &Page, language: &'l Language, sentence: Sentence) -> Vec<Match<'l, ()>> {
    let view = page.view;
    let closes_clause = |verb: &Match<'_, usize>| {
        let clause_end = (verb.end..sentence.end)
            .find(|&at| page.breaks_clause(at..at + 1))
            .unwrap_or(sentence.end);
        language.split_particles[*verb.value]
            .ending_at(view, clause_end)
            .is_some_and(|particle| particle.start > verb.end)
    };
    // One finite verb may take several particles ("gibt an", "gibt
    // bekannt"): every entry starting there is tried.
    language
        .split_verbs
        .find_all(view, sentence.start, sentence.end)
        .into_iter()
        .filter_map(|hit| {
            language
                .split_verbs
                .matches_at(view, hit.start)
                .into_iter()
                .find(closes_clause)
        })
        .map(|verb| Match {
            start: verb.start,
            end: verb.end,
            first_proclitic: verb.first_proclitic,
            value: &(),
        })
        .collect()
}

/// A person the article introduced with their body, named again right
/// after `from` (a verb: "وقالت مهاجراني إن"; or the start of a clause a
/// verb closes): the surname's word, when one of the first words there is
/// such a person's.
fn introduced_after(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    from: usize,
    site: &Site,
) -> Option<(usize, usize)> {
    // The subject stands there at once ("قالت مهاجراني", "said Smith").
    const SUBJECT_WORDS: usize = 2;
    let tokens = page.view.tokens;
    (from..site.sentence.end.min(from + SUBJECT_WORDS))
        .take_while(|&at| tokens[at].kind == TokenKind::Word)
        .find(|&at| {
            site.introduced_body(page, language, rules, (at, at + 1))
                .is_some()
        })
        .map(|at| (at, at + 1))
}

/// The place in the title of an official named by title and then by name
/// right before a verb ("el vicegobernador de Bangkok, Tavida Kamolvej,
/// reportó"); none for a head, who speaks as the person.
fn official_of_place(
    places: &[PlaceMention],
    apposed: Option<(usize, usize)>,
    clause_start: usize,
    head: Option<(usize, usize)>,
) -> Option<&PlaceMention> {
    if head.is_some() {
        return None;
    }
    let (name_start, _) = apposed?;
    places
        .iter()
        .rev()
        .find(|p| p.start >= clause_start && p.end < name_start)
}

/// A place standing as a reporting verb's subject ("Bangkok said",
/// "وأعلنت العاصمة بانكوك أن 17 شخصا قتلوا"): its authorities speak. The
/// place nearest the verb, on the side the language puts subjects first;
/// before the verb, not after a preposition ("In Mandalay, rescuers said").
/// After it, a place noun may mark it ("العاصمة" is a location marker too).
fn place_as_subject<'s>(
    language: &Language,
    places: &'s [PlaceMention],
    before: (usize, usize),
    after: (usize, usize),
) -> Option<&'s PlaceMention> {
    let within =
        |(from, to): (usize, usize)| move |p: &&PlaceMention| p.start >= from && p.end <= to;
    let last_before = || {
        places
            .iter()
            .rev()
            .filter(|p| !p.is_location)
            .find(within(before))
    };
    let first_after = || places.iter().find(within(after));
    if language.subject_first {
        last_before()
    } else {
        first_after().or_else(last_before)
    }
}

/// True when a verb ending at `end` closes its clause: a punctuation mark
/// or the end of the sentence follows.
fn closes_clause(view: &TokenView, end: usize, sentence_end: usize) -> bool {
    end >= sentence_end || view.tokens[end].is_punct()
}

/// The words that can name the subject before a reporting verb: up to
/// `subject-before` words (eight by default) back to a punctuation mark, or, when a comma closes an
/// apposition right before the verb ("Hans Kluge, WHO Regional Director,
/// said"), the apposition and the name before it.
fn subject_span_before(
    view: &TokenView,
    windows: &Windows,
    verb: usize,
    sentence_start: usize,
) -> ((usize, usize), Option<usize>) {
    let mut start = verb;
    let mut apposition = None;
    if start > sentence_start && is_comma(view, start - 1) {
        let mut at = start - 1;
        while at > sentence_start && start - at <= windows.apposition && is_name_token(view, at - 1)
        {
            at -= 1;
        }
        if at > sentence_start && is_comma(view, at - 1) {
            start = at - 1;
            apposition = Some(start);
        } else {
            return ((verb, verb), None);
        }
    }
    let mut words = 0;
    while start > sentence_start && words < windows.subject_before {
        // "el Gobierno de Unidad Nacional (NUG, en sus siglas en inglés),
        // opuesto a ..., elevó": brackets are read whole, commas and all.
        if let Some(open) = opening_bracket(view, start - 1, sentence_start) {
            start = open;
            continue;
        }
        if !is_name_token(view, start - 1) {
            break;
        }
        start -= 1;
        words += usize::from(!view.tokens[start].is_punct());
    }
    ((start, verb), apposition)
}

/// The opening bracket of the closing bracket at token `close`, searched
/// back to `from`.
fn opening_bracket(view: &TokenView, close: usize, from: usize) -> Option<usize> {
    let text = |at: usize| view.tokens[at].text(view.text);
    if text(close) != ")" {
        return None;
    }
    (from..close).rev().find(|&at| text(at) == "(")
}

/// The words that can name the subject after a reporting verb: the next
/// `subject-after` words (eight by default) up to a punctuation mark ("قالت مديرة الحالات الطارئة في
/// المكتب الأوروبي لمنظمة الصحة العالمية"), and the apposition that follows
/// them when a comma opens one ("said Catherine Smallwood, the WHO's senior
/// emergency officer").
pub(super) fn subject_span_after(
    view: &TokenView,
    language: &Language,
    verb_end: usize,
    sentence_end: usize,
) -> (usize, usize) {
    let windows = &language.windows;
    let mut end = verb_end;
    while end < sentence_end && end < verb_end + windows.subject_after && is_name_token(view, end) {
        end += 1;
    }
    if end > verb_end && end < sentence_end && is_comma(view, end) {
        let mut at = end + 1;
        while at < sentence_end && at <= end + windows.apposition && is_name_token(view, at) {
            at += 1;
        }
        end = at;
    }
    (verb_end, end)
}

/// A token that can be part of a name or its description: a word, the
/// hyphens and apostrophes inside names ("Tae-yong", "WHO's"), quotes and
/// brackets around them ("منظمة "الخوذ البيضاء"", "(AFAD)"); not a number.
pub(super) fn is_name_token(view: &TokenView, index: usize) -> bool {
    match view.tokens[index].kind {
        TokenKind::Word => true,
        TokenKind::Number => false,
        TokenKind::Punct(mark) => matches!(
            mark,
            Punct::Quote | Punct::Dash | Punct::Apostrophe | Punct::Parenthesis
        ),
    }
}

fn is_comma(view: &TokenView, index: usize) -> bool {
    view.tokens[index].punct() == Some(Punct::Comma)
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
    // People named by what they are ("officials", "media") say less than a
    // body's name ("Hans Kluge, WHO Regional Director"; "an official bulletin
    // of the Prime Minister's Office").
    let generic = |m: &Mention| {
        m.is_bare_institution(rules)
            && m.parts
                .iter()
                .all(|p| rules.entities[p.index].affiliation == Affiliation::None)
    };
    let rank = |m: &Mention| {
        if m.has_type(rules, EntityType::Person) {
            0
        } else if generic(m) {
            2
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

/// The words right before a reporting verb, back to a punctuation mark, a
/// number or the start of the sentence (at most `unnamed-source` words, four
/// by default); `None` for pronouns and other short words ("he said", "it
/// said").
fn subject_before(
    page: &Page,
    language: &Language,
    verb: usize,
    sentence_start: usize,
) -> Option<(usize, usize)> {
    // Shorter words are pronouns and articles ("he", "it", "the").
    const MIN_CHARS: usize = 4;
    let max_words = language.windows.unnamed_source;
    let tokens = page.view.tokens;
    // "DVB has documented": the subject ends before the auxiliary.
    let verb = language
        .auxiliaries
        .ending_at(page.view, verb)
        .map_or(verb, |auxiliary| auxiliary.start)
        .max(sentence_start);
    let mut start = verb;
    while start > sentence_start
        && verb - start < max_words
        && tokens[start - 1].kind == TokenKind::Word
    {
        start -= 1;
    }
    // "The Karen Refugee Committee (KRC) said": the name the acronym spells.
    if let Some(name) = name_before_acronym(page, verb, sentence_start) {
        return Some(name);
    }
    if start == verb {
        return None;
    }
    // "La red informó": a short phrase pointing back to a body.
    if let Some(anaphor) = anaphor_in(page.view, language, start, verb) {
        return Some(anaphor);
    }
    let words = page.written(start, verb).trim();
    // An acronym is a name however short ("DVB", "UN"); a pronoun never is
    // in capitals.
    let acronym = |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
    let content = words
        .split_whitespace()
        .any(|w| w.chars().count() >= MIN_CHARS || acronym(w));
    // "people were confirmed" is no source.
    let named = words.chars().next().is_some_and(|c| !c.is_lowercase());
    (content && named).then_some((start, verb))
}

/// A name set off by commas right before a verb: "el jefe de la junta, Min
/// Aung Hlaing, dijo" is Min Aung Hlaing's statement. Only words that read
/// as a name count: "the ministry, the agency said" is no one's.
fn apposed_name(
    page: &Page,
    language: &Language,
    verb: usize,
    sentence_start: usize,
) -> Option<(usize, usize)> {
    let tokens = page.view.tokens;
    let is_comma_at = |at: usize| tokens[at].punct() == Some(Punct::Comma);
    if verb <= sentence_start + 1 || !is_comma_at(verb - 1) {
        return None;
    }
    let end = verb - 1;
    let mut start = end;
    while start > sentence_start
        && end - start < language.windows.unnamed_source
        && tokens[start - 1].kind == TokenKind::Word
    {
        start -= 1;
    }
    let closed = start > sentence_start && is_comma_at(start - 1);
    (closed && start < end && reads_as_a_name(page.written(start, end).trim()))
        .then_some((start, end))
}

/// True when a head's title stands in the clause before a name set off by
/// commas (`name`): the head of state, government, region or city speaks
/// ("Myanmar's leader, General Min Aung Hlaing, confirmed").
fn titled_as_head(
    page: &Page,
    language: &Language,
    (start, _): (usize, usize),
    clause_start: usize,
) -> bool {
    let tokens = page.view.tokens;
    // "vice-gouverneur", "ex-président": a title hyphened to a prefix is
    // not the head's.
    let prefixed = |at: usize| {
        at > 0 && tokens[at - 1].punct() == Some(Punct::Dash) && !tokens[at].space_before
    };
    language
        .head_titles
        .find_all(page.view, clause_start, start)
        .iter()
        .any(|title| !prefixed(title.start))
}

/// The first phrase of `anaphors` in tokens `from..to`, as a token range.
fn anaphor_in(
    view: &TokenView,
    language: &Language,
    from: usize,
    to: usize,
) -> Option<(usize, usize)> {
    (from..to).find_map(|start| {
        let rest = &view.text[view.tokens[start].start..];
        language.anaphors.iter().find_map(|anaphor| {
            if !rest.starts_with(anaphor.as_str()) {
                return None;
            }
            // The phrase must end where a token ends: "la red" is not "la
            // redacción".
            let after = view.tokens[start].start + anaphor.len();
            (start..to)
                .find(|&i| view.tokens[i].end == after)
                .map(|end| (start, end + 1))
        })
    })
}
