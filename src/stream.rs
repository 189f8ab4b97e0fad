//! `crosscheck claims` in flat memory: the claims of a run are written out as
//! they are extracted, not held until grouping.
//!
//! A claim's group id is a function of the whole run (see [`crate::group`]),
//! so no claim can be printed before the last document is read. Documents are
//! extracted in bounded batches, in parallel; each claim is serialised at once
//! (with its group left out) into an anonymous temporary file, the spill, and
//! only what grouping reads of it stays in memory ([`Grouper`]: a few bytes a
//! claim). Once every claim is grouped, the spill is read back in order and
//! each claim is written with its group id in its place. The output is the
//! same bytes [`crate::extract`] and `serde_json` would give, for any number
//! of threads.
//!
//! The spill is the one file the library writes; it has no name and is gone
//! when the process ends.

use std::io::{self, Read, Seek, Write};
use std::path::PathBuf;
use std::sync::mpsc::SyncSender;

use rayon::prelude::*;

use crate::group::{GroupFacts, Grouper, Grouping};
use crate::model::Claim;
use crate::read::{self, Skipped};
use crate::rules::RuleSet;
use crate::{Progress, claims, table};

pub(crate) mod line;
mod write_back;

/// How the claims are laid out, as `serde_json` writes a list of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One compact JSON object a line.
    Lines,
    /// One pretty-printed JSON array (`serde_json::to_string_pretty`), then a
    /// new line.
    Array,
}

impl Layout {
    /// What follows the group id in a claim's record: the group is the last
    /// field a claim serialises.
    fn tail(self) -> &'static [u8] {
        match self {
            Layout::Lines => b"}\n",
            Layout::Array => b"\n  }",
        }
    }

    /// A claim as this layout writes it, cut just before its (empty) group id.
    fn record(self, claim: &mut Claim, out: &mut Vec<u8>) -> io::Result<()> {
        if self == Layout::Lines {
            // The same bytes as the `serde_json` path below, faster.
            return line::write_until_group(claim, out);
        }
        let group = std::mem::take(&mut claim.group);
        let start = out.len();
        let written = match self {
            Layout::Lines => serde_json::to_writer(&mut *out, claim),
            Layout::Array => {
                // An element of a pretty array is the object one level in.
                let object = serde_json::to_vec_pretty(claim)?;
                out.extend_from_slice(b"  ");
                for &byte in &object {
                    out.push(byte);
                    if byte == b'\n' {
                        out.extend_from_slice(b"  ");
                    }
                }
                Ok(())
            }
        };
        claim.group = group;
        written?;
        // `""` and the closing brace (indented in an array) end the object.
        let end = match self {
            Layout::Lines => b"\"\"}".as_slice(),
            Layout::Array => b"\"\"\n  }".as_slice(),
        };
        let record = &out[start..];
        if !record.ends_with(end) {
            return Err(io::Error::other("a claim's group is not its last field"));
        }
        out.truncate(out.len() - end.len());
        Ok(())
    }
}

/// Claims extracted and grouped, waiting in the spill to be written.
pub struct Spilled {
    layout: Layout,
    spill: std::fs::File,
    grouping: Grouping,
    /// Files that could not be used and bad rows of tables, each with why.
    pub skipped: Vec<Skipped>,
    /// What a cap on sentence or token length changed: each document's path
    /// and the note, in path order.
    pub notes: Vec<(String, String)>,
}

/// What one document (or one section of a long one) gives the stream.
struct Extracted {
    /// What grouping reads of each claim, in order.
    facts: Vec<GroupFacts>,
    /// The claims' records, each after its length (four bytes, little endian).
    records: Vec<u8>,
    /// The claims of a document whose records would pass [`PIECE_BYTES`],
    /// not serialised yet (`facts` and `records` are then empty): they are
    /// serialised and sent in pieces when the document's turn comes (see
    /// [`send_in_order`]), never whole. Empty once sent to the writer.
    unwritten: Vec<Claim>,
    path: String,
    notes: Vec<String>,
}

/// True when `input` is a file longer than a section: it is read on its
/// own, its sections in parallel, so that a batch never holds several
/// whole. A file whose size cannot be read is read with the rest, to be
/// skipped with the reason. The size the walk found is used when known.
fn is_long(input: &read::Input, limits: &crate::model::Limits) -> bool {
    let size = match input.size {
        Some(size) => Some(size),
        None => std::fs::metadata(&input.path).ok().map(|m| m.len()),
    };
    size.is_some_and(|size| size > limits.max_section_bytes as u64)
}

