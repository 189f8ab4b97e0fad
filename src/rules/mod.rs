//! Rules: loading, validating and compiling the TOML rule files.
//!
//! Input: the rule files embedded in the binary, plus any folders given with
//! `--rules`. Output: a [`RuleSet`] ready for matching, or every problem found,
//! each a [`Diagnostic`] with its file, line and column. A rule folder extends
//! the defaults: a language file with the same code adds to that language's
//! lists (and its `[remove]` table takes entries out), a kind with the same id
//! or an entity with the same name replaces the default one, and `enabled =
//! false` switches a kind or an entity off. `docs/rules.md` documents the format.

pub mod cases;
mod check;
mod compile;
pub mod diagnostic;
pub mod files;
mod list;
pub mod places;
mod prebuilt;
mod validate;

pub use list::list;

use std::fmt;
use std::path::{Path, PathBuf};

pub use check::ParsedFile;
pub use compile::{
    Entity, EntityRef, Gazetteer, Language, Morpheme, Place, PlaceHit, RangePattern, RuleSet, Unit,
    Windows,
};
pub use diagnostic::{Diagnostic, Severity};
use files::{EntitiesFile, KindsFile, LanguageFile};

/// The default rule set, embedded so the tool works with no configuration.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("rules/kinds.toml", include_str!("../../rules/kinds.toml")),
    (
        "rules/entities.toml",
        include_str!("../../rules/entities.toml"),
    ),
    (
        "rules/names/countries.toml",
        include_str!("../../rules/names/countries.toml"),
    ),
    (
        "rules/lang/ar.toml",
        include_str!("../../rules/lang/ar.toml"),
    ),
    (
        "rules/lang/en.toml",
        include_str!("../../rules/lang/en.toml"),
    ),
    (
        "rules/lang/de.toml",
        include_str!("../../rules/lang/de.toml"),
    ),
    (
        "rules/lang/fr.toml",
        include_str!("../../rules/lang/fr.toml"),
    ),
    (
        "rules/lang/es.toml",
        include_str!("../../rules/lang/es.toml"),
    ),
    (
        "rules/lang/ru.toml",
        include_str!("../../rules/lang/ru.toml"),
    ),
    (
        "rules/lang/fa.toml",
        include_str!("../../rules/lang/fa.toml"),
    ),
    (
        "rules/names/de.toml",
        include_str!("../../rules/names/de.toml"),
    ),
    (
        "rules/names/fr.toml",
        include_str!("../../rules/names/fr.toml"),
    ),
    (
        "rules/names/es.toml",
        include_str!("../../rules/names/es.toml"),
    ),
    (
        "rules/names/ru.toml",
        include_str!("../../rules/names/ru.toml"),
    ),
    (
        "rules/names/fa.toml",
        include_str!("../../rules/names/fa.toml"),
    ),
    (
        "rules/places/places.tsv",
        include_str!("../../rules/places/places.tsv"),
    ),
];

/// Where a rule file comes from: the binary, or a folder given with `--rules`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The defaults built into the binary ([`EMBEDDED`]).
    Embedded,
    /// The `--rules` folder (or file) as given on the command line.
    Folder(PathBuf),
}

/// One rule file's text and where it came from.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// The path diagnostics name: the file's path, or `(embedded) rules/...`
    /// for a default.
    pub path: PathBuf,
    /// The file's whole text, kept to show a diagnostic's line.
    pub text: String,
    /// Whether it is a default or which `--rules` folder it came from.
    pub origin: Origin,
}

/// Problems found while loading rules, with the sources needed to show them.
#[derive(Debug, Clone, thiserror::Error)]
pub struct RuleErrors {
    /// The errors, never empty; warnings are left out.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, to render each diagnostic against its text.
    pub sources: Vec<RuleSource>,
}

impl RuleErrors {
    /// Every diagnostic rendered with its line and caret.
    pub fn render(&self) -> String {
        render_all(&self.diagnostics, &self.sources)
    }
}

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// Renders diagnostics, each against the text of its file.
pub fn render_all(diagnostics: &[Diagnostic], sources: &[RuleSource]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let text = sources
            .iter()
            .find(|s| s.path == diagnostic.file)
            .map_or("", |s| s.text.as_str());
        out.push_str(&diagnostic.render(text));
        out.push('\n');
    }
    out
}

