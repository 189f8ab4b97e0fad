//! Checking one rule file's structure, reporting every problem with its span.
//!
//! serde stops at the first problem of a document, so each top-level table (and
//! each entry of an array of tables) is deserialised on its own: a file with a
//! typo in `[numbers]` and a wrong type in `[[kind]]` gets both reported. Keys
//! that nothing reads get a "did you mean" from the keys that exist.

use std::ops::Range;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::RuleSource;
use super::diagnostic::{Diagnostic, did_you_mean};
use super::files::{
    AttributionDef, DatesDef, EntitiesFile, EntityDef, ExclusionsDef, FORMAT_VERSION,
    GroupSettings, KindDef, KindsFile, LanguageFile, LanguageMeta, ModalityDef, NumbersDef,
    PlacesDef, QualifiersDef, RangeDef, ReconcileSettings, UnitDef, WindowsDef,
};

/// A rule file parsed into its type.
#[derive(Debug, Clone)]
pub enum ParsedFile {
    /// A file with `[[kind]]` entries, `[reconcile]` or `[group]`.
    Kinds(KindsFile),
    /// A file with a `[language]` table: a pack or a pack extension.
    Language(Box<LanguageFile>),
    /// A file with `[[entity]]` entries.
    Entities(EntitiesFile),
}

const LANGUAGE_KEYS: &[&str] = &[
    "format",
    "language",
    "numbers",
    "qualifiers",
    "range",
    "attribution",
    "modality",
    "part-of",
    "part-of-after",
    "part-of-counted",
    "increment",
    "increment-after",
    "kind-joiners",
    "causes",
    "dates",
    "kinds",
    "units",
    "exclusions",
    "places",
    "rates",
    "grades",
    "windows",
    "remove",
];
const KINDS_KEYS: &[&str] = &[
    "format",
    "kind",
    "reconcile",
    "group",
    "generic-units",
    "default-kind",
    "default-noun",
];
const ENTITIES_KEYS: &[&str] = &["format", "entity"];

/// Parses and checks one rule file. The file is returned only when it has no error.
pub fn check_source(source: &RuleSource) -> (Option<ParsedFile>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let (table, syntax_errors) = DeTable::parse_recoverable(&source.text);
    for error in syntax_errors {
        let span = error.span().unwrap_or(0..0);
        problems.push(diagnostic(
            source,
            "R001",
            span,
            error.message().trim().to_string(),
        ));
    }
    if !problems.is_empty() {
        return (None, problems);
    }
    let table = table.into_inner();
    let has = |key: &str| table.keys().any(|k| k.get_ref() == key);
    let known: &[&str] = if has("language") {
        LANGUAGE_KEYS
    } else if has("kind") || has("reconcile") || has("group") {
        KINDS_KEYS
    } else if has("entity") {
        ENTITIES_KEYS
    } else {
        problems.push(
            diagnostic(source, "R002", 0..0, "not a rule file".to_string()).with_help(
                "a rule file has a [language] table (a language pack), [[kind]] entries (claim kinds) or \
                 [[entity]] entries (names)",
            ),
        );
        return (None, problems);
    };
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        if !known.contains(&name) {
            let mut problem =
                diagnostic(source, "R002", key.span(), format!("unknown key `{name}`"));
            problem = match did_you_mean(name, known.iter().copied()) {
                Some(suggestion) => problem.with_label(format!("did you mean `{suggestion}`?")),
                None => {
                    problem.with_help(format!("the keys of this file are: {}", known.join(", ")))
                }
            };
            problems.push(problem);
            continue;
        }
        check_key(source, name, value, &mut problems);
    }
    check_format(source, &table, &mut problems);
    if !problems.is_empty() {
        // The entries that are sound still take part in the checks across files
        // (a duplicate id is found even beside a typo); nothing loads from them.
        return (partial(&table, known), problems);
    }
    let parsed = if known == LANGUAGE_KEYS {
        parse_whole::<LanguageFile>(source, &mut problems)
            .map(|file| ParsedFile::Language(Box::new(file)))
    } else if known == KINDS_KEYS {
        parse_whole::<KindsFile>(source, &mut problems).map(ParsedFile::Kinds)
    } else {
        parse_whole::<EntitiesFile>(source, &mut problems).map(ParsedFile::Entities)
    };
    (parsed, problems)
}

