//! Writing the spill back out, each claim with its group id in its place.
//!
//! Input: the spill (each claim's record after its length, four bytes little
//! endian, cut just before its group id), the [`Grouping`] and the
//! [`Layout`]. Output: the claims as `crosscheck claims` prints them.
//!
//! Why a module of its own: this is the one pass of a run that no worker can
//! share, since no group id is known before the last document is read; on
//! many small files it was some 3% of the wall time. So each record is
//! copied once (from the bytes read straight into the block to be written),
//! its group's id is written by the claim writer's own string writer (a copy
//! between quotes for a plain slug, not a call to `serde_json`), and the
//! spill is read and the blocks filled on a thread of their own while the
//! caller's thread writes the block before. Nothing is kept per group: a
//! large run has hundreds of thousands of them.

use std::fs::File;
use std::io::{self, Read, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::Layout;
use crate::group::Grouping;

/// The bytes read from the spill, and written out, at a time.
const BLOCK: usize = 1 << 20;

/// Writes every claim of `spill` (read from where it stands), in order, each
/// with its group id, laid out as `layout` says.
pub(super) fn write_back(
    spill: File,
    grouping: &Grouping,
    layout: Layout,
    out: &mut dyn Write,
) -> io::Result<()> {
    std::thread::scope(|scope| {
        // One block being filled while the one before is written; written
        // blocks come back to be filled again. At most three are ever made
        // (filled, waiting, written), so room for three coming back means
        // none is freed and made again.
        let (filled, to_write) = sync_channel::<Vec<u8>>(1);
        let (emptied, to_fill) = sync_channel::<Vec<u8>>(3);
        let filler = scope.spawn(move || {
            let blocks = Blocks {
                filled,
                to_fill,
                block: Vec::with_capacity(BLOCK),
            };
            fill(spill, grouping, layout, blocks)
        });
        let written = write_blocks(&to_write, &emptied, out);
        // Unblocks the filler if writing stopped first.
        drop(to_write);
        let read = filler
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        written?;
        match read {
            Err(Stop::Failed(error)) => Err(error),
            Ok(()) | Err(Stop::WriterGone) => Ok(()),
        }
    })
}

/// Writes the blocks in the order they come and hands each back.
fn write_blocks(
    to_write: &Receiver<Vec<u8>>,
    emptied: &SyncSender<Vec<u8>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for block in to_write {
        out.write_all(&block)?;
        // The filler may be done and gone: the block is then dropped.
        let _ = emptied.try_send(block);
    }
    Ok(())
}

/// Why filling stopped early.
enum Stop {
    /// Reading the spill failed, or it is not as written.
    Failed(io::Error),
    /// The writing thread stopped (on an error it reports itself).
    WriterGone,
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Stop {
        Stop::Failed(error)
    }
}

/// The block being filled and the ways blocks go and come back.
struct Blocks {
    filled: SyncSender<Vec<u8>>,
    to_fill: Receiver<Vec<u8>>,
    block: Vec<u8>,
}

impl Blocks {
    /// Hands over the block first if `bytes` more would not fit in it, so
    /// that blocks keep their one size and go round as they are, never
    /// copied into larger ones; only a record longer than a whole block
    /// grows an empty one.
    fn make_room(&mut self, bytes: usize) -> Result<(), Stop> {
        if self.block.is_empty() || self.block.len() + bytes <= self.block.capacity() {
            return Ok(());
        }
        self.pass()
    }

    /// Hands over the block as it is and takes an empty one.
    fn pass(&mut self) -> Result<(), Stop> {
        let next = match self.to_fill.try_recv() {
            Ok(mut block) => {
                block.clear();
                block
            }
            Err(_) => Vec::with_capacity(BLOCK),
        };
        let full = std::mem::replace(&mut self.block, next);
        self.filled.send(full).map_err(|_| Stop::WriterGone)
    }
}

/// Reads the spill a block at a time and fills `blocks` with its records,
/// each followed by its group id and what closes it.
fn fill(spill: File, grouping: &Grouping, layout: Layout, mut blocks: Blocks) -> Result<(), Stop> {
    if layout == Layout::Array {
        blocks.block.push(b'[');
    }
    let mut spill = SpillReader::new(spill);
    let mut index = 0;
    while let Some(record) = spill.next_record()? {
        let before: &[u8] = match layout {
            Layout::Lines => b"",
            Layout::Array if index == 0 => b"\n",
            Layout::Array => b",\n",
        };
        let id = grouping.id_of(index);
        // The id's quotes, and some room for escapes: an id is a slug, and
        // should one need more, the block grows, which only costs a copy.
        let ending = 2 + 2 * id.len() + layout.tail().len();
        blocks.make_room(before.len() + record.len() + ending)?;
        blocks.block.extend_from_slice(before);
        blocks.block.extend_from_slice(record);
        super::line::text(&mut blocks.block, id)?;
        blocks.block.extend_from_slice(layout.tail());
        index += 1;
    }
    if layout == Layout::Array {
        let end: &[u8] = if index == 0 { b"]\n" } else { b"\n]\n" };
        blocks.make_room(end.len())?;
        blocks.block.extend_from_slice(end);
    }
    blocks.pass()
}

/// The spill's records one by one, read a block at a time into one buffer
/// (grown only for a record longer than it).
struct SpillReader {
    file: File,
    buffer: Vec<u8>,
    /// The bytes read and not yet taken: `buffer[start..end]`.
    start: usize,
    end: usize,
}

impl SpillReader {
    fn new(file: File) -> SpillReader {
        SpillReader {
            file,
            buffer: vec![0; BLOCK],
            start: 0,
            end: 0,
        }
    }

    /// The next record; `None` at the end of the spill.
    fn next_record(&mut self) -> io::Result<Option<&[u8]>> {
        loop {
            let unread = &self.buffer[self.start..self.end];
            let needed = match record_length(unread) {
                Some(length) if 4 + length <= unread.len() => {
                    let record = self.start + 4..self.start + 4 + length;
                    self.start = record.end;
                    return Ok(Some(&self.buffer[record]));
                }
                Some(length) => 4 + length,
                None => 4,
            };
            if !self.read_more(needed)? {
                if self.start == self.end {
                    return Ok(None);
                }
                return Err(io::Error::other("the spill ends inside a claim's record"));
            }
        }
    }

    /// Moves what is unread to the front and reads more after it, making
    /// room for `needed` bytes; false at the end of the spill.
    fn read_more(&mut self, needed: usize) -> io::Result<bool> {
        self.buffer.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if needed > self.buffer.len() {
            self.buffer.resize(needed, 0);
        }
        loop {
            match self.file.read(&mut self.buffer[self.end..]) {
                Ok(read) => {
                    self.end += read;
                    return Ok(read > 0);
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
    }
}

/// The length a record's first four bytes give, if they are there.
fn record_length(unread: &[u8]) -> Option<usize> {
    let length: [u8; 4] = unread.get(..4)?.try_into().ok()?;
    Some(u32::from_le_bytes(length) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::io::Seek;

    /// A spill of `records`, each framed as the stream frames them.
    fn spill_of(records: &[&[u8]]) -> File {
        let mut file = tempfile::tempfile().unwrap();
        for record in records {
            file.write_all(&(record.len() as u32).to_le_bytes())
                .unwrap();
            file.write_all(record).unwrap();
        }
        file.rewind().unwrap();
        file
    }

    #[test]
    fn records_longer_than_a_block_are_read_whole() {
        let long = vec![b'x'; BLOCK + 10];
        let mut reader = SpillReader::new(spill_of(&[b"abc", &long, b"de"]));
        assert_eq!(reader.next_record().unwrap(), Some(b"abc".as_slice()));
        assert_eq!(reader.next_record().unwrap(), Some(long.as_slice()));
        assert_eq!(reader.next_record().unwrap(), Some(b"de".as_slice()));
        assert_eq!(reader.next_record().unwrap(), None);
    }

    #[test]
    fn a_spill_cut_inside_a_record_is_an_error() {
        let mut file = spill_of(&[b"abc"]);
        file.seek(std::io::SeekFrom::End(0)).unwrap();
        file.write_all(&9u32.to_le_bytes()).unwrap();
        file.write_all(b"short").unwrap();
        file.rewind().unwrap();
        let mut reader = SpillReader::new(file);
        assert_eq!(reader.next_record().unwrap(), Some(b"abc".as_slice()));
        assert!(reader.next_record().is_err());
    }
}
