//! Reporting: the reconciled run as a report, in JSON, Markdown and HTML.
//!
//! Input: a finished, reconciled [`Run`]. Output: a [`Report`], the
//! serialisable JSON form, which [`markdown`] and [`html`] render for people
//! ([`chart`] draws the HTML's charts, [`text`] makes input text safe to
//! show). Nothing here reconciles or reads rules: the report shows what the
//! run decided. Every figure the Markdown and the HTML show is in the JSON
//! too, with, for each consensus, the claims it used and those it set aside
//! and why.
//!
//! What the report adds to the run, for a reader:
//! - a [`Summary`]: per quantity, a sentence a reader can quote (its
//!   consensus and the origins in dispute), the quantities with
//!   contradictions first;
//! - quantities ordered by importance ([`importance`]);
//! - contradictions as one [`ContradictionSummary`] per kind and pair of
//!   origins, with every claim behind it and how many pairs of claims it
//!   stands for, so 300 copies of one disagreement are one line;
//! - readable labels for documents and claims (`arab-defense-2024-11-02#2`,
//!   see [`document_labels`]) and each document's front matter `url`.
//!
//! Invariant: the JSON form reads back into the same [`Report`] (`explain`
//! works from a saved one); numbers are printed the same way on every
//! machine; the order of everything is decided by the run, never by a hash.

pub mod chart;
mod claim_json;
mod group_json;
pub mod html;
pub mod labels;
pub mod markdown;
pub mod md_escape;
mod nested_json;
pub mod pairs;
mod spill;
pub mod streamed;
pub mod summary;
pub mod text;
mod view;

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Deref;

use indexmap::IndexMap;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::group::Group;
use crate::model::{Claim, ClaimId, DateBasis, Denial, DocumentClaims, SharedText};
use crate::reconcile::{
    Consensus, Interval, Origin, Period, Reconciliation, SetAside, Severity, Timeline,
};
use crate::{Extraction, Quantity, Run};

pub use html::render_html;
pub use labels::{Label, document_labels, label_in, label_of};
pub use markdown::{figure_of, render_markdown, write_markdown};
pub use pairs::{ContradictionSummary, summarise_contradictions};
pub use summary::{Dispute, Summary, SummaryConsensus, SummaryItem};

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
    /// What a reader should see first: each quantity in a sentence.
    pub summary: Summary,
    /// Each file or row skipped, with why, in the order met.
    pub skipped: Vec<SkippedRecord>,
    /// One summary per document read, in path order.
    pub documents: Vec<DocumentSummary>,
    /// True when origins were weighted by their reliability across quantities.
    pub reliability: bool,
    /// One per quantity, reconciled, in order of [`importance`].
    pub groups: Vec<GroupReport>,
    /// Every claim, in document order, each with its `group`.
    pub claims: Vec<ReportClaim>,
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
    pub id: SharedText,
    /// A name a reader can tell documents by: the id when it reads as words,
    /// else outlet and publication date (`arab-defense-2024-11-02`); see
    /// [`document_labels`]. Claims' labels start with it.
    pub label: SharedText,
    /// The path as read.
    pub path: String,
    /// The front matter's `url`, as written; `null` when it gives none.
    /// Reports link it only when it is http or https.
    pub url: Option<String>,
    /// The code of the language pack it was read with.
    pub language: SharedText,
    /// Its outlet; `""` when unknown.
    pub source: SharedText,
    /// Its publication date (`YYYY-MM-DD`); `null` when none was found.
    pub published: Option<Date>,
    /// How `published` was found: `"front_matter"`, `"dateline"`...
    pub published_basis: Option<DateBasis>,
    /// How many claims it yielded.
    pub claims: usize,
}

/// A claim as the report shows it: every field of [`Claim`] (the lines of
/// `crosscheck claims`), then its readable label and its document's URL.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportClaim {
    /// The claim, its fields directly in the JSON object.
    #[serde(flatten)]
    pub claim: Claim,
    /// Its document's label, then `#` and its number in the document
    /// (`arab-defense-2024-11-02#2`); the id itself for a row of a table.
    pub label: String,
    /// Its document's front matter `url`; `null` when it gives none.
    pub url: Option<String>,
}

