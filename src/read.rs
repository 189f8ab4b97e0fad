//! Reading documents: the only stage that touches the file system.
//!
//! Input: paths given by the user (files or folders). Output: for each file, a
//! [`Document`] (its text and front matter) or a [`Skipped`] saying why it could
//! not be used. A bad file never stops the run.
//!
//! Invariant: every read of a document or a table goes through here
//! ([`read_document`], [`read_text`]); the stages after it are pure functions of
//! the text. This module knows nothing of what the files hold beyond text and
//! front matter: which extensions are collected is the caller's choice.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// File extensions read as articles when a folder is given.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md"];

/// A document as stored, with what its front matter says.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name without its extension.
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
}

/// Expands the user's paths into the files to read, in a stable order.
/// Folders are walked recursively for files with one of `extensions`; a file
/// named by the user is read whatever its extension; paths that do not exist
/// come back as skipped.
pub fn collect_paths(inputs: &[PathBuf], extensions: &[&str]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            if let Err(error) = walk(input, extensions, &mut found) {
                skipped.push(Skipped {
                    path: input.clone(),
                    reason: SkipReason::Io(error.to_string()),
                });
            }
            found.sort();
            files.extend(found);
        } else if input.exists() {
            files.push(input.clone());
        } else {
            skipped.push(Skipped {
                path: input.clone(),
                reason: SkipReason::NotFound,
            });
        }
    }
    (files, skipped)
}

fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, extensions, out)?;
        } else if has_extension(&path, extensions) {
            out.push(path);
        }
    }
    Ok(())
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    let wanted = path
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| extensions.contains(&ext));
    // Gold annotations live beside documents; they are not documents.
    wanted && !path.to_string_lossy().ends_with(".gold.toml")
}

/// Reads one file into a document.
pub fn read_document(path: &Path) -> Result<Document, Skipped> {
    let skip = |reason| Skipped {
        path: path.to_path_buf(),
        reason,
    };
    let text = read_text(path).map_err(skip)?;
    let (meta, body_start) = parse_front_matter(&text).map_err(skip)?;
    let id = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Document {
        id,
        path: path.to_path_buf(),
        text,
        body_start,
        meta,
    })
}

/// Reads a file that must hold non-empty UTF-8 text (a document, a table of claims).
pub fn read_text(path: &Path) -> Result<String, SkipReason> {
    let bytes = std::fs::read(path).map_err(|error| SkipReason::Io(error.to_string()))?;
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

    #[test]
    fn bad_bytes_are_reasons_not_panics() {
        assert_eq!(decode(b""), Err(SkipReason::Empty));
        assert_eq!(decode(b"  \n"), Err(SkipReason::Empty));
        assert_eq!(decode(b"ab\0cd"), Err(SkipReason::Binary(2)));
        assert_eq!(decode(b"ab\xffcd"), Err(SkipReason::NotUtf8(2)));
    }
}
