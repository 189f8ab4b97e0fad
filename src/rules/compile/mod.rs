//! Turning checked rule files into a [`RuleSet`] ready for matching.
//!
//! Input: the parsed rule files, in load order, already validated (see
//! `validate`). Output: the [`RuleSet`]: kinds and settings merged (a later kind
//! with the same id replaces the earlier one), language packs merged and
//! compiled into lexicons ([`language`]), entities merged and compiled into
//! name lexicons per language ([`entities`]). Invariant: nothing here fails
//! or reads files; for settings (`[reconcile]`, `[group]`, `default-kind`...)
//! the last file that gives them wins, and what no file gives keeps its default.

pub(super) mod beside;
mod entities;
mod language;
mod packs;
mod pattern_set;
mod place_names;
mod places;
mod prepared;

use std::path::PathBuf;

use indexmap::IndexMap;

pub(crate) use entities::{EntitiesPart, entities_part};
pub use entities::{Entity, EntityRef};
pub use language::{Language, Morpheme, RangePattern, Unit, Windows};
pub use packs::Pack;
pub(super) use packs::{Names, PackFile};
pub use pattern_set::PatternSet;
pub use places::{Gazetteer, Place, PlaceHit};
pub(super) use prepared::prepared_entities;

use super::RuleFiles;
use super::files::{
    DEFAULT_KIND, DEFAULT_NOUN, EntitiesFile, EntityType, GroupSettings, KindDef, KindsFile,
    LanguageFile, ReconcileSettings,
};
use crate::fxhash::FxBuildHasher;
use crate::lexicon::Lexicon;
use crate::model::Limits;

/// Everything the engine needs from the rules, compiled.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Every kind by id, in the order first defined; a later `[[kind]]` with
    /// the same id has replaced the earlier one. Kinds switched off are kept.
    pub kinds: IndexMap<String, KindDef, FxBuildHasher>,
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
    /// One merged pack per language code, in the order codes were first
    /// loaded; each is compiled the first time a document asks for it
    /// ([`RuleSet::language`]).
    pub languages: Vec<Pack>,
    /// Units of every language; `Language::units` points into this list.
    pub units: Vec<Unit>,
    /// Every entity switched on; `EntityRef::index` points into this list.
    pub entities: Vec<Entity>,
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
    /// What compiling a pack needs beyond its file.
    shared: packs::Shared,
    /// Each entity name's indexes in `entities`, in order: made on first use
    /// (see [`RuleSet::entities_named`]).
    entity_names: Derived<EntityNames>,
    /// Which packs list each detection word: made on first use (see
    /// [`RuleSet::packs_detecting`]).
    detect_words: Derived<DetectWords>,
    /// Each unit name's first unit in `units`, and whether a unit of that
    /// name is a measure or strict: made on first use (see
    /// [`RuleSet::unit_named`]).
    unit_names: Derived<UnitNames>,
    /// The outlets that list web domains: made on first use (see
    /// [`RuleSet::outlets_with_domains`]).
    outlet_domains: Derived<OutletDomains>,
}

/// A value worked out from the rest of a [`RuleSet`] on first use. A clone
/// starts without it: a rule set is cloned to be changed (a rule folder
/// over the defaults, a test's limits or entities), and must not keep what
/// was worked out from the one it was cloned from.
#[derive(Debug)]
struct Derived<T>(std::sync::OnceLock<T>);

impl<T> Clone for Derived<T> {
    fn clone(&self) -> Self {
        Derived::new()
    }
}

impl<T> Derived<T> {
    const fn new() -> Self {
        Derived(std::sync::OnceLock::new())
    }

    fn get_or_init(&self, make: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(make)
    }
}

/// For each detection word of any pack, the packs that list it, a bit each
/// by their place in [`RuleSet::languages`] (the first 64 packs).
type DetectWords = crate::fxhash::FxHashMap<String, u64>;

/// Entity indexes by name; a name is most often one entity's.
type EntityNames = crate::fxhash::FxHashMap<String, smallvec::SmallVec<[u32; 1]>>;

/// By unit name: the index of the first unit of that name, and whether any
/// unit of that name is a measure or strict.
type UnitNames = crate::fxhash::FxHashMap<String, (u32, bool)>;

