//! Walking the user's paths: which files to read, each once, with its id.
//!
//! Input: the paths given (files or folders) and the extensions to collect
//! from folders. Output: the [`Input`]s to read, sorted by id, and a
//! [`Skipped`] for each path that leads to nothing readable (missing, a
//! folder that cannot be listed, a loop, not an article). Invariant: each
//! file comes once however many paths lead to it (known by device and inode),
//! each folder is walked once, ids are unique, and neither the ids nor the
//! order depend on the order of the paths. No file is opened here.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::list::InputList;
use super::not_articles::{IgnoreFiles, is_not_article_name};
use super::{NOT_ARTICLES, SkipReason, Skipped};

/// A file to read, with the id its document or table will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as given or found in a folder.
    pub path: PathBuf,
    /// The id, unique among the inputs of a run.
    pub id: String,
    /// The length of the regular file the walk found here, so that reading
    /// it asks the system no more; `None` when not known (it is asked then).
    pub size: Option<u64>,
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
    let (list, skipped) = collect_input_list(inputs, extensions);
    (list.to_inputs(), skipped)
}

/// [`collect_inputs`], the files kept compactly until each is read: a walk
/// may find a million of them.
pub fn collect_input_list(inputs: &[PathBuf], extensions: &[&str]) -> (InputList, Vec<Skipped>) {
    let mut list = InputList::default();
    // What file each entry of the list is; `None` when it cannot be asked
    // about, and then it is left out.
    let mut keys: Vec<Option<Found>> = Vec::new();
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
            walk(input, extensions, (&mut list, &mut keys), &mut skipped);
        } else if let Some(ext) = extension_in(input, NOT_ARTICLES) {
            skipped.push(Skipped {
                path: input.clone(),
                reason: SkipReason::NotAnArticle(ext),
            });
        } else {
            list.push(input, &stem_of(input));
            keys.push(Some(Found::of(input, &metadata)));
        }
    }
    // One path per file: the one with the smallest id (then path), so that
    // the choice does not depend on the order of the inputs.
    let mut by_file: Vec<usize> = (0..list.len()).filter(|&i| keys[i].is_some()).collect();
    let key = |i: usize| keys[i].as_ref().map(|found| &found.key);
    // Unstable: entries that tie on all three are one path given twice. Ids
    // and paths are compared only between paths to one file.
    by_file.sort_unstable_by(|&a, &b| {
        key(a)
            .cmp(&key(b))
            .then_with(|| (list.id(a), list.path(a)).cmp(&(list.id(b), list.path(b))))
    });
    by_file.dedup_by(|later, first| key(*later) == key(*first));
    let mut kept = vec![false; list.len()];
    for index in by_file {
        kept[index] = true;
    }
    for (index, found) in keys.iter().enumerate() {
        list.set_size(index, found.as_ref().and_then(|found| found.size));
    }
    drop(keys);
    // Kept in the order found: the files of a folder come sorted by name,
    // nearly the order of their ids, which the sort below then finds at
    // little cost. (No step from here on depends on the order but that
    // sort, whose order is total.)
    let found: Vec<usize> = (0..list.len()).filter(|&index| kept[index]).collect();
    list.reorder(&found);
    make_ids_unique(&mut list);
    let mut order: Vec<usize> = (0..list.len()).collect();
    // The ids are unique now: no two entries tie.
    order.sort_unstable_by(|&a, &b| {
        list.id(a)
            .cmp(list.id(b))
            .then_with(|| list.path(a).cmp(list.path(b)))
    });
    list.reorder(&order);
    (list, skipped)
}

/// A file the walk asked about: which file it is, and its length when it is
/// a regular file.
struct Found {
    key: FileKey,
    size: Option<u64>,
}

impl Found {
    fn of(path: &Path, metadata: &std::fs::Metadata) -> Found {
        Found {
            key: FileKey::of(path, metadata),
            size: metadata.is_file().then_some(metadata.len()),
        }
    }
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
    (list, keys): (&mut InputList, &mut Vec<Option<Found>>),
    skipped: &mut Vec<Skipped>,
) {
    let mut seen_folders: HashSet<FileKey> = HashSet::new();
    let mut ignores = IgnoreFiles::default();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by(by_file_name)
        .into_iter()
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_dir();
            if entry.depth() > 0 && ignores.ignored(entry.path(), is_dir) {
                return false;
            }
            if !is_dir {
                return true;
            }
            // A folder reached a second time (through a link) is not walked again.
            let first_time = match entry.metadata() {
                Ok(metadata) => seen_folders.insert(FileKey::of(entry.path(), &metadata)),
                Err(_) => true,
            };
            if first_time {
                ignores.load(entry.path());
            }
            first_time
        });
    let first = list.len();
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
        if is_not_article_name(entry.path()) {
            skipped.push(Skipped {
                path: entry.path().to_path_buf(),
                reason: SkipReason::NotAnArticleName,
            });
            continue;
        }
        list.push(entry.path(), &id_below(root, entry.path()));
    }
    keys.extend(file_keys(list, first));
    skipped.append(&mut ignores.problems);
}

