//! Claims extracted elsewhere: spreadsheets (CSV) and JSON lines.
//!
//! Input: paths of `.csv` files (with a header) or `.jsonl` files (one object a
//! line), whose text is read by [`crate::read`]. Output: [`Claim`]s with their
//! group already set, so that reconciliation runs on them without extraction,
//! plus a [`BadRow`] for each row that cannot be used, with its line number
//! (a [`Skipped`] named `path:line` once the file is known). Columns or keys:
//! `quantity` (the group id), `origin`, `outlet` (optional), `as_of` (ISO date,
//! optional), `value` or `low`/`high`, `qualifier` (default exact), `kind`
//! (optional), `modality` (optional, default asserted).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::model::{Claim, ClaimId, Limits, Modality, Qualifier, SharedText};
use crate::read::{Input, SkipReason, Skipped, extension_is, read_text_limited};

/// A row that could not be turned into a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The row's line in the file, from 1 (a CSV header is line 1).
    pub line: usize,
    /// What is wrong with it: "no quantity", "\"x\" is not a number"...
    pub reason: String,
}

/// Extensions read as tables of claims rather than as articles.
pub const TABLE_EXTENSIONS: &[&str] = &["csv", "jsonl"];

/// One row as written, every field optional so that each problem can be named.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    quantity: Option<String>,
    origin: Option<String>,
    outlet: Option<String>,
    as_of: Option<String>,
    value: Option<Number>,
    low: Option<Number>,
    high: Option<Number>,
    qualifier: Option<String>,
    kind: Option<String>,
    modality: Option<String>,
}

/// A figure written as a number or as text ("12,000" in a spreadsheet).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Number {
    Float(f64),
    Text(String),
}

impl Number {
    /// The figure, if any: a finite number, negative ones included (a
    /// temperature); `inf`, `NaN` and figures too large for a float are errors.
    fn parse(&self) -> Result<Option<f64>, String> {
        let value = match self {
            Number::Float(value) => *value,
            Number::Text(text) if text.trim().is_empty() => return Ok(None),
            Number::Text(text) => text
                .trim()
                .replace([',', '_', ' '], "")
                .parse::<f64>()
                .map_err(|_| format!("{text:?} is not a number"))?,
        };
        if !value.is_finite() {
            let written = match self {
                Number::Text(text) => format!("{text:?}"),
                Number::Float(value) => value.to_string(),
            };
            return Err(format!("{written} is not a finite number"));
        }
        Ok(Some(value))
    }
}

/// What reading tables of claims gave.
#[derive(Debug, Default)]
pub struct TablesRead {
    /// One claim per good row, with `group` set from its `quantity`; ids are
    /// `<file stem>:<line>`.
    pub claims: Vec<Claim>,
    /// Rows that became claims.
    pub rows: usize,
    /// Files that could not be read, and each bad row, named `path:line`.
    pub skipped: Vec<Skipped>,
}

/// True for a path read as a table of claims rather than as an article
/// (`.csv` or `.jsonl`, in any case).
pub fn is_table(path: &Path) -> bool {
    extension_is(path, TABLE_EXTENSIONS)
}

/// Reads tables of claims (through [`crate::read`], which alone touches the
/// file system); each bad row becomes a `Skipped` naming its line. A row with
/// no kind gets `default_kind`. Each table's id (see
/// [`crate::read::collect_inputs`]) names its claims' document.
pub fn read_tables(inputs: &[Input], default_kind: &str, limits: &Limits) -> TablesRead {
    let mut read = TablesRead::default();
    for input in inputs {
        let path = &input.path;
        let text = match read_text_limited(path, limits.max_file_bytes) {
            Ok(text) => text,
            Err(reason) => {
                read.skipped.push(Skipped {
                    path: path.clone(),
                    reason,
                });
                continue;
            }
        };
        let jsonl = extension_is(path, &["jsonl"]);
        let (found, bad) = read_table(&input.id, &text, jsonl, default_kind);
        read.rows += found.len();
        // Moved, not copied, when it is the first: a copy would hold the
        // claims twice for a moment.
        if read.claims.is_empty() {
            read.claims = found;
        } else {
            read.claims.extend(found);
        }
        for row in bad {
            read.skipped.push(Skipped {
                path: PathBuf::from(format!("{}:{}", path.display(), row.line)),
                reason: SkipReason::BadRow(row.reason),
            });
        }
    }
    read
}

