//! A temporary file that texts are appended to from any thread and read
//! back in another order: where a streamed report keeps its quantities
//! until their order is known.
//!
//! Input: texts, appended from the workers as they are rendered. Output:
//! the texts at given places, in the order asked, handed to a writer in
//! batches read ahead on threads of their own (or, for a small report, read
//! one at a time on the writer's thread).
//!
//! Why this way: a lock held over each write made one worker wait for the
//! other's write to the file, and the kernel locks a file for each write
//! too; here each worker appends to a file of its own (a thread outside
//! the pool to one they share), a text's place reserved with an atomic add
//! and written with a positional write (`pwrite`). A place names its file
//! in its top byte. Reading back one text per message cost a wake-up each
//! (60,000 on the Weather table's JSON); texts are read a batch of about a
//! megabyte at a time.

use std::fs::File;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};

/// Texts appended to temporary files, each at a place reserved for it.
pub struct Spill {
    parts: Vec<Part>,
}

/// One of the files: a worker's, or the one shared by other threads (last).
struct Part {
    file: File,
    end: AtomicU64,
    /// Seeks and writes where positional writes are not available.
    #[cfg(not(unix))]
    lock: std::sync::Mutex<()>,
}

/// A place is its file's index shifted this far, plus the offset in it.
const PART_SHIFT: u32 = 56;

/// A batch read back is sent once it holds this many bytes.
const BATCH_BYTES: usize = 1 << 20;

/// How many batches read back by one reader may wait to be written.
const BATCHES_AHEAD: usize = 4;

/// How many threads read the texts back.
const READERS: usize = 2;

/// The fewest bytes of texts read back on [`READERS`] threads; fewer are
/// read on the writer's thread, one text at a time.
///
/// Why: below it, the readers would read the whole spill ahead of the
/// writer anyway (it is less than their batches waiting), so they overlap
/// nothing, and each reader's heap and batches stay held once done: on
/// `report many-4MB` (1.5 MB of Markdown), 0.8 MiB more of the program's
/// own memory at the end of the run.
const READ_ON_THREADS_FROM: usize = READERS * BATCHES_AHEAD * BATCH_BYTES;

impl Spill {
    /// An empty spill: a new anonymous temporary file for each thread of
    /// the pool, and one for any other thread.
    pub fn new() -> io::Result<Spill> {
        let parts = (0..=rayon::current_num_threads())
            .map(|_| Part::new())
            .collect::<io::Result<_>>()?;
        Ok(Spill { parts })
    }

    /// Appends `text`; returns its place (its file and where it starts).
    pub fn append(&self, text: &[u8]) -> io::Result<u64> {
        let last = self.parts.len() - 1;
        let index = rayon::current_thread_index().map_or(last, |i| i.min(last));
        let part = &self.parts[index];
        let at = part.end.fetch_add(text.len() as u64, Ordering::Relaxed);
        if at >= 1 << PART_SHIFT {
            return Err(io::Error::other(
                "a report's temporary file grew past 64 PiB",
            ));
        }
        part.write_at(text, at)?;
        Ok(((index as u64) << PART_SHIFT) | at)
    }

    /// Reads the text at `place` into `text`.
    fn read_at(&self, text: &mut [u8], place: u64) -> io::Result<()> {
        let index = (place >> PART_SHIFT) as usize;
        let part = self
            .parts
            .get(index)
            .ok_or_else(|| io::Error::other("no such place in the temporary files"))?;
        part.read_at(text, place & ((1 << PART_SHIFT) - 1))
    }

