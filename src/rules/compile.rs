//! Turning parsed rule files into lexicons ready for matching, after merging
//! user folders over the defaults and checking references between files.

use std::collections::HashSet;
use std::path::PathBuf;

use indexmap::IndexMap;

use super::RuleFiles;
use super::files::{
    EntitiesFile, EntityDef, EntityType, KindDef, LanguageFile, ReconcileSettings, Script,
};
use crate::lexicon::Lexicon;
use crate::model::Qualifier;
use crate::normalize::normalize_phrase;

/// A unit of count: what a figure counts (soldiers, USD, days).
#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    pub kind: Option<String>,
    pub strict: bool,
    pub before: bool,
}

/// A named entity: country, institution, person, outlet...
#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub entity_type: EntityType,
    pub demonym: Option<String>,
    pub domains: Vec<String>,
}

/// A lexicon hit on an entity: which one, and whether the text used its adjective.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityRef {
    pub index: usize,
    pub as_demonym: bool,
}

/// One compiled language pack.
#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub script: Script,
    pub detect: HashSet<String>,
    pub proclitics: Vec<String>,
    /// (prefix, replacement): "لل" also read as "ال".
    pub contractions: Vec<(String, String)>,
    pub definite_article: Option<String>,
    pub decimal_separators: Vec<char>,
    pub group_separators: Vec<char>,
    pub number_words: Lexicon<f64>,
    pub scales: Lexicon<f64>,
    pub joiners: Lexicon<()>,
    pub vague: Lexicon<f64>,
    pub unit_links: Lexicon<()>,
    pub small_word_limit: f64,
    pub qualifiers_before: Lexicon<Qualifier>,
    pub qualifiers_after: Lexicon<Qualifier>,
    pub estimate: Lexicon<()>,
    pub ranges: Vec<RangePattern>,
    pub source_follows: Lexicon<()>,
    pub reporting_verbs: Lexicon<()>,
    pub subject_first: bool,
    pub location_markers: Lexicon<()>,
    /// Normalised phrases that point back to a body named earlier.
    pub anaphors: Vec<String>,
    pub addressee_verbs: Lexicon<()>,
    pub same_source: Lexicon<()>,
    pub clause_openers: Lexicon<()>,
    /// Words that may join two parts of one name.
    pub name_links: Lexicon<()>,
    pub projection: Lexicon<()>,
    pub denial: Lexicon<()>,
    pub part_of: Lexicon<()>,
    pub part_of_after: Lexicon<()>,
    pub increment: Lexicon<()>,
    pub increment_after: Lexicon<()>,
    /// "both countries": every country just named.
    pub all_named: Lexicon<()>,
    /// Phrases naming a part of a country, with their region label.
    pub regions: Lexicon<String>,
    /// Phrases that make a figure a rate, with their period ("day").
    pub rates: Lexicon<String>,
    pub months: Lexicon<u8>,
    pub persian_months: Lexicon<u8>,
    pub weekdays: Lexicon<u8>,
    pub yesterday: Lexicon<()>,
    pub today: Lexicon<()>,
    pub published: Lexicon<()>,
    pub kind_cues: Lexicon<String>,
    pub units: Lexicon<usize>,
    /// The units (indexes into `RuleSet::units`) that measure time.
    pub time_units: Vec<usize>,
    pub exclude_before: Lexicon<()>,
    pub exclude_after: Lexicon<()>,
    pub exclude_near_before: Lexicon<()>,
    /// Whole words holding a figure that are names, not counts ("kn-23").
    pub exclude_patterns: Vec<regex::Regex>,
}

/// A way of writing a range: an optional opening word and the joining words.
#[derive(Debug, Clone)]
pub struct RangePattern {
    pub open: Option<Lexicon<()>>,
    pub join: Lexicon<()>,
}

/// Everything the engine needs from the rules, compiled.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub kinds: IndexMap<String, KindDef>,
    pub reconcile: ReconcileSettings,
    /// Units that say nothing of who was counted (see `KindsFile::generic_units`).
    pub generic_units: Vec<String>,
    pub languages: Vec<Language>,
    /// Units of every language; `Language::units` points into this list.
    pub units: Vec<Unit>,
    pub entities: Vec<Entity>,
    /// Every alias of every entity, in any language.
    pub entity_names: IndexMap<String, Lexicon<EntityRef>>,
    /// One-word names of people (normalised), for spelling variants the aliases
    /// do not list ("زيلنسكي" for "زيلينسكي").
    pub person_words: Vec<(String, EntityRef)>,
    /// The files this rule set was built from, in load order.
    pub sources: Vec<PathBuf>,
}

