//! Prepares the embedded rules ahead of time, so that a run parses no TOML
//! for the defaults (see `src/rules/prebuilt.rs`), and does not read
//! `rules/places/places.tsv` and cut every place name into words when a
//! document first asks for a place.
//!
//! Output: `$OUT_DIR/rules/*.json` and `$OUT_DIR/prebuilt_rules.rs`, the
//! table of them: each rule file of `rules/` (but the tests) parsed with the
//! crate's own serde structs (`src/rules/files/`) and written back as JSON,
//! with, for a language pack, its head (`[language]`, units, exclusion
//! patterns) apart. A file that does not parse, or whose JSON does not read
//! back the same, is left out: the run then reads the TOML, and reports it.
//!
//! And `$OUT_DIR/places.bin`, embedded in the binary (see
//! `src/rules/compile/places.rs`): every place of the table (id, kind, name,
//! country, parent, population) after a list of where each starts; the
//! lexicon of the English names every Latin-script language reads; and for
//! each language pack of `rules/lang/` the lexicon of the other names its
//! documents are read with. Each is built as the gazetteer would build it
//! and written whole (`src/lexicon/bytes.rs`), so that a run reads it in
//! place instead of inserting tens of thousands of names. The code that
//! normalises, cuts and indexes them is the crate's own (`src/normalize/`,
//! `src/letters.rs`, `src/lexicon/`, `src/rules/compile/place_names.rs`),
//! included here, so the prepared names are those the gazetteer would build
//! at run time (a test checks it). The table is checked by `crosscheck rules
//! check` and by the tests, not here: a row that would not parse is left
//! out here as it would be there.
//!
//! And `$OUT_DIR/entities.bin` (see `prepare_entities`): the embedded
//! entities files merged, and each pack's names compiled, by the crate's own
//! code (`src/rules/compile/entities.rs`).

// The crate's modules are included whole: what only the crate uses (its
// items and their re-exports) is unused here.
#![allow(dead_code, unused_imports)]

#[path = "src/rules/compile/entities.rs"]
mod entities;
#[path = "src/rules/files/mod.rs"]
mod files;
#[path = "src/letters.rs"]
mod letters;
#[path = "src/lexicon/mod.rs"]
mod lexicon;
#[path = "src/normalize/mod.rs"]
mod normalize;
#[path = "src/rules/compile/place_names.rs"]
mod place_names;

/// The crate's path to the rule files' structs, for the modules included.
mod rules {
    pub(crate) use super::files;
}

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

/// What a rule file holds, told by its top-level keys as `rules check` tells it.
enum FileKind {
    Kinds,
    Entities,
    Language,
}

fn file_kind(table: &toml::Table) -> Option<FileKind> {
    if table.contains_key("language") {
        Some(FileKind::Language)
    } else if ["kind", "reconcile", "group"]
        .iter()
        .any(|k| table.contains_key(*k))
    {
        Some(FileKind::Kinds)
    } else if table.contains_key("entity") {
        Some(FileKind::Entities)
    } else {
        None
    }
}

/// The file parsed as `T` and written as JSON, when that JSON reads back
/// as the same file.
fn prebuilt_json<T>(text: &str) -> Option<(String, serde_json::Value)>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let parsed: T = toml::from_str(text).ok()?;
    let value = serde_json::to_value(&parsed).ok()?;
    let json = serde_json::to_string(&parsed).ok()?;
    let again: T = serde_json::from_str(&json).ok()?;
    (serde_json::to_value(&again).ok()? == value).then_some((json, value))
}

/// A pack's head: what the rule set reads of it before it compiles it.
fn pack_head(value: &serde_json::Value) -> Option<String> {
    let patterns = value.get("exclusions")?.get("patterns")?.clone();
    let head = serde_json::json!({
        "format": value.get("format")?,
        "language": value.get("language")?,
        "units": value.get("units")?,
        "exclusions": { "patterns": patterns },
    });
    Some(head.to_string())
}