/// Orders two entries of one folder by file name, as walkdir's
/// `sort_by_file_name` does, without parsing either path for every
/// comparison (`Path::file_name` walks its components; a folder of a
/// thousand files is compared some ten thousand times). On Unix the
/// paths' bytes are compared whole: the entries of one folder are its path
/// joined with their names, so they agree up to the names, and compare as
/// their names do (nor does the order of the walk reach the output: the
/// documents are put in the order of their ids).
fn by_file_name(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        a.path()
            .as_os_str()
            .as_bytes()
            .cmp(b.path().as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    match (last_segment(a.path()), last_segment(b.path())) {
        (Some(a), Some(b)) => a.cmp(b),
        _ => a.file_name().cmp(b.file_name()),
    }
}

/// The bytes after the last `/` of a path found in a folder: its file name,
/// since a folder's entry is the folder's path joined with a name that holds
/// no `/`. `None` where that would not be the file name (`.`, `..`, nothing),
/// and off Unix, so that the caller asks `Path::file_name`.
#[cfg(unix)]
fn last_segment(path: &Path) -> Option<&[u8]> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let start = memchr::memrchr(b'/', bytes).map_or(0, |at| at + 1);
    let name = &bytes[start..];
    (!matches!(name, b"" | b"." | b"..")).then_some(name)
}

#[cfg(not(unix))]
fn last_segment(_path: &Path) -> Option<&[u8]> {
    None
}

/// The device, inode and length of the files of `list` from `first` on;
/// `None` for a file that cannot be asked about, which is then left out. A
/// walk of many small files spends much of its time asking the system about
/// each (one `stat` a file, the only one: reading it needs no other), while
/// no document is read yet: the files are asked about on every thread.
#[cfg(not(target_os = "linux"))]
fn file_keys(list: &InputList, first: usize) -> Vec<Option<Found>> {
    use rayon::prelude::*;
    (first..list.len())
        .into_par_iter()
        .map(|index| {
            let path = list.path(index);
            // What walkdir's `DirEntry::metadata` gives when links are
            // followed: the file a link leads to.
            let metadata = std::fs::metadata(path).ok()?;
            Some(Found::of(path, &metadata))
        })
        .collect()
}

/// [`file_keys`] where a file can be asked about by its name in its folder's
/// handle: the files of a folder come together, so the system looks up one
/// name a file instead of every folder of its path.
#[cfg(target_os = "linux")]
fn file_keys(list: &InputList, first: usize) -> Vec<Option<Found>> {
    use rayon::prelude::*;
    (first..list.len())
        .into_par_iter()
        .map_init(super::Opener::default, |opener, index| {
            // The file a link leads to, as walkdir's `DirEntry::metadata`
            // gives it when links are followed.
            let facts = opener.stat(list.path(index)).ok()?;
            Some(Found {
                key: FileKey::Inode(facts.device, facts.inode),
                size: facts.regular.then_some(facts.len),
            })
        })
        .collect()
}

/// True when walkdir could not list a folder (rather than stat a file).
fn is_folder_error(error: &walkdir::Error) -> bool {
    error.path().is_some_and(|path| path.is_dir())
}

/// The id of a file found under `root`: its stem directly in `root`, else its
/// path below `root` without the extension, `/` between folders.
fn id_below(root: &Path, path: &Path) -> String {
    id_below_plainly(root, path).unwrap_or_else(|| id_below_by_components(root, path))
}

