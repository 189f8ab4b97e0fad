//! Reporting: the reconciled run as a report, in JSON and in Markdown.
//!
//! Input: a finished, reconciled [`Run`]. Output: a [`Report`], the
//! serialisable JSON form, which [`markdown`] renders for people. Nothing
//! here reconciles or reads rules: the report shows what the run decided.
//! Every figure the Markdown shows is in the JSON too, with, for each
//! consensus, the claims it used and those it set aside and why.
//!
//! Invariant: the JSON form reads back into the same [`Report`] (`explain`
//! works from a saved one); numbers are printed the same way on every machine.

pub mod markdown;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use std::io::{self, Write};

use rayon::prelude::*;

use crate::group::Group;
use crate::model::{Claim, DateBasis, Denial, DocumentClaims};
use crate::reconcile::Reconciliation;
use crate::{Extraction, Quantity, Run};

pub use markdown::{figure_of, render_markdown};

/// The whole report: `report --format json` prints it, with these field names
/// as keys, and `explain` reads it back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Documents read and used (tables of claims not counted).
    pub documents_read: usize,
    /// Rows read from tables of claims.
    pub rows_read: usize,
    /// Entries of `skipped`: files that could not be used and bad table rows.
    pub documents_skipped: usize,
    /// Each file or row skipped, with why, in the order met.
    pub skipped: Vec<SkippedRecord>,
    /// One summary per document read, in path order.
    pub documents: Vec<DocumentSummary>,
    /// True when origins were weighted by their reliability across quantities.
    pub reliability: bool,
    /// One per quantity, in order of first claim, reconciled.
    pub groups: Vec<GroupReport>,
    /// Every claim, in document order, each with its `group`.
    pub claims: Vec<Claim>,
    /// Denials that state no figure; `group` is `""` for one no quantity matches.
    pub denials: Vec<Denial>,
}

/// A file or table row that could not be used.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SkippedRecord {
    /// The path as given, or `path:line` for a bad row of a table.
    pub path: String,
    /// Why, in words: "the file is empty", "bad row: no quantity"...
    pub reason: String,
}

/// What the report says of one document (its claims are in `claims`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// The file name without its extension; claims' `doc`.
    pub id: String,
    /// The path as read.
    pub path: String,
    /// The code of the language pack it was read with.
    pub language: String,
    /// Its outlet; `""` when unknown.
    pub source: String,
    /// Its publication date (`YYYY-MM-DD`); `null` when none was found.
    pub published: Option<Date>,
    /// How `published` was found: `"front_matter"`, `"dateline"`...
    pub published_basis: Option<DateBasis>,
    /// How many claims it yielded.
    pub claims: usize,
}

/// One quantity: its identity, its claims, and their reconciliation, whose
/// fields (`consensus`, `set_aside`, `contradictions`...) sit beside these
/// in the JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupReport {
    /// The group id ("personnel-north-korea-soldiers"): `explain --group`
    /// takes it, and claims' `group` names it.
    pub id: String,
    /// The kind its claims count.
    pub kind: String,
    /// The counted noun's unit; `""` when no claim names one.
    pub unit: String,
    /// Whose people or things are counted, as displayed ("Syria and Turkey",
    /// "Syria (government-held)"); `""` when no text names an owner.
    pub owner: String,
    /// The subject of its first claim ("North Korean soldiers deployed").
    pub subject: String,
    /// The kind only grows over time, so a figure that falls is a contradiction.
    pub running_total: bool,
    /// Ids of its claims, in the order they were read.
    pub claims: Vec<String>,
    /// The reconciliation, flattened into the group's object.
    #[serde(flatten)]
    pub reconciliation: Reconciliation,
}

/// The report entry of one group, reconciled.
pub fn group_report(group: &Group, quantity: Quantity, claims: &[Claim]) -> GroupReport {
    GroupReport {
        subject: group
            .members
            .first()
            .map(|&i| claims[i].subject.clone())
            .unwrap_or_default(),
        claims: group
            .members
            .iter()
            .map(|&i| claims[i].id.clone())
            .collect(),
        id: group.id.clone(),
        kind: group.kind.clone(),
        unit: group.unit.clone(),
        owner: group.owner.to_string(),
        running_total: quantity.running_total,
        reconciliation: quantity.reconciliation,
    }
}

