//! The embedded default rules in their prebuilt form.
//!
//! Input: the JSON `build.rs` writes for each embedded rule file: the file
//! parsed from its TOML with the same serde structs, written back. Output:
//! the default [`RuleSet`], with no TOML parsed and no pack compiled: a pack
//! is read from its JSON the first time a document of its language asks.
//! Invariant: the rule set is the one loading the TOML gives (a test compares
//! them); the defaults are checked by `rules check` and the tests, so none of
//! that is done again at each run.

use std::path::PathBuf;

use super::compile::{self, PackFile, RuleSet};
use super::files::{EntitiesFile, KindsFile, LanguageFile, LanguageMeta};
use super::{EMBEDDED, RuleSource};

/// One embedded rule file, prebuilt.
pub(super) enum Prebuilt {
    Kinds(&'static str),
    Entities(&'static str),
    /// A pack: its head (`[language]`, units, exclusion patterns) and the whole.
    Language {
        head: &'static str,
        file: &'static str,
    },
}

include!(concat!(env!("OUT_DIR"), "/prebuilt_rules.rs"));

/// The default rule set from the prebuilt files; none when a default file
/// has no prebuilt form (it did not parse at build time: the caller then
/// reads the TOML, and reports what is wrong with it).
pub(super) fn load_defaults() -> Option<RuleSet> {
    let mut found: Vec<&Prebuilt> = Vec::new();
    let mut sources = Vec::new();
    let mut places = None;
    let mut entity_paths = Vec::new();
    for (path, text) in EMBEDDED {
        if super::places::is_places_file(&embedded_source(path)) {
            places = Some(*text);
            continue;
        }
        sources.push(embedded_source(path).path);
        let prebuilt = FILES.iter().find(|(p, _)| p == path).map(|(_, f)| f)?;
        if let Prebuilt::Entities(_) = prebuilt {
            entity_paths.push(*path);
        }
        found.push(prebuilt);
    }
    let (kinds, packs) = parse_rest(&found)?;
    // Two default packs of one code would need merging: not prebuilt.
    let codes: Vec<String> = packs
        .iter()
        .map(|(head, _)| head.language.code.clone())
        .collect();
    if codes.iter().collect::<std::collections::HashSet<_>>().len() != packs.len() {
        return None;
    }
    let (entities, names) = match compile::prepared_entities(&entity_paths, &codes) {
        Some(prepared) => prepared,
        None => entities_of(&found)?,
    };
    let kinds: Vec<&KindsFile> = kinds.iter().collect();
    let mut rules = compile::assemble(compile::kinds_part(&kinds), packs, entities, names);
    rules.gazetteer = compile::Gazetteer::new(&[], places, &rules.scripts());
    rules.sources = sources;
    Some(rules)
}

/// The entities part of the prebuilt entities files, merged here, and
/// their definitions each pack's names are compiled from.
fn entities_of(found: &[&Prebuilt]) -> Option<(compile::EntitiesPart, compile::Names)> {
    let mut files: Vec<EntitiesFile> = Vec::new();
    for prebuilt in found {
        if let Prebuilt::Entities(json) = prebuilt {
            files.push(serde_json::from_str(json).ok()?);
        }
    }
    let (part, defs) = compile::entities_part(files);
    Some((part, compile::Names::Defs(defs)))
}

/// The kinds files and the heads of the packs, in load order.
#[allow(clippy::type_complexity)]
fn parse_rest(found: &[&Prebuilt]) -> Option<(Vec<KindsFile>, Vec<(LanguageFile, PackFile)>)> {
    let mut kinds = Vec::new();
    let mut packs = Vec::new();
    for prebuilt in found {
        match prebuilt {
            Prebuilt::Kinds(json) => kinds.push(serde_json::from_str(json).ok()?),
            Prebuilt::Entities(_) => {}
            Prebuilt::Language { head, file } => {
                let head: LanguageFile = serde_json::from_str(head).ok()?;
                let meta = Box::new(head.language.clone());
                packs.push((head, PackFile::Prebuilt { json: file, meta }));
            }
        }
    }
    Some((kinds, packs))
}

fn embedded_source(path: &str) -> RuleSource {
    RuleSource {
        path: PathBuf::from(format!("(embedded) {path}")),
        text: String::new(),
        origin: super::Origin::Embedded,
    }
}

/// A prebuilt language pack. The build wrote it from the same structs and
/// read it back, and a test reads every one against its TOML, so it parses;
/// were it ever not to, the pack would be empty, not a panic.
pub(crate) fn language(json: &str, meta: &LanguageMeta) -> LanguageFile {
    serde_json::from_str(json)
        .unwrap_or_else(|_| LanguageFile::new(super::files::FORMAT_VERSION, meta.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::check::{ParsedFile, check_source};

    fn json_of(parsed: &ParsedFile) -> serde_json::Value {
        match parsed {
            ParsedFile::Kinds(file) => serde_json::to_value(file),
            ParsedFile::Language(file) => serde_json::to_value(file),
            ParsedFile::Entities(file) => serde_json::to_value(file),
        }
        .unwrap()
    }

    /// Every embedded rule file is prebuilt, and its prebuilt form is what
    /// parsing its TOML gives, field for field.
    #[test]
    fn every_default_file_is_prebuilt_as_its_toml_parses() {
        for (path, text) in EMBEDDED {
            let source = RuleSource {
                text: text.to_string(),
                ..embedded_source(path)
            };
            if crate::rules::places::is_places_file(&source) {
                continue;
            }
            let (parsed, problems) = check_source(&source);
            assert!(problems.is_empty(), "{path}");
            let toml = json_of(&parsed.unwrap());
            let (_, prebuilt) = FILES.iter().find(|(p, _)| p == path).expect(path);
            let read: serde_json::Value = match prebuilt {
                Prebuilt::Kinds(json) => {
                    serde_json::to_value(serde_json::from_str::<KindsFile>(json).unwrap())
                }
                Prebuilt::Entities(json) => {
                    serde_json::to_value(serde_json::from_str::<EntitiesFile>(json).unwrap())
                }
                Prebuilt::Language { file, .. } => {
                    serde_json::to_value(serde_json::from_str::<LanguageFile>(file).unwrap())
                }
            }
            .unwrap();
            assert_eq!(read, toml, "{path}");
        }
        assert!(load_defaults().is_some());
    }

    /// The rule set read from the prebuilt files is the one compiled from
    /// the TOML: the same kinds, units, entities, sources, and packs that
    /// compile to the same lexicons.
    #[test]
    fn the_prebuilt_rule_set_is_the_toml_rule_set() {
        let prebuilt = load_defaults().unwrap();
        let checked = crate::rules::check_sources(&[], true, true);
        assert!(!checked.has_errors());
        let toml = compile::compile(&checked.files);
        let debug = |value: &dyn std::fmt::Debug| format!("{value:?}");
        assert_eq!(debug(&prebuilt.kinds), debug(&toml.kinds));
        assert_eq!(debug(&prebuilt.reconcile), debug(&toml.reconcile));
        assert_eq!(debug(&prebuilt.group), debug(&toml.group));
        assert_eq!(prebuilt.generic_units, toml.generic_units);
        assert_eq!(prebuilt.default_kind, toml.default_kind);
        assert_eq!(prebuilt.default_noun, toml.default_noun);
        assert_eq!(debug(&prebuilt.units), debug(&toml.units));
        assert_eq!(debug(&prebuilt.entities), debug(&toml.entities));
        // The same words, whatever the id each index is told apart by.
        let words = |rules: &RuleSet| {
            let index = debug(&rules.person_words);
            index[index.find("words").unwrap_or(0)..].to_string()
        };
        assert_eq!(words(&prebuilt), words(&toml));
        // The names are those the build script prepared, not compiled here.
        assert!(prebuilt.names_prepared() && !toml.names_prepared());
        assert_eq!(prebuilt.sources, toml.sources);
        let codes = |rules: &RuleSet| -> Vec<(String, String)> {
            rules
                .languages
                .iter()
                .map(|p| (p.code.clone(), format!("{:?}", p.script)))
                .collect()
        };
        assert_eq!(codes(&prebuilt), codes(&toml));
        for pack in &toml.languages {
            let (a, b) = (
                prebuilt.language(&pack.code).unwrap(),
                toml.language(&pack.code).unwrap(),
            );
            assert!(a.kind_cues.same_phrases(&b.kind_cues), "{}", pack.code);
            assert!(a.units.same_phrases(&b.units), "{}", pack.code);
            assert!(
                a.number_words.same_phrases(&b.number_words),
                "{}",
                pack.code
            );
            assert_eq!(a.time_units, b.time_units, "{}", pack.code);
            assert_eq!(a.detect, b.detect, "{}", pack.code);
            assert_eq!(a.windows, b.windows, "{}", pack.code);
            let names = (prebuilt.names_for(&pack.code), toml.names_for(&pack.code));
            assert!(names.0.same_phrases(names.1), "{}", pack.code);
        }
    }

    /// A pack compiles to the same lexicons whichever pack was compiled
    /// before it and however many threads ask for it at once.
    #[test]
    fn packs_compile_alike_in_any_order_and_from_any_thread() {
        let (first, second) = (load_defaults().unwrap(), load_defaults().unwrap());
        let codes: Vec<String> = first.languages.iter().map(|p| p.code.clone()).collect();
        std::thread::scope(|scope| {
            for code in codes.iter().rev().chain(&codes) {
                scope.spawn(|| first.language(code).unwrap());
            }
        });
        for code in &codes {
            let (a, b) = (
                first.language(code).unwrap(),
                second.language(code).unwrap(),
            );
            assert!(a.reporting_verbs.same_phrases(&b.reporting_verbs), "{code}");
            assert!(
                first.names_for(code).same_phrases(second.names_for(code)),
                "{code}"
            );
            assert_eq!(
                a.exclude_pattern_set.as_ref().map(|s| s.len()),
                b.exclude_pattern_set.as_ref().map(|s| s.len())
            );
        }
    }
}