/// The sound `[[kind]]` or `[[entity]]` entries of a file that has problems.
fn partial(table: &DeTable, known: &[&str]) -> Option<ParsedFile> {
    let entries = |name: &str| -> Vec<Spanned<DeValue>> {
        table
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .and_then(|(_, v)| match v.get_ref() {
                DeValue::Array(items) => Some(items.iter().cloned().collect()),
                _ => None,
            })
            .unwrap_or_default()
    };
    if known == KINDS_KEYS {
        // A broken entry still names its id, for the duplicate check.
        let kind: Vec<KindDef> = entries("kind")
            .into_iter()
            .filter_map(|item| {
                KindDef::deserialize(ValueDeserializer::from(item.clone()))
                    .ok()
                    .or_else(|| id_only(&item))
            })
            .collect();
        return Some(ParsedFile::Kinds(KindsFile {
            format: FORMAT_VERSION,
            kind,
            reconcile: None,
            group: None,
            generic_units: Vec::new(),
            default_kind: None,
            default_noun: None,
        }));
    }
    if known == ENTITIES_KEYS {
        let entity: Vec<EntityDef> = sound(entries("entity"));
        return Some(ParsedFile::Entities(EntitiesFile {
            format: FORMAT_VERSION,
            entity,
        }));
    }
    None
}

fn id_only(item: &Spanned<DeValue>) -> Option<KindDef> {
    let DeValue::Table(table) = item.get_ref() else {
        return None;
    };
    let (_, id) = table.iter().find(|(k, _)| k.get_ref() == "id")?;
    let DeValue::String(id) = id.get_ref() else {
        return None;
    };
    Some(KindDef {
        id: id.to_string(),
        summary: String::new(),
        running_total: false,
        enabled: true,
        by_place: false,
        graded: false,
        by_site: false,
        combines: Vec::new(),
        by_noun: false,
        counts_people: false,
        harm: false,
        outranks: Vec::new(),
        subject_phrase: None,
        subject_by_unit: false,
        measures_time: false,
    })
}

fn sound<T: DeserializeOwned>(items: Vec<Spanned<DeValue>>) -> Vec<T> {
    items
        .into_iter()
        .filter_map(|item| T::deserialize(ValueDeserializer::from(item)).ok())
        .collect()
}

/// Deserialises the value of one top-level key into the type that reads it.
fn check_key(
    source: &RuleSource,
    key: &str,
    value: &Spanned<DeValue>,
    problems: &mut Vec<Diagnostic>,
) {
    match key {
        "format" => check_value::<u32>(source, value, problems),
        "language" => check_value::<LanguageMeta>(source, value, problems),
        "numbers" => check_value::<NumbersDef>(source, value, problems),
        "qualifiers" => check_value::<QualifiersDef>(source, value, problems),
        "range" => check_each::<RangeDef>(source, value, problems),
        "attribution" => check_value::<AttributionDef>(source, value, problems),
        "modality" => check_value::<ModalityDef>(source, value, problems),
        "part-of" | "part-of-after" | "part-of-counted" | "increment" | "increment-after"
        | "kind-joiners" | "causes" => check_value::<Vec<String>>(source, value, problems),
        "dates" => check_value::<DatesDef>(source, value, problems),
        "kinds" => check_value::<indexmap::IndexMap<String, Vec<String>>>(source, value, problems),
        "units" => check_table_entries::<UnitDef>(source, value, problems),
        "exclusions" => check_value::<ExclusionsDef>(source, value, problems),
        "places" => check_value::<PlacesDef>(source, value, problems),
        "rates" | "grades" => {
            check_value::<indexmap::IndexMap<String, Vec<String>>>(source, value, problems)
        }
        "windows" => check_value::<WindowsDef>(source, value, problems),
        "remove" => check_value::<toml::Table>(source, value, problems),
        "kind" => check_each::<KindDef>(source, value, problems),
        "default-kind" | "default-noun" => check_value::<String>(source, value, problems),
        "reconcile" => check_value::<ReconcileSettings>(source, value, problems),
        "group" => check_value::<GroupSettings>(source, value, problems),
        "entity" => check_each::<EntityDef>(source, value, problems),
        _ => {}
    }
}

