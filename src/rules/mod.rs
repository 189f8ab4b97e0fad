//! Rules: loading, validating and compiling the TOML rule files.
//!
//! Input: the rule files embedded in the binary, plus any folders given with
//! `--rules`. Output: a [`RuleSet`] ready for matching. A rule folder extends
//! the defaults: a language file with the same code adds to that language's
//! lists and overrides its single values, a kind with the same id replaces the
//! default one, and an entity with the same name replaces the default entity.
//! Every problem is reported with the file, line and column it comes from.

mod compile;
pub mod files;

use std::fmt;
use std::path::{Path, PathBuf};

pub use compile::{Entity, EntityRef, Language, Qualifier, RuleSet, Unit};
use files::{EntitiesFile, FORMAT_VERSION, KindsFile, LanguageFile};

/// The default rule set, embedded so the tool works with no configuration.
const EMBEDDED: &[(&str, &str)] = &[
    ("rules/kinds.toml", include_str!("../../rules/kinds.toml")),
    (
        "rules/entities.toml",
        include_str!("../../rules/entities.toml"),
    ),
    (
        "rules/lang/ar.toml",
        include_str!("../../rules/lang/ar.toml"),
    ),
    (
        "rules/lang/en.toml",
        include_str!("../../rules/lang/en.toml"),
    ),
];

/// A problem in a rule file, with its position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RuleError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// All the problems found while loading rules; loading stops only after reading every file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// One rule file's text and where it came from.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub path: PathBuf,
    pub text: String,
}

/// The parsed rule files, before compilation.
#[derive(Debug, Clone, Default)]
pub struct RuleFiles {
    pub kinds: Vec<(PathBuf, KindsFile)>,
    pub languages: Vec<(PathBuf, LanguageFile)>,
    pub entities: Vec<(PathBuf, EntitiesFile)>,
    /// Every file read, in order, for `rules list` and for locating problems.
    pub sources: Vec<RuleSource>,
}

/// Loads the embedded rules, then each folder in `extra_dirs` on top of them.
pub fn load(extra_dirs: &[PathBuf]) -> Result<RuleSet, RuleErrors> {
    let mut sources: Vec<RuleSource> = EMBEDDED
        .iter()
        .map(|(path, text)| RuleSource {
            path: PathBuf::from(format!("(embedded) {path}")),
            text: (*text).to_string(),
        })
        .collect();
    let mut errors = Vec::new();
    for dir in extra_dirs {
        match read_rule_dir(dir) {
            Ok(found) => sources.extend(found),
            Err(error) => errors.push(error),
        }
    }
    let files = parse_sources(sources, &mut errors);
    if !errors.is_empty() {
        return Err(RuleErrors(errors));
    }
    compile::compile(&files).map_err(RuleErrors)
}

/// Loads only the embedded default rules.
pub fn load_default() -> Result<RuleSet, RuleErrors> {
    load(&[])
}

/// Every `.toml` file under `dir`, sorted by path so that the merge order is stable.
fn read_rule_dir(dir: &Path) -> Result<Vec<RuleSource>, RuleError> {
    let mut paths = Vec::new();
    collect_toml_files(dir, &mut paths).map_err(|error| RuleError {
        file: dir.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read rule folder: {error}"),
    })?;
    paths.sort();
    let mut sources = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|error| RuleError {
            file: path.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read rule file: {error}"),
        })?;
        sources.push(RuleSource { path, text });
    }
    Ok(sources)
}

fn collect_toml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml_files(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Parses each source by the table that identifies its type.
fn parse_sources(sources: Vec<RuleSource>, errors: &mut Vec<RuleError>) -> RuleFiles {
    let mut files = RuleFiles::default();
    for source in &sources {
        let table: toml::Table = match toml::from_str(&source.text) {
            Ok(table) => table,
            Err(error) => {
                errors.push(toml_error(source, &error));
                continue;
            }
        };
        let path = source.path.clone();
        let before = errors.len();
        if table.contains_key("language") {
            if let Some(parsed) = parse_typed::<LanguageFile>(source, errors) {
                files.languages.push((path, parsed));
            }
        } else if table.contains_key("kind") || table.contains_key("reconcile") {
            if let Some(parsed) = parse_typed::<KindsFile>(source, errors) {
                files.kinds.push((path, parsed));
            }
        } else if table.contains_key("entity") {
            if let Some(parsed) = parse_typed::<EntitiesFile>(source, errors) {
                files.entities.push((path, parsed));
            }
        } else {
            errors.push(RuleError {
                file: path,
                line: 1,
                column: 1,
                message: "not a rule file: expected a [language] table, [[kind]] entries or \
                          [[entity]] entries"
                    .to_string(),
            });
        }
        if errors.len() == before {
            check_format_version(source, &table, errors);
        }
    }
    files.sources = sources;
    files
}

fn parse_typed<T: serde::de::DeserializeOwned>(
    source: &RuleSource,
    errors: &mut Vec<RuleError>,
) -> Option<T> {
    match toml::from_str::<T>(&source.text) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            errors.push(toml_error(source, &error));
            None
        }
    }
}

fn check_format_version(source: &RuleSource, table: &toml::Table, errors: &mut Vec<RuleError>) {
    let version = table.get("format").and_then(toml::Value::as_integer);
    if version != Some(i64::from(FORMAT_VERSION)) {
        errors.push(error_at_key(
            source,
            "format",
            format!(
                "unsupported rule format {}; this build reads format = {FORMAT_VERSION}",
                version.map_or("(missing)".to_string(), |v| v.to_string())
            ),
        ));
    }
}

fn toml_error(source: &RuleSource, error: &toml::de::Error) -> RuleError {
    let offset = error.span().map_or(0, |span| span.start);
    let (line, column) = line_column(&source.text, offset);
    RuleError {
        file: source.path.clone(),
        line,
        column,
        message: error.message().trim().to_string(),
    }
}

/// A problem found after parsing, placed at the first line that mentions `needle`.
pub(crate) fn error_at_key(source: &RuleSource, needle: &str, message: String) -> RuleError {
    let offset = source.text.find(needle).unwrap_or(0);
    let (line, column) = line_column(&source.text, offset);
    RuleError {
        file: source.path.clone(),
        line,
        column,
        message,
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_load() {
        let rules = load_default().expect("embedded rules are valid");
        assert!(rules.language("ar").is_some());
        assert!(rules.language("en").is_some());
        assert!(rules.kinds.contains_key("killed"));
    }

    #[test]
    fn a_typo_is_reported_with_file_line_and_column() {
        let dir = std::env::temp_dir().join(format!("crosscheck-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("kinds.toml"),
            "format = 1\n\n[[kind]]\nid = \"drones\"\nsumary = \"typo\"\n",
        )
        .unwrap();
        let errors = load(std::slice::from_ref(&dir)).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        let first = &errors.0[0];
        assert_eq!((first.line, first.column), (5, 1));
        assert!(
            first.message.contains("unknown field `sumary`"),
            "{}",
            first.message
        );
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nجد x", 8), (2, 4));
    }
}
