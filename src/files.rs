//! What the command line checks and writes on disk: every path given exists,
//! `-o` never replaces a file the run reads, and an output file is written
//! whole or not at all. A module of the binary: the library never writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use crosscheck::read;

use crate::Failure;

/// Every path given must exist: a typo is an error (exit status 2), not an
/// empty report. What a folder holds that cannot be read is skipped as usual.
pub fn require_paths(paths: &[PathBuf]) -> Result<(), Failure> {
    let missing: Vec<PathBuf> = paths
        .iter()
        .filter(|path| {
            std::fs::metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        })
        .cloned()
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Failure::Missing(missing))
    }
}

/// `-o` must not name a file the run reads (an article, a table): the report
/// would replace it. A Markdown report from an earlier run may be replaced:
/// it is not read as an article.
pub fn refuse_output_over_input(output: &Path, paths: &[PathBuf]) -> Result<(), Failure> {
    if !output.is_file() {
        return Ok(());
    }
    let extensions = crosscheck::input_extensions();
    let (inputs, _) = read::collect_inputs(paths, &extensions);
    let named = paths.iter().filter(|path| path.is_file());
    let mut read_paths = inputs.iter().map(|input| &input.path).chain(named);
    if read_paths.any(|path| read::same_file(path, output)) {
        let own_report = read::read_text(output).is_ok_and(|text| read::is_own_report(&text));
        if !own_report {
            return Err(Failure::OutputIsInput(output.to_path_buf()));
        }
    }
    Ok(())
}

/// Writes a file whole or not at all: the text goes to a temporary file
/// beside it, which then replaces it, so a full disk or a crash leaves the
/// previous file as it was. A device or a FIFO (`-o /dev/stdout`) is written
/// in place.
fn write_file_atomically(path: &Path, write: Writing) -> std::io::Result<()> {
    if path.exists() && !path.is_file() {
        let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
        write(&mut file)?;
        return file.flush();
    }
    // Through a symbolic link, the file it points to is replaced, not the link.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".crosscheck-").suffix(".tmp");
    #[cfg(unix)]
    let permissions = std::fs::metadata(&target).map_or_else(
        |_| std::os::unix::fs::PermissionsExt::from_mode(0o666),
        |metadata| metadata.permissions(),
    );
    #[cfg(unix)]
    builder.permissions(permissions);
    let mut temp = builder.tempfile_in(dir)?;
    let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|error| error.error)?;
    Ok(())
}

pub fn write_output(path: Option<&PathBuf>, text: &str) -> Result<(), Failure> {
    write_output_with(path, Box::new(|out| out.write_all(text.as_bytes())))
}

/// What writes an output, to whatever it is given.
pub type Writing<'w> = Box<dyn FnOnce(&mut dyn Write) -> std::io::Result<()> + 'w>;

/// [`write_output`] for an output written piece by piece, never held whole.
pub fn write_output_with(path: Option<&PathBuf>, write: Writing) -> Result<(), Failure> {
    match path {
        Some(path) => write_file_atomically(path, write).map_err(|source| Failure::WriteFile {
            path: path.clone(),
            source,
        }),
        None => {
            widen_stdout_pipe();
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match write(&mut stdout).and_then(|()| stdout.flush()) {
                // A closed pipe (`| head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(Failure::WriteStdout),
            }
        }
    }
}

/// When standard output is a pipe, asks for room for a megabyte in it
/// instead of the usual 64 KB: `claims` writes three bytes for each byte it
/// reads, in blocks of a megabyte, and with the small pipe the writer and
/// the reader (`jq`, a script) took turns every 64 KB. Not a pipe, or a
/// system that refuses: nothing changes.
fn widen_stdout_pipe() {
    #[cfg(target_os = "linux")]
    {
        const PIPE_BYTES: usize = 1 << 20;
        // An error (not a pipe, above the system's limit) leaves the pipe as it was.
        let _ = rustix::pipe::fcntl_setpipe_size(std::io::stdout(), PIPE_BYTES);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write that fails leaves the file it would replace as it was, and no
    /// temporary file behind.
    #[test]
    fn a_write_that_cannot_finish_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.md");
        std::fs::write(&target, "old").unwrap();
        write_file_atomically(&target, Box::new(|out| out.write_all(b"new"))).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        // A target whose folder does not exist cannot be written; nothing is left.
        let missing = dir.path().join("no-such-folder/report.md");
        assert!(write_file_atomically(&missing, Box::new(|out| out.write_all(b"text"))).is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }
}
