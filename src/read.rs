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
//! - what is not an article stays out: in a folder walk, a README, a licence
//!   and the like ([`NOT_ARTICLE_NAMES`], with a message) and whatever a
//!   `.crosscheckignore` in the gitignore format names ([`IGNORE_FILE`],
//!   silently); anywhere, a file whose front matter's `kind` is not
//!   `"article"` and, named directly, a saved report or a rule file;
//! - every document with a unique id (see [`collect_inputs`]), in the order of
//!   the ids, so that the order in which paths are given does not matter.

mod ahead;
mod list;
mod not_articles;
mod open;
mod walk;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Limits, MAX_ARTICLE_BYTES};
pub use ahead::{ReadAhead, ReadResult};
pub use list::InputList;
pub use not_articles::{IGNORE_FILE, NOT_ARTICLE_NAMES};
pub use open::Opener;
use walk::stem_of;
pub use walk::{Input, collect_input_list, collect_inputs, collect_paths, extension_is, same_file};

/// File extensions read as articles when a folder is given (in any case:
/// `.TXT` and `.Md` too).
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Extensions never read as articles, even when a file is named directly:
/// saved reports (`.json`, `.html`) and rule or gold files (`.toml`).
pub const NOT_ARTICLES: &[&str] = &["json", "toml", "html", "htm"];

/// The one value of the front matter's `kind` that is read as an article
/// (as is a file with no `kind`); any other (`"notes"`) is skipped.
pub const ARTICLE_KIND: &str = "article";

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
    /// `kind`: what the file is. Absent or `"article"`, it is read; any other
    /// value (`"notes"`) says it is not an article, and it is skipped.
    pub kind: Option<String>,
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
    /// An article larger than [`MAX_ARTICLE_BYTES`], whatever the limit.
    #[error(
        "the file has {size} bytes, more than an article may have ({most}): \
         a claim's place in its file is counted in 32 bits"
    )]
    ArticleTooLarge {
        /// The file's size in bytes (or at least this many, when it grew).
        size: u64,
        /// [`MAX_ARTICLE_BYTES`].
        most: u64,
    },
    /// A file named directly whose extension is one of [`NOT_ARTICLES`].
    #[error("a .{0} file is not an article (a saved report, a rule or gold file); it is not read")]
    NotAnArticle(String),
    /// A file found in a folder whose name is one of [`NOT_ARTICLE_NAMES`].
    #[error(
        "a README, licence or similar file, not an article; it is not read \
         (name it directly to read it, or list it in {IGNORE_FILE} to leave it out silently)"
    )]
    NotAnArticleName,
    /// Front matter whose `kind` is not [`ARTICLE_KIND`].
    #[error("the front matter says kind = {0:?}, not an article; it is not read")]
    NotAnArticleKind(String),
    /// A `.crosscheckignore` with lines that are not patterns: those lines
    /// are not applied, the others are.
    #[error("cannot use every line of this ignore file: {0}")]
    BadIgnoreFile(String),
    /// A Markdown report written by `crosscheck report` (see [`REPORT_HEADING`]).
    #[error("a report written by crosscheck, not an article; it is not read")]
    OwnReport,
    /// A symbolic link to a folder the walk is inside of.
    #[error("a symbolic link back to a folder already being walked (a loop); not followed")]
    Loop,
}

/// Reads one file into a document whose id is its file name without the
/// extension, with the default limits.
pub fn read_document(path: &Path) -> Result<Document, Skipped> {
    let input = Input {
        path: path.to_path_buf(),
        id: stem_of(path),
        size: None,
    };
    read_input(&input, &Limits::default())
}

/// Reads one file into a document. A Markdown report written by crosscheck
/// (it opens with [`REPORT_HEADING`]) is skipped, not read as an article.
pub fn read_input(input: &Input, limits: &Limits) -> Result<Document, Skipped> {
    read_input_with(input, limits, &mut Opener::default())
}

/// [`read_input`], the file opened by `opener`: the files of a run read in
/// turn with one opener are each looked up in their folder's handle.
pub fn read_input_with(
    input: &Input,
    limits: &Limits,
    opener: &mut Opener,
) -> Result<Document, Skipped> {
    let path = &input.path;
    let skip = |reason| Skipped {
        path: path.to_path_buf(),
        reason,
    };
    let limits_of_size = (limits.max_file_bytes, MAX_ARTICLE_BYTES);
    let text = read_text_at_most(path, input.size, limits_of_size, opener).map_err(skip)?;
    if is_own_report(&text) {
        return Err(skip(SkipReason::OwnReport));
    }
    let (meta, body_start) = parse_front_matter(&text).map_err(skip)?;
    if let Some(kind) = &meta.kind
        && kind != ARTICLE_KIND
    {
        return Err(skip(SkipReason::NotAnArticleKind(kind.clone())));
    }
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
    read_text_sized(
        path,
        Some(metadata.len()),
        max_bytes,
        &mut Opener::default(),
    )
}

