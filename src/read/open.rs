//! Opening the files of a run one after another, each by its name in its
//! folder's open handle when the file before it lay in the same folder.
//!
//! Input: paths, in the order they are read. Output: the open files, or the
//! error opening the path itself gives. Opening `root/d0001/a.txt` by its
//! path makes the system look up every folder on the way, for every file;
//! a walk's files come folder by folder, so the folder is opened once and
//! each file is looked up by its name in it (`openat`). Invariant: what
//! comes back is what opening the whole path gives, the file or the error
//! (any failure along the folder's way falls back to opening the whole path,
//! so the error is that one's); only while one [`Opener`] lives is its
//! folder's handle kept, so a folder replaced since is seen by the next.

use std::fs::File;
use std::io;
use std::path::Path;

/// Opens files, keeping the handle of the folder of the last one; one for
/// each run of files read in turn (one per thread: it is not shared).
#[derive(Default)]
pub struct Opener {
    /// The folder of the last file, and its handle once a second file of it
    /// came: a file read alone costs no more than its path's opening.
    #[cfg(target_os = "linux")]
    folder: Option<(Vec<u8>, Option<std::os::fd::OwnedFd>)>,
}

impl Opener {
    /// Opens `path` for reading, as `File::open` does.
    pub fn open(&mut self, path: &Path) -> io::Result<File> {
        #[cfg(target_os = "linux")]
        if let Some(file) = self.open_in_folder(path) {
            return Ok(file);
        }
        File::open(path)
    }

    /// What `std::fs::metadata(path)` says of the file (a link followed):
    /// its device, inode, length and whether it is a regular file, asked of
    /// its name in its folder's handle where it can be.
    #[cfg(target_os = "linux")]
    pub(super) fn stat(&mut self, path: &Path) -> io::Result<FileFacts> {
        if let Some((handle, name)) = self.in_folder(path) {
            let flags = rustix::fs::AtFlags::empty();
            if let Ok(stat) = rustix::fs::statat(handle, name, flags) {
                return Ok(FileFacts {
                    device: stat.st_dev,
                    inode: stat.st_ino,
                    regular: rustix::fs::FileType::from_raw_mode(stat.st_mode)
                        == rustix::fs::FileType::RegularFile,
                    len: stat.st_size as u64,
                });
            }
        }
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::metadata(path)?;
        Ok(FileFacts {
            device: metadata.dev(),
            inode: metadata.ino(),
            regular: metadata.is_file(),
            len: metadata.len(),
        })
    }

    /// `path` opened by its name in its folder's handle; `None` when the
    /// path has no such two parts or either step fails (the caller then
    /// opens the whole path, which gives the error to report).
    #[cfg(target_os = "linux")]
    fn open_in_folder(&mut self, path: &Path) -> Option<File> {
        use rustix::fs::{Mode, OFlags};
        let (handle, name) = self.in_folder(path)?;
        let flags = OFlags::RDONLY | OFlags::CLOEXEC;
        let file = rustix::fs::openat(handle, name, flags, Mode::empty()).ok()?;
        Some(File::from(file))
    }

    /// The handle of `path`'s folder and the name in it, when the last file
    /// was in the same folder (the handle is opened then, and kept); `None`
    /// for the first file of a folder, when the path has no such two parts
    /// or when the folder cannot be opened.
    #[cfg(target_os = "linux")]
    fn in_folder<'p>(
        &mut self,
        path: &'p Path,
    ) -> Option<(std::os::fd::BorrowedFd<'_>, &'p std::ffi::OsStr)> {
        use rustix::fs::{Mode, OFlags};
        use std::os::fd::AsFd;
        use std::os::unix::ffi::OsStrExt;
        let (folder, name) = split_folder(path.as_os_str().as_bytes())?;
        let same = matches!(&self.folder, Some((kept, _)) if kept.as_slice() == folder);
        if !same {
            self.folder = Some((folder.to_vec(), None));
            return None;
        }
        let (_, kept) = self.folder.as_mut()?;
        if kept.is_none() {
            // A handle that only stands for the folder (`O_PATH`): no
            // permission to list it is needed, as none is to open a path
            // through it.
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let folder_path = std::ffi::OsStr::from_bytes(folder);
            *kept = Some(rustix::fs::open(folder_path, flags, Mode::empty()).ok()?);
        }
        let handle = kept.as_ref()?;
        Some((handle.as_fd(), std::ffi::OsStr::from_bytes(name)))
    }
}