impl Borrow<Claim> for ReportClaim {
    fn borrow(&self) -> &Claim {
        &self.claim
    }
}

impl Deref for ReportClaim {
    type Target = Claim;

    fn deref(&self) -> &Claim {
        &self.claim
    }
}

/// One quantity: its identity, its claims, and their reconciliation.
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
    pub claims: Vec<ClaimId>,
    /// Each claim's interval, by claim id, in reconciliation order.
    pub intervals: IndexMap<ClaimId, Interval>,
    /// The independent voices behind the claims.
    pub origins: Vec<Origin>,
    /// The asserted claims split by time, dated periods first, then the
    /// undated claims.
    pub periods: Vec<Period>,
    /// The consensus of the latest dated period (or of the undated claims when
    /// none is dated); `null` when no claim is asserted.
    pub consensus: Option<Consensus>,
    /// The claims no consensus used, each with its reason.
    pub set_aside: Vec<SetAside>,
    /// Figures that cannot all hold: one entry per kind and pair of origins.
    pub contradictions: Vec<ContradictionSummary>,
    /// Origins that gave more than one figure, over time.
    pub timelines: Vec<Timeline>,
    /// Ids of the denials about this quantity.
    pub denials: Vec<SharedText>,
}

impl GroupReport {
    /// The period whose consensus is the headline one (`consensus`): the
    /// latest dated period with a consensus, else the last with one.
    pub fn headline_period(&self) -> Option<&Period> {
        self.periods
            .iter()
            .rev()
            .find(|p| p.from.is_some() && p.consensus.is_some())
            .or_else(|| self.periods.iter().rev().find(|p| p.consensus.is_some()))
    }

    /// The highest severity of its contradictions; `None` when it has none.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.contradictions.iter().map(|c| c.severity).max()
    }
}

/// The report of a reconciled run: its claims and quantities move into it.
pub fn build_report(run: Run) -> Report {
    let Run {
        extraction,
        quantities,
        reliability,
    } = run;
    let Frame {
        mut report,
        groups,
        claims,
        document_labels,
        urls,
    } = report_frame(extraction, reliability);
    // Quantities are summarised on their own, in parallel; the order of the
    // groups is kept, so the report does not depend on the number of threads.
    let mut quantities: Vec<GroupReport> = groups
        .par_iter()
        .zip(quantities)
        .map(|(group, quantity)| {
            let members = members_of(group, &claims);
            group_report(group, quantity, &members)
        })
        .collect();
    quantities.par_sort_by(importance);
    report.summary = summary::summary_of(&quantities);
    report.groups = quantities;
    report.claims = claims
        .into_par_iter()
        .map(|claim| ReportClaim {
            label: Label::of_claim(&claim.id, &claim.doc, &document_labels).to_string(),
            url: urls.get(&*claim.doc).cloned(),
            claim,
        })
        .collect();
    report
}

/// A report of everything but its quantities and claims (no groups, an
/// empty summary, no claims), and what they are made from: what
/// [`build_report`] and [`streamed`] share.
pub struct Frame {
    /// The report without groups, summary and claims.
    pub report: Report,
    /// The groups to reconcile.
    pub groups: Vec<Group>,
    /// Every claim, in document order.
    pub claims: Vec<Claim>,
    /// Each document's label that is not its id, by id (see
    /// [`document_labels`]): claims' labels start with it.
    pub document_labels: HashMap<String, String>,
    /// Each document's `url`, by document id.
    pub urls: IndexMap<String, String>,
}