/// Rows are turned into claims this many at a time, in parallel.
const ROWS_A_BATCH: usize = 16_384;

/// A CSV with no quote is read in pieces about this large, cut after line
/// breaks, in parallel.
const PIECE_BYTES: usize = 1 << 18;

/// Reads a table of claims; `name` (the file stem) prefixes claim ids, and a
/// row with no kind gets `default_kind`.
pub fn read_table(
    name: &str,
    text: &str,
    jsonl: bool,
    default_kind: &str,
) -> (Vec<Claim>, Vec<BadRow>) {
    let convert = |line: usize, row: Result<Row, String>| {
        row.and_then(|row| claim_of(name, line, row, default_kind))
    };
    if !jsonl && let Some((mut claims, bad)) = read_csv_in_pieces(text, PIECE_BYTES, &convert) {
        share_id_bases_by_quantity(name, &mut claims);
        return (claims, bad);
    }
    // Rows are read a batch at a time and become claims in parallel (a
    // table may hold hundreds of thousands), in order: neither every row
    // nor every claim is held twice.
    let mut claims = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut bad = Vec::new();
    let each = |batch: Rows| {
        let read: Vec<(usize, Result<Claim, String>)> = batch
            .into_par_iter()
            .map(|(line, row)| (line, convert(line, row)))
            .collect();
        sort_rows(read, &mut claims, &mut bad);
    };
    rows_beside(text, jsonl, each);
    share_id_bases_by_quantity(name, &mut claims);
    (claims, bad)
}

/// Gives the ids of each quantity's rows a base of their own (the table's
/// name, `<name>:<line>`), shared by those rows alone.
///
/// Why: reconciliation copies each id into several records, a quantity on
/// one thread. Where every row's id shared one base, the two threads raising
/// and dropping its count took turns with the one cache line that holds it:
/// the Weather table's report took 11% more CPU at two threads (3% at one).
/// A base for each quantity is touched by the thread reconciling it.
fn share_id_bases_by_quantity(name: &str, claims: &mut [Claim]) {
    let mut bases: HashMap<&str, SharedText, crate::fxhash::FxBuildHasher> = HashMap::default();
    for claim in claims.iter_mut() {
        let Some(line) = claim.id.number_after(':') else {
            continue;
        };
        let base = bases
            .entry(&*claim.group)
            .or_insert_with(|| SharedText::new(name));
        claim.id = ClaimId::numbered(base, ':', u64::from(line));
    }
}

/// Puts each row read, in order, with the claims or the bad rows.
fn sort_rows(
    read: Vec<(usize, Result<Claim, String>)>,
    claims: &mut Vec<Claim>,
    bad: &mut Vec<BadRow>,
) {
    for (line, claim) in read {
        match claim {
            Ok(claim) => claims.push(claim),
            Err(reason) => bad.push(BadRow { line, reason }),
        }
    }
}

/// Rows of a table with their line, as read: a batch of them.
type Rows = Vec<(usize, Result<Row, String>)>;

/// Hands the rows of a table to `each`, a batch at a time and in order,
/// read on a thread of their own: reading is serial here (a CSV field may
/// hold a line break, so the text cannot be cut at any line), and this way
/// the next batch is read while `each` turns the last into claims in
/// parallel. At most two batches wait, so the rows are never all held.
fn rows_beside(text: &str, jsonl: bool, mut each: impl FnMut(Rows)) {
    let (send, receive) = std::sync::mpsc::sync_channel::<Rows>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            // A closed channel means the receiver is gone: nothing to do.
            let mut send = |rows: Rows| drop(send.send(rows));
            if jsonl {
                jsonl_rows(text, &mut send);
            } else {
                csv_rows(text, &mut send);
            }
        });
        for rows in receive {
            each(rows);
        }
    });
}

/// Hands the rows of a JSON Lines table to `each`, a batch at a time.
fn jsonl_rows(text: &str, each: &mut dyn FnMut(Rows)) {
    let mut rows = Vec::new();
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty());
    for (index, line) in lines {
        let row = serde_json::from_str::<Row>(line).map_err(|e| e.to_string());
        rows.push((index + 1, row));
        if rows.len() == ROWS_A_BATCH {
            each(std::mem::take(&mut rows));
        }
    }
    each(rows);
}

