//! Reading documents: the only stage that touches the file system.
//!
//! Input: paths given by the user (files or folders). Output: for each file, a
//! [`Document`] (its text and front matter) or a [`Skipped`] saying why it could
//! not be used. A bad file never stops the run.
//!
//! Invariant: every read of a document or a table goes through here
//! ([`read_input`], [`read_text`]); the stages after it are pure functions of
//! the text. This module knows nothing of what the files hold beyond text and
//! front matter: which extensions are collected is the caller's choice.
//!
//! What reaches the stages after it, whatever the folder holds:
//! - regular files only (a FIFO or a device, even behind a symbolic link, is
//!   skipped before it is opened), each no larger than [`Limits::max_file_bytes`];
//! - each file once, however many paths lead to it (the same file given twice,
//!   a symbolic link beside its target), and each folder walked once: symbolic
//!   links are followed, and folders are known by device and inode, so a link
//!   back to a parent ends nowhere;
//! - a folder that cannot be read is skipped with a message and the walk goes on;
//! - every document with a unique id (see [`collect_inputs`]), in the order of
//!   the ids, so that the order in which paths are given does not matter.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::Limits;

/// File extensions read as articles when a folder is given (in any case:
/// `.TXT` and `.Md` too).
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Extensions never read as articles, even when a file is named directly:
/// saved reports (`.json`) and rule or gold files (`.toml`).
pub const NOT_ARTICLES: &[&str] = &["json", "toml"];

/// The first line of a Markdown report written by `crosscheck report`: such a
/// file in an input folder is not read as an article.
pub const REPORT_HEADING: &str = "# crosscheck report";

/// A document as stored, with what its front matter says.
#[derive(Debug, Clone)]
pub struct Document {
    /// Unique within a run: see [`collect_inputs`].
    pub id: String,
    /// The path it was read from, as given or found in a folder.
    pub path: PathBuf,
    /// The whole file, front matter included: spans are offsets into it.
    pub text: String,
    /// Where the body starts, after the front matter.
    pub body_start: usize,
    /// What the front matter says; all `None` when there is none.
    pub meta: FrontMatter,
}

impl Document {
    /// The text after the front matter: what extraction reads.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Builds a document from text already in memory (tests, other front ends).
    pub fn from_text(id: &str, text: &str) -> Result<Document, SkipReason> {
        let (meta, body_start) = parse_front_matter(text)?;
        Ok(Document {
            id: id.to_string(),
            path: PathBuf::from(id),
            text: text.to_string(),
            body_start,
            meta,
        })
    }
}

/// The TOML front matter between `+++` lines; every key is optional and
/// other keys are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrontMatter {
    /// `source`: the outlet, as claims' `source` will name it; without it
    /// the outlet is found from a known domain or masthead in the text.
    pub source: Option<String>,
    /// `url`: where the article was found. Read, not used.
    pub url: Option<String>,
    /// `published`: the publication date, a TOML date or a string starting
    /// `YYYY-MM-DD`; without it the date is inferred from the text.
    pub published: Option<toml::Value>,
    /// `lang`: the code of the language pack to read it with; an unknown code
    /// falls back to detection.
    pub lang: Option<String>,
    /// `title`: the headline. Read, not used.
    pub title: Option<String>,
}

impl FrontMatter {
    /// The publication date as written, if any (TOML dates and strings both accepted).
    pub fn published_text(&self) -> Option<String> {
        match self.published.as_ref()? {
            toml::Value::String(text) => Some(text.clone()),
            toml::Value::Datetime(datetime) => Some(datetime.to_string()),
            _ => None,
        }
    }
}

/// A file that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file, or `path:line` for a bad row of a table of claims.
    pub path: PathBuf,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped: {}", self.path.display(), self.reason)
    }
}

