//! `rules list`: what is loaded, from which file, and what overrides what.

use std::fmt::Write;

use indexmap::IndexMap;

use super::places::PlaceKind;
use super::{Checked, RuleSource};

/// A plain-text listing of the rule files and what each contributes.
pub fn list(checked: &Checked) -> String {
    let files = &checked.files;
    let name = |index: usize| files.sources[index].path.display().to_string();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Files, in load order (later files extend or override earlier ones):"
    );
    for source in &files.sources {
        let _ = writeln!(out, "  {}", describe_source(source));
    }

    let _ = writeln!(out, "\nLanguages:");
    let mut languages: IndexMap<&str, Vec<usize>> = IndexMap::new();
    for (index, file) in &files.languages {
        languages
            .entry(file.language.code.as_str())
            .or_default()
            .push(*index);
    }
    for (code, indexes) in &languages {
        let (first, rest) = indexes.split_first().expect("every entry has a file");
        let file = &files
            .languages
            .iter()
            .find(|(i, _)| i == first)
            .expect("indexed above")
            .1;
        let _ = writeln!(
            out,
            "  {code} ({}): defined in {}",
            file.language.name,
            name(*first)
        );
        for index in rest {
            let extra = &files
                .languages
                .iter()
                .find(|(i, _)| i == index)
                .expect("indexed above")
                .1;
            let removes = if extra.remove.is_some() {
                "; removes entries"
            } else {
                ""
            };
            let _ = writeln!(out, "    extended by {}{removes}", name(*index));
        }
        let cues: usize = file.kinds.values().map(Vec::len).sum();
        let _ = writeln!(
            out,
            "    in that file: {} number words, {} scale words, {} kind cues, {} units, {} reporting verbs",
            file.numbers.words.len(),
            file.numbers.scales.len(),
            cues,
            file.units.len(),
            file.attribution.verbs.len()
        );
    }

    let _ = writeln!(out, "\nKinds:");
    let mut kinds: IndexMap<&str, Vec<(usize, bool, bool)>> = IndexMap::new();
    for (index, file) in &files.kinds {
        for kind in &file.kind {
            kinds.entry(kind.id.as_str()).or_default().push((
                *index,
                kind.running_total,
                kind.enabled,
            ));
        }
    }
    for (id, definitions) in &kinds {
        let &(index, running_total, enabled) =
            definitions.last().expect("every entry has a definition");
        let nature = if running_total {
            "running total"
        } else {
            "level"
        };
        let state = if enabled { "" } else { ", switched off" };
        let _ = write!(out, "  {id} ({nature}{state}): {}", name(index));
        if definitions.len() > 1 {
            let _ = write!(
                out,
                ", overriding {}",
                name(definitions[definitions.len() - 2].0)
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "\nEntities:");
    let mut seen: IndexMap<&str, usize> = IndexMap::new();
    for (index, file) in &files.entities {
        let mut overrides = Vec::new();
        let mut extended = 0;
        for entity in &file.entity {
            if entity.extend {
                extended += 1;
                continue;
            }
            if let Some(previous) = seen.insert(entity.name.as_str(), *index)
                && previous != *index
            {
                overrides.push(entity.name.as_str());
            }
        }
        let _ = write!(
            out,
            "  {}: {} entities",
            name(*index),
            file.entity.len() - extended
        );
        if extended > 0 {
            let _ = write!(out, "; adds names to {extended} defined elsewhere");
        }
        if !overrides.is_empty() {
            let _ = write!(out, "; overrides {}", overrides.join(", "));
        }
        out.push('\n');
    }
    if !files.places.is_empty() {
        let _ = writeln!(out, "\nPlaces:");
    }
    for (index, table) in &files.places {
        let count = |kind: PlaceKind| table.rows.iter().filter(|r| r.kind == kind).count();
        let _ = writeln!(
            out,
            "  {}: {} regions, {} cities, {} areas",
            name(*index),
            count(PlaceKind::Region),
            count(PlaceKind::City),
            count(PlaceKind::Area)
        );
    }
    out
}

fn describe_source(source: &RuleSource) -> String {
    source.path.display().to_string()
}
