//! What a folder walk leaves out as not an article: the files a corpus
//! keeps beside its articles (a README, a licence), with a message, and what
//! a `.crosscheckignore` names, silently, as git leaves out what
//! `.gitignore` names. The `ignore` crate reads the gitignore format: its
//! rules (anchoring, `**`, `!` to take a file back, a trailing `/` for
//! folders) are subtle enough that a second reading of them would drift.

use std::path::{Path, PathBuf};

use super::{SkipReason, Skipped};

/// File names (the part before the first `.`, in any case) that a folder walk
/// skips with a message: the files a corpus folder keeps beside its articles.
/// Named directly, such a file is read.
pub const NOT_ARTICLE_NAMES: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "changelog",
    "changes",
    "contributing",
    "code_of_conduct",
    "authors",
    "notice",
    "security",
];

/// The file, in any folder of a walk, whose lines (in the gitignore format)
/// name files and folders below it that are not inputs; they are left out
/// without a message, as git leaves out what `.gitignore` names.
pub const IGNORE_FILE: &str = ".crosscheckignore";

/// The `.crosscheckignore` files met in a walk, by the folder they sit in.
/// A path is ignored when the deepest folder above it whose file has a
/// pattern for it says so: a `!pattern` deeper down takes a file back, as
/// in git.
#[derive(Default)]
pub(super) struct IgnoreFiles {
    by_folder: Vec<(PathBuf, ignore::gitignore::Gitignore)>,
    pub(super) problems: Vec<Skipped>,
}

impl IgnoreFiles {
    /// Reads `folder`'s ignore file, if it has one.
    pub(super) fn load(&mut self, folder: &Path) {
        let path = folder.join(IGNORE_FILE);
        if !path.is_file() {
            return;
        }
        let mut builder = ignore::gitignore::GitignoreBuilder::new(folder);
        if let Some(error) = builder.add(&path) {
            self.problems.push(Skipped {
                path: path.clone(),
                reason: SkipReason::BadIgnoreFile(error.to_string()),
            });
        }
        match builder.build() {
            Ok(matcher) => self.by_folder.push((folder.to_path_buf(), matcher)),
            Err(error) => self.problems.push(Skipped {
                path,
                reason: SkipReason::BadIgnoreFile(error.to_string()),
            }),
        }
    }

    /// True when the ignore files above `path` leave it out.
    pub(super) fn ignored(&self, path: &Path, is_dir: bool) -> bool {
        // Deepest folder first: the nearest file decides, as in git.
        for (folder, matcher) in self.by_folder.iter().rev() {
            if !path.starts_with(folder) {
                continue;
            }
            match matcher.matched(path, is_dir) {
                ignore::Match::Ignore(_) => return true,
                ignore::Match::Whitelist(_) => return false,
                ignore::Match::None => {}
            }
        }
        false
    }
}

/// True for a README, a licence and the like: see [`NOT_ARTICLE_NAMES`].
pub(super) fn is_not_article_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let base = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    NOT_ARTICLE_NAMES.contains(&base.as_str())
}
