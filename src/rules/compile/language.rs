//! Language packs: merging a pack's files, then compiling it into lexicons.
//!
//! Input: the language files in load order. Output: one [`Language`] per code,
//! and the [`Unit`]s of every pack (a language's unit lexicon points into that
//! list). A file with the code of an earlier one extends it (lists are added
//! to, tables add or replace entries, `[windows]` keys it sets replace the
//! earlier ones); its `[remove]` table takes entries out of the merged pack
//! (merging is `language/merge.rs`, the windows with their defaults
//! `language/windows.rs`).
//! Invariant: every phrase is normalised as document text is, so a rule matches
//! what it looks like; exclusion patterns are shared by every pack.

mod merge;
mod morphemes;
mod starts;
mod windows;

use indexmap::IndexMap;

use super::{insert_all, lexicon_of};
use crate::fxhash::FxHashSet;
use crate::lexicon::{Lexicon, StartIndex};
use crate::model::Qualifier;
use crate::normalize::normalize_phrase;
use crate::rules::files::{LanguageFile, NumbersDef, Script};
pub(super) use merge::merge_packs;
pub use windows::Windows;

/// A unit of count: what a figure counts (soldiers, USD, days), from a pack's
/// `[units.<name>]`.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The `<name>` of `[units.<name>]`: what claims' `unit` field says.
    pub name: String,
    /// The kind a figure of this unit has when no event word says otherwise;
    /// none leaves the kind to the cues.
    pub kind: Option<String>,
    /// The unit decides the kind even with event words near (money, days).
    pub strict: bool,
    /// The unit is written before the figure ("$425 million").
    pub before: bool,
    /// A measure ("%", "km"), not a counted noun.
    pub measure: bool,
}