/// The report of a reconciled run: its claims and quantities move into it.
pub fn build_report(run: Run) -> Report {
    let Run {
        extraction,
        quantities,
        reliability,
    } = run;
    let claims = extraction.claims;
    let groups = extraction
        .groups
        .into_iter()
        .zip(quantities)
        .map(|(group, quantity)| {
            let members: Vec<&Claim> = group.members.iter().map(|&i| &claims[i]).collect();
            GroupReport {
                subject: members
                    .first()
                    .map(|c| c.subject.clone())
                    .unwrap_or_default(),
                claims: members.iter().map(|c| c.id.clone()).collect(),
                id: group.id,
                kind: group.kind,
                unit: group.unit,
                owner: group.owner.to_string(),
                running_total: quantity.running_total,
                reconciliation: quantity.reconciliation,
            }
        })
        .collect();
    Report {
        documents_read: extraction.documents.len(),
        rows_read: extraction.rows_read,
        documents_skipped: extraction.skipped.len(),
        skipped: extraction
            .skipped
            .iter()
            .map(|s| SkippedRecord {
                path: s.path.display().to_string(),
                reason: s.reason.to_string(),
            })
            .collect(),
        documents: extraction.documents.iter().map(summary_of).collect(),
        reliability,
        groups,
        claims,
        denials: extraction.denials,
    }
}

/// The form a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown, for people ([`render_markdown`]).
    Markdown,
    /// JSON, for scripts ([`to_json`]).
    Json,
}

/// Writes a report as its quantities are reconciled, batch after batch, so
/// that neither the whole report nor its text is ever held: the bytes are
/// those of [`render_markdown`] or [`to_json`] of the whole report. Each
/// batch's quantities are rendered in parallel, and written in group order.
pub struct ReportWriter<'a, W: Write> {
    format: Format,
    out: W,
    extraction: &'a Extraction,
    groups_written: usize,
}

impl<'a, W: Write> ReportWriter<'a, W> {
    /// Writes what comes before the quantities.
    pub fn start(
        format: Format,
        extraction: &'a Extraction,
        reliability: bool,
        mut out: W,
    ) -> io::Result<ReportWriter<'a, W>> {
        let skipped = skipped_records(extraction);
        let documents: Vec<DocumentSummary> = extraction.documents.iter().map(summary_of).collect();
        match format {
            Format::Markdown => {
                let mut text = String::new();
                markdown::render_head(
                    &mut text,
                    &markdown::Head {
                        documents_read: extraction.documents.len(),
                        documents_skipped: extraction.skipped.len(),
                        rows_read: extraction.rows_read,
                        claims: extraction.claims.len(),
                        groups: extraction.groups.len(),
                        skipped: &skipped,
                        documents: &documents,
                        reliability,
                    },
                );
                out.write_all(text.as_bytes())?;
            }
            Format::Json => {
                let mut text = String::from("{\n");
                text.push_str(&format!(
                    "  \"documents_read\": {},\n  \"rows_read\": {},\n  \"documents_skipped\": {},\n",
                    extraction.documents.len(),
                    extraction.rows_read,
                    extraction.skipped.len()
                ));
                text.push_str("  \"skipped\": ");
                text.push_str(&json_array(&skipped).map_err(io::Error::other)?);
                text.push_str(",\n  \"documents\": ");
                text.push_str(&json_array(&documents).map_err(io::Error::other)?);
                text.push_str(&format!(
                    ",\n  \"reliability\": {reliability},\n  \"groups\": ["
                ));
                out.write_all(text.as_bytes())?;
            }
        }
        Ok(ReportWriter {
            format,
            out,
            extraction,
            groups_written: 0,
        })
    }

    /// Writes quantities rendered by a [`GroupRenderer`],
    /// the next in group order.
    pub fn write_groups(&mut self, texts: &[String]) -> io::Result<()> {
        for text in texts {
            if self.format == Format::Json {
                let separator: &[u8] = if self.groups_written == 0 {
                    b"\n"
                } else {
                    b",\n"
                };
                self.out.write_all(separator)?;
            }
            self.out.write_all(text.as_bytes())?;
            self.groups_written += 1;
        }
        Ok(())
    }

    /// Writes what comes after the quantities, and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        match self.format {
            Format::Markdown => {
                let mut text = String::new();
                markdown::render_tail(&mut text, &self.extraction.denials);
                self.out.write_all(text.as_bytes())?;
            }
            Format::Json => {
                let close: &[u8] = if self.groups_written == 0 {
                    b"]"
                } else {
                    b"\n  ]"
                };
                self.out.write_all(close)?;
                self.out.write_all(b",\n  \"claims\": ")?;
                write_json_array(&mut self.out, &self.extraction.claims)?;
                self.out.write_all(b",\n  \"denials\": ")?;
                write_json_array(&mut self.out, &self.extraction.denials)?;
                self.out.write_all(b"\n}\n")?;
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Renders one quantity as a [`ReportWriter`] writes it.
pub struct GroupRenderer<'r> {
    format: Format,
    lookup: Option<markdown::Lookup<'r>>,
}