impl RuleSet {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|language| language.code == code)
    }

    pub fn kind_is_running_total(&self, kind: &str) -> bool {
        self.kinds.get(kind).is_some_and(|k| k.running_total)
    }

    /// The entity names matched in documents of language `code`.
    pub fn names_for(&self, code: &str) -> &Lexicon<EntityRef> {
        static EMPTY: std::sync::OnceLock<Lexicon<EntityRef>> = std::sync::OnceLock::new();
        self.entity_names
            .get(code)
            .or_else(|| self.entity_names.values().next())
            .unwrap_or_else(|| EMPTY.get_or_init(Lexicon::new))
    }

    /// True for a unit that says nothing of who was counted ("people").
    pub fn is_generic_unit(&self, unit: &str) -> bool {
        self.generic_units.iter().any(|u| u == unit)
    }

    /// False for a kind switched off with `enabled = false`.
    pub fn kind_is_enabled(&self, kind: &str) -> bool {
        self.kinds.get(kind).is_none_or(|k| k.enabled)
    }
}

/// Compiles checked rule files. The files are assumed valid (see `validate`);
/// nothing here fails.
pub(super) fn compile(files: &RuleFiles) -> RuleSet {
    let mut kinds: IndexMap<String, KindDef> = IndexMap::new();
    let mut reconcile = ReconcileSettings::default();
    let mut generic_units: Vec<String> = Vec::new();
    for (_, file) in &files.kinds {
        for kind in &file.kind {
            kinds.insert(kind.id.clone(), kind.clone());
        }
        if let Some(settings) = &file.reconcile {
            reconcile = settings.clone();
        }
        for unit in &file.generic_units {
            if !generic_units.contains(unit) {
                generic_units.push(unit.clone());
            }
        }
    }

    let mut merged: IndexMap<String, LanguageFile> = IndexMap::new();
    let mut removals: Vec<(String, toml::Table)> = Vec::new();
    for (_, file) in &files.languages {
        if let Some(remove) = &file.remove {
            removals.push((file.language.code.clone(), remove.clone()));
        }
        match merged.get_mut(&file.language.code) {
            Some(base) => extend_language(base, file.clone()),
            None => {
                merged.insert(file.language.code.clone(), file.clone());
            }
        }
    }
    for (code, remove) in removals {
        if let Some(file) = merged.get_mut(&code) {
            *file = apply_removals(file, &remove);
        }
    }

    let mut units = Vec::new();
    let mut languages: Vec<Language> = merged
        .values()
        .map(|file| compile_language(file, &mut units))
        .collect();
    // Page furniture ("#6TSHD") looks the same in every language: each pack's
    // exclusion patterns apply to documents of every language.
    let patterns: Vec<regex::Regex> = languages
        .iter()
        .flat_map(|l| l.exclude_patterns.clone())
        .collect();
    for language in &mut languages {
        language.exclude_patterns.clone_from(&patterns);
    }
    let entity_files: Vec<&EntitiesFile> = files.entities.iter().map(|(_, f)| f).collect();
    let codes: Vec<String> = merged.keys().cloned().collect();
    let CompiledEntities {
        entities,
        names: entity_names,
        person_words,
    } = compile_entities(&entity_files, &codes);
    RuleSet {
        kinds,
        reconcile,
        generic_units,
        languages,
        units,
        entities,
        entity_names,
        person_words,
        sources: files.sources.iter().map(|s| s.path.clone()).collect(),
    }
}

/// Takes out of a merged pack what a `[remove]` table lists, by walking both
/// as JSON: a list under a list removes those items; a list under a table
/// removes those keys; a table descends.
fn apply_removals(file: &LanguageFile, remove: &toml::Table) -> LanguageFile {
    let (Ok(mut target), Ok(remove)) = (serde_json::to_value(file), serde_json::to_value(remove))
    else {
        return file.clone();
    };
    remove_from(&mut target, &remove);
    serde_json::from_value(target).unwrap_or_else(|_| file.clone())
}

fn remove_from(target: &mut serde_json::Value, remove: &serde_json::Value) {
    use serde_json::Value;
    match (target, remove) {
        (Value::Object(target), Value::Object(remove)) => {
            for (key, inner) in remove {
                if let Some(child) = target.get_mut(key) {
                    remove_from(child, inner);
                }
            }
        }
        (Value::Array(items), Value::Array(gone)) => items.retain(|item| !gone.contains(item)),
        (Value::Object(entries), Value::Array(gone)) => {
            entries.retain(|key, _| !gone.iter().any(|g| g.as_str() == Some(key.as_str())));
        }
        _ => {}
    }
}