/// Extracts a long document a few sections at a time (as many as there are
/// threads, in parallel), numbers each section's claims after the ones
/// before, and spills them before the next sections are read. The file is
/// read whole once, to check it as every document is checked and to find
/// where it is cut; then its text is dropped and each section read again
/// from the file: what is held is a few sections, whatever the file's
/// length. The claims are the ones [`claims::extract`] gives, in the same
/// order; returns the notes of what the caps changed.
fn spill_sections(
    mut document: crate::read::Document,
    rules: &RuleSet,
    layout: Layout,
    emit: &mut dyn FnMut(Vec<GroupFacts>, Vec<u8>) -> io::Result<()>,
) -> io::Result<Vec<String>> {
    let cuts = claims::section_cuts(&document, &rules.limits);
    let whole = std::mem::take(&mut document.text);
    let mut file = SectionFile {
        file: std::fs::File::open(&document.path)?,
        lines_before: claims::line_breaks(&whole[..cuts[0].start]),
    };
    let first = whole[cuts[0].clone()].to_string();
    drop(whole);
    let (first, opening) = claims::read_opening(
        &document,
        file.section(&first, cuts[0].start),
        cuts.len() > 1,
        rules,
    );
    let mut numbering = claims::Numbering::default();
    let mut first_owners = claims::FirstOwners::default();
    let mut hits = claims::LimitHits::default();
    let mut sections = vec![first];
    let mut rest = cuts[1..].iter();
    let at_once = rayon::current_num_threads().max(1);
    while !sections.is_empty() {
        let numbered: Vec<_> = sections
            .into_iter()
            .map(|mut section| {
                let before = numbering;
                numbering = section.number(&document.id, before);
                hits.extend(section.take_limit_hits());
                let lent = section.first_owners(&mut first_owners);
                (section, lent)
            })
            .collect();
        let lent: Vec<Vec<Claim>> = numbered
            .into_par_iter()
            .map(|(mut section, lent)| {
                section.lend(&lent, &opening, rules);
                section.claims
            })
            .collect();
        emit_in_pieces(lent, layout, (at_once, PIECE_BYTES), emit)?;
        let texts: Vec<(String, usize)> = rest
            .by_ref()
            .take(at_once)
            .map(|cut| Ok((file.read(cut.clone())?, cut.start)))
            .collect::<io::Result<_>>()?;
        let next: Vec<claims::SectionText> = texts
            .iter()
            .map(|(text, start)| file.section(text, *start))
            .collect();
        sections = next
            .into_par_iter()
            .map(|section| claims::read_section(&document, section, &opening, rules))
            .collect();
    }
    Ok(hits.notes(&rules.limits))
}

/// About this many bytes of records are serialised at a time for a long
/// document's sections (a piece per thread at once), and sent before the
/// next: a section's records whole were held before, and a claim's record
/// carries its sentence, so a section of dense figures in long sentences
/// (a line without punctuation) made a hundred times its size in records.
const PIECE_BYTES: usize = 4 << 20;

/// Serialises `sections`' claims, in order, `at_once` pieces of about
/// `piece_bytes` ([`PIECE_BYTES`]) at a time in parallel, and emits each
/// piece's records and facts in order.
fn emit_in_pieces(
    sections: Vec<Vec<Claim>>,
    layout: Layout,
    (at_once, piece_bytes): (usize, usize),
    emit: &mut dyn FnMut(Vec<GroupFacts>, Vec<u8>) -> io::Result<()>,
) -> io::Result<()> {
    let mut pieces = Vec::new();
    for claims in sections {
        let mut piece = Vec::new();
        let mut bytes = 0;
        for claim in claims {
            bytes += record_size_hint(&claim);
            piece.push(claim);
            if bytes >= piece_bytes {
                pieces.push(std::mem::take(&mut piece));
                bytes = 0;
            }
        }
        if !piece.is_empty() {
            pieces.push(piece);
        }
    }
    let mut pieces = pieces.into_iter().peekable();
    while pieces.peek().is_some() {
        let wave: Vec<Vec<Claim>> = pieces.by_ref().take(at_once).collect();
        let written: Vec<io::Result<(Vec<u8>, Vec<GroupFacts>)>> = wave
            .into_par_iter()
            .map(|claims| records_of(claims, layout))
            .collect();
        for result in written {
            let (records, facts) = result?;
            emit(facts, records)?;
        }
    }
    Ok(())
}