impl<'r> GroupRenderer<'r> {
    /// A renderer of the quantities of `extraction` in `format`.
    pub fn new(format: Format, extraction: &'r Extraction) -> GroupRenderer<'r> {
        let lookup = (format == Format::Markdown)
            .then(|| markdown::Lookup::new(&extraction.claims, &extraction.denials));
        GroupRenderer { format, lookup }
    }

    /// The quantity's text; the group report is dropped here, on the
    /// thread that rendered it.
    pub fn render(&self, group: GroupReport) -> io::Result<String> {
        match (self.format, &self.lookup) {
            (Format::Markdown, Some(lookup)) => {
                let mut text = String::new();
                markdown::render_group(&mut text, &group, lookup);
                Ok(text)
            }
            _ => json_element(&group).map_err(io::Error::other),
        }
    }
}

/// One element of a top-level array, pretty-printed as `to_json` prints it
/// there: four spaces deeper.
fn json_element<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    indented_json(value, "    ")
}

/// A value pretty-printed as it reads at a depth of nesting: `indent`
/// before each line. JSON strings hold no raw line breaks, so each line of
/// the value's own pretty form is indented.
fn indented_json<T: Serialize>(value: &T, indent: &str) -> Result<String, serde_json::Error> {
    let text = serde_json::to_string_pretty(value)?;
    let mut indented = String::with_capacity(text.len() + text.len() / 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            indented.push('\n');
        }
        indented.push_str(indent);
        indented.push_str(line);
    }
    Ok(indented)
}