impl Frame {
    /// The claims as the report shows them.
    pub fn claim_refs(&self) -> impl Iterator<Item = view::ClaimRef<'_>> {
        (0..self.claims.len()).map(|index| self.claim_ref(index))
    }

    /// The claim at `index` in `claims`, as the report shows it.
    pub fn claim_ref(&self, index: usize) -> view::ClaimRef<'_> {
        let claim = &self.claims[index];
        view::ClaimRef {
            claim,
            label: Label::of_claim(&claim.id, &claim.doc, &self.document_labels),
            url: self.urls.get(&*claim.doc).map(String::as_str),
        }
    }
}

pub(crate) fn report_frame(extraction: Extraction, reliability: bool) -> Frame {
    let document_labels = document_labels(&extraction.documents);
    let urls = extraction.urls;
    let documents_read = extraction.documents.len();
    // The documents' texts move into their summaries: copied, they were
    // held twice while the claims were reconciled.
    let documents = extraction
        .documents
        .into_iter()
        .map(|document| summary_of_document(document, &document_labels, &urls))
        .collect();
    let report = Report {
        documents_read,
        rows_read: extraction.rows_read,
        documents_skipped: extraction.skipped.len(),
        summary: Summary::default(),
        skipped: extraction
            .skipped
            .iter()
            .map(|s| SkippedRecord {
                path: s.path.display().to_string(),
                reason: s.reason.to_string(),
            })
            .collect(),
        documents,
        reliability,
        groups: Vec::new(),
        claims: Vec::new(),
        denials: extraction.denials,
    };
    Frame {
        report,
        groups: extraction.groups,
        claims: extraction.claims,
        document_labels,
        urls,
    }
}

/// A group's claims, in its order.
pub(crate) fn members_of<'c>(group: &Group, claims: &'c [Claim]) -> Vec<&'c Claim> {
    group.members.iter().map(|&i| &claims[i]).collect()
}

/// One quantity of the report: a group, its members and its reconciliation.
pub(crate) fn group_report(group: &Group, quantity: Quantity, members: &[&Claim]) -> GroupReport {
    let Reconciliation {
        intervals,
        origins,
        periods,
        consensus,
        set_aside,
        contradictions,
        timelines,
        denials,
    } = quantity.reconciliation;
    let contradictions = summarise_contradictions(contradictions, &origins);
    GroupReport {
        subject: members
            .first()
            .map(|c| c.subject.to_string())
            .unwrap_or_default(),
        claims: members.iter().map(|c| c.id.clone()).collect(),
        id: group.id.clone(),
        kind: group.kind.clone(),
        unit: group.unit.clone(),
        owner: group.owner.to_string(),
        running_total: quantity.running_total,
        intervals,
        origins,
        periods,
        consensus,
        set_aside,
        contradictions,
        timelines,
        denials,
    }
}

/// The order of quantities in a report, most important first:
///
/// 1. quantities with contradictions before those without;
/// 2. then the higher the worst severity of their contradictions;
/// 3. then the more independent origins;
/// 4. then the more claims;
/// 5. then by id, so that the order is total and never depends on the run.
pub fn importance(a: &GroupReport, b: &GroupReport) -> Ordering {
    Weight::of(b)
        .cmp(&Weight::of(a))
        .then_with(|| a.id.cmp(&b.id))
}

/// What [`importance`] weighs of a quantity before its id, so that a report
/// written as it is reconciled can order quantities it no longer holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Weight {
    contradictions: bool,
    worst: Option<Severity>,
    origins: usize,
    claims: usize,
}

impl Weight {
    pub(crate) fn of(group: &GroupReport) -> Weight {
        Weight {
            contradictions: !group.contradictions.is_empty(),
            worst: group.worst_severity(),
            origins: group.origins.len(),
            claims: group.claims.len(),
        }
    }