/// Why a file (or a row of a table) could not be used. Its message, shown on
/// stderr and in a report's `skipped`, says how to fix it where it can.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// The file system refused: the error as the OS words it.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// A folder of the walk could not be listed: the error as the OS words it.
    #[error("cannot read the folder: {0}; the rest of the walk goes on without it")]
    Folder(String),
    /// Nothing but whitespace.
    #[error("the file is empty")]
    Empty,
    /// A NUL byte, at this byte offset.
    #[error("the file looks binary (a NUL byte at offset {0}); only text files are read")]
    Binary(usize),
    /// Not UTF-8: the bytes before this offset are valid.
    #[error("the file is not UTF-8 (invalid byte at offset {0}); convert it to UTF-8 first")]
    NotUtf8(usize),
    /// A `+++` line opens front matter and none closes it.
    #[error("the front matter opened with +++ is never closed; add a line with +++ after it")]
    UnclosedFrontMatter,
    /// The front matter is not valid TOML (or a key has the wrong type).
    #[error("broken front matter at line {line}: {message}")]
    BrokenFrontMatter {
        /// The line in the file, from 1 (the opening `+++` is line 1).
        line: usize,
        /// What the TOML parser says.
        message: String,
    },
    /// A path given that does not exist.
    #[error("no such file or folder")]
    NotFound,
    /// A row of a table of claims that cannot be used: what is wrong with it.
    #[error("bad row: {0}")]
    BadRow(String),
    /// A FIFO, a device or a socket (even behind a symbolic link): never opened.
    #[error("not a regular file (a FIFO, a device or a socket); only regular files are read")]
    NotRegular,
    /// Larger than [`Limits::max_file_bytes`].
    #[error(
        "the file has {size} bytes, more than the limit of {limit}; \
         raise it with --max-file-size to read it"
    )]
    TooLarge {
        /// The file's size in bytes (or at least this many, when it grew).
        size: u64,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A file named directly whose extension is one of [`NOT_ARTICLES`].
    #[error("a .{0} file is not an article (a saved report or a rule file); it is not read")]
    NotAnArticle(String),
    /// A Markdown report written by `crosscheck report` (see [`REPORT_HEADING`]).
    #[error("a report written by crosscheck, not an article; it is not read")]
    OwnReport,
    /// A symbolic link to a folder the walk is inside of.
    #[error("a symbolic link back to a folder already being walked (a loop); not followed")]
    Loop,
}

/// A file to read, with the id its document or table will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as given or found in a folder.
    pub path: PathBuf,
    /// The id, unique among the inputs of a run.
    pub id: String,
}

/// Expands the user's paths into the files to read, in a stable order; see
/// [`collect_inputs`], which also gives each file its id.
pub fn collect_paths(inputs: &[PathBuf], extensions: &[&str]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let (found, skipped) = collect_inputs(inputs, extensions);
    (found.into_iter().map(|input| input.path).collect(), skipped)
}

/// Expands the user's paths into the files to read.
///
/// Folders are walked recursively, following symbolic links, for files with
/// one of `extensions` (compared without regard to case; gold files
/// `*.gold.toml` never); a file named by the user is read whatever its
/// extension, except those of [`NOT_ARTICLES`]. Paths that do not exist,
/// folders that cannot be read and links that loop come back as skipped.
///
/// Each file comes once, however many paths lead to it. Its id is its file
/// name without the extension when it is named directly or lies directly in a
/// folder given, else its path below that folder, without the extension and
/// with `/` between folders (`nato/briefing`). Where two files would share an
/// id, each of them takes its extension (`twin.md`, `twin.txt`), and if that is
/// not enough, its path as found. Files come
/// sorted by id; neither the ids nor the order depend on the order of
/// `inputs`.
pub fn collect_inputs(inputs: &[PathBuf], extensions: &[&str]) -> (Vec<Input>, Vec<Skipped>) {
    let mut candidates: Vec<(FileKey, Input)> = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        let metadata = match std::fs::metadata(input) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                skipped.push(Skipped {
                    path: input.clone(),
                    reason: SkipReason::NotFound,
                });
                continue;
            }
            Err(error) => {
                skipped.push(Skipped {
                    path: input.clone(),
                    reason: SkipReason::Io(error.to_string()),
                });
                continue;
            }
        };
        if metadata.is_dir() {
            walk(input, extensions, &mut candidates, &mut skipped);
        } else if let Some(ext) = extension_in(input, NOT_ARTICLES) {
            skipped.push(Skipped {
                path: input.clone(),
                reason: SkipReason::NotAnArticle(ext),
            });
        } else {
            let input = Input {
                path: input.clone(),
                id: stem_of(input),
            };
            candidates.push((FileKey::of(&input.path, &metadata), input));
        }
    }
    // One path per file: the one with the smallest id (then path), so that
    // the choice does not depend on the order of the inputs.
    candidates.sort_by(|(ka, a), (kb, b)| (ka, &a.id, &a.path).cmp(&(kb, &b.id, &b.path)));
    candidates.dedup_by(|(later, _), (first, _)| later == first);
    let mut files: Vec<Input> = candidates.into_iter().map(|(_, input)| input).collect();
    make_ids_unique(&mut files);
    files.sort_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    (files, skipped)
}

