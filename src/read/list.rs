//! The files of a run, kept compactly until each is read.
//!
//! A walk may find a million files. Kept as an [`Input`] each, a path and an
//! id are two allocations of their own, about 250 bytes a file with what
//! the allocator adds: a quarter of a gigabyte before a document is read, and
//! more left behind once they are freed. An [`InputList`] keeps every path
//! and id in one text, and an id that is a piece of its path (nearly all of
//! them: "x/b" of "root/x/b.txt") costs nothing more. An [`Input`] is made
//! when a file is about to be read.

use std::path::{Path, PathBuf};

use super::walk::Input;

/// Where a path or an id lies in the list's text, or, for a path that is
/// not valid Unicode, which of the odd paths it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PathAt {
    Text(Span),
    Odd(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    path: PathAt,
    id: Span,
}

/// Files to read, each with its id, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputList {
    /// The paths and the ids, one after another.
    text: String,
    /// Paths that are not valid Unicode, kept as they are.
    odd_paths: Vec<PathBuf>,
    entries: Vec<Entry>,
}

impl InputList {
    /// How many files.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The path of file `index`.
    pub fn path(&self, index: usize) -> &Path {
        match self.entries[index].path {
            PathAt::Text(span) => Path::new(&self.text[span.start..span.end]),
            PathAt::Odd(at) => &self.odd_paths[at],
        }
    }

    /// The id of file `index`.
    pub fn id(&self, index: usize) -> &str {
        let span = self.entries[index].id;
        &self.text[span.start..span.end]
    }

    /// File `index` as an input to read.
    pub fn input(&self, index: usize) -> Input {
        Input {
            path: self.path(index).to_path_buf(),
            id: self.id(index).to_string(),
        }
    }

    /// Every file as an input to read, in order.
    pub fn to_inputs(&self) -> Vec<Input> {
        (0..self.len()).map(|index| self.input(index)).collect()
    }

    /// Adds a file at the end; returns its index.
    pub(super) fn push(&mut self, path: &Path, id: &str) -> usize {
        let path = match path.to_str() {
            Some(text) => PathAt::Text(self.add_text(text)),
            None => {
                self.odd_paths.push(path.to_path_buf());
                PathAt::Odd(self.odd_paths.len() - 1)
            }
        };
        let id = self.span_for_id(path, id);
        self.entries.push(Entry { path, id });
        self.entries.len() - 1
    }

    /// Gives file `index` another id.
    pub(super) fn set_id(&mut self, index: usize, id: &str) {
        let path = self.entries[index].path;
        self.entries[index].id = self.span_for_id(path, id);
    }

    /// Keeps the files whose indexes `order` gives, in that order; the text
    /// keeps the paths and ids of files dropped (the list is made once).
    pub(super) fn reorder(&mut self, order: &[usize]) {
        self.entries = order.iter().map(|&index| self.entries[index]).collect();
    }

    fn add_text(&mut self, text: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(text);
        Span {
            start,
            end: self.text.len(),
        }
    }

    /// Where `id` lies: in its path's text when it is a piece of it, else
    /// added to the text.
    fn span_for_id(&mut self, path: PathAt, id: &str) -> Span {
        if let PathAt::Text(span) = path
            && let Some(at) = self.text[span.start..span.end].rfind(id)
        {
            let start = span.start + at;
            return Span {
                start,
                end: start + id.len(),
            };
        }
        self.add_text(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_ids_come_back_as_given() {
        let mut list = InputList::default();
        list.push(Path::new("root/x/b.txt"), "x/b");
        list.push(Path::new("root/a.md"), "elsewhere");
        list.push(Path::new("c.txt"), "");
        assert_eq!(list.len(), 3);
        assert_eq!(list.path(0), Path::new("root/x/b.txt"));
        assert_eq!(list.id(0), "x/b");
        assert_eq!(list.id(1), "elsewhere");
        assert_eq!(list.id(2), "");
        list.set_id(0, "x/b.txt");
        assert_eq!(list.id(0), "x/b.txt");
        list.reorder(&[2, 0]);
        let inputs = list.to_inputs();
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].path, PathBuf::from("c.txt"));
        assert_eq!(inputs[1].id, "x/b.txt");
    }

    /// An id found in its path costs no text of its own.
    #[test]
    fn an_id_inside_its_path_adds_no_text() {
        let mut list = InputList::default();
        list.push(
            Path::new("corpus/0001/c00042-story.txt"),
            "0001/c00042-story",
        );
        assert_eq!(list.text.len(), "corpus/0001/c00042-story.txt".len());
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_unicode_is_kept_as_it_is() {
        use std::os::unix::ffi::OsStrExt;
        let odd = Path::new(std::ffi::OsStr::from_bytes(b"root/\xffname.txt"));
        let mut list = InputList::default();
        list.push(odd, "\u{fffd}name");
        assert_eq!(list.path(0), odd);
        assert_eq!(list.id(0), "\u{fffd}name");
    }
}