/// The parsed rule files, before compilation; each entry points at its source.
#[derive(Debug, Clone, Default)]
pub struct RuleFiles {
    /// Kinds files, in load order, each with its index into `sources`.
    pub kinds: Vec<(usize, KindsFile)>,
    /// Language packs and pack extensions, in load order, with their index.
    pub languages: Vec<(usize, LanguageFile)>,
    /// Entities files, in load order, with their index.
    pub entities: Vec<(usize, EntitiesFile)>,
    /// Places tables (the gazetteer), in load order, with their index.
    pub places: Vec<(usize, places::PlacesTable)>,
    /// Every file read, in load order.
    pub sources: Vec<RuleSource>,
    /// The embedded places table, left unread (see [`load`]): the gazetteer
    /// reads it when a document first asks for a place.
    pub embedded_places: Option<&'static str>,
}

/// What checking rules found: the parsed files and every problem.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Every file that parsed. Of a file with structural errors only the sound
    /// `[[kind]]` and `[[entity]]` entries are kept, for the checks across files.
    pub files: RuleFiles,
    /// Errors and warnings, each file's in load order, then the checks
    /// across files.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// True when any diagnostic is an error: such rules cannot be used
    /// (`rules check` exits with 1, a run with 2).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads the embedded rules, then each folder in `extra_dirs` on top of them.
/// Warnings do not stop loading; errors do, after every file has been read.
pub fn load(extra_dirs: &[PathBuf]) -> Result<RuleSet, RuleErrors> {
    // The embedded places table is checked by `rules check` and the tests;
    // loading leaves it unread until a document asks for a place, unless a
    // rule folder adds a table of its own (then every table is checked
    // together, parents across tables included).
    // The defaults alone: prebuilt, checked by `rules check` and the tests.
    if extra_dirs.is_empty()
        && let Some(rules) = prebuilt::load_defaults()
    {
        return Ok(rules);
    }
    let checked = check_sources(extra_dirs, true, true);
    let errors: Vec<Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        return Err(RuleErrors {
            diagnostics: errors,
            sources: checked.files.sources,
        });
    }
    Ok(compile::compile(&checked.files))
}

/// Loads only the embedded default rules.
pub fn load_default() -> Result<RuleSet, RuleErrors> {
    load(&[])
}

/// The embedded rules, loaded once for the unit tests of every stage.
#[cfg(test)]
pub(crate) fn defaults_for_tests() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| load_default().expect("embedded rules are valid"))
}

/// Reads and checks rule files without compiling them: the embedded defaults
/// (when `with_defaults`) and every `.toml` file under `extra_dirs`.
pub fn check(extra_dirs: &[PathBuf], with_defaults: bool) -> Checked {
    check_sources(extra_dirs, with_defaults, false)
}

/// [`check`], leaving the embedded places table unread when `lazy_places`
/// and no rule folder adds a places table.
fn check_sources(extra_dirs: &[PathBuf], with_defaults: bool, lazy_places: bool) -> Checked {
    let mut diagnostics = Vec::new();
    let mut extra: Vec<RuleSource> = Vec::new();
    for dir in extra_dirs {
        match read_rule_dir(dir) {
            Ok(found) => extra.extend(found),
            Err(problem) => diagnostics.push(*problem),
        }
    }
    let lazy_places = lazy_places && !extra.iter().any(places::is_places_file);
    let mut embedded_places = None;
    let mut sources: Vec<RuleSource> = Vec::new();
    if with_defaults {
        for (path, text) in EMBEDDED {
            let source = RuleSource {
                path: PathBuf::from(format!("(embedded) {path}")),
                text: String::new(),
                origin: Origin::Embedded,
            };
            if lazy_places && places::is_places_file(&source) {
                embedded_places = Some(*text);
                continue;
            }
            sources.push(RuleSource {
                text: (*text).to_string(),
                ..source
            });
        }
    }
    sources.extend(extra);
    let mut files = RuleFiles {
        embedded_places,
        ..RuleFiles::default()
    };
    // Each file parses on its own; they are gathered in load order.
    enum Parsed {
        Places(places::PlacesTable),
        // Boxed: a parsed file is far larger than a places table.
        File(Box<Option<ParsedFile>>),
    }
    let parsed: Vec<(Parsed, Vec<Diagnostic>)> = sources
        .iter()
        .map(|source| {
            if places::is_places_file(source) {
                let (table, problems) = places::parse_places(source);
                (Parsed::Places(table), problems)
            } else {
                let (parsed, problems) = check::check_source(source);
                (Parsed::File(Box::new(parsed)), problems)
            }
        })
        .collect();
    for (index, (parsed, problems)) in parsed.into_iter().enumerate() {
        diagnostics.extend(problems);
        match parsed {
            Parsed::Places(table) => files.places.push((index, table)),
            Parsed::File(parsed) => match *parsed {
                Some(ParsedFile::Kinds(file)) => files.kinds.push((index, file)),
                Some(ParsedFile::Language(file)) => files.languages.push((index, *file)),
                Some(ParsedFile::Entities(file)) => files.entities.push((index, file)),
                None => {}
            },
        }
    }
    files.sources = sources;
    diagnostics.extend(validate::validate(&files));
    Checked { files, diagnostics }
}

