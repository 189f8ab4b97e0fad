//! Entities: merging their definitions, then compiling their names.
//!
//! Input: the entities files in load order and the codes of the language packs.
//! Output: the [`Entity`] list (a later definition with the same name replaces
//! the earlier one; an entry marked `extend` adds its names to it; entities
//! switched off are dropped), one name lexicon per language, and people's
//! one-word names for fuzzy matching. Invariant: an [`EntityRef`] indexes the
//! entity list, in the order definitions were first seen; each language reads
//! its own aliases, the English ones and those of codes no pack defines.

use indexmap::IndexMap;

use crate::lexicon::{Lexicon, compile_phrase};
use crate::normalize::normalize_phrase;
use crate::rules::files::{EntitiesFile, EntityDef, EntityType};

/// A named entity: country, institution, person, outlet...
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// The canonical English name, as claims and reports show it.
    pub name: String,
    /// What it is: decides whether it can own a figure, take a country's
    /// adjective, or name an outlet.
    pub entity_type: EntityType,
    /// The English adjective ("South Korean"), for countries and groups.
    pub demonym: Option<String>,
    /// For outlets: the web domains that name them.
    pub domains: Vec<String>,
    /// For institutions: what a body named alone belongs to ("the health
    /// ministry": a country's; "the police": a place's).
    pub affiliation: crate::rules::files::Affiliation,
    /// For a body, person or outlet of one country: that country.
    pub country: Option<String>,
    /// A body that passes on others' figures (state television): a source
    /// named beside it ranks before it.
    pub relays: bool,
    /// For countries: the ISO 3166-1 alpha-2 code, upper case.
    pub code: Option<String>,
}

/// A lexicon hit on an entity: which one, and whether the text used its adjective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntityRef {
    /// Index into `RuleSet::entities`.
    pub index: usize,
    /// True when the text used the adjective ("South Korean"), not the name.
    pub as_demonym: bool,
}

/// What the rule set reads of the entities at load: the entities, people's
/// one-word names, and where each language's names come from.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct EntitiesPart {
    pub entities: Vec<Entity>,
    pub person_words: Vec<(String, EntityRef)>,
}

/// The entities part of the entities files in load order, and the merged
/// definitions each language's names are compiled from.
pub(crate) fn entities_part(files: Vec<EntitiesFile>) -> (EntitiesPart, Vec<EntityDef>) {
    let defs = merge_entities(files);
    let part = EntitiesPart {
        entities: entities_of(&defs),
        person_words: person_words(&defs),
    };
    (part, defs)
}

/// Merges the entities files in load order: a later definition with the
/// same name replaces the earlier one; an entry marked `extend` adds its
/// names to it instead. Entities switched off are left out.
pub(super) fn merge_entities(files: Vec<EntitiesFile>) -> Vec<EntityDef> {
    let mut by_name: IndexMap<String, EntityDef> = IndexMap::new();
    for file in files {
        for entity in file.entity {
            match by_name.get_mut(&entity.name) {
                Some(existing) if entity.extend => extend_entity(existing, &entity),
                _ if entity.extend && entity.entity_type.is_none() => {}
                _ => {
                    by_name.insert(entity.name.clone(), entity);
                }
            }
        }
    }
    by_name.retain(|_, entity| entity.enabled);
    by_name.into_values().collect()
}

/// The entities as the engine reads them; `EntityRef::index` points here.
pub(super) fn entities_of(defs: &[EntityDef]) -> Vec<Entity> {
    defs.iter()
        .map(|def| Entity {
            name: def.name.clone(),
            affiliation: def.affiliation,
            relays: def.relays,
            code: def.code.clone(),
            country: def.country.clone(),
            entity_type: def.entity_type.unwrap_or(EntityType::Organisation),
            demonym: def.demonym.clone(),
            domains: def.domains.clone(),
        })
        .collect()
}

/// The lexicon of names documents of language `code` are read with: each
/// entity's own spellings in that language, plus the English ones (names
/// in Latin script travel) and those of codes no pack defines. German
/// "Gouvernement" must not name a French "gouvernement". `codes` are every
/// pack's.
pub(super) fn names_lexicon(
    defs: &[EntityDef],
    code: &str,
    codes: &[String],
) -> Lexicon<EntityRef> {
    let applies = |alias_code: &str| {
        alias_code == code || alias_code == "en" || !codes.iter().any(|c| c == alias_code)
    };
    let mut lexicon = Lexicon::new();
    let mut insert = |phrase: &String, value: EntityRef| {
        lexicon.insert_compiled(&compile_phrase(phrase), value);
        if let Some(plain) = without_capital_accents(phrase) {
            lexicon.insert_compiled(&compile_phrase(&plain), value);
        }
    };
    for (index, def) in defs.iter().enumerate() {
        let name = EntityRef {
            index,
            as_demonym: false,
        };
        let adjective = EntityRef {
            index,
            as_demonym: true,
        };
        insert(&def.name, name);
        for (alias_code, aliases) in &def.aliases {
            if applies(alias_code) {
                aliases.iter().for_each(|alias| insert(alias, name));
            }
        }
        if let Some(demonym) = &def.demonym {
            insert(demonym, adjective);
        }
        for (alias_code, aliases) in &def.demonym_aliases {
            if applies(alias_code) {
                aliases.iter().for_each(|alias| insert(alias, adjective));
            }
        }
    }
    lexicon
}

/// The name as written without the accents of its capitals ("l'Etat" for
/// "l'État"), when it has any: French and Spanish often drop them, in
/// headlines and on capitals, and the text still means the same body. Only
/// accents do this: German umlauts and the Spanish ñ are letters of their own,
/// always written.
fn without_capital_accents(phrase: &str) -> Option<String> {
    let plain = |ch: char| match ch {
        'À' | 'Á' | 'Â' | 'Ã' | 'Å' => 'A',
        'Ç' => 'C',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'Ò' | 'Ó' | 'Ô' | 'Õ' => 'O',
        'Ù' | 'Ú' | 'Û' => 'U',
        'Ý' => 'Y',
        other => other,
    };
    let variant: String = phrase.chars().map(plain).collect();
    (variant != phrase).then_some(variant)
}

/// Single-word aliases of people, long enough for a fuzzy match to mean something.
pub(super) fn person_words(defs: &[EntityDef]) -> Vec<(String, EntityRef)> {
    const MIN_CHARS: usize = 5;
    let mut words = Vec::new();
    for (index, def) in defs.iter().enumerate() {
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
    if existing.code.is_none() {
        existing.code.clone_from(&extra.code);
    }
}