/// One compiled language pack: a merged `lang/<code>.toml` whose phrases are
/// normalised as document text is and gathered into lexicons. Each field
/// comes from the pack key of the same name unless it says otherwise.
#[derive(Debug, Clone)]
pub struct Language {
    /// ISO 639-1 code (`"ar"`): claims' language and front matter's `lang`.
    pub code: String,
    /// English name of the language.
    pub name: String,
    /// The script a document must mostly be in for detection to pick this pack.
    pub script: Script,
    /// Frequent function words (normalised) that tell packs of one script
    /// apart. Every word of a document's opening is looked up: a fast hash.
    pub detect: FxHashSet<String>,
    /// Prefixes glued to words (normalised); every word is also tried without them.
    pub proclitics: Vec<String>,
    /// (prefix, replacement): "لل" also read as "ال".
    pub contractions: Vec<(String, String)>,
    /// The proclitic that makes a number word an ordinal, never a count ("ال").
    pub definite_article: Option<String>,
    /// Marks between whole and fraction (`decimal-separators`, one char each).
    pub decimal_separators: Vec<char>,
    /// Marks between thousands (`group-separators`, one char each).
    pub group_separators: Vec<char>,
    /// Number words and their values (`[numbers.words]`).
    pub number_words: Lexicon<f64>,
    /// Words that multiply the number before them, with the factor.
    pub scales: Lexicon<f64>,
    /// Words that join number words ("and").
    pub joiners: Lexicon<()>,
    /// Vague quantities ("thousands") and the smallest figure each can mean.
    pub vague: Lexicon<f64>,
    /// Words between a vague quantity and its noun ("of").
    pub unit_links: Lexicon<()>,
    /// A figure in words below this counts only with a counted noun after it.
    pub small_word_limit: f64,
    /// The single words among `joiners` ("و"), for a joiner glued to the next word.
    pub joiner_words: Vec<String>,
    /// `[numbers.fractions]`: fraction words that stand alone ("half"), with their denominator.
    pub fractions: Lexicon<f64>,
    /// `[numbers.denominators]`: denominators that need a numerator ("thirds").
    pub denominators: Lexicon<f64>,
    /// `[numbers.ordinals]`: ordinal words, with their number.
    pub ordinals: Lexicon<f64>,
    /// An ordinal after a numerator is its denominator ("three fifths").
    pub ordinal_denominators: bool,
    /// "a", "an": one before a scale or a fraction.
    pub articles: Lexicon<()>,
    /// The numeral one that is also the indefinite article ("un", "ein").
    pub indefinite: Lexicon<()>,
    /// Words for minus before a number.
    pub negative: Lexicon<()>,
    /// Words between a whole number and its decimals in words ("point").
    pub decimal_words: Lexicon<()>,
    /// Words that make a small number over a larger one a fraction ("out of").
    pub fraction_links: Lexicon<()>,
    /// Words after a number that make it a percentage (`percent`).
    pub percent_after: Lexicon<()>,
    /// Words before a number that make it a percentage (`percent-before`).
    pub percent_before: Lexicon<()>,
    /// Phrases holding a number word that are not numbers ("the one").
    pub not_numbers: Lexicon<()>,
    /// Number words that are also common words: numbers only before a counted noun.
    pub ambiguous: Lexicon<()>,
    /// Units come before tens in separate words ("واحد وعشرون").
    pub units_before_tens: bool,
    /// The pieces a glued number word may be made of, longest first; empty
    /// when the pack has no `compound-joiners`.
    pub morphemes: Vec<(String, Morpheme)>,
    /// For each byte, the indexes of the morphemes starting with it, in the
    /// order of `morphemes`: a word is tried against the pieces that can
    /// start it, not all of them. Empty when `morphemes` is.
    pub morphemes_by_byte: Vec<Vec<usize>>,
    /// Every phrase a number can start with (number words, scales, fractions,
    /// denominators, ordinals, articles, vague quantities, words for minus)
    /// and every word a glued number word can start with: a word none of
    /// them starts at starts no number, which one look-up tells.
    pub number_starts: Lexicon<()>,
    /// `about`, `at-least` and `at-most`: phrases just before a figure, with
    /// the qualifier each gives.
    pub qualifiers_before: Lexicon<Qualifier>,
    /// The `-after` qualifier phrases: just after a figure or its counted noun.
    pub qualifiers_after: Lexicon<Qualifier>,
    /// Verbs of estimating: a bare figure shortly after one is "about".
    pub estimate: Lexicon<()>,
    /// The ways of writing a range (`[[range]]`), tried in order.
    pub ranges: Vec<RangePattern>,
    /// Cues followed by the source ("according to").
    pub source_follows: Lexicon<()>,
    /// Cues naming the original source of a relayed figure ("citing").
    pub relay: Lexicon<()>,
    /// Auxiliaries between a subject and its reporting verb ("has").
    pub auxiliaries: Lexicon<()>,
    /// The finite verbs of `split-verbs` ("gibt"), each with the index of
    /// its particle in `split_particles`.
    pub split_verbs: Lexicon<usize>,
    /// The particles that close a split verb's clause ("an").
    pub split_particles: Vec<Lexicon<()>>,
    /// Words that open what a reporting verb reports ("that").
    pub complementizers: Lexicon<()>,
    /// Titles of a head of state, government, region or city ("leader").
    pub head_titles: Lexicon<()>,
    /// Reporting verbs close their clause; subjects open it.
    pub verb_final: bool,
    /// Reporting verbs (`[attribution] verbs`): their subject is the source.
    pub reporting_verbs: Lexicon<()>,
    /// The subject usually comes before the reporting verb (English).
    pub subject_first: bool,
    /// Prepositions that make a country a place, not an owner ("to Russia").
    pub location_markers: Lexicon<()>,
    /// Normalised phrases that point back to a body named earlier.
    pub anaphors: Vec<String>,
    /// Reporting verbs whose object is the listener ("told"), never the source.
    pub addressee_verbs: Lexicon<()>,
    /// Words that say a sentence still reports the source before it ("he said").
    pub same_source: Lexicon<()>,
    /// Words that open a subordinate clause ("after", "when").
    pub clause_openers: Lexicon<()>,
    /// Words that may join two parts of one name.
    pub name_links: Lexicon<()>,
    /// Plans and forecasts near a figure: the claim is a projection.
    pub projection: Lexicon<()>,
    /// Denials in a sentence: its figures are denied.
    pub denial: Lexicon<()>,
    /// Cues before a figure that make it a part of the figure before ("including").
    pub part_of: Lexicon<()>,
    /// Words after a figure that make it a share of something counted before.
    pub part_of_after: Lexicon<()>,
    /// Partitives between a figure and a word of its own kind ("of the dead").
    pub part_of_counted: Lexicon<()>,
    /// Words before a figure that make it an addition to a total ("another").
    pub increment: Lexicon<()>,
    /// The same, after the figure's counted noun.
    pub increment_after: Lexicon<()>,
    /// Words joining two event words into one ("killed or wounded"), with
    /// the number joiners ("and").
    pub kind_joiners: Lexicon<()>,
    /// Words introducing a cause ("because of"): event words after them say why.
    pub causes: Lexicon<()>,
    /// "both countries": every country just named.
    pub all_named: Lexicon<()>,
    /// Phrases naming a part of a country, with their region label.
    pub regions: Lexicon<String>,
    /// Nouns of an attack: a country beside one is who struck.
    pub agent_nouns: Lexicon<()>,
    /// Words before a country that make it the doer ("by").
    pub agent_markers: Lexicon<()>,
    /// Nouns that make a country beside them part of a name ("hospital").
    pub name_nouns: Lexicon<()>,
    /// Phrases that make a toll the whole country's ("nationwide").
    pub nationwide: Lexicon<()>,
    /// Phrases for the outlet's own country ("our country").
    pub home_country: Lexicon<()>,
    /// Nouns of a region beside a place's name ("province").
    pub region_nouns: Lexicon<()>,
    /// Words that put something near a place ("near").
    pub near_markers: Lexicon<()>,
    /// Nouns of a site where people were killed, with its label ("hospital").
    pub sites: Lexicon<String>,
    /// Phrases that make a figure a rate, with their period ("day").
    pub rates: Lexicon<String>,
    /// Phrases that say how badly those counted were hurt, with their grade
    /// ("serious").
    pub grades: Lexicon<String>,
    /// Gregorian month names, with the month number (1 is January).
    pub months: Lexicon<u8>,
    /// Solar Hijri month names, with the month number (1 is Farvardin).
    pub persian_months: Lexicon<u8>,
    /// Weekday names, with the day number (1 is Monday).
    pub weekdays: Lexicon<u8>,
    /// Words for the day before publication.
    pub yesterday: Lexicon<()>,
    /// Words that put a sentence at publication time ("now").
    pub today: Lexicon<()>,
    /// Words before a publication date in the text ("published").
    pub published: Lexicon<()>,
    /// Words before the day a period started ("since").
    pub since: Lexicon<()>,
    /// Event words (`[kinds]`), with the kind each says.
    pub kind_cues: Lexicon<String>,
    /// Counted nouns, with their unit's index into `RuleSet::units`.
    pub units: Lexicon<usize>,
    /// The units (indexes into `RuleSet::units`) that measure time.
    pub time_units: Vec<usize>,
    /// `[exclusions] before`: a figure right after one is not a claim.
    pub exclude_before: Lexicon<()>,
    /// `[exclusions] after`: a figure right before one is not a claim.
    pub exclude_after: Lexicon<()>,
    /// `[exclusions] near-before`: a figure up to three words after one is not
    /// a claim.
    pub exclude_near_before: Lexicon<()>,
    /// Whole words holding a figure that are names, not counts ("kn-23"):
    /// every pack's patterns, shared by all packs, as one set: a word is
    /// tried against all of them in one pass instead of one search per
    /// pattern.
    pub exclude_pattern_set: Option<super::PatternSet>,
    /// The same patterns one by one, only when they do not make a set (it
    /// would pass the regex crate's size limit); empty otherwise.
    pub exclude_patterns: Vec<regex::Regex>,
    /// How far the claim stage looks around a figure.
    pub windows: Windows,
    /// The first words of the phrases of the lexicons above: a view built
    /// with it tells each of them at once where none of its phrases starts.
    pub starts: StartIndex,
}