/// What makes two paths one file: device and inode where there are such
/// things, else the canonical path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum FileKey {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileKey {
    #[cfg(unix)]
    fn of(_path: &Path, metadata: &std::fs::Metadata) -> FileKey {
        use std::os::unix::fs::MetadataExt;
        FileKey::Inode(metadata.dev(), metadata.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _metadata: &std::fs::Metadata) -> FileKey {
        FileKey::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// True when two paths lead to one file (device and inode); false when
/// either cannot be read.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => FileKey::of(a, &ma) == FileKey::of(b, &mb),
        _ => false,
    }
}

/// Walks `root`, following symbolic links; every folder is entered once (by
/// device and inode), so links that loop or lead to a folder seen before add
/// nothing. A folder that cannot be read is skipped; the walk goes on.
fn walk(
    root: &Path,
    extensions: &[&str],
    out: &mut Vec<(FileKey, Input)>,
    skipped: &mut Vec<Skipped>,
) {
    let mut seen_folders: HashSet<FileKey> = HashSet::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if !entry.file_type().is_dir() {
                return true;
            }
            // A folder reached a second time (through a link) is not walked again.
            match entry.metadata() {
                Ok(metadata) => seen_folders.insert(FileKey::of(entry.path(), &metadata)),
                Err(_) => true,
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                let reason = if error.loop_ancestor().is_some() {
                    SkipReason::Loop
                } else if error
                    .io_error()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                {
                    // A dangling symbolic link.
                    SkipReason::NotFound
                } else {
                    let message = error
                        .io_error()
                        .map_or_else(|| error.to_string(), ToString::to_string);
                    if error.depth() == 0 || is_folder_error(&error) {
                        SkipReason::Folder(message)
                    } else {
                        SkipReason::Io(message)
                    }
                };
                skipped.push(Skipped { path, reason });
                continue;
            }
        };
        if entry.file_type().is_dir() || !has_extension(entry.path(), extensions) {
            continue;
        }
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        let path = entry.path().to_path_buf();
        let id = id_below(root, &path);
        out.push((FileKey::of(&path, &metadata), Input { path, id }));
    }
}

/// True when walkdir could not list a folder (rather than stat a file).
fn is_folder_error(error: &walkdir::Error) -> bool {
    error.path().is_some_and(|path| path.is_dir())
}

/// The id of a file found under `root`: its stem directly in `root`, else its
/// path below `root` without the extension, `/` between folders.
fn id_below(root: &Path, path: &Path) -> String {
    let Ok(relative) = path.strip_prefix(root) else {
        return stem_of(path);
    };
    let mut parts: Vec<String> = relative
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.push(stem_of(path));
    parts.join("/")
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Where ids collide, each colliding file's id takes its extension
/// (`twin.md`, `twin.txt`); where that still collides (files of one name
/// named directly from two folders), its path as found; a number is added in
/// the unlikely case that still collides (file names that are not UTF-8).
fn make_ids_unique(files: &mut [Input]) {
    let with_extension = |file: &Input| match file.path.extension() {
        Some(ext) => format!("{}.{}", file.id, ext.to_string_lossy()),
        None => file.id.clone(),
    };
    let as_found = |file: &Input| {
        file.path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
            .replace("//", "/")
    };
    let steps: [&dyn Fn(&Input) -> String; 2] = [&with_extension, &as_found];
    for step in steps {
        let mut count: HashMap<String, usize> = HashMap::new();
        for file in files.iter() {
            *count.entry(file.id.clone()).or_default() += 1;
        }
        for file in files.iter_mut().filter(|f| count[&f.id] > 1) {
            file.id = step(file);
        }
    }
    // Sorted by path, so that the numbers do not depend on input order.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by(|&a, &b| files[a].path.cmp(&files[b].path));
    let mut taken: HashSet<String> = HashSet::new();
    for index in order {
        let base = files[index].id.clone();
        let mut n = 2;
        while !taken.insert(files[index].id.clone()) {
            files[index].id = format!("{base}~{n}");
            n += 1;
        }
    }
}

/// The extension of `path`, lower-cased, when it is one of `extensions`.
fn extension_in(path: &Path, extensions: &[&str]) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    extensions.contains(&ext.as_str()).then_some(ext)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    // Gold annotations live beside documents; they are not documents.
    let gold = path.file_name().is_some_and(|name| {
        name.to_string_lossy()
            .to_ascii_lowercase()
            .ends_with(".gold.toml")
    });
    extension_in(path, extensions).is_some() && !gold
}