fn check_value<T: DeserializeOwned>(
    source: &RuleSource,
    value: &Spanned<DeValue>,
    problems: &mut Vec<Diagnostic>,
) {
    if let Err(error) = T::deserialize(ValueDeserializer::from(value.clone())) {
        problems.push(serde_problem(source, &error, value.span()));
    }
}

/// Each entry of an array of tables on its own, so every broken entry is reported.
fn check_each<T: DeserializeOwned>(
    source: &RuleSource,
    value: &Spanned<DeValue>,
    problems: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::Array(items) => {
            for item in items.iter() {
                check_value::<T>(source, item, problems);
            }
        }
        _ => check_value::<Vec<T>>(source, value, problems),
    }
}

/// Each value of a table of tables (`[units.soldiers]`) on its own.
fn check_table_entries<T: DeserializeOwned>(
    source: &RuleSource,
    value: &Spanned<DeValue>,
    problems: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::Table(entries) => {
            for (_, entry) in entries.iter() {
                check_value::<T>(source, entry, problems);
            }
        }
        _ => check_value::<indexmap::IndexMap<String, T>>(source, value, problems),
    }
}

/// Turns a serde error into a diagnostic; an unknown field gets a suggestion.
fn serde_problem(
    source: &RuleSource,
    error: &toml::de::Error,
    fallback: Range<usize>,
) -> Diagnostic {
    let span = error.span().unwrap_or(fallback);
    let message = error.message().trim().to_string();
    if let Some((unknown, expected)) = unknown_field(&message) {
        let mut problem = diagnostic(source, "R002", span, format!("unknown key `{unknown}`"));
        problem = match did_you_mean(&unknown, expected.iter().map(String::as_str)) {
            Some(suggestion) => problem.with_label(format!("did you mean `{suggestion}`?")),
            None => problem.with_help(format!("the keys here are: {}", expected.join(", "))),
        };
        return problem;
    }
    diagnostic(source, "R003", span, message)
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" (or "expected `a` or `b`").
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((unknown.to_string(), expected))
}

fn check_format(source: &RuleSource, table: &DeTable, problems: &mut Vec<Diagnostic>) {
    let format = table.iter().find(|(k, _)| k.get_ref() == "format");
    let version = format.and_then(|(_, v)| match v.get_ref() {
        DeValue::Integer(integer) => integer.as_str().parse::<i64>().ok(),
        _ => None,
    });
    if version == Some(i64::from(FORMAT_VERSION)) {
        return;
    }
    let span = format.map_or(0..0, |(_, v)| v.span());
    let written = version.map_or("(missing)".to_string(), |v| v.to_string());
    problems.push(
        diagnostic(
            source,
            "R008",
            span,
            format!("unsupported rule format {written}"),
        )
        .with_help(format!(
            "this build reads `format = {FORMAT_VERSION}`; put it at the top of the file"
        )),
    );
}

fn parse_whole<T: DeserializeOwned>(
    source: &RuleSource,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    match toml::from_str::<T>(&source.text) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            problems.push(serde_problem(source, &error, 0..0));
            None
        }
    }
}

pub(super) fn diagnostic(
    source: &RuleSource,
    code: &'static str,
    span: Range<usize>,
    message: String,
) -> Diagnostic {
    Diagnostic::new(code, source.path.clone(), &source.text, span, message)
}

/// A step in a path into a TOML document.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
    /// The string equal to this, in an array.
    Item(&'a str),
}