/// [`id_below`] read from the bytes of a plain path below `root`: `root`,
/// then names of valid Unicode between single slashes, none `.` or `..`
/// (what walkdir gives: `root` joined with each name below it). `None` for
/// any other path, left to the paths' own parsing, which costs some
/// thousand instructions a file.
#[cfg(unix)]
fn id_below_plainly(root: &Path, path: &Path) -> Option<String> {
    use std::os::unix::ffi::OsStrExt;
    let root = root.as_os_str().as_bytes();
    let below = path.as_os_str().as_bytes().strip_prefix(root)?;
    let below = if root.ends_with(b"/") {
        below
    } else {
        below.strip_prefix(b"/")?
    };
    let below = std::str::from_utf8(below).ok()?;
    if below.split('/').any(|name| matches!(name, "" | "." | "..")) {
        return None;
    }
    let (folders, name) = below.split_at(below.rfind('/').map_or(0, |at| at + 1));
    // The stem as `Path::file_stem` has it: up to the last dot, unless the
    // name starts with its only dot.
    let stem = match name.rfind('.') {
        Some(at) if at > 0 => &name[..at],
        _ => name,
    };
    Some([folders, stem].concat())
}

#[cfg(not(unix))]
fn id_below_plainly(_root: &Path, _path: &Path) -> Option<String> {
    None
}