/// A long document's file, read again a section at a time, in order.
struct SectionFile {
    file: std::fs::File,
    /// The line breaks before the next section.
    lines_before: usize,
}

impl SectionFile {
    /// The bytes `cut` of the file, as text.
    fn read(&mut self, cut: std::ops::Range<usize>) -> io::Result<String> {
        let changed = || io::Error::other("a file changed while it was read");
        self.file.seek(io::SeekFrom::Start(cut.start as u64))?;
        let mut bytes = vec![0; cut.len()];
        self.file.read_exact(&mut bytes).map_err(|_| changed())?;
        String::from_utf8(bytes).map_err(|_| changed())
    }

    /// `text`, read from `start`, as the section after the ones before.
    fn section<'a>(&mut self, text: &'a str, start: usize) -> claims::SectionText<'a> {
        let section = claims::SectionText {
            text,
            start,
            lines_before: self.lines_before,
        };
        self.lines_before += claims::line_breaks(text);
        section
    }
}

/// The records of `claims`, each after its length, and what grouping reads
/// of each; the rest of each claim is freed here, on the worker thread.
fn records_of(claims: Vec<Claim>, layout: Layout) -> io::Result<(Vec<u8>, Vec<GroupFacts>)> {
    let room = claims.iter().map(record_size_hint).sum();
    records_with_room(claims, layout, room)
}

/// [`records_of`], the records' buffer made `room` bytes long at first (the
/// sum of the claims' [`record_size_hint`], when the caller has it).
fn records_with_room(
    mut claims: Vec<Claim>,
    layout: Layout,
    room: usize,
) -> io::Result<(Vec<u8>, Vec<GroupFacts>)> {
    // Sized once: grown claim by claim, the buffer was copied over and over.
    let mut records = Vec::with_capacity(room);
    let mut facts = Vec::with_capacity(claims.len());
    // Each claim written where it stands: moved out of the vector one by
    // one, each (some 400 bytes) was copied first.
    for claim in &mut claims {
        frame(&mut records, |out| layout.record(claim, out))?;
        facts.push(GroupFacts::take_from(claim));
    }
    drop(claims);
    Ok((records, facts))
}

/// About the bytes of a claim's framed record in a line: its texts, and
/// some room for the keys, figures and dates (about 300 bytes, all told).
fn record_size_hint(claim: &Claim) -> usize {
    const FIXED: usize = 384;
    let texts: [&str; 13] = [
        &claim.doc,
        &claim.text,
        &claim.kind,
        &claim.unit,
        &claim.subject,
        &claim.attribution,
        &claim.attribution_text,
        &claim.source,
        &claim.sentence,
        claim.narrowing.grade(),
        claim.narrowing.site(),
        claim.narrowing.event(),
        &claim.language,
    ];
    FIXED + claim.id.len() + texts.iter().map(|text| text.len()).sum::<usize>()
}

/// Documents are extracted this many bytes of records at a time: enough to
/// keep every thread busy between batches, few enough that memory does not
/// grow with the run (a batch being extracted and the one being written are
/// held at once, each with what grouping reads of its claims).
const BATCH_BYTES: usize = 4 << 20;
/// At most this many documents a batch, however few claims they hold.
const BATCH_DOCUMENTS: usize = 4096;

