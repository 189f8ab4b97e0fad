//! Prepares the embedded gazetteer ahead of time, so that a run does not
//! read `rules/places/places.tsv` and cut every place name into words when a
//! document first asks for a place.
//!
//! Output: `$OUT_DIR/places.bin`, embedded in the binary (see
//! `src/rules/compile/places.rs`): every place of the table (id, kind, name,
//! country, parent, population), and for each language pack of `rules/lang/`
//! the names its documents are read with, already normalised and cut into
//! pattern words, in the order the gazetteer would insert them. The code
//! that normalises and cuts them is the crate's own (`src/normalize.rs`,
//! `src/letters.rs`, `src/lexicon/`, `src/rules/compile/place_names.rs`),
//! included here, so the prepared names are those the gazetteer would build
//! at run time (a test checks it). The table is checked by `crosscheck
//! rules check` and by the tests, not here: a row that would not parse is
//! left out here as it would be there.

// The crate's modules are included whole: what only the crate uses (its
// items and their re-exports) is unused here.
#![allow(dead_code, unused_imports)]

#[path = "src/letters.rs"]
mod letters;
#[path = "src/lexicon/mod.rs"]
mod lexicon;
#[path = "src/normalize.rs"]
mod normalize;
#[path = "src/rules/compile/place_names.rs"]
mod place_names;

use std::collections::HashMap;
use std::path::Path;

const FIXED_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "name",
    "country",
    "cc",
    "parent",
    "population",
];

struct Row<'a> {
    id: &'a str,
    kind: u8,
    name: &'a str,
    country: &'a str,
    parent: Option<&'a str>,
    population: Option<u64>,
    names: Vec<(&'a str, Vec<&'a str>)>,
    ambiguous: Vec<(&'a str, &'a str)>,
}

fn cell(text: &str) -> Vec<&str> {
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The rows of the table that parse, as `rules::places::parse_places` reads them.
fn rows(text: &str) -> Vec<Row<'_>> {
    let mut header: Option<Vec<&str>> = None;
    let mut rows = Vec::new();
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let Some(columns) = &header else {
            header = Some(fields);
            continue;
        };
        if fields.len() != columns.len() {
            continue;
        }
        let kind = match fields[1].trim() {
            "area" => 0,
            "region" => 1,
            "city" => 2,
            _ => continue,
        };
        let population = match fields[6].trim() {
            "" => None,
            text => match text.parse::<u64>() {
                Ok(value) => Some(value),
                Err(_) => continue,
            },
        };
        let languages = FIXED_COLUMNS.len()..columns.len() - 1;
        let names: Vec<(&str, Vec<&str>)> = languages
            .clone()
            .map(|c| (columns[c], cell(fields[c])))
            .filter(|(_, spellings)| !spellings.is_empty())
            .collect();
        let mut ambiguous = Vec::new();
        let mut sound = true;
        for entry in cell(fields[columns.len() - 1]) {
            match entry.split_once(':') {
                Some((code, spelling))
                    if !spelling.is_empty() && columns[languages.clone()].contains(&code) =>
                {
                    ambiguous.push((code, spelling));
                }
                _ => sound = false,
            }
        }
        let (id, name, country) = (fields[0].trim(), fields[2].trim(), fields[3].trim());
        if !sound || id.is_empty() || name.is_empty() || country.is_empty() {
            continue;
        }
        let parent = Some(fields[5].trim()).filter(|p| !p.is_empty());
        rows.push(Row {
            id,
            kind,
            name,
            country,
            parent,
            population,
            names,
            ambiguous,
        });
    }
    rows
}

fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_u32(out, text.len() as u32);
    out.extend_from_slice(text.as_bytes());
}