/// The span of the value at `path` in `text` (of the key, when `key` is true).
pub fn locate(text: &str, path: &[Step], key: bool) -> Option<Range<usize>> {
    let table = DeTable::parse(text).ok()?;
    let mut current: &DeTable = table.get_ref();
    let mut value: Option<&Spanned<DeValue>> = None;
    let mut key_span = None;
    for (position, step) in path.iter().enumerate() {
        let next = match (step, value.map(Spanned::get_ref)) {
            (Step::Key(name), None) | (Step::Key(name), Some(DeValue::Table(_))) => {
                let (k, v) = current.iter().find(|(k, _)| k.get_ref() == name)?;
                key_span = Some(k.span());
                v
            }
            (Step::Index(index), Some(DeValue::Array(items))) => items.get(*index)?,
            (Step::Item(wanted), Some(DeValue::Array(items))) => items.iter().find(
                |item| matches!(item.get_ref(), DeValue::String(s) if s.as_ref() == *wanted),
            )?,
            _ => return None,
        };
        value = Some(next);
        if let DeValue::Table(inner) = next.get_ref() {
            current = inner;
        } else if position + 1 < path.len() && !matches!(next.get_ref(), DeValue::Array(_)) {
            return None;
        }
    }
    if key {
        key_span
    } else {
        value.map(Spanned::span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn check(text: &str) -> Vec<String> {
        let source = RuleSource {
            path: PathBuf::from("t.toml"),
            text: text.to_string(),
            origin: super::super::Origin::Embedded,
        };
        check_source(&source)
            .1
            .iter()
            .map(|d| {
                format!(
                    "{}:{}:{} {} {}",
                    d.line,
                    d.column,
                    d.code,
                    d.message,
                    d.label.clone().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn every_problem_in_a_file_is_reported() {
        let problems = check(
            "format = 1\n[[kind]]\nid = \"a\"\nsumary = \"x\"\n[[kind]]\nid = 3\n[reconcile]\nwindow-days = \"two weeks\"\n",
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].starts_with("4:1:R002 unknown key `sumary` did you mean `summary`?"),
            "{problems:?}"
        );
        assert!(problems[1].starts_with("6:6:R003"), "{problems:?}");
        assert!(problems[2].starts_with("8:15:R003"), "{problems:?}");
    }

    #[test]
    fn unknown_top_level_keys_and_syntax_errors() {
        let problems = check("format = 1\n[[kind]]\nid = \"a\"\n[reconcil]\n");
        assert!(
            problems[0].starts_with("4:2:R002 unknown key `reconcil` did you mean `reconcile`?"),
            "{problems:?}"
        );
        let problems = check("format = 1\n[[kind]\n");
        assert!(problems[0].contains("R001"), "{problems:?}");
    }

    /// The rule-format documentation names every top-level key and every code.
    #[test]
    fn docs_cover_every_key_and_code() {
        let docs = include_str!("../../docs/rules.md");
        for key in LANGUAGE_KEYS.iter().chain(KINDS_KEYS).chain(ENTITIES_KEYS) {
            assert!(
                docs.contains(&format!("`{key}`")) || docs.contains(&format!("[{key}")),
                "docs/rules.md lacks `{key}`"
            );
        }
        for (key, _) in WindowsDef::default().entries() {
            assert!(
                docs.contains(&format!("| `{key}` |")),
                "docs/rules.md lacks window `{key}`"
            );
        }
        for (code, _) in super::super::diagnostic::CODES {
            assert!(
                docs.contains(&format!("| {code} |")),
                "docs/rules.md lacks {code}"
            );
        }
    }

    #[test]
    fn locate_finds_nested_values() {
        let text = "format = 1\n[kinds]\nkilled = [\"a\", \"b\"]\n[[range]]\njoin = [\"x\"]\n";
        let span = locate(
            text,
            &[Step::Key("kinds"), Step::Key("killed"), Step::Item("b")],
            false,
        )
        .unwrap();
        assert_eq!(&text[span], "\"b\"");
        let span = locate(
            text,
            &[Step::Key("range"), Step::Index(0), Step::Key("join")],
            false,
        )
        .unwrap();
        assert_eq!(&text[span], "[\"x\"]");
        let span = locate(text, &[Step::Key("kinds"), Step::Key("killed")], true).unwrap();
        assert_eq!(&text[span], "killed");
    }
}