    /// Calls `write` with each text at `places` (start and length), in
    /// order: on reader threads (see [`Spill::each_on_threads`]) when they
    /// are [`READ_ON_THREADS_FROM`] bytes or more, else on this thread.
    pub fn each(
        &self,
        places: &[(u64, usize)],
        write: impl FnMut(&[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        let total: usize = places.iter().map(|&(_, len)| len).sum();
        if total < READ_ON_THREADS_FROM {
            self.each_here(places, write)
        } else {
            self.each_on_threads(places, write)
        }
    }

    /// [`Spill::each`] on this thread, each text read into one buffer as
    /// long as the longest.
    fn each_here(
        &self,
        places: &[(u64, usize)],
        mut write: impl FnMut(&[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut text = Vec::new();
        for &(at, len) in places {
            if text.len() < len {
                text.resize(len, 0);
            }
            self.read_at(&mut text[..len], at)?;
            write(&text[..len])?;
        }
        Ok(())
    }

    /// [`Spill::each`], the texts read a batch at a time on [`READERS`]
    /// threads of their own, each taking every other batch, so that reading
    /// overlaps writing and the copying out of the kernel's cache runs on
    /// both cores (hundreds of megabytes on a large table, on one thread it
    /// was the longest serial step left).
    fn each_on_threads(
        &self,
        places: &[(u64, usize)],
        mut write: impl FnMut(&[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        std::thread::scope(|scope| {
            let mut receivers = Vec::with_capacity(READERS);
            let mut givers = Vec::with_capacity(READERS);
            for reader in 0..READERS {
                let (send, receive) =
                    std::sync::mpsc::sync_channel::<io::Result<Batch>>(BATCHES_AHEAD);
                // Batches written out come back to be read into again: a fresh
                // buffer per batch would be mapped and cleared anew every time.
                let (give_back, given_back) = std::sync::mpsc::channel::<Batch>();
                receivers.push(receive);
                givers.push(give_back);
                scope.spawn(move || {
                    for places in batches(places).skip(reader).step_by(READERS) {
                        let mut batch = given_back.try_recv().unwrap_or_default();
                        let read = self.read_batch(places, &mut batch).map(|()| batch);
                        let failed = read.is_err();
                        // A closed channel: the writer stopped, on an error of its own.
                        if send.send(read).is_err() || failed {
                            break;
                        }
                    }
                });
            }
            // The batches in order: each reader's in turn.
            for turn in 0.. {
                let Ok(batch) = receivers[turn % READERS].recv() else {
                    // That reader is done, so every batch has been written.
                    break;
                };
                let batch = batch?;
                let mut start = 0;
                for &len in &batch.lens {
                    write(&batch.bytes[start..start + len])?;
                    start += len;
                }
                // The reader may be done; then the batch is simply dropped.
                drop(givers[turn % READERS].send(batch));
            }
            Ok(())
        })
    }

    /// Reads the texts at `places` into `batch`, one after the other.
    fn read_batch(&self, places: &[(u64, usize)], batch: &mut Batch) -> io::Result<()> {
        batch.lens.clear();
        let total: usize = places.iter().map(|&(_, len)| len).sum();
        // The buffer only grows: bytes past the texts are stale, never read.
        if batch.bytes.len() < total {
            batch.bytes.resize(total, 0);
        }
        let mut start = 0;
        for &(at, len) in places {
            self.read_at(&mut batch.bytes[start..start + len], at)?;
            batch.lens.push(len);
            start += len;
        }
        Ok(())
    }
}

impl Part {
    fn new() -> io::Result<Part> {
        Ok(Part {
            file: tempfile::tempfile()?,
            end: AtomicU64::new(0),
            #[cfg(not(unix))]
            lock: std::sync::Mutex::new(()),
        })
    }

    #[cfg(unix)]
    fn write_at(&self, text: &[u8], at: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(&self.file, text, at)
    }

    #[cfg(unix)]
    fn read_at(&self, text: &mut [u8], at: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, text, at)
    }

    #[cfg(not(unix))]
    fn write_at(&self, text: &[u8], at: u64) -> io::Result<()> {
        use std::io::{Seek, SeekFrom, Write};
        let _held = self.lock.lock().map_err(|_| io::Error::other("poisoned"))?;
        let mut file = &self.file;
        file.seek(SeekFrom::Start(at))?;
        file.write_all(text)
    }

    #[cfg(not(unix))]
    fn read_at(&self, text: &mut [u8], at: u64) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let _held = self.lock.lock().map_err(|_| io::Error::other("poisoned"))?;
        let mut file = &self.file;
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(text)
    }
}

/// Texts read back together: their bytes one after the other, and each
/// one's length.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    lens: Vec<usize>,
}

/// `places` cut into runs of about [`BATCH_BYTES`] (a longer text alone).
fn batches(places: &[(u64, usize)]) -> impl Iterator<Item = &[(u64, usize)]> {
    let mut rest = places;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut bytes = 0;
        let mut end = 0;
        while end < rest.len() && (end == 0 || bytes + rest[end].1 <= BATCH_BYTES) {
            bytes += rest[end].1;
            end += 1;
        }
        let (batch, after) = rest.split_at(end);
        rest = after;
        Some(batch)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts appended from several threads read back as written, in any
    /// order asked, across batches.
    #[test]
    fn texts_read_back_as_appended() {
        let spill = Spill::new().unwrap();
        let texts: Vec<Vec<u8>> = (0..300usize)
            .map(|i| vec![(i % 251) as u8; if i % 50 == 0 { BATCH_BYTES + i } else { i * 7 }])
            .collect();
        // The first two hundred from the pool's workers (a file each), the
        // rest from two threads of their own (the shared file).
        let (pooled, others) = texts.split_at(200);
        let mut places: Vec<(u64, usize)> = {
            use rayon::prelude::*;
            pooled
                .par_iter()
                .map(|text| (spill.append(text).unwrap(), text.len()))
                .collect()
        };
        std::thread::scope(|scope| {
            let handles: Vec<_> = others
                .chunks(50)
                .map(|chunk| {
                    let spill = &spill;
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .map(|text| (spill.append(text).unwrap(), text.len()))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            places.extend(handles.into_iter().flat_map(|h| h.join().unwrap()));
        });
        let order: Vec<usize> = (0..texts.len()).rev().step_by(3).chain(0..5).collect();
        let asked: Vec<(u64, usize)> = order.iter().map(|&i| places[i]).collect();
        let expected: Vec<Vec<u8>> = order.iter().map(|&i| texts[i].clone()).collect();
        // Read back on the reader threads and on this one, the small spill's
        // way: the same texts in the same order.
        let read_on_threads =
            read_back(&asked, |places, write| spill.each_on_threads(places, write));
        let read_here = read_back(&asked, |places, write| spill.each_here(places, write));
        assert!(read_on_threads == expected);
        assert!(read_here == expected);
        spill.each(&[], |_| panic!("no text")).unwrap();
        spill.each_on_threads(&[], |_| panic!("no text")).unwrap();
    }

    /// The texts at `places` as `each` (one of [`Spill::each`]'s ways)
    /// hands them to its writer.
    fn read_back(
        places: &[(u64, usize)],
        each: impl FnOnce(&[(u64, usize)], &mut dyn FnMut(&[u8]) -> io::Result<()>) -> io::Result<()>,
    ) -> Vec<Vec<u8>> {
        let mut read = Vec::new();
        each(places, &mut |text| {
            read.push(text.to_vec());
            Ok(())
        })
        .unwrap();
        read
    }

    /// A spill smaller than [`READ_ON_THREADS_FROM`] is read on the
    /// writer's thread, a larger one on the readers: both hand over each
    /// text whole, once.
    #[test]
    fn small_and_large_spills_hand_over_whole_texts() {
        let spill = Spill::new().unwrap();
        let large = READ_ON_THREADS_FROM / 3 + 1;
        let texts: Vec<Vec<u8>> = vec![vec![1; 10], vec![2; large], vec![3; large], vec![4; large]];
        let places: Vec<(u64, usize)> = texts
            .iter()
            .map(|text| (spill.append(text).unwrap(), text.len()))
            .collect();
        for count in [1, places.len()] {
            let asked = &places[..count];
            let mut lens = Vec::new();
            spill
                .each(asked, |text| {
                    lens.push(text.len());
                    Ok(())
                })
                .unwrap();
            assert_eq!(lens, asked.iter().map(|&(_, len)| len).collect::<Vec<_>>());
        }
    }
}