/// Writes claims as `crosscheck claims` prints them: one JSON object a line
/// (`pretty` false), or one pretty JSON array, the same bytes as
/// `serde_json::to_string_pretty` of the list and a line break. Claims are
/// serialised in parallel, a chunk at a time, and written in order.
pub fn write_claims<W: Write>(out: &mut W, claims: &[Claim], pretty: bool) -> io::Result<()> {
    const CHUNK: usize = 4096;
    if pretty && claims.is_empty() {
        return out.write_all(b"[]\n");
    }
    if pretty {
        out.write_all(b"[")?;
    }
    for (chunk_index, chunk) in claims.chunks(CHUNK).enumerate() {
        let texts = chunk
            .par_iter()
            .map(|claim| {
                if pretty {
                    indented_json(claim, "  ")
                } else {
                    serde_json::to_string(claim)
                }
                .map_err(io::Error::other)
            })
            .collect::<io::Result<Vec<String>>>()?;
        for (index, text) in texts.iter().enumerate() {
            if pretty {
                let separator: &[u8] = if chunk_index == 0 && index == 0 {
                    b"\n"
                } else {
                    b",\n"
                };
                out.write_all(separator)?;
                out.write_all(text.as_bytes())?;
            } else {
                out.write_all(text.as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
    }
    if pretty {
        out.write_all(b"\n]\n")?;
    }
    Ok(())
}

/// A top-level array as `to_json` prints it.
fn json_array<T: Serialize + Sync>(items: &[T]) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write_json_array(&mut out, items).map_err(serde_json::Error::io)?;
    Ok(String::from_utf8(out).expect("JSON is UTF-8"))
}

/// Writes a top-level array as `to_json` prints it, its elements rendered
/// in parallel, a chunk at a time.
fn write_json_array<T: Serialize + Sync, W: Write>(out: &mut W, items: &[T]) -> io::Result<()> {
    const CHUNK: usize = 4096;
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    for (chunk_index, chunk) in items.chunks(CHUNK).enumerate() {
        let texts = chunk
            .par_iter()
            .map(|item| json_element(item).map_err(io::Error::other))
            .collect::<io::Result<Vec<String>>>()?;
        for (index, text) in texts.iter().enumerate() {
            let separator: &[u8] = if chunk_index == 0 && index == 0 {
                b"\n"
            } else {
                b",\n"
            };
            out.write_all(separator)?;
            out.write_all(text.as_bytes())?;
        }
    }
    out.write_all(b"\n  ]")
}

fn skipped_records(extraction: &Extraction) -> Vec<SkippedRecord> {
    extraction
        .skipped
        .iter()
        .map(|s| SkippedRecord {
            path: s.path.display().to_string(),
            reason: s.reason.to_string(),
        })
        .collect()
}

/// Why a report could not be written out.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct WriteError(#[from] serde_json::Error);

/// The JSON form of a report, pretty-printed, with a final newline.
pub fn to_json(report: &Report) -> Result<String, WriteError> {
    let mut json = serde_json::to_string_pretty(report)?;
    json.push('\n');
    Ok(json)
}

fn summary_of(document: &DocumentClaims) -> DocumentSummary {
    DocumentSummary {
        id: document.id.clone(),
        path: document.path.clone(),
        language: document.language.clone(),
        source: document.source.clone(),
        published: document.published,
        published_basis: document.published_basis,
        claims: document.claim_count,
    }
}

/// Formats a figure with thousands separators: 14000 -> "14,000", 7.8 -> "7.8".
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "∞".to_string();
    }
    // Past 10^15 a figure is no longer a whole number exactly; the digits
    // beyond the float's precision would be invented.
    if value.abs() >= 1e15 {
        return format!("{value:e}");
    }
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc().abs() as u128;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let fraction = (rounded.abs() - whole as f64) * 100.0;
    let sign = if rounded < 0.0 { "-" } else { "" };
    if fraction.round() as u32 == 0 {
        format!("{sign}{grouped}")
    } else {
        let text = format!("{:02}", fraction.round() as u32);
        format!("{sign}{grouped}.{}", text.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The JSON form reads back into the same report, field for field: a saved
    /// report explains as the run that wrote it.
    #[test]
    fn the_json_form_reads_back_unchanged() {
        let rules = crate::rules::defaults_for_tests();
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        for folder in ["seeds", "reconcile", "tables"] {
            for reliability in [false, true] {
                let options = crate::RunOptions { reliability };
                let run = crate::run(&[fixtures.join(folder)], rules, options);
                let report = build_report(run);
                assert!(!report.groups.is_empty(), "{folder}");
                let json = serde_json::to_string_pretty(&report).unwrap();
                let read: Report = serde_json::from_str(&json).unwrap();
                assert_eq!(serde_json::to_string_pretty(&read).unwrap(), json);
            }
        }
    }

    /// Issue 13: a figure above about 3.4e38 printed as 340,282,366,...
    #[test]
    fn figures_past_float_precision_print_in_e_notation() {
        assert_eq!(format_number(1e39), "1e39");
        assert_eq!(format_number(-2.5e20), "-2.5e20");
        assert_eq!(format_number(999_999_999_999_999.0), "999,999,999,999,999");
        assert_eq!(format_number(-5.0), "-5");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(format_number(14000.0), "14,000");
        assert_eq!(format_number(425_000_000.0), "425,000,000");
        assert_eq!(format_number(7.8), "7.8");
        assert_eq!(format_number(999.0), "999");
        assert_eq!(format_number(10800.0), "10,800");
    }
}