/// Every `.toml` file under `dir` (or `dir` itself, if it is a file), sorted so
/// that the merge order is stable. Rule test fixtures are not rule files.
fn read_rule_dir(dir: &Path) -> Result<Vec<RuleSource>, Box<Diagnostic>> {
    let cannot_read = |path: &Path, error: std::io::Error| {
        Diagnostic::new(
            "R010",
            path.to_path_buf(),
            "",
            0..0,
            format!("cannot read rule files here: {error}"),
        )
    };
    let mut paths = Vec::new();
    files_with_extension(dir, "toml", &mut paths).map_err(|error| cannot_read(dir, error))?;
    // Places tables extend the gazetteer.
    if dir.is_dir() {
        files_with_extension(dir, "tsv", &mut paths).map_err(|error| cannot_read(dir, error))?;
    }
    paths.sort();
    let mut sources = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|error| cannot_read(&path, error))?;
        sources.push(RuleSource {
            path,
            text,
            origin: Origin::Folder(dir.to_path_buf()),
        });
    }
    Ok(sources)
}

/// Every file under `dir` (or `dir` itself, if it is a file) whose extension is
/// `extension` (in any case), unsorted. Symbolic links are followed; each
/// folder is entered once, known by device and inode, so a link back to a
/// parent or to a folder already walked adds nothing, and each file comes once
/// however many links lead to it.
pub(crate) fn files_with_extension(
    dir: &Path,
    extension: &str,
    out: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    let mut seen: std::collections::HashSet<(u64, u64)> = std::collections::HashSet::new();
    let mut files: std::collections::HashSet<(u64, u64)> = std::collections::HashSet::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            !entry.file_type().is_dir()
                || entry.metadata().map_or(true, |metadata| {
                    seen.insert(identity(entry.path(), &metadata))
                })
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            // A link back to a folder being walked: not followed.
            Err(error) if error.loop_ancestor().is_some() => continue,
            Err(error) => {
                return Err(error
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot walk the folder")));
            }
        };
        let wanted = entry
            .path()
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case(extension));
        if entry.file_type().is_file() && wanted {
            let metadata = entry.metadata().map_err(std::io::Error::other)?;
            if files.insert(identity(entry.path(), &metadata)) {
                out.push(entry.into_path());
            }
        }
    }
    Ok(())
}