fn id_below_by_components(root: &Path, path: &Path) -> String {
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

pub(super) fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A way to tell a file's id from the ids it shares: the new id of file
/// `index`.
type IdStep = dyn Fn(&InputList, usize) -> String;

/// Where ids collide, each colliding file's id takes its extension
/// (`twin.md`, `twin.txt`); where that still collides (files of one name
/// named directly from two folders), its path as found; a number is added in
/// the unlikely case that still collides (file names that are not UTF-8).
fn make_ids_unique(list: &mut InputList) {
    let with_extension = |list: &InputList, index: usize| match list.path(index).extension() {
        Some(ext) => format!("{}.{}", list.id(index), ext.to_string_lossy()),
        None => list.id(index).to_string(),
    };
    let as_found = |list: &InputList, index: usize| {
        list.path(index)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
            .replace("//", "/")
    };
    let steps: [&IdStep; 2] = [&with_extension, &as_found];
    // The ids are counted borrowed, not copied: a walk may find a million files.
    for step in steps {
        let mut count: HashMap<&str, usize> = HashMap::with_capacity(list.len());
        for index in 0..list.len() {
            *count.entry(list.id(index)).or_default() += 1;
        }
        let shared: Vec<usize> = (0..list.len())
            .filter(|&index| count[list.id(index)] > 1)
            .collect();
        drop(count);
        // No id shared (nearly every run): they are unique already, and the
        // steps after would count them again to find the same.
        if shared.is_empty() {
            return;
        }
        let ids: Vec<String> = shared.iter().map(|&index| step(list, index)).collect();
        for (index, id) in shared.into_iter().zip(ids) {
            list.set_id(index, &id);
        }
    }
    let mut distinct: HashSet<&str> = HashSet::with_capacity(list.len());
    if (0..list.len()).all(|index| distinct.insert(list.id(index))) {
        return;
    }
    drop(distinct);
    // Sorted by path, so that the numbers do not depend on input order.
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by(|&a, &b| list.path(a).cmp(list.path(b)));
    let mut taken: HashSet<String> = HashSet::new();
    for index in order {
        let base = list.id(index).to_string();
        let mut n = 2;
        while !taken.insert(list.id(index).to_string()) {
            list.set_id(index, &format!("{base}~{n}"));
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
    // Read from the bytes of the name after the last `/` (a folder's entry),
    // without parsing the path twice and lower-casing into new strings; the
    // same answer as below (a test compares them).
    let Some(name) = last_segment(path) else {
        return has_extension_by_components(path, extensions);
    };
    let gold = name.len() >= 10 && name[name.len() - 10..].eq_ignore_ascii_case(b".gold.toml");
    let extension = match memchr::memrchr(b'.', name) {
        Some(at) if at > 0 => &name[at + 1..],
        _ => return false,
    };
    let lower_is = |wanted: &&str| {
        extension.len() == wanted.len()
            && extension
                .iter()
                .zip(wanted.bytes())
                .all(|(byte, wanted)| byte.to_ascii_lowercase() == wanted)
    };
    !gold && extensions.iter().any(lower_is)
}

fn has_extension_by_components(path: &Path, extensions: &[&str]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{DOCUMENT_EXTENSIONS, IGNORE_FILE};

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[cfg(unix)]
    /// Ids and extensions read from the bytes are the ones the paths' own
    /// parsing gives, on roots and names of every odd form.
    #[test]
    fn ids_and_extensions_from_bytes_are_the_parsed_ones() {
        let roots = [
            "corpus", "corpus/", "./corpus", "/", "//", ".", "./", "a/./b", "a/..", "a//b/",
        ];
        let names = [
            "x.txt",
            "x.TXT",
            "x.tar.gz",
            ".hidden",
            "..a",
            "a.",
            "a",
            "x.gold.toml",
            "X.Gold.TOML",
            ".",
            "..",
            "",
            "é.md",
            "twin.Md",
            "a.jsonl",
            "b.CSV",
            "c.txtx",
            "d.gold.toml.txt",
        ];
        let extensions = ["txt", "md", "csv", "jsonl"];
        let mut random = crate::test_random::TestRandom(11);
        for _ in 0..20_000 {
            let root = random.pick(&roots);
            let depth = random.below(4);
            let mut below: Vec<&str> = (0..depth).map(|_| random.pick(&names)).collect();
            below.push(random.pick(&names));
            let separator = if random.below(10) == 0 { "//" } else { "/" };
            let joined = below.join(separator);
            let path = Path::new(root).join(&joined);
            let root = Path::new(root);
            if let Some(id) = id_below_plainly(root, &path) {
                assert_eq!(id, id_below_by_components(root, &path), "{root:?} {path:?}");
            }
            assert_eq!(
                has_extension(&path, &extensions),
                has_extension_by_components(&path, &extensions),
                "{path:?}"
            );
        }
        let plain = id_below_plainly(Path::new("corpus"), Path::new("corpus/d0/x.y.txt"));
        assert_eq!(plain.as_deref(), Some("d0/x.y"));
    }

    /// A folder's entries come in the order of their names, whatever
    /// bytes the names hold (a name that starts another, bytes past ASCII).
    #[test]
    fn a_folder_s_entries_are_ordered_by_their_names() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("d");
        std::fs::create_dir(&folder).unwrap();
        let names = ["b", "a", "ab", "a b", "a.txt", "ä", "Z", "a-", "é.md", "aa"];
        for name in names {
            std::fs::write(folder.join(name), "x").unwrap();
        }
        let walked: Vec<std::ffi::OsString> = walkdir::WalkDir::new(&folder)
            .min_depth(1)
            .sort_by(by_file_name)
            .into_iter()
            .map(|entry| entry.unwrap().file_name().to_os_string())
            .collect();
        let mut sorted: Vec<std::ffi::OsString> = names.iter().map(Into::into).collect();
        sorted.sort();
        assert_eq!(walked, sorted);
    }

    #[test]
    fn a_folder_entry_s_last_segment_is_its_file_name() {
        use std::os::unix::ffi::OsStrExt;
        for path in ["d/a.txt", "/x/y/ä b.md", "name", "d//z.txt", "./q"] {
            let path = Path::new(path);
            let name = path.file_name().unwrap().as_bytes();
            assert_eq!(last_segment(path), Some(name));
        }
        for path in ["d/..", "d/.", "d/", ""] {
            assert_eq!(last_segment(Path::new(path)), None);
        }
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
                id: "notes".into(),
                size: Some("an article without extension".len() as u64),
            }]
        );
        assert_eq!(skipped[0].reason, SkipReason::NotAnArticle("json".into()));
    }

    /// Issue 14: a corpus folder's README, a file of notes and what its
    /// `.crosscheckignore` names are not read as articles.
    #[test]
    fn files_that_are_not_articles_are_left_out_of_a_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [
            "a.txt",
            "README.md",
            "sub/LICENSE.txt",
            "sub/readme.txt",
            "sub/b.txt",
            "drafts/c.txt",
            "drafts/keep.txt",
            "ANNOTATION.md",
            "sub/deep/ANNOTATION.md",
        ] {
            write(&root.join(name), "text");
        }
        write(
            &root.join(IGNORE_FILE),
            "# comments too\nANNOTATION.md\ndrafts/\n",
        );
        // A deeper file takes back what a shallower one left out.
        write(&root.join("sub/deep").join(IGNORE_FILE), "!ANNOTATION.md\n");
        let (found, skipped) = collect_inputs(&[root.to_path_buf()], DOCUMENT_EXTENSIONS);
        let ids: Vec<&str> = found.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "sub/b", "sub/deep/ANNOTATION"]);
        let names: Vec<String> = skipped
            .iter()
            .map(|s| s.path.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["README.md", "sub/LICENSE.txt", "sub/readme.txt"]);
        assert!(
            skipped
                .iter()
                .all(|s| s.reason == SkipReason::NotAnArticleName)
        );
        // Named directly, a README is read.
        let (found, skipped) = collect_inputs(&[root.join("README.md")], DOCUMENT_EXTENSIONS);
        assert_eq!(found.len(), 1);
        assert!(skipped.is_empty());
    }
}