/// The outlets among the entities that list web domains, and whether every
/// one of their domains is ASCII.
#[derive(Debug, Default)]
pub struct OutletDomains {
    /// Their indexes in [`RuleSet::entities`], in order.
    pub outlets: Vec<u32>,
    /// No domain has a byte outside ASCII.
    pub ascii: bool,
}

impl RuleSet {
    /// The pack with this ISO 639-1 code, if any is loaded, compiled the
    /// first time it is asked for.
    pub fn language(&self, code: &str) -> Option<&Language> {
        let pack = self.languages.iter().find(|pack| pack.code == code)?;
        Some(&self.compiled(pack).language)
    }

    /// A pack compiled, the first time it is asked for; the place names of
    /// its language are read beside it, as its documents will ask for them.
    fn compiled<'p>(&self, pack: &'p Pack) -> &'p packs::Compiled {
        self.shared.compiled(pack, || {
            self.gazetteer.names_for(&pack.code);
        })
    }

    /// True when `kind` only grows over time (`running-total`); false for a
    /// level and for a kind no rule defines (a table's own kind).
    pub fn kind_is_running_total(&self, kind: &str) -> bool {
        self.kinds.get(kind).is_some_and(|k| k.running_total)
    }

    /// The entity names matched in documents of language `code` (those of
    /// the first pack for a code no pack has).
    pub fn names_for(&self, code: &str) -> &Lexicon<EntityRef> {
        static EMPTY: std::sync::OnceLock<Lexicon<EntityRef>> = std::sync::OnceLock::new();
        self.languages
            .iter()
            .find(|pack| pack.code == code)
            .or_else(|| self.languages.first())
            .map(|pack| &self.compiled(pack).names)
            .unwrap_or_else(|| EMPTY.get_or_init(Lexicon::new))
    }

    /// True for a unit a figure that names nothing may take from the figure
    /// before it: a counted noun ("soldiers"), not a measure or a unit that
    /// decides its kind ("%", "days", "USD"). A pack's unit of that name that
    /// is a measure makes every unit of that name one.
    pub fn unit_lends(&self, unit: &str) -> bool {
        !self
            .unit_names()
            .get(unit)
            .is_some_and(|&(_, measure)| measure)
    }

    /// The first unit named `name` in `units`. A look-up, not a scan: the
    /// few hundred units' names are a cache line each, and a scan for a
    /// figure's unit missed the cache at nearly every one (about 7% of
    /// `claims`' first-level misses, and as many again for `unit_lends`).
    pub fn unit_named(&self, name: &str) -> Option<&Unit> {
        self.unit_names()
            .get(name)
            .map(|&(index, _)| &self.units[index as usize])
    }

    fn unit_names(&self) -> &UnitNames {
        self.unit_names.get_or_init(|| {
            let mut names = UnitNames::default();
            for (index, unit) in self.units.iter().enumerate() {
                let entry = names
                    .entry(unit.name.clone())
                    .or_insert((index as u32, false));
                entry.1 |= unit.measure || unit.strict;
            }
            names
        })
    }

    /// True for a unit that says nothing of who was counted ("people").
    pub fn is_generic_unit(&self, unit: &str) -> bool {
        self.generic_units.iter().any(|u| u == unit)
    }

    /// The entities named `name`, in their order: a look-up, not a scan of
    /// the few hundred entities, which claims asked for several times each
    /// (the scans were about 0.5% of `claims`).
    pub fn entities_named(&self, name: &str) -> impl Iterator<Item = &Entity> + '_ {
        let names = self.entity_names.get_or_init(|| {
            let mut names = EntityNames::default();
            for (index, entity) in self.entities.iter().enumerate() {
                names
                    .entry(entity.name.clone())
                    .or_default()
                    .push(index as u32);
            }
            names
        });
        names
            .get(name)
            .into_iter()
            .flatten()
            .map(|&index| &self.entities[index as usize])
    }

    /// The outlets that list web domains. Every document without a source
    /// asks for them: made once, not found by a walk over every entity.
    pub fn outlets_with_domains(&self) -> &OutletDomains {
        self.outlet_domains.get_or_init(|| {
            let outlets: Vec<u32> = (self.entities.iter().enumerate())
                .filter(|(_, e)| e.entity_type == EntityType::Outlet && !e.domains.is_empty())
                .map(|(index, _)| index as u32)
                .collect();
            let ascii = (outlets.iter()).all(|&i| {
                self.entities[i as usize]
                    .domains
                    .iter()
                    .all(|d| d.is_ascii())
            });
            OutletDomains { outlets, ascii }
        })
    }

    /// The packs whose detection words hold `word`, a bit each by their
    /// place in [`RuleSet::languages`]: one look-up for a word every pack
    /// of a script is asked about. `None` past 64 packs, where the packs'
    /// own sets are to be asked.
    pub fn packs_detecting(&self, word: &str) -> Option<u64> {
        if self.languages.len() > 64 {
            return None;
        }
        let words = self.detect_words.get_or_init(|| {
            let mut words = DetectWords::default();
            for (place, pack) in self.languages.iter().enumerate() {
                for word in &pack.detect {
                    *words.entry(word.clone()).or_default() |= 1 << place;
                }
            }
            words
        });
        Some(words.get(word).copied().unwrap_or(0))
    }

    /// True for the kind of figures nothing explains.
    pub fn is_default_kind(&self, kind: &str) -> bool {
        kind == self.default_kind
    }

    /// True when the packs' entity names are the build script's.
    #[cfg(test)]
    pub(crate) fn names_prepared(&self) -> bool {
        matches!(self.shared.names, Names::Prepared(_))
    }

    /// False for a kind switched off with `enabled = false`.
    pub fn kind_is_enabled(&self, kind: &str) -> bool {
        self.kinds.get(kind).is_none_or(|k| k.enabled)
    }
}