/// What a piece of a glued number word stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Morpheme {
    /// A number word and its value.
    Value(f64),
    /// A scale word and its factor.
    Scale(f64),
    /// A fraction word that stands alone, with its denominator.
    Fraction(f64),
    /// A denominator that needs a numerator.
    Denominator(f64),
    /// An ordinal and its number.
    Ordinal(f64),
    /// A joiner glued between number words ("und").
    Joiner,
    /// An ending that makes the number before it a denominator ("avos").
    DenominatorSuffix,
}

/// A way of writing a range: an optional opening word and the joining words.
#[derive(Debug, Clone)]
pub struct RangePattern {
    /// The word that must come before the first figure ("between"); none
    /// when the figures and the joiner alone make the range ("10 to 12").
    pub open: Option<Lexicon<()>>,
    /// The words between the two figures ("and", "to", "-").
    pub join: Lexicon<()>,
}

/// Compiles one merged pack; its units are numbered from `first_unit` on,
/// where they stand in `RuleSet::units` (see `packs::units_of`). The
/// exclusion patterns are left for the caller: every pack shares them.
pub(super) fn compile_language(
    file: &LanguageFile,
    time_kinds: &[&str],
    first_unit: usize,
) -> Language {
    let proclitics: Vec<String> = file
        .language
        .proclitics
        .iter()
        .map(|p| normalize_phrase(p))
        .collect();
    let numbers = &file.numbers;
    let qualifiers = &file.qualifiers;
    let (split_verbs, split_particles) = split_verbs_of(&file.attribution.split_verbs);
    let mut qualifiers_before = Lexicon::new();
    let mut qualifiers_after = Lexicon::new();
    for (list, qualifier) in [
        (&qualifiers.about, Qualifier::About),
        (&qualifiers.at_least, Qualifier::AtLeast),
        (&qualifiers.at_most, Qualifier::AtMost),
    ] {
        insert_all(&mut qualifiers_before, list, qualifier);
    }
    for (list, qualifier) in [
        (&qualifiers.about_after, Qualifier::About),
        (&qualifiers.at_least_after, Qualifier::AtLeast),
        (&qualifiers.at_most_after, Qualifier::AtMost),
    ] {
        insert_all(&mut qualifiers_after, list, qualifier);
    }
    let mut regions = Lexicon::new();
    for (region, phrases) in &file.places.regions {
        insert_all(&mut regions, phrases, region.clone());
    }
    let mut rates = Lexicon::new();
    for (period, phrases) in &file.rates {
        insert_all(&mut rates, phrases, period.clone());
    }
    let mut sites = Lexicon::new();
    for (site, nouns) in &file.places.sites {
        insert_all(&mut sites, nouns, site.clone());
    }
    let mut grades = Lexicon::new();
    for (grade, phrases) in &file.grades {
        insert_all(&mut grades, phrases, grade.clone());
    }
    let mut kind_cues = Lexicon::new();
    for (kind, cues) in &file.kinds {
        insert_all(&mut kind_cues, cues, kind.clone());
    }
    let mut unit_lexicon = Lexicon::new();
    let mut time_units = Vec::new();
    for (position, unit) in file.units.values().enumerate() {
        let index = first_unit + position;
        if unit
            .kind
            .as_deref()
            .is_some_and(|k| time_kinds.contains(&k))
        {
            time_units.push(index);
        }
        insert_all(&mut unit_lexicon, &unit.words, index);
    }
    let dates = &file.dates;
    let mut language = Language {
        code: file.language.code.clone(),
        name: file.language.name.clone(),
        script: file.language.script,
        detect: file
            .language
            .detect
            .iter()
            .map(|w| normalize_phrase(w))
            .collect(),
        proclitics,
        contractions: file
            .language
            .contractions
            .iter()
            .map(|(prefix, replacement)| (normalize_phrase(prefix), normalize_phrase(replacement)))
            .collect(),
        definite_article: file
            .language
            .definite_article
            .as_deref()
            .map(normalize_phrase),
        decimal_separators: single_chars(&numbers.decimal_separators),
        group_separators: single_chars(&numbers.group_separators),
        number_words: number_words(numbers),
        scales: lexicon_of_map(&numbers.scales),
        joiners: lexicon_of(&numbers.joiners),
        vague: lexicon_of_map(&numbers.vague),
        unit_links: lexicon_of(&numbers.unit_links),
        small_word_limit: numbers.small_word_limit,
        joiner_words: numbers
            .joiners
            .iter()
            .map(|j| normalize_phrase(j.trim()))
            .filter(|j| !j.is_empty() && !j.contains(char::is_whitespace))
            .collect(),
        fractions: lexicon_of_map(&numbers.fractions),
        denominators: lexicon_of_map(&numbers.denominators),
        ordinals: lexicon_of_map(&numbers.ordinals),
        ordinal_denominators: numbers.ordinal_denominators,
        articles: lexicon_of(&numbers.articles),
        indefinite: lexicon_of(&numbers.indefinite),
        negative: lexicon_of(&numbers.negative),
        decimal_words: lexicon_of(&numbers.decimal_words),
        fraction_links: lexicon_of(&numbers.fraction_links),
        percent_after: lexicon_of(&numbers.percent),
        percent_before: lexicon_of(&numbers.percent_before),
        not_numbers: lexicon_of(&numbers.not_numbers),
        ambiguous: lexicon_of(&numbers.ambiguous),
        units_before_tens: numbers.units_before_tens,
        morphemes: morphemes::morphemes(numbers),
        morphemes_by_byte: Vec::new(),
        number_starts: Lexicon::new(),
        qualifiers_before,
        qualifiers_after,
        estimate: lexicon_of(&qualifiers.estimate),
        ranges: file
            .range
            .iter()
            .map(|range| RangePattern {
                open: range
                    .open
                    .as_ref()
                    .map(|open| lexicon_of(std::slice::from_ref(open))),
                join: lexicon_of(&range.join),
            })
            .collect(),
        source_follows: lexicon_of(&file.attribution.source_follows),
        relay: lexicon_of(&file.attribution.relay),
        auxiliaries: lexicon_of(&file.attribution.auxiliaries),
        split_verbs,
        split_particles,
        complementizers: lexicon_of(&file.attribution.complementizers),
        head_titles: lexicon_of(&file.attribution.head_titles),
        verb_final: file.attribution.verb_final,
        reporting_verbs: lexicon_of(&file.attribution.verbs),
        subject_first: file.attribution.subject_first,
        location_markers: lexicon_of(&file.attribution.location_markers),
        anaphors: file
            .attribution
            .anaphors
            .iter()
            .map(|a| normalize_phrase(a.trim()))
            .collect(),
        name_links: lexicon_of(&file.attribution.name_links),
        addressee_verbs: lexicon_of(&file.attribution.addressee_verbs),
        same_source: lexicon_of(&file.attribution.same_source),
        clause_openers: lexicon_of(&file.attribution.clause_openers),
        projection: lexicon_of(&file.modality.projection),
        denial: lexicon_of(&file.modality.denial),
        part_of: lexicon_of(&file.part_of),
        part_of_after: lexicon_of(&file.part_of_after),
        part_of_counted: lexicon_of(&file.part_of_counted),
        increment: lexicon_of(&file.increment),
        increment_after: lexicon_of(&file.increment_after),
        causes: lexicon_of(&file.causes),
        kind_joiners: lexicon_of(
            &[file.kind_joiners.as_slice(), numbers.joiners.as_slice()].concat(),
        ),
        all_named: lexicon_of(&file.places.all_named),
        agent_nouns: lexicon_of(&file.places.agent_nouns),
        agent_markers: lexicon_of(&file.places.agent_markers),
        name_nouns: lexicon_of(&file.places.name_nouns),
        nationwide: lexicon_of(&file.places.nationwide),
        home_country: lexicon_of(&file.places.home_country),
        region_nouns: lexicon_of(&file.places.region_nouns),
        near_markers: lexicon_of(&file.places.near_markers),
        sites,
        regions,
        rates,
        grades,
        months: numbered_lexicon(&dates.months),
        persian_months: numbered_lexicon(&dates.persian_months),
        weekdays: numbered_lexicon(&dates.weekdays),
        yesterday: lexicon_of(&dates.yesterday),
        today: lexicon_of(&dates.today),
        published: lexicon_of(&dates.published),
        since: lexicon_of(&dates.since),
        kind_cues,
        units: unit_lexicon,
        time_units,
        exclude_before: lexicon_of(&file.exclusions.before),
        exclude_after: lexicon_of(&file.exclusions.after),
        exclude_near_before: lexicon_of(&file.exclusions.near_before),
        exclude_patterns: Vec::new(),
        exclude_pattern_set: None,
        windows: Windows::from_def(&file.windows),
        starts: StartIndex::new(),
    };
    language.number_starts = number_starts(&language);
    language.morphemes_by_byte = morphemes::by_first_byte(&language.morphemes);
    language.starts = starts::index_phrase_starts(&mut language);
    language
}