/// Adds a user's language file to the default one with the same code.
fn extend_language(base: &mut LanguageFile, extra: LanguageFile) {
    base.language.detect.extend(extra.language.detect);
    base.language.proclitics.extend(extra.language.proclitics);
    let numbers = &mut base.numbers;
    numbers.words.extend(extra.numbers.words);
    numbers.scales.extend(extra.numbers.scales);
    numbers.joiners.extend(extra.numbers.joiners);
    numbers.vague.extend(extra.numbers.vague);
    numbers.unit_links.extend(extra.numbers.unit_links);
    let qualifiers = &mut base.qualifiers;
    qualifiers.about.extend(extra.qualifiers.about);
    qualifiers.at_least.extend(extra.qualifiers.at_least);
    qualifiers.at_most.extend(extra.qualifiers.at_most);
    qualifiers.about_after.extend(extra.qualifiers.about_after);
    qualifiers
        .at_least_after
        .extend(extra.qualifiers.at_least_after);
    qualifiers
        .at_most_after
        .extend(extra.qualifiers.at_most_after);
    qualifiers.estimate.extend(extra.qualifiers.estimate);
    base.range.extend(extra.range);
    base.attribution
        .source_follows
        .extend(extra.attribution.source_follows);
    base.attribution.verbs.extend(extra.attribution.verbs);
    base.attribution
        .location_markers
        .extend(extra.attribution.location_markers);
    base.attribution.anaphors.extend(extra.attribution.anaphors);
    base.attribution
        .addressee_verbs
        .extend(extra.attribution.addressee_verbs);
    base.attribution
        .same_source
        .extend(extra.attribution.same_source);
    base.attribution
        .clause_openers
        .extend(extra.attribution.clause_openers);
    base.attribution
        .name_links
        .extend(extra.attribution.name_links);
    base.modality.projection.extend(extra.modality.projection);
    base.modality.denial.extend(extra.modality.denial);
    base.part_of.extend(extra.part_of);
    base.part_of_after.extend(extra.part_of_after);
    base.increment.extend(extra.increment);
    base.increment_after.extend(extra.increment_after);
    base.places.all_named.extend(extra.places.all_named);
    for (period, phrases) in extra.rates {
        base.rates.entry(period).or_default().extend(phrases);
    }
    for (region, phrases) in extra.places.regions {
        base.places
            .regions
            .entry(region)
            .or_default()
            .extend(phrases);
    }
    for (kind, cues) in extra.kinds {
        base.kinds.entry(kind).or_default().extend(cues);
    }
    base.units.extend(extra.units);
    base.exclusions.before.extend(extra.exclusions.before);
    base.exclusions.after.extend(extra.exclusions.after);
    base.exclusions
        .near_before
        .extend(extra.exclusions.near_before);
    let dates = &mut base.dates;
    dates.yesterday.extend(extra.dates.yesterday);
    dates.today.extend(extra.dates.today);
    dates.published.extend(extra.dates.published);
    if !extra.dates.months.is_empty() {
        dates.months = extra.dates.months;
    }
    if !extra.dates.weekdays.is_empty() {
        dates.weekdays = extra.dates.weekdays;
    }
}

fn compile_language(file: &LanguageFile, units: &mut Vec<Unit>) -> Language {
    let proclitics: Vec<String> = file
        .language
        .proclitics
        .iter()
        .map(|p| normalize_phrase(p))
        .collect();
    let numbers = &file.numbers;
    let qualifiers = &file.qualifiers;
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
    let mut kind_cues = Lexicon::new();
    for (kind, cues) in &file.kinds {
        insert_all(&mut kind_cues, cues, kind.clone());
    }
    let mut unit_lexicon = Lexicon::new();
    let mut time_units = Vec::new();
    for (name, unit) in &file.units {
        let index = units.len();
        if unit.kind.as_deref() == Some("duration") {
            time_units.push(index);
        }
        units.push(Unit {
            name: name.clone(),
            kind: unit.kind.clone(),
            strict: unit.strict,
            before: unit.before,
        });
        insert_all(&mut unit_lexicon, &unit.words, index);
    }
    let dates = &file.dates;
    Language {
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
        number_words: lexicon_of_map(&numbers.words),
        scales: lexicon_of_map(&numbers.scales),
        joiners: lexicon_of(&numbers.joiners),
        vague: lexicon_of_map(&numbers.vague),
        unit_links: lexicon_of(&numbers.unit_links),
        small_word_limit: numbers.small_word_limit,
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
        increment: lexicon_of(&file.increment),
        increment_after: lexicon_of(&file.increment_after),
        all_named: lexicon_of(&file.places.all_named),
        regions,
        rates,
        months: numbered_lexicon(&dates.months),
        persian_months: numbered_lexicon(&dates.persian_months),
        weekdays: numbered_lexicon(&dates.weekdays),
        yesterday: lexicon_of(&dates.yesterday),
        today: lexicon_of(&dates.today),
        published: lexicon_of(&dates.published),
        kind_cues,
        units: unit_lexicon,
        time_units,
        exclude_before: lexicon_of(&file.exclusions.before),
        exclude_after: lexicon_of(&file.exclusions.after),
        exclude_near_before: lexicon_of(&file.exclusions.near_before),
        exclude_patterns: file
            .exclusions
            .patterns
            .iter()
            .filter_map(|p| regex::Regex::new(p).ok())
            .collect(),
    }
}