/// The columns a CSV table may have, in the order of [`Columns`].
const KNOWN_COLUMNS: [&str; 10] = [
    "quantity",
    "origin",
    "outlet",
    "as_of",
    "value",
    "low",
    "high",
    "qualifier",
    "kind",
    "modality",
];

/// Where each of [`KNOWN_COLUMNS`] is in a table's rows, if it is there.
type Columns = [Option<usize>; 10];

/// The CSV reader every table is read with.
fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

/// A table's header: how many fields it has, where each known column is,
/// and the byte where the reader stands after it; else the header's error.
fn csv_header(reader: &mut csv::Reader<&[u8]>) -> Result<(usize, Columns, usize), String> {
    let headers = reader
        .headers()
        .map_err(|error| format!("cannot read the header: {error}"))?
        .clone();
    if let Some(unknown) = headers.iter().find(|h| !KNOWN_COLUMNS.contains(h)) {
        return Err(format!(
            "unknown column {unknown:?}; the columns are {}",
            KNOWN_COLUMNS.join(", ")
        ));
    }
    // Each known column's place, found once rather than for every row.
    let columns = KNOWN_COLUMNS.map(|name| headers.iter().position(|h| h == name));
    Ok((headers.len(), columns, reader.position().byte() as usize))
}

/// The row of a record, its fields placed by `columns`.
fn row_of(record: &csv::StringRecord, columns: &Columns) -> Row {
    // `column` is a place in `KNOWN_COLUMNS`.
    let field = |column: usize| {
        columns[column]
            .and_then(|i| record.get(i))
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    Row {
        quantity: field(0),
        origin: field(1),
        outlet: field(2),
        as_of: field(3),
        value: field(4).map(Number::Text),
        low: field(5).map(Number::Text),
        high: field(6).map(Number::Text),
        qualifier: field(7),
        kind: field(8),
        modality: field(9),
    }
}

/// Hands the rows of a CSV table to `each`, a batch at a time.
fn csv_rows(text: &str, each: &mut dyn FnMut(Rows)) {
    let mut reader = csv_reader(text);
    let columns = match csv_header(&mut reader) {
        Ok((_, columns, _)) => columns,
        Err(reason) => return each(vec![(1, Err(reason))]),
    };
    let lines = LineIndex::new(text);
    let mut rows = Vec::new();
    each_record(&mut reader, 0, &lines, |line, read| {
        let row = read
            .map_err(|e| describe_csv_error(&e))
            .map(|record| row_of(record, &columns));
        rows.push((line, row));
        if rows.len() == ROWS_A_BATCH {
            each(std::mem::take(&mut rows));
        }
    });
    each(rows);
}

/// Hands each record `reader` reads, or the error reading it, to `each`
/// with the line it starts on; `offset` is where the reader's bytes start
/// in the text `lines` indexes.
fn each_record(
    reader: &mut csv::Reader<&[u8]>,
    offset: usize,
    lines: &LineIndex,
    mut each: impl FnMut(usize, Result<&csv::StringRecord, csv::Error>),
) {
    let mut record = csv::StringRecord::new();
    loop {
        let read = reader.read_record(&mut record);
        let position = match &read {
            Ok(false) => break,
            Ok(true) => record.position(),
            Err(error) => error.position(),
        };
        let line = position.map_or(0, |p| lines.line_of_record(offset + p.byte() as usize));
        each(line, read.map(|_| &record));
    }
}

/// Reads a CSV table in pieces cut after line breaks, in parallel, as
/// [`csv_rows`] reads it whole: the same rows, lines and messages, in order.
/// Only a table with no quote can be cut so (a quoted field may hold a line
/// break), and only once its header is read: `None` otherwise.
fn read_csv_in_pieces(
    text: &str,
    piece_bytes: usize,
    convert: &(impl Fn(usize, Result<Row, String>) -> Result<Claim, String> + Sync),
) -> Option<(Vec<Claim>, Vec<BadRow>)> {
    if text.as_bytes().contains(&b'"') {
        return None;
    }
    let (width, columns, body) = csv_header(&mut csv_reader(text)).ok()?;
    let lines = LineIndex::new(text);
    let pieces = pieces_at_line_breaks(text, body, piece_bytes);
    let read_piece = |&(start, end): &(usize, usize)| {
        let mut read = Vec::with_capacity(lines.lines_in(start..end) + 1);
        piece_rows(text, start..end, width, &columns, &lines, |line, row| {
            read.push((line, convert(line, row)));
        });
        read
    };
    let mut claims = Vec::with_capacity(lines.newlines.len() + 1);
    let mut bad = Vec::new();
    // A few pieces a thread at a time, so that no more than those are
    // held twice (as rows read and as claims placed); the claims of the
    // last are placed while the next are read.
    let wave = 2 * rayon::current_num_threads().max(1);
    let mut read: Vec<Vec<_>> = Vec::new();
    for pieces in pieces.chunks(wave) {
        let last = std::mem::take(&mut read);
        let place = || {
            last.into_iter()
                .for_each(|rows| sort_rows(rows, &mut claims, &mut bad))
        };
        read = rayon::join(place, || pieces.par_iter().map(read_piece).collect()).1;
    }
    read.into_iter()
        .for_each(|rows| sort_rows(rows, &mut claims, &mut bad));
    Some((claims, bad))
}

/// `[start, end)` pieces of `text` from `body` on, each about `piece_bytes`
/// long and ending just after a `\n` (or at the end).
fn pieces_at_line_breaks(text: &str, body: usize, piece_bytes: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut start = body.min(bytes.len());
    while start < bytes.len() {
        let from = (start + piece_bytes.max(1)).min(bytes.len());
        let end = bytes[from..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |at| from + at + 1);
        pieces.push((start, end));
        start = end;
    }
    pieces
}

/// Hands each row of `text[piece]`, which starts where a record may, to
/// `each` with its line: read as the whole table's reader reads them, field
/// counts checked against the header's `width` as its reader checks them.
fn piece_rows(
    text: &str,
    piece: std::ops::Range<usize>,
    width: usize,
    columns: &Columns,
    lines: &LineIndex,
    mut each: impl FnMut(usize, Result<Row, String>),
) {
    let offset = piece.start;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(&text.as_bytes()[piece]);
    each_record(&mut reader, offset, lines, |line, read| {
        let row = match read {
            Err(error) => Err(describe_csv_error(&error)),
            Ok(record) if record.len() != width => Err(unequal_lengths(record.len(), width)),
            Ok(record) => Ok(row_of(record, columns)),
        };
        each(line, row);
    });
}

/// Line numbers of byte offsets in a text, whatever its line endings
/// (`\n`, `\r\n`, or a `\r` alone, as the CSV reader takes them).
struct LineIndex<'t> {
    text: &'t str,
    /// Where each line ends: each `\n`, and each `\r` no `\n` follows.
    newlines: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> LineIndex<'t> {
        LineIndex {
            text,
            newlines: line_ends(text),
        }
    }

    /// How many line breaks `text[range]` holds.
    fn lines_in(&self, range: std::ops::Range<usize>) -> usize {
        let before = |at: usize| self.newlines.partition_point(|&n| n < at);
        before(range.end) - before(range.start)
    }

    /// The line (from 1) of the record the CSV reader places at `byte`: the
    /// reader may place it on the line break before it (`\r\n` endings), so
    /// the record starts at the first byte after `byte` that is not one.
    fn line_of_record(&self, byte: usize) -> usize {
        let rest = self.text.get(byte..).unwrap_or("");
        let start = byte + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        self.newlines.partition_point(|&at| at < start) + 1
    }
}

