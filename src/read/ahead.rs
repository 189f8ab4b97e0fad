//! Reading the next files of a run while the ones before are extracted.
//!
//! Input: a run of [`Input`]s. Output: each one's [`Document`] or
//! [`Skipped`], in the same order, exactly as [`read_input_with`] gives it,
//! or `None` for a file a predicate leaves to be read later.
//!
//! Why: a file not in the system's cache blocks the thread that reads it.
//! When the extracting threads read their own files, a cold archive keeps
//! them waiting on the disk for about as long as they extract (16,689 cold
//! files: 1.5 s read one after another, against 1.3-1.8 s of extraction on
//! two threads). Read a batch ahead, by a few threads at once (0.9 s for the
//! same files with four reads in flight), the disk's time overlaps the
//! extraction's. With the files cached it is the same reads, done by another
//! thread: no call more.

use std::thread::{Scope, ScopedJoinHandle};

use super::{Document, Input, Opener, Skipped, read_input_with};
use crate::model::Limits;

/// Reads in flight at once. Most of a read's time on a cold cache is the
/// disk's: more threads than cores keep it busy; beyond four the disk of the
/// machines measured gave no more.
const READ_THREADS: usize = 4;

/// A file as read ahead: its document or why it was skipped; `None` when
/// the predicate given to [`ReadAhead::start`] left it to be read later.
pub type ReadResult = Option<Result<Document, Skipped>>;

/// A run of files being read on threads of their own.
pub struct ReadAhead<'scope> {
    reading: ScopedJoinHandle<'scope, (Vec<Input>, Vec<ReadResult>)>,
}

impl<'scope> ReadAhead<'scope> {
    /// Starts reading `inputs` in `scope`, split into consecutive runs (so
    /// that each thread opens its files in their folder's handle, see
    /// [`Opener`]). A file `later` picks out is not read.
    pub fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        inputs: Vec<Input>,
        limits: &'env Limits,
        later: fn(&Input, &Limits) -> bool,
    ) -> ReadAhead<'scope> {
        let reading = scope.spawn(move || {
            let read = read_all(&inputs, limits, later);
            (inputs, read)
        });
        ReadAhead { reading }
    }

    /// Waits for the reads; returns the inputs as given and what each read
    /// gave. A panic in a read is raised here.
    pub fn finish(self) -> (Vec<Input>, Vec<ReadResult>) {
        self.reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

/// Reads `inputs` with up to [`READ_THREADS`] threads, each a consecutive
/// run of them; the results in the order of `inputs`.
fn read_all(
    inputs: &[Input],
    limits: &Limits,
    later: fn(&Input, &Limits) -> bool,
) -> Vec<ReadResult> {
    let read_run = |run: &[Input]| -> Vec<ReadResult> {
        let mut opener = Opener::default();
        (run.iter())
            .map(|input| {
                (!later(input, limits)).then(|| read_input_with(input, limits, &mut opener))
            })
            .collect()
    };
    if inputs.len() < 2 {
        return read_run(inputs);
    }
    let run_length = inputs.len().div_ceil(READ_THREADS);
    std::thread::scope(|scope| {
        let runs: Vec<_> = (inputs.chunks(run_length))
            .map(|run| scope.spawn(move || read_run(run)))
            .collect();
        let mut read = Vec::with_capacity(inputs.len());
        for run in runs {
            read.extend(
                run.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        read
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(dir: &std::path::Path, name: &str, text: Option<&str>) -> Input {
        let path = dir.join(name);
        if let Some(text) = text {
            std::fs::write(&path, text).unwrap();
        }
        Input {
            size: text.map(|text| text.len() as u64),
            id: name.trim_end_matches(".txt").to_string(),
            path,
        }
    }

    #[test]
    fn files_read_ahead_are_what_reading_each_gives_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for index in 0..11 {
            let name = format!("d{index:02}.txt");
            let text = format!("Article {index}: 1,200 people were displaced.\n");
            // A missing file, an empty one and one left for later among them.
            let text = match index {
                3 => None,
                5 => Some(String::new()),
                _ => Some(text),
            };
            inputs.push(input(dir.path(), &name, text.as_deref()));
        }
        let limits = Limits::default();
        let later = |input: &Input, _: &Limits| input.id == "d07";
        let (given, read) = std::thread::scope(|scope| {
            ReadAhead::start(scope, inputs.clone(), &limits, later).finish()
        });
        assert_eq!(given, inputs);
        assert_eq!(read.len(), inputs.len());
        for (input, result) in inputs.iter().zip(&read) {
            if input.id == "d07" {
                assert!(result.is_none());
                continue;
            }
            let alone = read_input_with(input, &limits, &mut Opener::default());
            match (result.as_ref().unwrap(), alone) {
                (Ok(ahead), Ok(alone)) => {
                    assert_eq!((&ahead.id, &ahead.text), (&alone.id, &alone.text));
                }
                (Err(ahead), Err(alone)) => {
                    assert_eq!(ahead.to_string(), alone.to_string());
                }
                (ahead, alone) => panic!("{}: {ahead:?} against {alone:?}", input.id),
            }
        }
        assert!(matches!(&read[3], Some(Err(_))), "{:?}", read[3]);
        assert!(matches!(&read[5], Some(Err(_))), "{:?}", read[5]);
    }
}