/// Compiles checked rule files. The files are assumed valid (see `validate`);
/// nothing here fails.
pub(super) fn compile(files: &RuleFiles) -> RuleSet {
    let kinds_files: Vec<&KindsFile> = files.kinds.iter().map(|(_, f)| f).collect();
    let merged = language::merge_packs(files);
    let packs: Vec<(LanguageFile, PackFile)> = merged
        .into_values()
        .map(|file| {
            // Only the head is read now; the pack compiles on first use.
            let head = head_of(&file);
            (head, PackFile::Parsed(Box::new(file)))
        })
        .collect();
    let entity_files: Vec<EntitiesFile> = files.entities.iter().map(|(_, f)| f.clone()).collect();
    let (entities, defs) = entities::entities_part(entity_files);
    let mut rules = assemble(
        kinds_part(&kinds_files),
        packs,
        entities,
        packs::Names::Defs(defs),
    );
    let place_tables: Vec<&crate::rules::places::PlacesTable> =
        files.places.iter().map(|(_, t)| t).collect();
    rules.gazetteer =
        places::Gazetteer::new(&place_tables, files.embedded_places, &rules.scripts());
    rules.sources = files.sources.iter().map(|s| s.path.clone()).collect();
    rules
}

/// What the kinds files give: kinds, settings, generic units, defaults.
pub(super) struct KindsPart {
    kinds: IndexMap<String, KindDef, FxBuildHasher>,
    reconcile: ReconcileSettings,
    group: GroupSettings,
    generic_units: Vec<String>,
    default_kind: String,
    default_noun: String,
}