/// [`read_text_limited`] for a file known to be regular, of length `size`
/// (the walk asked about it): the system is not asked again, one `stat` a
/// file fewer. No more than `max_bytes + 1` bytes are read, whatever the
/// length is by then. A size not known is asked for.
fn read_text_sized(
    path: &Path,
    size: Option<u64>,
    max_bytes: u64,
    opener: &mut Opener,
) -> Result<String, SkipReason> {
    let Some(size) = size else {
        return read_text_limited(path, max_bytes);
    };
    let io = |error: std::io::Error| SkipReason::Io(error.to_string());
    if size > max_bytes {
        return Err(SkipReason::TooLarge {
            size,
            limit: max_bytes,
        });
    }
    let file = opener.open(path).map_err(io)?;
    let bytes = read_to_end(file, size, max_bytes.saturating_add(1)).map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(SkipReason::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    decode(bytes)
}

/// [`read_text_sized`] with the limit asked for and the most a file may
/// have whatever is asked (`most`): a file over the most is
/// [`SkipReason::ArticleTooLarge`], one over a lower limit
/// [`SkipReason::TooLarge`].
fn read_text_at_most(
    path: &Path,
    size: Option<u64>,
    (max_bytes, most): (u64, u64),
    opener: &mut Opener,
) -> Result<String, SkipReason> {
    let limit = max_bytes.min(most);
    read_text_sized(path, size, limit, opener).map_err(|reason| match reason {
        SkipReason::TooLarge { size, .. } if limit < max_bytes => {
            SkipReason::ArticleTooLarge { size, most }
        }
        other => other,
    })
}

/// The bytes of `file`, `size` long when it was asked about, up to its end
/// or to `cap` bytes. One byte more than `size` is asked for at once: a read
/// that comes back with `size` bytes, short of that, has met the end, which
/// then takes no second read to find (a read of nothing). A file that grew
/// since is read on, in more room, to its end or to `cap`. The bytes are
/// read into the buffer's spare room, which is not zeroed first.
#[cfg(target_os = "linux")]
fn read_to_end(file: std::fs::File, size: u64, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(size.saturating_add(1).min(cap) as usize);
    loop {
        if bytes.len() == bytes.capacity() {
            let grown = (bytes.len() as u64).saturating_mul(2).max(64).min(cap);
            if grown <= bytes.len() as u64 {
                break;
            }
            bytes.reserve_exact(grown as usize - bytes.len());
        }
        match rustix::io::read(&file, rustix::buffer::spare_capacity(&mut bytes)) {
            Ok(0) => break,
            Ok(_) => {
                if bytes.len() as u64 == size && bytes.len() < bytes.capacity() {
                    break;
                }
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(error) => return Err(error.into()),
        }
    }
    // Room beyond what was asked for (an allocator may give more) is not
    // read past the cap.
    bytes.truncate(cap.try_into().unwrap_or(usize::MAX));
    Ok(bytes)
}

/// [`read_to_end`] where the system is not asked through `rustix`: the
/// buffer is zeroed, then read into.
#[cfg(not(target_os = "linux"))]
fn read_to_end(mut file: std::fs::File, size: u64, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = vec![0; size.saturating_add(1).min(cap) as usize];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            let grown = (bytes.len() as u64).saturating_mul(2).max(64).min(cap);
            if grown <= bytes.len() as u64 {
                break;
            }
            bytes.resize(grown as usize, 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(read) => {
                filled += read;
                if filled as u64 == size && filled < bytes.len() {
                    break;
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Checks that bytes are non-empty UTF-8 text.
pub fn decode(bytes: Vec<u8>) -> Result<String, SkipReason> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SkipReason::Empty);
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(SkipReason::Binary(offset));
    }
    // The SIMD validator says whether the bytes are UTF-8 at several bytes a
    // cycle; the standard library's, on invalid bytes only, says where.
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return String::from_utf8(bytes)
            .map_err(|error| SkipReason::NotUtf8(error.utf8_error().valid_up_to()));
    }
    // SAFETY: `simdutf8` has just found `bytes` to be valid UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
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
    let bytes = text.as_bytes();
    // The closing line is looked for a line at a time (a front matter has
    // a few): a substring search is set up anew for each call, which costs
    // more than the few lines it passes.
    let mut search_from = inner_start;
    let (inner_end, body_start) = loop {
        let Some(found) = memchr::memchr(b'\n', &bytes[search_from..]) else {
            return Err(SkipReason::UnclosedFrontMatter);
        };
        let marker = search_from + found + 1;
        if !bytes[marker..].starts_with(b"+++") {
            search_from = marker;
            continue;
        }
        let after = &bytes[marker + 3..];
        if after.is_empty() || after.starts_with(b"\n") || after.starts_with(b"\r") {
            let line_end = memchr::memchr(b'\n', after).map_or(text.len(), |i| marker + 3 + i + 1);
            break (marker, line_end);
        }
        search_from = marker;
    };
    let inner = &text[inner_start..inner_end];
    if let Some(meta) = plain_front_matter(inner) {
        return Ok((meta, body_start));
    }
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

/// The front matter of most files, read without the TOML parser: lines of
/// `key = "text"` for known keys, each at most once, the text without a
/// quote, a backslash or a control character, and blank lines. `None` for
/// anything else, which the TOML parser reads (and judges) as before: what
/// this accepts, it reads as TOML does.
fn plain_front_matter(inner: &str) -> Option<FrontMatter> {
    let mut meta = FrontMatter::default();
    // The lines, as `inner.split('\n')` cuts them, found by `memchr`.
    let ends = memchr::memchr_iter(b'\n', inner.as_bytes()).chain(std::iter::once(inner.len()));
    let mut line_start = 0;
    for line_end in ends {
        let line = &inner[line_start..line_end];
        line_start = line_end + 1;
        if line.is_empty() {
            continue;
        }
        let (key, rest) = split_key(line)?;
        let value = rest.strip_suffix('"')?;
        // Every byte tested, none passed by: the compiler tests many at once.
        let refused = value.bytes().fold(false, |refused, b| {
            refused | (b == b'"') | (b == b'\\') | (b < 0x20) | (b == 0x7F)
        });
        if refused {
            return None;
        }
        let field = match key {
            "source" => &mut meta.source,
            "url" => &mut meta.url,
            "lang" => &mut meta.lang,
            "title" => &mut meta.title,
            "kind" => &mut meta.kind,
            "published" => {
                if meta.published.is_some() {
                    return None;
                }
                meta.published = Some(toml::Value::String(value.to_string()));
                continue;
            }
            _ => return None,
        };
        if field.is_some() {
            return None;
        }
        *field = Some(value.to_string());
    }
    Some(meta)
}

/// `line.split_once(" = \"")`, found from the line's `=` signs (a line
/// has one or two) rather than by a substring search set up for each line.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'=', bytes)
        .find(|&at| at > 0 && bytes[at - 1] == b' ' && bytes[at + 1..].starts_with(b" \""))
        .map(|at| (&line[..at - 1], &line[at + 3..]))
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
    fn plain_front_matter_reads_as_toml_does() {
        let cases = [
            "\nsource = \"X\"\npublished = \"2024-10-23\"\nlang = \"en\"\nurl = \"https://a.b/c?d=e\"\n",
            "\ntitle = \"Quake: 50,000 dead — «toll» rises\"\nkind = \"notes\"\n",
            "\n\nsource = \"\"\n\n",
            "\nsource = \"A\"\nsource = \"B\"\n",
            "\nsource = \"A \\\"B\\\"\"\n",
            "\nsource = \"tab\there\"\n",
            "\npublished = 2024-10-23\n",
            "\nother = \"x\"\n",
            "\nsource = \"x\" # note\n",
            "\nsource=\"x\"\n",
            "\nsource = \"x\r\n",
            "\nsource = \"a\"b\"\n",
        ];
        for inner in cases {
            let toml: Result<FrontMatter, _> = toml::from_str(inner);
            match plain_front_matter(inner) {
                Some(plain) => {
                    let toml = toml.unwrap();
                    assert_eq!(format!("{plain:?}"), format!("{toml:?}"), "{inner:?}");
                }
                None => assert!(
                    !inner.contains("source = \"X\"") || toml.is_err(),
                    "{inner:?} left to the parser"
                ),
            }
        }
        assert!(plain_front_matter(cases[0]).is_some());
        assert!(plain_front_matter(cases[1]).is_some());
        assert!(plain_front_matter(cases[2]).is_some());
        for refused in &cases[3..] {
            assert!(plain_front_matter(refused).is_none(), "{refused:?}");
        }
    }

    #[test]
    fn a_key_is_split_off_as_split_once_does() {
        let pieces = ["a", " ", "=", "\"", "b", "==", " = \"", "é"];
        let mut random = crate::test_random::TestRandom(7);
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..random.below(9) {
                line.push_str(random.pick(&pieces));
            }
            assert_eq!(split_key(&line), line.split_once(" = \""), "{line:?}");
        }
    }

    /// The closing `+++` found a line at a time, as the substring search
    /// found it.
    #[test]
    fn front_matter_ends_where_a_search_for_its_closing_line_says() {
        fn by_search(text: &str) -> Option<(usize, usize)> {
            let mut search_from = 3;
            loop {
                let marker = search_from + text[search_from..].find("\n+++")? + 1;
                let after = &text[marker + 3..];
                if after.is_empty() || after.starts_with(['\n', '\r']) {
                    let line_end = after.find('\n').map_or(text.len(), |i| marker + 3 + i + 1);
                    return Some((marker, line_end));
                }
                search_from = marker;
            }
        }
        let pieces = ["\n", "+++", "++", "\r", "x", "\n+++", "+", " "];
        let mut random = crate::test_random::TestRandom(5);
        for _ in 0..20_000 {
            let mut text = String::from("+++\n");
            for _ in 0..random.below(10) {
                text.push_str(random.pick(&pieces));
            }
            let expected = by_search(&text);
            match parse_front_matter(&text) {
                Err(SkipReason::UnclosedFrontMatter) => assert_eq!(expected, None, "{text:?}"),
                Ok((_, body_start)) => {
                    assert_eq!(expected.map(|(_, end)| end), Some(body_start), "{text:?}")
                }
                Err(_) => assert!(expected.is_some(), "{text:?}"),
            }
        }
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

    /// The length the walk found is a hint: a file that grew or shrank
    /// since is read to its end all the same, up to the limit.
    #[test]
    fn a_file_is_read_to_its_end_whatever_length_the_walk_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&path, "twelve bytes");
        let read = |size, max| read_text_sized(&path, Some(size), max, &mut Opener::default());
        for size in [0, 5, 11, 12, 13, 100] {
            assert_eq!(read(size, 100).unwrap(), "twelve bytes", "{size}");
        }
        assert_eq!(read(12, 12).unwrap(), "twelve bytes");
        assert_eq!(
            read(5, 11),
            Err(SkipReason::TooLarge {
                size: 12,
                limit: 11
            })
        );
        assert_eq!(read(5, 8), Err(SkipReason::TooLarge { size: 9, limit: 8 }));
    }

    /// A limit asked for above the most an article may have is lowered to
    /// it, and a file over it says so, not to raise the limit.
    #[test]
    fn an_article_past_the_most_it_may_have_is_a_reason_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&path, "twelve bytes");
        let read = |size, limits| read_text_at_most(&path, size, limits, &mut Opener::default());
        // A file that grew since the walk is known to be at least one byte
        // over the limit it met.
        for size in [None, Some(12), Some(5)] {
            assert_eq!(read(size, (100, 12)).unwrap(), "twelve bytes");
            assert_eq!(
                read(size, (100, 11)),
                Err(SkipReason::ArticleTooLarge { size: 12, most: 11 })
            );
            assert!(
                matches!(
                    read(size, (10, 11)),
                    Err(SkipReason::TooLarge {
                        size: 11..=12,
                        limit: 10
                    })
                ),
                "{size:?}"
            );
        }
        assert_eq!(MAX_ARTICLE_BYTES, u64::from(u32::MAX));
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
    fn front_matter_kind_other_than_article_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes.md");
        let article = dir.path().join("article.md");
        write(&notes, "+++\nkind = \"notes\"\n+++\n12 soldiers");
        write(&article, "+++\nkind = \"article\"\n+++\n12 soldiers");
        assert_eq!(
            read_document(&notes).unwrap_err().reason,
            SkipReason::NotAnArticleKind("notes".into())
        );
        assert!(read_document(&article).is_ok());
    }

    #[test]
    fn bad_bytes_are_reasons_not_panics() {
        assert_eq!(decode(b"".to_vec()), Err(SkipReason::Empty));
        assert_eq!(decode(b"  \n".to_vec()), Err(SkipReason::Empty));
        assert_eq!(decode(b"ab\0cd".to_vec()), Err(SkipReason::Binary(2)));
        assert_eq!(decode(b"ab\xffcd".to_vec()), Err(SkipReason::NotUtf8(2)));
    }
}
