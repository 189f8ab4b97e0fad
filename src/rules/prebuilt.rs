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
    for (path, text) in EMBEDDED {
        if super::places::is_places_file(&embedded_source(path)) {
            places = Some(*text);
            continue;
        }
        sources.push(embedded_source(path).path);
        found.push(FILES.iter().find(|(p, _)| p == path).map(|(_, f)| f)?);
    }
    let mut entities: Vec<EntitiesFile> = Vec::new();
    for prebuilt in &found {
        if let Prebuilt::Entities(json) = prebuilt {
            entities.push(serde_json::from_str(json).ok()?);
        }
    }
    let (kinds, packs) = parse_rest(&found)?;
    // Two default packs of one code would need merging: not prebuilt.
    let codes: std::collections::HashSet<&str> = packs
        .iter()
        .map(|(head, _)| head.language.code.as_str())
        .collect();
    if codes.len() != packs.len() {
        return None;
    }
    let kinds: Vec<&KindsFile> = kinds.iter().collect();
    let mut rules = compile::assemble(compile::kinds_part(&kinds), packs, entities);
    rules.gazetteer = compile::Gazetteer::new(&[], places, &rules.scripts());
    rules.sources = sources;
    Some(rules)
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
                let meta = head.language.clone();
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
