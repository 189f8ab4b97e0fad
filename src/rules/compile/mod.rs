//! Turning checked rule files into a [`RuleSet`] ready for matching.
//!
//! Input: the parsed rule files, in load order, already validated (see
//! `validate`). Output: the [`RuleSet`]: kinds and settings merged (a later kind
//! with the same id replaces the earlier one), language packs merged and
//! compiled into lexicons ([`language`]), entities merged and compiled into
//! name lexicons per language ([`entities`]). Invariant: nothing here fails
//! or reads files; for settings (`[reconcile]`, `[group]`, `default-kind`...)
//! the last file that gives them wins, and what no file gives keeps its default.

mod entities;
mod language;
mod place_names;
mod places;

use std::path::PathBuf;

use indexmap::IndexMap;

pub use entities::{Entity, EntityRef};
pub use language::{Language, Morpheme, RangePattern, Unit, Windows};
pub use places::{Gazetteer, Place, PlaceHit};

use super::RuleFiles;
use super::files::{
    DEFAULT_KIND, DEFAULT_NOUN, EntitiesFile, GroupSettings, KindDef, ReconcileSettings,
};
use crate::lexicon::Lexicon;
use crate::model::Limits;

/// Everything the engine needs from the rules, compiled.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Every kind by id, in the order first defined; a later `[[kind]]` with
    /// the same id has replaced the earlier one. Kinds switched off are kept.
    pub kinds: IndexMap<String, KindDef>,
    /// The last `[reconcile]` loaded, else the defaults.
    pub reconcile: ReconcileSettings,
    /// The last `[group]` loaded, else the defaults.
    pub group: GroupSettings,
    /// Units that say nothing of who was counted (see `KindsFile::generic_units`).
    pub generic_units: Vec<String>,
    /// The kind of a figure nothing explains ("other").
    pub default_kind: String,
    /// The counted noun a subject names when a figure has none ("people").
    pub default_noun: String,
    /// One merged pack per language code, in the order codes were first loaded.
    pub languages: Vec<Language>,
    /// Units of every language; `Language::units` points into this list.
    pub units: Vec<Unit>,
    /// Every entity switched on; `EntityRef::index` points into this list.
    pub entities: Vec<Entity>,
    /// Every alias of every entity, in any language.
    pub entity_names: IndexMap<String, Lexicon<EntityRef>>,
    /// One-word names of people (normalised), for spelling variants the aliases
    /// do not list ("زيلنسكي" for "زيلينسكي"), indexed by their characters.
    pub person_words: crate::fuzzy::FuzzyIndex<EntityRef>,
    /// The files this rule set was built from, in load order.
    pub sources: Vec<PathBuf>,
    /// Places below the country, with their names per language.
    pub gazetteer: Gazetteer,
    /// Caps on file size, sentence and token length: not read from rule
    /// files; the defaults, or what the front end sets (`--max-file-size`...).
    pub limits: Limits,
}

impl RuleSet {
    /// The pack with this ISO 639-1 code, if any is loaded.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|language| language.code == code)
    }

    /// True when `kind` only grows over time (`running-total`); false for a
    /// level and for a kind no rule defines (a table's own kind).
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

    /// True for a unit a figure that names nothing may take from the figure
    /// before it: a counted noun ("soldiers"), not a measure or a unit that
    /// decides its kind ("%", "days", "USD"). A pack's unit of that name that
    /// is a measure makes every unit of that name one.
    pub fn unit_lends(&self, unit: &str) -> bool {
        !self
            .units
            .iter()
            .any(|u| u.name == unit && (u.measure || u.strict))
    }

    /// True for a unit that says nothing of who was counted ("people").
    pub fn is_generic_unit(&self, unit: &str) -> bool {
        self.generic_units.iter().any(|u| u == unit)
    }

    /// True for the kind of figures nothing explains.
    pub fn is_default_kind(&self, kind: &str) -> bool {
        kind == self.default_kind
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
    let mut group = GroupSettings::default();
    let mut generic_units: Vec<String> = Vec::new();
    let mut default_kind = DEFAULT_KIND.to_string();
    let mut default_noun = DEFAULT_NOUN.to_string();
    for (_, file) in &files.kinds {
        if let Some(kind) = &file.default_kind {
            default_kind.clone_from(kind);
        }
        if let Some(noun) = &file.default_noun {
            default_noun.clone_from(noun);
        }
        for kind in &file.kind {
            kinds.insert(kind.id.clone(), kind.clone());
        }
        if let Some(settings) = &file.reconcile {
            reconcile = settings.clone();
        }
        if let Some(settings) = &file.group {
            group = settings.clone();
        }
        for unit in &file.generic_units {
            if !generic_units.contains(unit) {
                generic_units.push(unit.clone());
            }
        }
    }

    let merged = language::merge_packs(files);
    let time_kinds: Vec<&str> = kinds
        .values()
        .filter(|kind| kind.measures_time)
        .map(|kind| kind.id.as_str())
        .collect();
    let (mut languages, units) = language::compile_packs(&merged, &time_kinds);
    let entity_files: Vec<&EntitiesFile> = files.entities.iter().map(|(_, f)| f).collect();
    let codes: Vec<String> = merged.keys().cloned().collect();
    let entities::CompiledEntities {
        entities,
        names: mut entity_names,
        person_words,
    } = entities::compile_entities(&entity_files, &codes);
    // Names are looked up at every token of an opening and of each sentence
    // with a figure: in their pack's start index, they pass over the tokens
    // where no name starts.
    for language in &mut languages {
        if let Some(names) = entity_names.get_mut(&language.code) {
            language.starts.register(names);
        }
    }
    let place_tables: Vec<&crate::rules::places::PlacesTable> =
        files.places.iter().map(|(_, t)| t).collect();
    let scripts: Vec<(String, crate::rules::files::Script)> = languages
        .iter()
        .map(|l| (l.code.clone(), l.script))
        .collect();
    let gazetteer = places::Gazetteer::new(&place_tables, files.embedded_places, &scripts);
    RuleSet {
        gazetteer,
        kinds,
        reconcile,
        group,
        generic_units,
        default_kind,
        default_noun,
        languages,
        units,
        entities,
        entity_names,
        person_words: crate::fuzzy::FuzzyIndex::new(person_words),
        sources: files.sources.iter().map(|s| s.path.clone()).collect(),
        limits: Limits::default(),
    }
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