/// True when `path`'s extension is one of `extensions`, in any case.
pub fn extension_is(path: &Path, extensions: &[&str]) -> bool {
    extension_in(path, extensions).is_some()
}

/// Reads one file into a document whose id is its file name without the
/// extension, with the default limits.
pub fn read_document(path: &Path) -> Result<Document, Skipped> {
    let input = Input {
        path: path.to_path_buf(),
        id: stem_of(path),
    };
    read_input(&input, &Limits::default())
}

/// Reads one file into a document. A Markdown report written by crosscheck
/// (it opens with [`REPORT_HEADING`]) is skipped, not read as an article.
pub fn read_input(input: &Input, limits: &Limits) -> Result<Document, Skipped> {
    let path = &input.path;
    let skip = |reason| Skipped {
        path: path.to_path_buf(),
        reason,
    };
    let text = read_text_limited(path, limits.max_file_bytes).map_err(skip)?;
    if is_own_report(&text) {
        return Err(skip(SkipReason::OwnReport));
    }
    let (meta, body_start) = parse_front_matter(&text).map_err(skip)?;
    Ok(Document {
        id: input.id.clone(),
        path: path.to_path_buf(),
        text,
        body_start,
        meta,
    })
}

/// True for the text of a Markdown report written by `crosscheck report`.
pub fn is_own_report(text: &str) -> bool {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    text.strip_prefix(REPORT_HEADING)
        .is_some_and(|rest| rest.starts_with(['\n', '\r']))
}

/// Reads a file that must hold non-empty UTF-8 text (a document, a table of
/// claims), with the default size limit.
pub fn read_text(path: &Path) -> Result<String, SkipReason> {
    read_text_limited(path, Limits::default().max_file_bytes)
}

/// Reads a regular file of at most `max_bytes` bytes that holds non-empty
/// UTF-8 text. The file's type and size are checked before it is opened, and
/// no more than `max_bytes + 1` bytes are read, whatever the size said.
pub fn read_text_limited(path: &Path, max_bytes: u64) -> Result<String, SkipReason> {
    let io = |error: std::io::Error| SkipReason::Io(error.to_string());
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(SkipReason::NotRegular);
    }
    if metadata.len() > max_bytes {
        return Err(SkipReason::TooLarge {
            size: metadata.len(),
            limit: max_bytes,
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(SkipReason::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    decode(&bytes)
}

/// Checks that bytes are non-empty UTF-8 text.
pub fn decode(bytes: &[u8]) -> Result<String, SkipReason> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SkipReason::Empty);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(SkipReason::Binary(offset));
    }
    String::from_utf8(bytes.to_vec())
        .map_err(|error| SkipReason::NotUtf8(error.utf8_error().valid_up_to()))
}