/// What the walk asks of each file (see [`Opener::stat`]).
#[cfg(target_os = "linux")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileFacts {
    pub device: u64,
    pub inode: u64,
    pub regular: bool,
    pub len: u64,
}

/// A path's folder and the name in it, split at its last `/`, when opening
/// the name in the folder is opening the path: the name is neither empty
/// (`a/`), `.` nor `..`, and there is a folder (`a.txt` alone has none to
/// keep). The root's files keep `/` as their folder.
fn split_folder(path: &[u8]) -> Option<(&[u8], &[u8])> {
    let slash = memchr::memrchr(b'/', path)?;
    let name = &path[slash + 1..];
    if matches!(name, b"" | b"." | b"..") {
        return None;
    }
    let folder = if slash == 0 {
        &path[..1]
    } else {
        &path[..slash]
    };
    Some((folder, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_path_splits_into_its_folder_and_name_only_where_that_is_the_same_file() {
        let split = |path: &str| {
            split_folder(path.as_bytes()).map(|(folder, name)| {
                (
                    String::from_utf8(folder.to_vec()).unwrap(),
                    String::from_utf8(name.to_vec()).unwrap(),
                )
            })
        };
        assert_eq!(split("d/a.txt"), Some(("d".into(), "a.txt".into())));
        assert_eq!(split("/a.txt"), Some(("/".into(), "a.txt".into())));
        assert_eq!(split("x//y/b.md"), Some(("x//y".into(), "b.md".into())));
        assert_eq!(split("../b.md"), Some(("..".into(), "b.md".into())));
        for whole in ["a.txt", "d/", "d/.", "d/..", ""] {
            assert_eq!(split(whole), None, "{whole:?}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn files_are_asked_about_as_their_paths_are() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.txt"), "first").unwrap();
        std::os::unix::fs::symlink(root.join("sub/a.txt"), root.join("sub/link.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("sub"), root.join("folder-link")).unwrap();
        let mut opener = Opener::default();
        for path in [
            root.join("sub/a.txt"),
            root.join("sub/link.txt"),
            root.join("sub/a.txt"),
            root.join("sub"),
            root.join("folder-link"),
            root.join("folder-link/a.txt"),
            root.join("folder-link/link.txt"),
            root.to_path_buf(),
        ] {
            let metadata = std::fs::metadata(&path).unwrap();
            let facts = opener.stat(&path).unwrap();
            assert_eq!(
                facts,
                FileFacts {
                    device: metadata.dev(),
                    inode: metadata.ino(),
                    regular: metadata.is_file(),
                    len: metadata.len(),
                },
                "{path:?}"
            );
        }
        assert!(opener.stat(&root.join("folder-link/missing.txt")).is_err());
    }

    #[test]
    fn files_open_as_their_paths_do_errors_included() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.txt"), "first").unwrap();
        std::fs::write(root.join("sub/b.txt"), "second").unwrap();
        std::fs::write(root.join("c.txt"), "third").unwrap();
        let mut opener = Opener::default();
        // Each twice at least in a row: the first of a folder is opened by
        // its path, the next ones in the folder's handle.
        let paths = [
            root.join("sub/a.txt"),
            root.join("sub/b.txt"),
            root.join("sub/missing.txt"),
            root.join("sub/a.txt"),
            root.join("c.txt"),
            root.join("c.txt"),
            root.join("gone/a.txt"),
            root.join("gone/a.txt"),
            root.join("c.txt/a.txt"),
            root.join("c.txt/a.txt"),
            root.join("sub/a.txt"),
            root.join("sub/b.txt/."),
            root.join("sub/b.txt"),
        ];
        for path in paths {
            let read = |file: io::Result<File>| {
                file.and_then(|mut file| {
                    let mut text = String::new();
                    file.read_to_string(&mut text).map(|_| text)
                })
                .map_err(|error| error.to_string())
            };
            assert_eq!(
                read(opener.open(&path)),
                read(File::open(&path)),
                "{path:?}"
            );
        }
    }
}