/// The code and script (0 Latin, 1 Arabic, 2 Cyrillic) of each pack.
fn packs(dir: &Path) -> Vec<(String, u8)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("rules/lang")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let value = |line: &str, key: &str| {
        let rest = line
            .trim()
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix('=')?;
        Some(rest.trim().trim_matches('"').to_string())
    };
    let mut packs = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a language pack");
        let (mut code, mut script, mut in_language) = (None, None, false);
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with('[') {
                in_language = trimmed == "[language]";
                continue;
            }
            if in_language {
                code = code.or_else(|| value(trimmed, "code"));
                script = script.or_else(|| value(trimmed, "script"));
            }
        }
        let script = match script.as_deref() {
            Some("arabic") => 1,
            Some("cyrillic") => 2,
            _ => 0,
        };
        if let Some(code) = code {
            packs.push((code, script));
        }
    }
    packs
}

fn main() {
    println!("cargo::rerun-if-changed=rules/places/places.tsv");
    println!("cargo::rerun-if-changed=rules/lang");
    println!("cargo::rerun-if-changed=src/normalize.rs");
    println!("cargo::rerun-if-changed=src/letters.rs");
    println!("cargo::rerun-if-changed=src/lexicon");
    println!("cargo::rerun-if-changed=src/rules/compile/place_names.rs");
    let text = std::fs::read_to_string("rules/places/places.tsv").expect("the places table");
    let rows = rows(&text);
    // A later row with the same id replaces the earlier one, in its place.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut kept: Vec<Row> = Vec::new();
    for row in rows {
        match by_id.get(row.id) {
            Some(&at) => kept[at] = row,
            None => {
                by_id.insert(row.id, kept.len());
                kept.push(row);
            }
        }
    }
    let mut out = Vec::new();
    put_u32(&mut out, kept.len() as u32);
    for row in &kept {
        out.push(row.kind);
        let parent = row
            .parent
            .and_then(|p| by_id.get(p))
            .map_or(u32::MAX, |&i| i as u32);
        put_u32(&mut out, parent);
        out.extend_from_slice(&row.population.unwrap_or(u64::MAX).to_le_bytes());
        put_str(&mut out, row.id);
        put_str(&mut out, row.name);
        put_str(&mut out, row.country);
    }
    let packs = packs(Path::new("rules/lang"));
    put_u32(&mut out, packs.len() as u32);
    for (code, script) in &packs {
        put_str(&mut out, code);
        out.push(*script);
        let mut phrases: Vec<u8> = Vec::new();
        let mut count = 0u32;
        let mut add = |phrase: &str, value: u32| {
            let words = lexicon::compile_phrase(phrase);
            if words.is_empty() {
                return;
            }
            put_u32(&mut phrases, value);
            phrases.push(words.len() as u8);
            for (kind, word) in &words {
                phrases.push(match kind {
                    lexicon::WordKind::Exact => 0,
                    lexicon::WordKind::Prefix => 1,
                    lexicon::WordKind::Acronym => 2,
                });
                put_str(&mut phrases, word);
            }
            count += 1;
        };
        for (place, row) in kept.iter().enumerate() {
            for (language, names) in &row.names {
                let own = language == code;
                let travels = *language == "en" && *script == 0;
                if !own && !travels {
                    continue;
                }
                for text in names {
                    let flagged =
                        |l: &str| row.ambiguous.iter().any(|(fl, ft)| *fl == l && ft == text);
                    let ambiguous = flagged(language) || travels && flagged(code);
                    let value = ((place as u32) << 1) | u32::from(ambiguous);
                    let spellings = std::iter::once(text.to_string()).chain(
                        travels
                            .then(|| place_names::transliterated(text, code))
                            .flatten(),
                    );
                    for variant in
                        spellings.flat_map(|spelling| place_names::written_variants(&spelling))
                    {
                        add(&variant, value);
                    }
                    if *script == 2
                        && let Some(stem) = place_names::inflected_stem(text)
                    {
                        add(&format!("{stem}*"), value);
                    }
                }
            }
        }
        put_u32(&mut out, 4 + phrases.len() as u32);
        put_u32(&mut out, count);
        out.extend_from_slice(&phrases);
    }
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("places.bin");
    std::fs::write(target, out).expect("places.bin written");
}