    pub(crate) fn has_contradictions(self) -> bool {
        self.contradictions
    }
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

fn summary_of_document(
    document: DocumentClaims,
    labels: &HashMap<String, String>,
    urls: &IndexMap<String, String>,
) -> DocumentSummary {
    // A label that is the id is the id's text, shared.
    let id = SharedText::from(document.id);
    let label = match labels.get(id.as_str()) {
        Some(label) => SharedText::new(label),
        None => id.clone(),
    };
    DocumentSummary {
        label,
        url: urls.get(id.as_str()).cloned(),
        id,
        path: document.path,
        language: document.language,
        source: document.source,
        published: document.published,
        published_basis: document.published_basis,
        claims: document.claim_count,
    }
}

/// Formats a figure with thousands separators: 14000 -> "14,000", 7.8 -> "7.8".
pub fn format_number(value: f64) -> String {
    let mut out = String::new();
    format_number_into(&mut out, value);
    out
}

/// [`format_number`], appended to `out`: a report writes millions of
/// figures, so none of them is built in a string of its own.
pub fn format_number_into(out: &mut String, value: f64) {
    if !value.is_finite() {
        out.push('∞');
        return;
    }
    // Past 10^15 a figure is no longer a whole number exactly; the digits
    // beyond the float's precision would be invented.
    if value.abs() >= 1e15 {
        let _ = write!(out, "{value:e}");
        return;
    }
    let rounded = (value * 100.0).round() / 100.0;
    // Below 10^15, so it fits.
    let whole = rounded.trunc().abs() as u64;
    let hundredths = ((rounded.abs() - whole as f64) * 100.0).round() as u32;
    if rounded < 0.0 {
        out.push('-');
    }
    push_grouped(out, whole);
    if hundredths != 0 {
        // Two digits at least (as `{:02}` pads them), trailing zeros dropped.
        let mut buffer = [b'0'; 20];
        let written = crate::decimal::digits(u64::from(hundredths), &mut buffer).len();
        let digits = &buffer[buffer.len() - written.max(2)..];
        let kept = digits
            .iter()
            .rposition(|&d| d != b'0')
            .map_or(0, |at| at + 1);
        out.push('.');
        for &digit in &digits[..kept] {
            out.push(char::from(digit));
        }
    }
}

/// Formats a count as the report's figures are: 16000 -> "16,000".
pub fn format_count(count: usize) -> String {
    let mut out = String::new();
    push_count(&mut out, count);
    out
}

/// [`format_count`], appended to `out`.
pub fn push_count(out: &mut String, count: usize) {
    push_grouped(out, count as u64);
}

/// Appends `value` with a comma between each group of three digits,
/// counted from the right.
fn push_grouped(out: &mut String, value: u64) {
    let mut buffer = [0; 20];
    let digits = crate::decimal::digits(value, &mut buffer);
    for (index, &digit) in digits.iter().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(digit));
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

    /// The figure written in place, as it was formatted through strings:
    /// figures of every size and sign, round ones, and the hundredths that
    /// round up to a whole.
    #[test]
    fn figures_are_written_as_the_string_formatting_wrote_them() {
        fn reference(value: f64) -> String {
            if !value.is_finite() {
                return "∞".to_string();
            }
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
        let mut random = crate::test_random::TestRandom(13);
        let mut values = vec![
            0.0,
            -0.0,
            0.004,
            -0.004,
            0.005,
            0.995,
            1.005,
            2.675,
            99.999,
            999.995,
            1e15,
            -1e15,
            999_999_999_999_999.0,
            1e-300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
            1_000.1,
            12_000.0,
        ];
        for _ in 0..200_000 {
            let scale = 10f64.powi((random.below(19) as i32) - 3);
            let mut value = (random.step() >> 11) as f64 / (1u64 << 53) as f64 * scale;
            if random.below(2) == 0 {
                value = -value;
            }
            if random.below(3) == 0 {
                value = (value * 100.0).round() / 100.0;
            }
            values.push(value);
        }
        for value in values {
            assert_eq!(format_number(value), reference(value), "{value:?}");
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

    /// Counts of origins, claims and documents read as the figures beside
    /// them do ("56 of 16000 origins agree" sat next to "16,000 origins
    /// disagree").
    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(16_000), "16,000");
        assert_eq!(format_count(usize::MAX), "18,446,744,073,709,551,615");
        assert_eq!(format_count(1_234_567), "1,234,567");
    }
}