/// Writes the prebuilt form of every rule file under `rules/` (but the
/// tests and the places table) and the table that names them.
fn prebuild_rules(out_dir: &Path) {
    let mut paths = vec![
        "rules/kinds.toml".to_string(),
        "rules/entities.toml".to_string(),
    ];
    for dir in ["rules/lang", "rules/names"] {
        let mut found: Vec<String> = std::fs::read_dir(dir)
            .expect("a rules folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    let dir = out_dir.join("rules");
    std::fs::create_dir_all(&dir).expect("$OUT_DIR/rules");
    let mut table = String::from(
        "// Generated by build.rs: the embedded rule files in their prebuilt form.\n\
         pub(super) static FILES: &[(&str, Prebuilt)] = &[\n",
    );
    let put = |name: &str, json: &str| {
        std::fs::write(dir.join(name), json).expect("a prebuilt rule file");
        format!("include_str!(concat!(env!(\"OUT_DIR\"), \"/rules/{name}\"))")
    };
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("a rule file");
        let Some(kind) = toml::from_str::<toml::Table>(&text)
            .ok()
            .and_then(|t| file_kind(&t))
        else {
            continue;
        };
        let name = path
            .trim_start_matches("rules/")
            .replace(".toml", ".json")
            .replace('/', "-");
        let entry = match kind {
            FileKind::Kinds => prebuilt_json::<files::KindsFile>(&text)
                .map(|(json, _)| format!("Prebuilt::Kinds({})", put(&name, &json))),
            FileKind::Entities => prebuilt_json::<files::EntitiesFile>(&text)
                .map(|(json, _)| format!("Prebuilt::Entities({})", put(&name, &json))),
            FileKind::Language => {
                prebuilt_json::<files::LanguageFile>(&text).and_then(|(json, value)| {
                    let head = pack_head(&value)?;
                    let file = put(&name, &json);
                    let head = put(&format!("head-{name}"), &head);
                    Some(format!(
                        "Prebuilt::Language {{ head: {head}, file: {file} }}"
                    ))
                })
            }
        };
        if let Some(entry) = entry {
            table.push_str(&format!("    ({path:?}, {entry}),\n"));
        }
    }
    table.push_str("];\n");
    std::fs::write(out_dir.join("prebuilt_rules.rs"), table).expect("prebuilt_rules.rs");
}

/// The paths of the embedded rule files in load order, as `EMBEDDED` in
/// `src/rules/mod.rs` lists them.
fn embedded_paths() -> Vec<String> {
    let text = std::fs::read_to_string("src/rules/mod.rs").expect("src/rules/mod.rs");
    let Some(start) = text.find("pub const EMBEDDED") else {
        return Vec::new();
    };
    let list = &text[start..];
    let list = &list[..list.find("];").unwrap_or(list.len())];
    list.split('"')
        .filter(|part| part.starts_with("rules/"))
        .map(String::from)
        .collect()
}

/// The embedded entities files merged, their entities and people's names,
/// and each pack's names compiled, as a run would: `$OUT_DIR/entities.bin`
/// (read by `src/rules/compile/prepared.rs`). The number of entities; the
/// files' paths in load order and the packs' codes, sorted, which a run
/// checks against its own; the entities part as JSON; each code's names
/// (`src/lexicon/bytes.rs`), payloads numbered as the index, doubled, plus
/// one for an adjective. Only the number 0 when a file does not parse: a
/// run then merges and compiles the names itself.
fn prepare_entities(out_dir: &Path) {
    let mut out = Vec::new();
    if let Some(prepared) = prepared_entities() {
        out = prepared;
    } else {
        put_u32(&mut out, 0);
    }
    std::fs::write(out_dir.join("entities.bin"), out).expect("entities.bin written");
}

fn prepared_entities() -> Option<Vec<u8>> {
    let mut paths = Vec::new();
    let mut parsed = Vec::new();
    for path in embedded_paths() {
        if !path.ends_with(".toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).ok()?;
        let table: toml::Table = toml::from_str(&text).ok()?;
        if let Some(FileKind::Entities) = file_kind(&table) {
            parsed.push(toml::from_str::<files::EntitiesFile>(&text).ok()?);
            paths.push(path);
        }
    }
    let mut codes: Vec<String> = packs(Path::new("rules/lang"))
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    codes.sort();
    codes.dedup();
    let (part, defs) = entities::entities_part(parsed);
    let mut out = Vec::new();
    put_u32(&mut out, part.entities.len() as u32);
    put_u32(&mut out, paths.len() as u32);
    paths.iter().for_each(|path| put_str(&mut out, path));
    put_u32(&mut out, codes.len() as u32);
    codes.iter().for_each(|code| put_str(&mut out, code));
    put_str(&mut out, &serde_json::to_string(&part).ok()?);
    for code in &codes {
        let names = entities::names_lexicon(&defs, code, &codes);
        names.write_bytes(&mut out, |hit| {
            (hit.index as u32) << 1 | u32::from(hit.as_demonym)
        });
    }
    Some(out)
}

fn main() {
    println!("cargo::rerun-if-changed=rules/kinds.toml");
    println!("cargo::rerun-if-changed=rules/entities.toml");
    println!("cargo::rerun-if-changed=rules/names");
    println!("cargo::rerun-if-changed=src/rules/files");
    println!("cargo::rerun-if-changed=src/rules/mod.rs");
    println!("cargo::rerun-if-changed=src/rules/compile/entities.rs");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    prebuild_rules(Path::new(&out_dir));
    prepare_entities(Path::new(&out_dir));
    println!("cargo::rerun-if-changed=rules/places/places.tsv");
    println!("cargo::rerun-if-changed=rules/lang");
    println!("cargo::rerun-if-changed=src/normalize");
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
    let mut places = Vec::new();
    // Where each place's bytes start among the places: a run finds the one
    // a document names without passing over those before it.
    let mut starts = Vec::with_capacity(kept.len());
    for row in &kept {
        starts.push(places.len() as u32);
        places.push(row.kind);
        let parent = row
            .parent
            .and_then(|p| by_id.get(p))
            .map_or(u32::MAX, |&i| i as u32);
        put_u32(&mut places, parent);
        places.extend_from_slice(&row.population.unwrap_or(u64::MAX).to_le_bytes());
        put_str(&mut places, row.id);
        put_str(&mut places, row.name);
        put_str(&mut places, row.country);
    }
    // The count, then the length of the starts and places together (a run
    // passes over them to the names), the starts, and the places, each read
    // only when a document names it.
    let mut out = Vec::new();
    put_u32(&mut out, kept.len() as u32);
    put_u32(&mut out, (4 * starts.len() + places.len()) as u32);
    for start in starts {
        put_u32(&mut out, start);
    }
    out.extend_from_slice(&places);
    // The English names every Latin-script language shares, once.
    let mut shared: lexicon::Lexicon<u32> = lexicon::Lexicon::new();
    for (place, row) in kept.iter().enumerate() {
        for (language, names) in &row.names {
            if *language != "en" {
                continue;
            }
            for text in names {
                if !place_names::english_spelling_is_shared(text, row.ambiguous.iter().copied()) {
                    continue;
                }
                let flagged = row
                    .ambiguous
                    .iter()
                    .any(|(fl, ft)| *fl == "en" && ft == text);
                let value = ((place as u32) << 1) | u32::from(flagged);
                for variant in place_names::written_variants(text) {
                    shared.insert_compiled(&lexicon::compile_phrase(&variant), value);
                }
            }
        }
    }
    let mut bytes = Vec::new();
    shared.write_bytes(&mut bytes, |value| *value);
    put_u32(&mut out, bytes.len() as u32);
    out.extend_from_slice(&bytes);
    let packs = packs(Path::new("rules/lang"));
    put_u32(&mut out, packs.len() as u32);
    for (code, script) in &packs {
        put_str(&mut out, code);
        out.push(*script);
        // The lexicon the gazetteer would build, built here and written whole.
        let mut lexicon: lexicon::Lexicon<u32> = lexicon::Lexicon::new();
        let mut add = |phrase: &str, value: u32| {
            lexicon.insert_compiled(&lexicon::compile_phrase(phrase), value);
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
                    // The spelling itself is in the shared lexicon, its
                    // transliteration here.
                    let shared = travels
                        && place_names::english_spelling_is_shared(
                            text,
                            row.ambiguous.iter().copied(),
                        );
                    let spellings = std::iter::once(text.to_string()).filter(|_| !shared).chain(
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
        let mut bytes = Vec::new();
        lexicon.write_bytes(&mut bytes, |value| *value);
        put_u32(&mut out, bytes.len() as u32);
        out.extend_from_slice(&bytes);
    }
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("places.bin");
    std::fs::write(target, out).expect("places.bin written");
}
