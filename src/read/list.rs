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

/// Where a path and an id lie in the list's text (24 bytes a file). A path
/// that is not valid Unicode is kept apart: its `path_len` is
/// [`ODD_PATH`] and its `path_start` its index among the odd paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    path_start: u64,
    id_start: u64,
    path_len: u32,
    id_len: u32,
}

/// The `path_len` of a path kept apart from the text.
const ODD_PATH: u32 = u32::MAX;

/// A piece of the text: its start and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u64,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// Files to read, each with its id, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputList {
    /// The paths and the ids, one after another.
    text: String,
    /// Paths that are not valid Unicode, kept as they are.
    odd_paths: Vec<PathBuf>,
    entries: Vec<Entry>,
    /// Each file's length as the walk found it, or [`UNKNOWN_SIZE`]: four
    /// bytes a file, kept beside the entries.
    sizes: Vec<u32>,
}

/// The size of a file not known, or not below 4 GB (it is asked when read).
const UNKNOWN_SIZE: u32 = u32::MAX;

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
        let entry = self.entries[index];
        if entry.path_len == ODD_PATH {
            return &self.odd_paths[entry.path_start as usize];
        }
        let path = Span {
            start: entry.path_start,
            len: entry.path_len,
        };
        Path::new(&self.text[path.range()])
    }

    /// The id of file `index`.
    pub fn id(&self, index: usize) -> &str {
        let entry = self.entries[index];
        let id = Span {
            start: entry.id_start,
            len: entry.id_len,
        };
        &self.text[id.range()]
    }

    /// The length of file `index` as the walk found it, if known.
    pub fn size(&self, index: usize) -> Option<u64> {
        let size = self.sizes[index];
        (size != UNKNOWN_SIZE).then_some(u64::from(size))
    }

    /// File `index` as an input to read.
    pub fn input(&self, index: usize) -> Input {
        Input {
            path: self.path(index).to_path_buf(),
            id: self.id(index).to_string(),
            size: self.size(index),
        }
    }

    /// Every file as an input to read, in order.
    pub fn to_inputs(&self) -> Vec<Input> {
        (0..self.len()).map(|index| self.input(index)).collect()
    }

    /// Adds a file at the end; returns its index.
    pub(super) fn push(&mut self, path: &Path, id: &str) -> usize {
        let text = path.to_str().and_then(|text| self.add_text(text));
        let (path_start, path_len) = match text {
            Some(span) => (span.start, span.len),
            None => {
                self.odd_paths.push(path.to_path_buf());
                ((self.odd_paths.len() - 1) as u64, ODD_PATH)
            }
        };
        let mut entry = Entry {
            path_start,
            id_start: 0,
            path_len,
            id_len: 0,
        };
        self.place_id(&mut entry, id);
        self.entries.push(entry);
        self.sizes.push(UNKNOWN_SIZE);
        self.entries.len() - 1
    }

    /// Records the length of file `index`, when known.
    pub(super) fn set_size(&mut self, index: usize, size: Option<u64>) {
        self.sizes[index] = size
            .and_then(|size| u32::try_from(size).ok())
            .unwrap_or(UNKNOWN_SIZE);
    }

    /// Gives file `index` another id.
    pub(super) fn set_id(&mut self, index: usize, id: &str) {
        let mut entry = self.entries[index];
        self.place_id(&mut entry, id);
        self.entries[index] = entry;
    }

    /// Keeps the files whose indexes `order` gives, in that order; the text
    /// keeps the paths and ids of files dropped (the list is made once).
    pub(super) fn reorder(&mut self, order: &[usize]) {
        self.entries = order.iter().map(|&index| self.entries[index]).collect();
        self.sizes = order.iter().map(|&index| self.sizes[index]).collect();
    }

    /// Adds `text` to the list's text; `None` for a piece of 4 GB or more
    /// (no path or id is), which is then kept apart or left empty.
    fn add_text(&mut self, text: &str) -> Option<Span> {
        let len = u32::try_from(text.len())
            .ok()
            .filter(|&len| len != ODD_PATH)?;
        let start = self.text.len() as u64;
        self.text.push_str(text);
        Some(Span { start, len })
    }

    /// Sets where `entry`'s id lies: in its path's text when it is a piece
    /// of it, else added to the text.
    fn place_id(&mut self, entry: &mut Entry, id: &str) {
        if entry.path_len != ODD_PATH {
            let path = Span {
                start: entry.path_start,
                len: entry.path_len,
            };
            if let Some(at) = place_in(&self.text[path.range()], id) {
                entry.id_start = entry.path_start + at as u64;
                // No longer than its path, whose length fits.
                entry.id_len = id.len() as u32;
                return;
            }
        }
        let span = self.add_text(id).unwrap_or(Span { start: 0, len: 0 });
        entry.id_start = span.start;
        entry.id_len = span.len;
    }
}

/// Where `id` lies in `path`: where a file's id nearly always ends, right
/// before its extension or at the end, else anywhere (any place holds the
/// same bytes, and the place is only read for them).
fn place_in(path: &str, id: &str) -> Option<usize> {
    let before_extension = path.rfind('.').map_or(path, |dot| &path[..dot]);
    if before_extension.ends_with(id) {
        return Some(before_extension.len() - id.len());
    }
    if path.ends_with(id) {
        return Some(path.len() - id.len());
    }
    path.rfind(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_placed_where_its_path_writes_it() {
        for (path, id) in [
            ("root/x/b.txt", "x/b"),
            ("root/x/b.txt", "b.txt"),
            ("root/x.y/b", "x.y/b"),
            ("root/a.a", "a"),
            ("root/b.txt", "root"),
            ("root/b.txt", ""),
        ] {
            let at = place_in(path, id).unwrap();
            assert_eq!(&path[at..at + id.len()], id, "{path} {id}");
        }
        assert_eq!(place_in("root/b.txt", "c"), None);
    }

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