/// Splits off `+++` front matter. Returns the metadata and where the body starts.
pub fn parse_front_matter(text: &str) -> Result<(FrontMatter, usize), SkipReason> {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let rest = &text[bom..];
    let Some(after_open) = rest.strip_prefix("+++") else {
        return Ok((FrontMatter::default(), 0));
    };
    if !after_open.starts_with(['\n', '\r']) {
        return Ok((FrontMatter::default(), 0));
    }
    let inner_start = bom + 3;
    let mut search_from = inner_start;
    let (inner_end, body_start) = loop {
        let Some(found) = text[search_from..].find("\n+++") else {
            return Err(SkipReason::UnclosedFrontMatter);
        };
        let marker = search_from + found + 1;
        let after = &text[marker + 3..];
        if after.is_empty() || after.starts_with(['\n', '\r']) {
            let line_end = after.find('\n').map_or(text.len(), |i| marker + 3 + i + 1);
            break (marker, line_end);
        }
        search_from = marker;
    };
    let inner = &text[inner_start..inner_end];
    let meta: FrontMatter = toml::from_str(inner).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        // `inner` starts on the opening +++ line, so this is the line in the file.
        let line = inner[..offset.min(inner.len())].matches('\n').count() + 1;
        SkipReason::BrokenFrontMatter {
            line,
            message: error.message().trim().to_string(),
        }
    })?;
    Ok((meta, body_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_off() {
        let text = "+++\nsource = \"X\"\npublished = \"2024-10-23\"\n+++\nbody";
        let (meta, body_start) = parse_front_matter(text).unwrap();
        assert_eq!(meta.source.as_deref(), Some("X"));
        assert_eq!(meta.published_text().as_deref(), Some("2024-10-23"));
        assert_eq!(&text[body_start..], "body");
    }

    #[test]
    fn toml_dates_are_accepted() {
        let (meta, _) = parse_front_matter("+++\npublished = 2024-10-23\n+++\n").unwrap();
        assert_eq!(meta.published_text().as_deref(), Some("2024-10-23"));
    }

    #[test]
    fn no_front_matter_means_the_whole_file_is_body() {
        let (meta, body_start) = parse_front_matter("اخبار\nنص").unwrap();
        assert!(meta.source.is_none());
        assert_eq!(body_start, 0);
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        let error = parse_front_matter("+++\nsource = \"X\"\npublished = \n+++\nbody").unwrap_err();
        assert!(
            matches!(error, SkipReason::BrokenFrontMatter { line: 3, .. }),
            "{error:?}"
        );
        assert_eq!(
            parse_front_matter("+++\nsource = 1\n").unwrap_err(),
            SkipReason::UnclosedFrontMatter
        );
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn ids_are_stems_at_the_top_and_paths_below_and_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "b.txt",
            "A.TXT",
            "x/b.md",
            "x/y/c.Md",
            "twin.txt",
            "twin.md",
            "n.gold.toml",
        ] {
            write(&root.join(name), "text");
        }
        let (found, skipped) = collect_inputs(&[root.to_path_buf()], DOCUMENT_EXTENSIONS);
        assert!(skipped.is_empty(), "{skipped:?}");
        let ids: Vec<&str> = found.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["A", "b", "twin.md", "twin.txt", "x/b", "x/y/c"]);
        // Named directly, a file is known by its stem whatever the folder.
        let direct = collect_inputs(&[root.join("x/y/c.Md")], DOCUMENT_EXTENSIONS).0;
        assert_eq!(direct[0].id, "c");
        // Two files of one name, named directly: their paths.
        let pair = [root.join("b.txt"), root.join("x/b.md"), root.join("x/b.md")];
        let ids: Vec<String> = collect_inputs(&pair, DOCUMENT_EXTENSIONS)
            .0
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(ids, ["b.md", "b.txt"]);
    }

    #[test]
    fn the_order_of_the_inputs_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["a.txt", "sub/b.txt", "sub/c.txt"] {
            write(&root.join(name), "text");
        }
        let forward = [root.to_path_buf(), root.join("sub"), root.join("sub/b.txt")];
        let mut backward = forward.clone();
        backward.reverse();
        let one = collect_inputs(&forward, DOCUMENT_EXTENSIONS).0;
        let other = collect_inputs(&backward, DOCUMENT_EXTENSIONS).0;
        assert_eq!(one, other);
        // Each file once, by its shortest id.
        let ids: Vec<&str> = one.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn a_file_past_the_size_limit_is_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&path, "twelve bytes");
        assert_eq!(read_text_limited(&path, 12).unwrap(), "twelve bytes");
        assert_eq!(
            read_text_limited(&path, 11),
            Err(SkipReason::TooLarge {
                size: 12,
                limit: 11
            })
        );
        assert_eq!(
            read_text_limited(dir.path(), 100),
            Err(SkipReason::NotRegular)
        );
    }

    #[test]
    fn json_and_toml_named_directly_are_not_articles() {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("report.JSON");
        let text = dir.path().join("notes");
        write(&json, "{}");
        write(&text, "an article without extension");
        let (found, skipped) = collect_inputs(&[json.clone(), text.clone()], DOCUMENT_EXTENSIONS);
        assert_eq!(
            found,
            [Input {
                path: text,
                id: "notes".into()
            }]
        );
        assert_eq!(skipped[0].reason, SkipReason::NotAnArticle("json".into()));
    }

    #[test]
    fn a_markdown_report_is_not_an_article() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        write(&path, "# crosscheck report\n\nDocuments read: 1.\n");
        let error = read_document(&path).unwrap_err();
        assert_eq!(error.reason, SkipReason::OwnReport);
        assert!(!is_own_report("# crosscheck reports are great\n"));
    }

    #[test]
    fn bad_bytes_are_reasons_not_panics() {
        assert_eq!(decode(b""), Err(SkipReason::Empty));
        assert_eq!(decode(b"  \n"), Err(SkipReason::Empty));
        assert_eq!(decode(b"ab\0cd"), Err(SkipReason::Binary(2)));
        assert_eq!(decode(b"ab\xffcd"), Err(SkipReason::NotUtf8(2)));
    }
}