/// Reads and extracts the documents under `inputs` (and the tables of claims
/// among them, after the documents, as [`crate::extract`] orders them),
/// spills every claim and groups them all.
pub fn extract_to_spill(
    inputs: &[PathBuf],
    rules: &RuleSet,
    layout: Layout,
    progress: &dyn Progress,
) -> io::Result<Spilled> {
    let extensions = crate::input_extensions();
    // The files are kept compactly until each batch reads its own: a walk
    // may find a million of them.
    let (all_inputs, mut skipped) = read::collect_input_list(inputs, &extensions);
    let (tables, documents): (Vec<usize>, Vec<usize>) =
        (0..all_inputs.len()).partition(|&i| table::is_table(all_inputs.path(i)));
    let table_inputs: Vec<read::Input> = tables.iter().map(|&i| all_inputs.input(i)).collect();
    progress.documents(documents.len() + table_inputs.len());
    let spill = tempfile::tempfile()?;
    // A writer thread spills each batch while the workers extract the next:
    // writing on the main thread left them idle in between.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(0);
    let written = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            let mut sink = Sink::new(spill);
            for batch in receiver {
                sink.take(batch)?;
            }
            Ok::<Sink, io::Error>(sink)
        });
        extract_in_batches((&all_inputs, documents), rules, layout, progress, &sender);
        drop(sender);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    let Sink {
        mut spill,
        mut grouper,
        notes,
        skips: document_skips,
    } = written?;
    drop(all_inputs);
    let tables = table::read_tables(&table_inputs, &rules.default_kind, &rules.limits);
    for _ in &table_inputs {
        progress.document_done();
    }
    skipped.extend(tables.skipped);
    skipped.extend(document_skips);
    let mut records = Vec::new();
    for mut claim in tables.claims {
        grouper.add(&claim);
        frame(&mut records, |out| layout.record(&mut claim, out))?;
        if records.len() >= BATCH_BYTES {
            spill.write_all(&records)?;
            records.clear();
        }
    }
    spill.write_all(&records)?;
    progress.stage("grouping");
    let grouping = grouper.group(rules);
    Ok(Spilled {
        layout,
        spill,
        grouping,
        skipped,
        notes,
    })
}

/// One batch of documents as extracted, in input order.
type Batch = Vec<BatchItem>;
/// One document as extracted, an error writing its records, or why it was
/// skipped.
type BatchItem = Result<io::Result<Extracted>, Skipped>;

/// Extracts the documents a batch at a time, in parallel, and hands each
/// batch to `sender` in order, while the next batch's files are read (see
/// [`read::ReadAhead`]). Stops early when the writer has stopped.
fn extract_in_batches(
    (list, documents): (&read::InputList, Vec<usize>),
    rules: &RuleSet,
    layout: Layout,
    progress: &dyn Progress,
    sender: &SyncSender<Batch>,
) {
    let mut batch = 16;
    let mut documents = documents.into_iter().peekable();
    let limits = &rules.limits;
    std::thread::scope(|scope| {
        let mut next = |batch: usize| {
            let inputs = next_batch(list, &mut documents, batch, limits);
            // A file longer than a section is left for later (`None`), to be
            // read on its own, a few sections at a time (see `spill_sections`).
            read::ReadAhead::start(scope, inputs, limits, is_long)
        };
        let mut reading = next(batch);
        loop {
            let (inputs, read) = reading.finish();
            if inputs.is_empty() {
                break;
            }
            // The batch after this one is read while this one is extracted;
            // its size follows the batch before this one.
            reading = next(batch);
            let results: Vec<Option<BatchItem>> = read
                .into_par_iter()
                .map(|read| {
                    let result = read?.map(|document| extract_one(&document, rules, layout));
                    progress.document_done();
                    Some(result)
                })
                .collect();
            let bytes: usize = results
                .iter()
                .map(|result| match result {
                    Some(Ok(Ok(extracted))) => {
                        extracted.records.len()
                            + extracted
                                .unwritten
                                .iter()
                                .map(record_size_hint)
                                .sum::<usize>()
                    }
                    _ => 0,
                })
                .sum();
            let sent = send_in_order(results, &inputs, (rules, layout), progress, sender);
            if sent.is_err() {
                // The writer met an error; it is reported when it is joined.
                // The batch being read is waited for as the scope ends.
                break;
            }
            // The next batch is sized on this one's records: documents of one
            // folder tend to be alike.
            batch = (batch * BATCH_BYTES)
                .checked_div(bytes)
                .unwrap_or(batch * 2)
                .clamp(1, (batch * 2).min(BATCH_DOCUMENTS));
        }
    });
}

/// The bytes of files a batch may hold, as the walk found their lengths,
/// beyond its first file: the batch read ahead is held beside the one being
/// extracted, and a batch of files without figures writes no records to
/// keep it small.
const BATCH_INPUT_BYTES: u64 = 8 << 20;

/// The next at most `batch` documents of `documents`, fewer when their
/// files would pass [`BATCH_INPUT_BYTES`]; none at the end. A long file
/// (read later, in sections) or one of a length not known counts as a
/// section's length.
fn next_batch(
    list: &read::InputList,
    documents: &mut std::iter::Peekable<std::vec::IntoIter<usize>>,
    batch: usize,
    limits: &crate::model::Limits,
) -> Vec<read::Input> {
    let section = limits.max_section_bytes as u64;
    let mut inputs: Vec<read::Input> = Vec::new();
    let mut bytes: u64 = 0;
    while inputs.len() < batch {
        let Some(&index) = documents.peek() else {
            break;
        };
        let input = list.input(index);
        bytes = bytes.saturating_add(input.size.map_or(section, |size| size.min(section)));
        if !inputs.is_empty() && bytes > BATCH_INPUT_BYTES {
            break;
        }
        documents.next();
        inputs.push(input);
    }
    inputs
}