/// Entities, their names per language, and people's one-word names.
struct CompiledEntities {
    entities: Vec<Entity>,
    names: IndexMap<String, Lexicon<EntityRef>>,
    person_words: Vec<(String, EntityRef)>,
}

fn compile_entities(files: &[&EntitiesFile], codes: &[String]) -> CompiledEntities {
    // A later definition with the same name replaces the earlier one; an
    // entry marked `extend` adds its names to it instead.
    let mut by_name: IndexMap<String, EntityDef> = IndexMap::new();
    for file in files {
        for entity in &file.entity {
            match by_name.get_mut(&entity.name) {
                Some(existing) if entity.extend => extend_entity(existing, entity),
                _ if entity.extend && entity.entity_type.is_none() => {}
                _ => {
                    by_name.insert(entity.name.clone(), entity.clone());
                }
            }
        }
    }
    by_name.retain(|_, entity| entity.enabled);
    let entities = by_name
        .values()
        .map(|def| Entity {
            name: def.name.clone(),
            entity_type: def.entity_type.unwrap_or(EntityType::Organisation),
            demonym: def.demonym.clone(),
            domains: def.domains.clone(),
        })
        .collect();
    // Each language's documents are read with its own spellings plus the
    // English ones (names in Latin script travel): German "Gouvernement" must
    // not name a French "gouvernement".
    let mut names: IndexMap<String, Lexicon<EntityRef>> = IndexMap::new();
    for code in codes {
        let applies = |alias_code: &str| {
            alias_code == code || alias_code == "en" || !codes.iter().any(|c| c == alias_code)
        };
        let mut lexicon = Lexicon::new();
        for (index, def) in by_name.values().enumerate() {
            let name = EntityRef {
                index,
                as_demonym: false,
            };
            let adjective = EntityRef {
                index,
                as_demonym: true,
            };
            lexicon.insert(&def.name, name);
            for (alias_code, aliases) in &def.aliases {
                if applies(alias_code) {
                    insert_all(&mut lexicon, aliases, name);
                }
            }
            if let Some(demonym) = &def.demonym {
                lexicon.insert(demonym, adjective);
            }
            for (alias_code, aliases) in &def.demonym_aliases {
                if applies(alias_code) {
                    insert_all(&mut lexicon, aliases, adjective);
                }
            }
        }
        names.insert(code.clone(), lexicon);
    }
    let person_words = person_words(&by_name);
    CompiledEntities {
        entities,
        names,
        person_words,
    }
}

/// Single-word aliases of people, long enough for a fuzzy match to mean something.
fn person_words(defs: &IndexMap<String, EntityDef>) -> Vec<(String, EntityRef)> {
    const MIN_CHARS: usize = 5;
    let mut words = Vec::new();
    for (index, def) in defs.values().enumerate() {
        if def.entity_type != Some(EntityType::Person) {
            continue;
        }
        for alias in def.aliases.values().flatten() {
            let word = normalize_phrase(alias);
            if !word.contains(' ') && word.chars().count() >= MIN_CHARS {
                words.push((
                    word,
                    EntityRef {
                        index,
                        as_demonym: false,
                    },
                ));
            }
        }
    }
    words
}

fn extend_entity(existing: &mut EntityDef, extra: &EntityDef) {
    for (code, names) in &extra.aliases {
        existing
            .aliases
            .entry(code.clone())
            .or_default()
            .extend(names.iter().cloned());
    }
    for (code, names) in &extra.demonym_aliases {
        existing
            .demonym_aliases
            .entry(code.clone())
            .or_default()
            .extend(names.iter().cloned());
    }
    existing.domains.extend(extra.domains.iter().cloned());
}

fn insert_all<T: Clone>(lexicon: &mut Lexicon<T>, phrases: &[String], value: T) {
    for phrase in phrases {
        lexicon.insert(phrase, value.clone());
    }
}

fn lexicon_of(phrases: &[String]) -> Lexicon<()> {
    let mut lexicon = Lexicon::new();
    insert_all(&mut lexicon, phrases, ());
    lexicon
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