/// Where each line of `text` ends: each `\n`, and each `\r` no `\n`
/// follows. Counting `\n` alone gave every row of a table with `\r` endings
/// the same line, hence the same claim id.
fn line_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'\r') {
        return text.match_indices('\n').map(|(at, _)| at).collect();
    }
    let ends = |&at: &usize| match bytes[at] {
        b'\n' => true,
        b'\r' => bytes.get(at + 1) != Some(&b'\n'),
        _ => false,
    };
    (0..bytes.len()).filter(ends).collect()
}

/// A CSV error in words that fit a row: a ragged row says how many fields
/// it has and how many the header has.
fn describe_csv_error(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => unequal_lengths(*len as usize, *expected_len as usize),
        _ => error.to_string(),
    }
}

/// The reason given for a row with `len` fields under a header of `width`.
fn unequal_lengths(len: usize, width: usize) -> String {
    format!("this row has {len} fields, the header {width}")
}

fn claim_of(name: &str, line: usize, row: Row, default_kind: &str) -> Result<Claim, String> {
    let quantity = row
        .quantity
        .filter(|q| !q.trim().is_empty())
        .ok_or("no quantity")?;
    let origin = row
        .origin
        .filter(|o| !o.trim().is_empty())
        .ok_or("no origin")?;
    let value = row.value.as_ref().map(Number::parse).transpose()?.flatten();
    let low = row.low.as_ref().map(Number::parse).transpose()?.flatten();
    let high = row.high.as_ref().map(Number::parse).transpose()?.flatten();
    let qualifier = match row.qualifier.as_deref() {
        None | Some("") => {
            if value.is_none() && low.is_some() {
                Qualifier::Range
            } else {
                Qualifier::Exact
            }
        }
        Some(text) => parse_qualifier(text)?,
    };
    match (qualifier, value, low, high) {
        (Qualifier::Range, _, Some(low), Some(high)) if low <= high => {}
        (Qualifier::Range, ..) => return Err("a range needs low <= high".to_string()),
        (_, Some(_), _, _) => {}
        _ => return Err("needs a value (or low and high)".to_string()),
    }
    let as_of = match &row.as_of {
        Some(date) => Some(
            date.parse::<jiff::civil::Date>()
                .map_err(|_| format!("as_of {date:?} is not an ISO date (YYYY-MM-DD)"))?,
        ),
        None => None,
    };
    let modality = match row.modality.as_deref() {
        None | Some("") | Some("asserted") => Modality::Asserted,
        Some("projection") => Modality::Projection,
        Some("denied") => Modality::Denied,
        Some(other) => {
            return Err(format!(
                "modality {other:?} is not asserted, projection or denied"
            ));
        }
    };
    let figure = if qualifier == Qualifier::Range {
        [None, low, high]
    } else {
        [value, None, None]
    };
    let mut claim = Claim::from_figure(ClaimId::default(), name, figure, qualifier);
    claim.id = ClaimId::numbered(&claim.doc, ':', line as u64);
    // A table's hundreds of thousands of rows name a few quantities, kinds
    // and origins: each held once.
    claim.kind = SharedText::interned(row.kind.as_deref().unwrap_or(default_kind));
    claim.subject = SharedText::interned(&quantity);
    claim.attribution = SharedText::interned(&origin);
    claim.modality = modality;
    claim.as_of = as_of;
    claim.source = SharedText::interned(row.outlet.as_deref().unwrap_or_default());
    claim.group = claim.subject.clone();
    Ok(claim)
}