/// The writer has stopped (on an error it reports when joined).
struct WriterStopped;

/// Hands a batch's documents to the writer in order, reading each long
/// file where it stands, section by section, its sections sent as they are
/// read and its notes after them; a document of many records (left
/// unwritten by [`extract_one`]) is serialised here, and sent in pieces
/// before its notes.
fn send_in_order(
    results: Vec<Option<BatchItem>>,
    inputs: &[read::Input],
    (rules, layout): (&RuleSet, Layout),
    progress: &dyn Progress,
    sender: &SyncSender<Batch>,
) -> Result<(), WriterStopped> {
    let send = |batch: Batch| sender.send(batch).map_err(|_| WriterStopped);
    let mut pending: Batch = Vec::new();
    for (result, input) in results.into_iter().zip(inputs) {
        match result {
            Some(Ok(Ok(mut extracted))) if !extracted.unwritten.is_empty() => {
                if !pending.is_empty() {
                    send(std::mem::take(&mut pending))?;
                }
                let claims = std::mem::take(&mut extracted.unwritten);
                let at_once = rayon::current_num_threads().max(1);
                let written = send_pieces(sender, |emit| {
                    emit_in_pieces(vec![claims], layout, (at_once, PIECE_BYTES), emit)
                })?;
                // Its path and notes after its claims, as a long document's.
                send(vec![Ok(written.map(|()| extracted))])?;
                continue;
            }
            Some(result) => {
                pending.push(result);
                continue;
            }
            None => {}
        }
        if !pending.is_empty() {
            send(std::mem::take(&mut pending))?;
        }
        let document = match read::read_input(input, &rules.limits) {
            Ok(document) => document,
            Err(skip) => {
                progress.document_done();
                send(vec![Err(skip)])?;
                continue;
            }
        };
        let path = document.path.display().to_string();
        let notes = send_pieces(sender, |emit| spill_sections(document, rules, layout, emit));
        progress.document_done();
        let last = notes?.map(|notes| Extracted {
            facts: Vec::new(),
            records: Vec::new(),
            unwritten: Vec::new(),
            path,
            notes,
        });
        send(vec![Ok(last)])?;
    }
    if pending.is_empty() {
        return Ok(());
    }
    send(pending)
}

/// Calls `produce` with a way to send the writer one piece of a document's
/// records and facts at a time, each as a batch of its own.
fn send_pieces<T>(
    sender: &SyncSender<Batch>,
    produce: impl FnOnce(&mut dyn FnMut(Vec<GroupFacts>, Vec<u8>) -> io::Result<()>) -> T,
) -> Result<T, WriterStopped> {
    let mut stopped = false;
    let produced = {
        let mut emit = |facts: Vec<GroupFacts>, records: Vec<u8>| {
            let piece = Extracted {
                facts,
                records,
                unwritten: Vec::new(),
                path: String::new(),
                notes: Vec::new(),
            };
            sender.send(vec![Ok(Ok(piece))]).map_err(|_| {
                stopped = true;
                io::Error::other("the writer stopped")
            })
        };
        produce(&mut emit)
    };
    if stopped {
        return Err(WriterStopped);
    }
    Ok(produced)
}

/// A document's claims, serialised, with what grouping reads kept.
fn extract_one(
    document: &read::Document,
    rules: &RuleSet,
    layout: Layout,
) -> io::Result<Extracted> {
    let extracted = claims::extract(document, rules);
    // A claim's record carries its sentence: a document of dense figures in
    // long sentences makes a hundred times its size in records, which a
    // batch would hold whole. Its claims (their sentences shared) wait.
    let record_bytes: usize = extracted.claims.iter().map(record_size_hint).sum();
    if record_bytes > PIECE_BYTES {
        return Ok(Extracted {
            facts: Vec::new(),
            records: Vec::new(),
            unwritten: extracted.claims,
            path: extracted.path,
            notes: extracted.notes,
        });
    }
    let (records, facts) = records_with_room(extracted.claims, layout, record_bytes)?;
    Ok(Extracted {
        facts,
        records,
        unwritten: Vec::new(),
        path: extracted.path,
        notes: extracted.notes,
    })
}