/// Merges the kinds files in load order: a later kind with the same id
/// replaces the earlier one; for each setting the last file that gives it wins.
pub(super) fn kinds_part(files: &[&KindsFile]) -> KindsPart {
    let mut kinds: IndexMap<String, KindDef, FxBuildHasher> = IndexMap::default();
    let mut reconcile = ReconcileSettings::default();
    let mut group = GroupSettings::default();
    let mut generic_units: Vec<String> = Vec::new();
    let mut default_kind = DEFAULT_KIND.to_string();
    let mut default_noun = DEFAULT_NOUN.to_string();
    for file in files {
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
    KindsPart {
        kinds,
        reconcile,
        group,
        generic_units,
        default_kind,
        default_noun,
    }
}

/// A pack's `[language]` table, units and exclusion patterns: what the rule
/// set needs of it before it compiles.
pub(super) fn head_of(file: &LanguageFile) -> LanguageFile {
    LanguageFile {
        units: file.units.clone(),
        exclusions: crate::rules::files::ExclusionsDef {
            patterns: file.exclusions.patterns.clone(),
            ..Default::default()
        },
        ..LanguageFile::new(file.format, file.language.clone())
    }
}

/// The rule set of the kinds, the packs (each a head and its file, in load
/// order), the entities and where each pack's names come from; no
/// gazetteer, no sources.
pub(super) fn assemble(
    part: KindsPart,
    packs: Vec<(LanguageFile, PackFile)>,
    entities: EntitiesPart,
    names: Names,
) -> RuleSet {
    let KindsPart {
        kinds,
        reconcile,
        group,
        generic_units,
        default_kind,
        default_noun,
    } = part;
    let time_kinds: Vec<String> = kinds
        .values()
        .filter(|kind| kind.measures_time)
        .map(|kind| kind.id.clone())
        .collect();
    let mut units = Vec::new();
    let mut languages = Vec::new();
    let mut patterns = Vec::new();
    for (head, file) in packs {
        languages.push(Pack::new(&head, units.len(), file));
        units.extend(packs::units_of(&head));
        patterns.extend(head.exclusions.patterns);
    }
    let EntitiesPart {
        entities,
        person_words,
    } = entities;
    let codes = languages.iter().map(|pack| pack.code.clone()).collect();
    RuleSet {
        gazetteer: Gazetteer::default(),
        kinds,
        reconcile,
        group,
        generic_units,
        default_kind,
        default_noun,
        languages,
        units,
        entities,
        person_words: crate::fuzzy::FuzzyIndex::new(person_words),
        sources: Vec::new(),
        limits: Limits::default(),
        shared: packs::Shared::new(time_kinds, names, codes, patterns),
        entity_names: Derived::new(),
        detect_words: Derived::new(),
        unit_names: Derived::new(),
        outlet_domains: Derived::new(),
    }
}

impl RuleSet {
    /// Each pack's code and script, in load order.
    pub(super) fn scripts(&self) -> Vec<(String, crate::rules::files::Script)> {
        self.languages
            .iter()
            .map(|pack| (pack.code.clone(), pack.script))
            .collect()
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

#[cfg(test)]
mod tests {
    use crate::test_random::TestRandom;

    /// The look-ups by unit name give what a scan of the units gives: for
    /// every unit's name, and for random words and names cut short.
    #[test]
    fn units_by_name_are_the_scan() {
        let rules = crate::rules::defaults_for_tests();
        let names: Vec<&str> = rules.units.iter().map(|u| u.name.as_str()).collect();
        let mut random = TestRandom(12);
        let mut asked: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        for _ in 0..2_000 {
            let name = random.pick(&names);
            let cut = random.below(name.len() as u64 + 2) as usize;
            asked.push(name.get(..cut).unwrap_or(name).to_string());
            asked.push(random.words(&names, 2));
        }
        asked.push(String::new());
        for name in &asked {
            let scanned = rules.units.iter().find(|u| u.name == *name);
            assert_eq!(
                rules.unit_named(name).map(|u| u as *const _),
                scanned.map(|u| u as *const _),
                "{name}"
            );
            let lends = !rules
                .units
                .iter()
                .any(|u| u.name == *name && (u.measure || u.strict));
            assert_eq!(rules.unit_lends(name), lends, "{name}");
        }
    }

    /// What a rule set worked out on first use is not carried into a clone,
    /// which may be changed: a detection word added to the clone is found.
    #[test]
    fn a_clone_works_out_its_detection_words_again() {
        let rules = crate::rules::defaults_for_tests();
        let word = "zzqqx";
        assert_eq!(rules.packs_detecting(word), Some(0));
        let mut changed = rules.clone();
        changed.languages[0].detect.insert(word.to_string());
        assert_eq!(changed.packs_detecting(word), Some(1));
        assert_eq!(rules.packs_detecting(word), Some(0));
    }
}