/// Device and inode, where there are such things.
#[cfg(unix)]
fn identity(_path: &Path, metadata: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn identity(path: &Path, _metadata: &std::fs::Metadata) -> (u64, u64) {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .hash(&mut hasher);
    (0, hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_load_without_warnings() {
        let checked = check(&[], true);
        assert!(
            checked.diagnostics.is_empty(),
            "{}",
            render_all(&checked.diagnostics, &checked.files.sources)
        );
        let rules = load_default().expect("embedded rules are valid");
        assert!(rules.language("ar").is_some());
        assert!(rules.language("en").is_some());
        assert!(rules.kinds.contains_key("killed"));
    }

    #[test]
    fn a_typo_is_reported_with_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("kinds.toml"),
            "format = 1\n\n[[kind]]\nid = \"drones\"\nsumary = \"typo\"\n",
        )
        .unwrap();
        let errors = load(&[dir.path().to_path_buf()]).unwrap_err();
        let first = &errors.diagnostics[0];
        assert_eq!((first.line, first.column), (5, 1));
        assert_eq!(first.message, "unknown key `sumary`");
        assert!(errors.render().contains("did you mean `summary`?"));
    }

    #[test]
    fn windows_are_positive_integers_with_known_names() {
        let dir = tempfile::tempdir().unwrap();
        let problems_with = |windows: &str| -> Vec<String> {
            let pack = "format = 1\n[language]\ncode = \"en\"\nname = \"English\"\n\
                        script = \"latin\"\n[windows]\n";
            std::fs::write(dir.path().join("en.toml"), format!("{pack}{windows}\n")).unwrap();
            check(&[dir.path().to_path_buf()], true)
                .diagnostics
                .iter()
                .map(|d| {
                    let label = d.label.clone().unwrap_or_default();
                    format!("{}:{} {} {label}", d.line, d.code, d.message)
                })
                .collect()
        };
        assert_eq!(
            problems_with("kind-cues = 3"),
            ["7:R002 unknown key `kind-cues` did you mean `kind-cue`?"]
        );
        let negative = problems_with("rate = -1");
        assert!(
            negative.len() == 1 && negative[0].starts_with("7:R003"),
            "{negative:?}"
        );
        assert_eq!(
            problems_with("kind-cue = 0"),
            ["7:R003 window `kind-cue` must be a positive integer "]
        );
        assert!(problems_with("rate = 12").is_empty());
        let rules = load(&[dir.path().to_path_buf()]).unwrap();
        let english = rules.language("en").unwrap().windows;
        assert_eq!((english.rate, english.kind_cue), (12, 14));
        assert_eq!(rules.language("ar").unwrap().windows, Windows::default());
    }

    #[test]
    fn the_owner_similarity_is_a_share() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("kinds.toml"),
            "format = 1\n[group]\nsame-owner-similarity = 1.5\n",
        )
        .unwrap();
        let errors = load(&[dir.path().to_path_buf()]).unwrap_err();
        assert_eq!(
            (errors.diagnostics[0].code, errors.diagnostics[0].line),
            ("R003", 3)
        );
        assert!(load_default().unwrap().group.same_owner_similarity == 0.92);
    }

    /// Issue 13: `nan`, `inf` and negative numbers passed `rules check` and
    /// gave claims with no value.
    #[test]
    fn number_values_must_be_finite_and_not_negative() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("en.toml"),
            "format = 1\n[language]\ncode = \"en\"\nname = \"English\"\nscript = \"latin\"\n\
             [numbers]\nsmall-word-limit = -1\n[numbers.words]\n\"zilch\" = nan\n\"ok\" = 0\n\
             [numbers.scales]\n\"lots\" = inf\n\"none\" = 0\n[numbers.vague]\n\"few\" = -3\n",
        )
        .unwrap();
        let checked = check(&[dir.path().to_path_buf()], true);
        let mut found: Vec<(usize, &str)> = checked
            .diagnostics
            .iter()
            .map(|d| (d.line, d.code))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                (7, "R003"),
                (9, "R003"),
                (12, "R003"),
                (13, "R003"),
                (15, "R003")
            ],
            "{}",
            render_all(&checked.diagnostics, &checked.files.sources)
        );
    }

    /// Issue 13: two links back to a parent made the walk run forever.
    #[cfg(unix)]
    #[test]
    fn a_rule_folder_with_links_back_to_a_parent_is_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("rules");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("kinds.TOML"), "format = 1\n").unwrap();
        std::fs::write(root.join("sub/more.toml"), "format = 1\n").unwrap();
        std::os::unix::fs::symlink(&root, root.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("sub/up-again")).unwrap();
        std::os::unix::fs::symlink(root.join("sub"), root.join("also-sub")).unwrap();
        let mut found = Vec::new();
        files_with_extension(&root, "toml", &mut found).unwrap();
        found.sort();
        assert_eq!(
            found,
            [root.join("also-sub/more.toml"), root.join("kinds.TOML")]
        );
    }

    #[test]
    fn the_default_kind_must_be_defined() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("kinds.toml"),
            "format = 1\ndefault-kind = \"misc\"\n[[kind]]\nid = \"drones\"\n",
        )
        .unwrap();
        let errors = load(&[dir.path().to_path_buf()]).unwrap_err();
        assert_eq!(errors.diagnostics[0].code, "R005");
        assert_eq!(errors.diagnostics[0].line, 2);
    }
}