/// What the writer thread keeps of the batches it is given.
struct Sink {
    spill: std::fs::File,
    grouper: Grouper,
    notes: Vec<(String, String)>,
    skips: Vec<Skipped>,
}

impl Sink {
    fn new(spill: std::fs::File) -> Sink {
        Sink {
            spill,
            grouper: Grouper::new(),
            notes: Vec::new(),
            skips: Vec::new(),
        }
    }

    /// Spills a batch's records and keeps what grouping reads of its claims.
    fn take(&mut self, batch: Batch) -> io::Result<()> {
        let mut documents = Vec::with_capacity(batch.len());
        for result in batch {
            match result {
                Ok(extracted) => documents.push(extracted?),
                Err(skip) => self.skips.push(skip),
            }
        }
        debug_assert!(documents.iter().all(|d| d.unwritten.is_empty()));
        for facts in documents.iter().flat_map(|extracted| &extracted.facts) {
            self.grouper.add_facts(facts);
        }
        let records: Vec<&[u8]> = documents.iter().map(|e| e.records.as_slice()).collect();
        write_pieces(&mut self.spill, &records)?;
        for extracted in documents {
            let path = extracted.path;
            let notes = extracted.notes.into_iter().map(|n| (path.clone(), n));
            self.notes.extend(notes);
        }
        Ok(())
    }
}