fn parse_qualifier(text: &str) -> Result<Qualifier, String> {
    let qualifiers: HashMap<&str, Qualifier> = [
        ("exact", Qualifier::Exact),
        ("about", Qualifier::About),
        ("at_least", Qualifier::AtLeast),
        ("at_most", Qualifier::AtMost),
        ("range", Qualifier::Range),
    ]
    .into_iter()
    .collect();
    qualifiers.get(text.trim()).copied().ok_or_else(|| {
        format!("qualifier {text:?} is not one of exact, about, at_least, at_most, range")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_become_claims_and_bad_rows_are_named() {
        let text = "quantity,origin,outlet,as_of,value,low,high,qualifier,kind\n\
                    quake-deaths,AFAD,Reuters,2023-02-10,\"20,000\",,,about,killed\n\
                    quake-deaths,WHO,,2023-02-11,,18000,23000,range,killed\n\
                    quake-deaths,,,2023-02-11,5,,,,\n\
                    quake-deaths,X,,Feb 11,5,,,,\n\
                    quake-deaths,Y,,,many,,,,\n";
        let (claims, bad) = read_table("t", text, false, "other");
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].value, Some(20000.0));
        assert_eq!(claims[0].qualifier, Qualifier::About);
        assert_eq!(
            (claims[1].low.get(), claims[1].high.get()),
            (Some(18000.0), Some(23000.0))
        );
        assert_eq!(claims[1].group, "quake-deaths");
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [4, 5, 6]);
        assert!(bad[0].reason.contains("origin"));
        assert!(bad[2].reason.contains("not a number"));
    }

    #[test]
    fn jsonl_rows() {
        let text = "{\"quantity\":\"q\",\"origin\":\"a\",\"value\":3}\n\n{\"quantity\":\"q\",\"origin\":\"b\",\"valu\":3}\n";
        let (claims, bad) = read_table("t", text, true, "other");
        assert_eq!(claims.len(), 1);
        assert_eq!(bad[0].line, 3);
        assert!(bad[0].reason.contains("unknown field"), "{}", bad[0].reason);
    }

    #[test]
    fn ragged_rows_and_crlf_rows_are_named_by_their_line() {
        for newline in ["\n", "\r\n"] {
            let text = [
                "quantity,origin,value",
                "q,A,1",
                "q,B",
                "\"q",
                "q\",C,3",
                "",
                "q,,4",
                "",
            ]
            .join(newline);
            let (claims, bad) = read_table("t", &text, false, "other");
            assert_eq!(claims.len(), 2, "{newline:?}");
            let found: Vec<(usize, &str)> =
                bad.iter().map(|b| (b.line, b.reason.as_str())).collect();
            assert_eq!(
                found,
                [(3, "this row has 2 fields, the header 3"), (7, "no origin")],
                "{newline:?}"
            );
        }
    }

    /// Rows ended by a `\r` alone are numbered line by line: their claims
    /// have ids of their own.
    #[test]
    fn rows_ended_by_a_carriage_return_have_their_own_lines() {
        let text = "quantity,origin,value\rq,A,1\r\rq,B,x\rq,C,3\r\nq,D,4\r";
        for piece_bytes in [1, 1 << 18] {
            let convert = |line: usize, row: Result<Row, String>| {
                row.and_then(|row| claim_of("t", line, row, "other"))
            };
            let (claims, bad) = read_csv_in_pieces(text, piece_bytes, &convert).unwrap();
            let ids: Vec<String> = claims.iter().map(|c| c.id.to_string()).collect();
            assert_eq!(ids, ["t:2", "t:5", "t:6"], "{piece_bytes}");
            assert_eq!(bad[0].line, 4);
        }
        let (claims, _) = read_serially(text);
        assert_eq!(claims.len(), 3);
        assert_eq!(claims[1].id, "t:5");
    }

    #[test]
    fn values_must_be_finite_and_may_be_negative() {
        let text = "quantity,origin,value,low,high\n\
                    q,A,inf,,\nq,B,NaN,,\nq,C,,-infinity,3\nq,D,,1,1e999\n\
                    q,E,-5,,\nq,F,,-8,-4\nq,G,1e39,,\n";
        let (claims, bad) = read_table("t", text, false, "other");
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert!(
            bad.iter().all(|b| b.reason.contains("not a finite number")),
            "{bad:?}"
        );
        let figures: Vec<[Option<f64>; 3]> = claims
            .iter()
            .map(|c| [c.value.get(), c.low.get(), c.high.get()])
            .collect();
        assert_eq!(
            figures,
            [
                [Some(-5.0), None, None],
                [None, Some(-8.0), Some(-4.0)],
                [Some(1e39), None, None]
            ]
        );
        let (_, bad) = read_table(
            "t",
            "{\"quantity\":\"q\",\"origin\":\"a\",\"value\":1e999}",
            true,
            "other",
        );
        assert_eq!(bad.len(), 1);
    }

    /// The serial reading of a CSV table, as a table with quotes is read.
    fn read_serially(text: &str) -> (Vec<Claim>, Vec<BadRow>) {
        let mut claims = Vec::new();
        let mut bad = Vec::new();
        rows_beside(text, false, |rows| {
            let read = rows
                .into_iter()
                .map(|(line, row)| (line, row.and_then(|row| claim_of("t", line, row, "other"))))
                .collect();
            sort_rows(read, &mut claims, &mut bad);
        });
        (claims, bad)
    }

    /// Read in pieces of any size, a table gives the rows, lines and
    /// messages it gives read whole.
    #[test]
    fn pieces_read_as_the_whole_table_does() {
        let body = [
            "q,A,1",
            "q,B",
            "",
            "   ",
            "q,C,3,4",
            "q,,4",
            "q2 , D , -5 ",
            "q,E,x",
            "\rq,F,6\rq,G,7",
            "q,H,8",
        ];
        for newline in ["\n", "\r\n"] {
            for end in ["", newline] {
                let text = format!("quantity,origin,value{newline}{}{end}", body.join(newline));
                let (claims, bad) = read_serially(&text);
                assert!(bad.len() >= 4, "{bad:?}");
                for piece_bytes in [1, 3, 7, 16, 1 << 18] {
                    let convert = |line: usize, row: Result<Row, String>| {
                        row.and_then(|row| claim_of("t", line, row, "other"))
                    };
                    let (found, found_bad) =
                        read_csv_in_pieces(&text, piece_bytes, &convert).unwrap();
                    let ids = |claims: &[Claim]| -> Vec<(String, String, Option<f64>)> {
                        claims
                            .iter()
                            .map(|c| (c.id.to_string(), c.attribution.to_string(), c.value.get()))
                            .collect()
                    };
                    assert_eq!(ids(&found), ids(&claims), "{text:?} {piece_bytes}");
                    assert_eq!(found_bad, bad, "{text:?} {piece_bytes}");
                }
            }
        }
        for text in [
            "quantity,origin,value",
            "quantity,origin,value\n",
            "",
            "a,b\n1,2\n",
        ] {
            let convert = |line: usize, row: Result<Row, String>| {
                row.and_then(|row| claim_of("t", line, row, "other"))
            };
            let pieces = read_csv_in_pieces(text, 2, &convert);
            let (claims, bad) = read_serially(text);
            match pieces {
                Some((found, found_bad)) => {
                    assert_eq!(found.len(), claims.len(), "{text:?}");
                    assert_eq!(found_bad, bad, "{text:?}");
                }
                None => assert!(!bad.is_empty() || text.is_empty(), "{text:?}"),
            }
        }
        // A quote may hide a line break: such a table is read whole.
        assert!(
            read_csv_in_pieces("quantity,origin,value\n\"q\",A,1\n", 1, &|_, _| {
                Err(String::new())
            })
            .is_none()
        );
    }

    #[test]
    fn an_unknown_column_is_named() {
        let (claims, bad) = read_table("t", "quantity,origin,valeu\nq,a,3\n", false, "other");
        assert!(claims.is_empty());
        assert!(bad[0].reason.contains("valeu"));
    }

    /// The rows of one quantity share their ids' base, and no other
    /// quantity's rows hold it (see `share_id_bases_by_quantity`), whether
    /// the table is read in pieces or whole; the ids read as before.
    #[test]
    fn a_quantitys_rows_share_their_ids_base_alone() {
        let text = "quantity,origin,value\nq,A,1\nr,A,2\nq,B,3\nr,B,4\nq,C,5\n";
        for jsonl_or_pieces in [false, true] {
            let (claims, _) = if jsonl_or_pieces {
                let lines: Vec<String> = text
                    .lines()
                    .skip(1)
                    .map(|line| {
                        let f: Vec<&str> = line.split(',').collect();
                        format!(
                            r#"{{"quantity":"{}","origin":"{}","value":{}}}"#,
                            f[0], f[1], f[2]
                        )
                    })
                    .collect();
                read_table("t", &lines.join("\n"), true, "other")
            } else {
                read_table("t", text, false, "other")
            };
            let base = |i: usize| claims[i].id.parts().0.as_ptr();
            let ids: Vec<String> = claims.iter().map(|c| c.id.to_string()).collect();
            let first_line = if jsonl_or_pieces { 1 } else { 2 };
            let expected: Vec<String> = (0..5).map(|n| format!("t:{}", n + first_line)).collect();
            assert_eq!(ids, expected);
            assert_eq!(base(0), base(2));
            assert_eq!(base(0), base(4));
            assert_eq!(base(1), base(3));
            assert_ne!(base(0), base(1));
        }
    }
}