/// The gate of [`Language::number_starts`], from the lexicons the number
/// reader tries at a word.
fn number_starts(language: &Language) -> Lexicon<()> {
    let mut starts = Lexicon::new();
    starts.extend_phrases(&language.number_words, ());
    starts.extend_phrases(&language.scales, ());
    starts.extend_phrases(&language.fractions, ());
    starts.extend_phrases(&language.denominators, ());
    starts.extend_phrases(&language.ordinals, ());
    starts.extend_phrases(&language.articles, ());
    starts.extend_phrases(&language.vague, ());
    starts.extend_phrases(&language.negative, ());
    for (piece, _) in &language.morphemes {
        starts.insert_prefix(piece, ());
    }
    starts
}

/// The number words, with the indefinite articles that are also the numeral one.
fn number_words(numbers: &NumbersDef) -> Lexicon<f64> {
    let mut lexicon = Lexicon::new();
    for word in &numbers.indefinite {
        lexicon.insert(word, 1.0);
    }
    for (phrase, value) in &numbers.words {
        lexicon.insert(phrase, *value);
    }
    lexicon
}

/// `split-verbs` entries ("gibt an") as a lexicon of their finite verbs,
/// each with the index of its particle's lexicon; an entry of one word has
/// no particle and is left out (`rules check` refuses it, R009).
fn split_verbs_of(entries: &[String]) -> (Lexicon<usize>, Vec<Lexicon<()>>) {
    let mut verbs = Lexicon::new();
    let mut particles = Vec::new();
    for entry in entries {
        let Some((verb, particle)) = entry.trim().split_once(' ') else {
            continue;
        };
        verbs.insert(verb, particles.len());
        particles.push(lexicon_of(&[particle.trim().to_string()]));
    }
    (verbs, particles)
}

fn lexicon_of_map(map: &IndexMap<String, f64>) -> Lexicon<f64> {
    let mut lexicon = Lexicon::new();
    for (phrase, value) in map {
        lexicon.insert(phrase, *value);
    }
    lexicon
}

fn numbered_lexicon(lists: &[Vec<String>]) -> Lexicon<u8> {
    let mut lexicon = Lexicon::new();
    for (index, names) in lists.iter().enumerate() {
        insert_all(&mut lexicon, names, (index + 1) as u8);
    }
    lexicon
}

fn single_chars(list: &[String]) -> Vec<char> {
    list.iter().filter_map(|s| s.chars().next()).collect()
}