/// Writes `pieces` one after another, handed to the system together (a
/// batch's records, a document's each): not copied into a buffer first, as
/// a `BufWriter` did with every byte of the spill.
fn write_pieces(file: &mut std::fs::File, pieces: &[&[u8]]) -> io::Result<()> {
    let mut slices: Vec<io::IoSlice> = pieces
        .iter()
        .filter(|piece| !piece.is_empty())
        .map(|piece| io::IoSlice::new(piece))
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match file.write_vectored(rest) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(written) => io::IoSlice::advance_slices(&mut rest, written),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Appends what `write` writes, after its length.
fn frame(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<()> {
    let at = out.len();
    out.extend_from_slice(&[0; 4]);
    write(out)?;
    let length = u32::try_from(out.len() - at - 4)
        .map_err(|_| io::Error::other("a claim of 4 GB or more"))?;
    out[at..at + 4].copy_from_slice(&length.to_le_bytes());
    Ok(())
}

impl Spilled {
    /// Writes every claim, in order, each with its group id.
    pub fn write_to(self, out: &mut dyn Write) -> io::Result<()> {
        let mut file = self.spill;
        file.rewind()?;
        write_back::write_back(file, &self.grouping, self.layout, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::test_claim;
    use crate::model::Qualifier;

    fn written(claims: &[Claim], layout: Layout) -> String {
        let mut records = Vec::new();
        for claim in claims {
            let mut claim = claim.clone();
            claim.group = "stale".into();
            layout.record(&mut claim, &mut records).unwrap();
            records.extend_from_slice(b"@");
        }
        let mut out = String::new();
        let text = String::from_utf8(records).unwrap();
        let mut pieces = text.split('@');
        for (index, claim) in claims.iter().enumerate() {
            if layout == Layout::Array {
                out.push_str(if index == 0 { "\n" } else { ",\n" });
            }
            out.push_str(pieces.next().unwrap());
            out.push_str(&serde_json::to_string(&claim.group).unwrap());
            out.push_str(std::str::from_utf8(layout.tail()).unwrap());
        }
        out
    }

    /// A long document's sections cut into pieces give the records and facts
    /// of the sections whole, in order, whatever the size of a piece.
    #[test]
    fn sections_emitted_in_pieces_are_the_sections_whole() {
        let sections = || -> Vec<Vec<Claim>> {
            (0..3)
                .map(|section| {
                    (0..5)
                        .map(|n| {
                            let mut claim =
                                test_claim(&format!("d{section}"), n as f64, Qualifier::Exact);
                            claim.id = format!("d#{}", section * 5 + n + 1).into();
                            claim
                        })
                        .collect()
                })
                .collect()
        };
        let emitted = |piece_bytes: usize| {
            let (mut records, mut facts, mut calls) = (Vec::new(), String::new(), 0);
            let mut emit = |f: Vec<GroupFacts>, r: Vec<u8>| {
                calls += 1;
                records.extend(r);
                for fact in f {
                    facts.push_str(&format!("{fact:?};"));
                }
                Ok(())
            };
            emit_in_pieces(sections(), Layout::Lines, (2, piece_bytes), &mut emit).unwrap();
            (records, facts, calls)
        };
        let whole = emitted(usize::MAX);
        assert_eq!(whole.2, 3);
        let mut expected = Vec::new();
        for claims in sections() {
            expected.extend(records_of(claims, Layout::Lines).unwrap().0);
        }
        assert!(
            whole.0 == expected,
            "the sections' records, whole and in order"
        );
        // A claim's record hint is over a byte: a piece a claim.
        let one_by_one = emitted(1);
        assert_eq!(one_by_one.2, 15);
        assert!(
            one_by_one.0 == whole.0,
            "the same records, in the same order"
        );
        assert!(one_by_one.1 == whole.1, "the same facts, in the same order");
    }

    /// A document whose records would pass a piece's size waits unwritten in
    /// its batch, and is sent in pieces at its turn: the documents before it
    /// first, then its records in order, its notes after them, then the
    /// documents after it.
    #[test]
    fn a_document_of_many_records_is_sent_in_pieces_at_its_turn() {
        let claims = |doc: &str, count: usize| -> Vec<Claim> {
            (0..count)
                .map(|n| {
                    let mut claim = test_claim(doc, n as f64, Qualifier::Exact);
                    claim.id = format!("{doc}#{}", n + 1).into();
                    claim
                })
                .collect()
        };
        let small = |doc: &str| {
            let (records, facts) = records_of(claims(doc, 2), Layout::Lines).unwrap();
            Extracted {
                facts,
                records,
                unwritten: Vec::new(),
                path: doc.to_string(),
                notes: vec![format!("{doc} note")],
            }
        };
        // A claim's record is hinted at 384 bytes or more: over two pieces.
        let many = PIECE_BYTES / 384 * 2 + 1;
        let large = Extracted {
            facts: Vec::new(),
            records: Vec::new(),
            unwritten: claims("b", many),
            path: "b".to_string(),
            notes: vec!["b note".to_string()],
        };
        let results = vec![
            Some(Ok(Ok(small("a")))),
            Some(Ok(Ok(large))),
            Some(Ok(Ok(small("c")))),
        ];
        let inputs: Vec<read::Input> = ["a", "b", "c"]
            .map(|id| read::Input {
                path: id.into(),
                id: id.to_string(),
                size: None,
            })
            .to_vec();
        let (sender, receiver) = std::sync::mpsc::sync_channel(1000);
        let rules = crate::rules::defaults_for_tests();
        let sent = send_in_order(
            results,
            &inputs,
            (rules, Layout::Lines),
            &crate::Silent,
            &sender,
        );
        assert!(sent.is_ok());
        drop(sender);
        let sent: Vec<Extracted> = receiver
            .into_iter()
            .flatten()
            .map(|item| match item {
                Ok(Ok(extracted)) => extracted,
                _ => panic!("an error sent"),
            })
            .collect();
        let mut expected = Vec::new();
        for (doc, count) in [("a", 2), ("b", many), ("c", 2)] {
            expected.extend(records_of(claims(doc, count), Layout::Lines).unwrap().0);
        }
        let records: Vec<u8> = sent.iter().flat_map(|e| e.records.clone()).collect();
        assert!(records == expected, "every record, in order");
        assert!(sent.iter().all(|e| e.unwritten.is_empty()));
        let pieces = sent.iter().filter(|e| e.path.is_empty()).count();
        assert!(pieces >= 3, "{pieces} pieces");
        assert!(sent.iter().all(|e| e.records.len() < 2 * PIECE_BYTES));
        let notes: Vec<&str> = (sent.iter())
            .flat_map(|e| e.notes.iter().map(String::as_str))
            .collect();
        assert_eq!(notes, ["a note", "b note", "c note"]);
        assert_eq!(sent.iter().map(|e| e.facts.len()).sum::<usize>(), many + 4);
    }

    /// Pieces, more than one call of the system takes and some empty, are
    /// written whole and in order.
    #[test]
    fn pieces_are_written_in_order() {
        let pieces: Vec<Vec<u8>> = (0..3000usize)
            .map(|n| vec![(n % 251) as u8; n % 7 * 300])
            .collect();
        let slices: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
        let mut file = tempfile::tempfile().unwrap();
        write_pieces(&mut file, &slices).unwrap();
        file.rewind().unwrap();
        let mut written = Vec::new();
        file.read_to_end(&mut written).unwrap();
        assert_eq!(written, pieces.concat());
    }

    /// The records, with the group put back, are what `serde_json` writes.
    #[test]
    fn records_with_their_group_are_serde_json_s_own_output() {
        let mut claims = vec![
            test_claim("a", 12.0, Qualifier::About),
            test_claim("b\"\n", 1.5, Qualifier::Exact),
        ];
        claims[0].group = "killed-syria-people".into();
        claims[1].group = "odd \"quantity\"\t".into();
        claims[1].narrowing = claims[1].narrowing.with_grade("serious".into());
        let lines: String = claims
            .iter()
            .map(|c| serde_json::to_string(c).unwrap() + "\n")
            .collect();
        assert_eq!(written(&claims, Layout::Lines), lines);
        let array = serde_json::to_string_pretty(&claims).unwrap();
        assert_eq!(format!("[{}\n]", written(&claims, Layout::Array)), array);
    }

    /// A document longer than a section is written a few sections at a
    /// time, and gives the claims, groups and notes a whole run gives.
    #[test]
    fn a_long_document_streams_the_claims_a_run_extracts() {
        let mut rules = crate::rules::defaults_for_tests().clone();
        rules.limits.max_section_bytes = 1000;
        rules.limits.max_token_bytes = 40;
        let paragraphs = "The quake killed 1,200 people in Turkey, the health ministry said.\n\n\
            Rescuers pulled 300 people from the rubble, officials said.\n\n";
        let mut text = format!("+++\nlang = \"en\"\n+++\n{}", paragraphs.repeat(40));
        text.push_str(&format!(
            "A {} word.\n\n{}",
            "y".repeat(50),
            paragraphs.repeat(3)
        ));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.txt");
        std::fs::write(&path, &text).unwrap();
        let inputs = [path];
        let spilled = extract_to_spill(&inputs, &rules, Layout::Lines, &crate::Silent).unwrap();
        assert_eq!(spilled.notes.len(), 1);
        let notes = spilled.notes.clone();
        let mut out = Vec::new();
        spilled.write_to(&mut out).unwrap();
        let whole = crate::extract(&inputs, &rules);
        let expected: String = whole
            .claims
            .iter()
            .map(|c| serde_json::to_string(c).unwrap() + "\n")
            .collect();
        assert_eq!(whole.claims.len(), 86);
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        let whole_notes: Vec<String> = whole
            .documents
            .iter()
            .flat_map(|d| d.notes.clone())
            .collect();
        assert_eq!(
            notes.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>(),
            whole_notes
        );
        // Three lines of front matter, 40 copies of four lines, then the word.
        assert!(whole_notes[0].starts_with("line 164: "), "{whole_notes:?}");
    }

    /// Claims added by what grouping reads of them group as the claims do.
    #[test]
    fn claims_added_by_their_group_facts_group_the_same() {
        let rules = crate::rules::defaults_for_tests();
        let mut claims = vec![
            test_claim("a", 12.0, Qualifier::About),
            test_claim("b", 12.0, Qualifier::Exact),
            test_claim("c", 3.0, Qualifier::Exact),
            test_claim("d", 40.0, Qualifier::Exact),
        ];
        for (claim, subject) in claims
            .iter_mut()
            .zip(["troops", "soldiers", "dead", "dead"])
        {
            claim.kind = "personnel".into();
            claim.unit = "soldiers".into();
            claim.subject = subject.into();
            claim.attribution = "Ministry of Defence".into();
        }
        claims[2].part_of = true;
        claims[3].part_of = true;
        claims[3].narrowing = claims[3].narrowing.with_grade("serious".into());
        let mut whole = Grouper::new();
        for claim in &claims {
            whole.add(claim);
        }
        let mut by_facts = Grouper::new();
        for claim in &mut claims {
            by_facts.add_facts(&GroupFacts::take_from(claim));
        }
        assert!(
            claims
                .iter()
                .all(|c| c.kind.is_empty() && c.unit.is_empty())
        );
        let ids = |grouping: Grouping| {
            (0..4)
                .map(|at| grouping.id_of(at).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(by_facts.group(rules)), ids(whole.group(rules)));
    }
}
