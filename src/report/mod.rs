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
pub mod html;
pub mod markdown;
pub mod text;
mod view;

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::ops::Deref;

use indexmap::IndexMap;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::Run;
use crate::model::{Claim, DateBasis, Denial, DocumentClaims};
use crate::reconcile::{
    Confidence, Consensus, Contradiction, ContradictionKind, Interval, Origin, Period,
    Reconciliation, SetAside, Severity, Timeline,
};

pub use html::render_html;
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
    pub id: String,
    /// A name a reader can tell documents by: the id when it reads as words,
    /// else outlet and publication date (`arab-defense-2024-11-02`); see
    /// [`document_labels`]. Claims' labels start with it.
    pub label: String,
    /// The path as read.
    pub path: String,
    /// The front matter's `url`, as written; `null` when it gives none.
    /// Reports link it only when it is http or https.
    pub url: Option<String>,
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
    pub claims: Vec<String>,
    /// Each claim's interval, by claim id, in reconciliation order.
    pub intervals: IndexMap<String, Interval>,
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
    pub denials: Vec<String>,
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

/// The contradictions of one kind between one pair of origins: however many
/// pairs of claims disagree the same way, one entry, with every claim behind
/// it. An entry of a group's `contradictions`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContradictionSummary {
    /// Disjoint, a total that fell, or a denial.
    pub kind: ContradictionKind,
    /// The two origins: for a denial, who denies, then whose figures are
    /// denied; otherwise as the first pair of claims gives them.
    pub origins: [String; 2],
    /// Ids of the claims (and denials) behind it, each once, in the order
    /// the pairs were found.
    pub claims: Vec<String>,
    /// How many pairs of claims (a denial and a figure, for a denial) it
    /// stands for.
    pub count: usize,
    /// The highest severity among those pairs.
    pub severity: Severity,
    /// The largest relative gap among those pairs, 0 to 1.
    pub gap: f64,
    /// The reason of the pair with the largest gap, in a sentence naming
    /// the origins.
    pub reason: String,
}

/// What a reader should see first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    /// How many quantities the report has.
    pub quantities: usize,
    /// How many of them have contradictions.
    pub with_contradictions: usize,
    /// One per quantity, in the order of `groups`.
    pub items: Vec<SummaryItem>,
}

/// One quantity in a sentence, and the facts the sentence states.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SummaryItem {
    /// The group's id.
    pub group: String,
    /// The group's subject; `sentence` starts with it.
    pub subject: String,
    /// The quantity in a sentence a reader can quote: "North Korean soldiers
    /// deployed: best estimate 12,000, at least 10,800 (single origin, as of
    /// 2025-12-28). In dispute: ...".
    pub sentence: String,
    /// The headline consensus; `null` when no claim is asserted.
    pub consensus: Option<SummaryConsensus>,
    /// Independent origins.
    pub origins: usize,
    /// Claims.
    pub claims: usize,
    /// The pairs of origins in dispute, as in the group's `contradictions`.
    pub disputes: Vec<Dispute>,
}

/// The headline consensus of a quantity, as the summary states it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SummaryConsensus {
    /// As the group's `consensus.low`.
    pub low: f64,
    /// As the group's `consensus.best`.
    pub best: f64,
    /// As the group's `consensus.high`; `null` when open above.
    pub high: Option<f64>,
    /// How many of the origins agree.
    pub confidence: Confidence,
    /// Origins that agree.
    pub origins: usize,
    /// Origins with a figure in the period.
    pub origins_total: usize,
    /// The last date of the period it is about; `null` when undated.
    pub as_of: Option<Date>,
}

/// A pair of origins in dispute, without the claims (the group has them).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dispute {
    /// As the contradiction's `kind`.
    pub kind: ContradictionKind,
    /// As the contradiction's `origins`.
    pub origins: [String; 2],
    /// As the contradiction's `severity`.
    pub severity: Severity,
    /// As the contradiction's `count`.
    pub count: usize,
}

/// The report of a reconciled run: its claims and quantities move into it.
pub fn build_report(run: Run) -> Report {
    let Run {
        extraction,
        quantities,
        reliability,
    } = run;
    let labels = document_labels(&extraction.documents);
    let urls = extraction.urls;
    let claims = extraction.claims;
    let denial_origin: HashMap<&str, String> = extraction
        .denials
        .iter()
        .map(|d| (d.id.as_str(), denial_origin(d)))
        .collect();
    let mut groups: Vec<GroupReport> = extraction
        .groups
        .into_iter()
        .zip(quantities)
        .map(|(group, quantity)| {
            let members: Vec<&Claim> = group.members.iter().map(|&i| &claims[i]).collect();
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
            let contradictions =
                summarise_contradictions(&contradictions, &origins, &denial_origin);
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
                intervals,
                origins,
                periods,
                consensus,
                set_aside,
                contradictions,
                timelines,
                denials,
            }
        })
        .collect();
    groups.sort_by(importance);
    let summary = summary_of(&groups);
    let documents = extraction
        .documents
        .iter()
        .map(|document| summary_of_document(document, &labels, &urls))
        .collect();
    let claims = claims
        .into_iter()
        .map(|claim| ReportClaim {
            label: label_of(&claim.id, &claim.doc, &labels),
            url: urls.get(&claim.doc).cloned(),
            claim,
        })
        .collect();
    Report {
        documents_read: extraction.documents.len(),
        rows_read: extraction.rows_read,
        documents_skipped: extraction.skipped.len(),
        summary,
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
        groups,
        claims,
        denials: extraction.denials,
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
    let key = |g: &GroupReport| {
        (
            !g.contradictions.is_empty(),
            g.worst_severity(),
            g.origins.len(),
            g.claims.len(),
        )
    };
    key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
}

/// Who a denial comes from, as an origin is named: its source, else its
/// outlet, else its document.
fn denial_origin(denial: &Denial) -> String {
    [&denial.attribution, &denial.source, &denial.doc]
        .into_iter()
        .find(|name| !name.is_empty())
        .cloned()
        .unwrap_or_default()
}

/// One pair of origins that disagree, as reconciliation found it (one pair
/// of claims, or, once reconciliation summarises, many): what
/// [`summarise_contradictions`] merges.
struct PairRecord<'r> {
    kind: ContradictionKind,
    origins: [String; 2],
    claims: Vec<&'r str>,
    count: usize,
    severity: Severity,
    gap: f64,
    reason: &'r str,
}

/// Reconciliation's contradictions as records of one pair of origins each: a
/// disagreement between two claims is the pair of their origins; a denial is
/// one record per figure it denies, the denier against the figure's origin.
fn pair_records<'r>(
    contradictions: &'r [Contradiction],
    origin_of: &HashMap<&'r str, &'r str>,
    denial_origin: &HashMap<&str, String>,
) -> Vec<PairRecord<'r>> {
    let origin = |id: &str| {
        origin_of
            .get(id)
            .map_or_else(|| id.to_string(), |o| o.to_string())
    };
    let mut records = Vec::new();
    for contradiction in contradictions {
        let ids: Vec<&str> = contradiction.claims.iter().map(String::as_str).collect();
        let record = |origins: [String; 2], claims: Vec<&'r str>| PairRecord {
            kind: contradiction.kind,
            origins,
            claims,
            count: 1,
            severity: contradiction.severity,
            gap: contradiction.gap,
            reason: &contradiction.reason,
        };
        match (contradiction.kind, ids.as_slice()) {
            (ContradictionKind::Denial, [denial, figures @ ..]) => {
                let denier = denial_origin
                    .get(denial)
                    .cloned()
                    .unwrap_or_else(|| denial.to_string());
                for figure in figures {
                    records.push(record(
                        [denier.clone(), origin(figure)],
                        vec![denial, figure],
                    ));
                }
            }
            (_, [first, second, ..]) => {
                records.push(record([origin(first), origin(second)], ids.clone()));
            }
            _ => {}
        }
    }
    records
}

/// Contradictions merged per kind and pair of origins (a pair read either
/// way round is one pair, except for a denial, where who denies comes
/// first), highest severity first, then in the order found. The result
/// grows with the origins, not with the claims: 300 copies of two
/// disagreeing articles give one entry of count 90,000.
pub fn summarise_contradictions(
    contradictions: &[Contradiction],
    origins: &[Origin],
    denial_origin: &HashMap<&str, String>,
) -> Vec<ContradictionSummary> {
    let origin_of: HashMap<&str, &str> = origins
        .iter()
        .flat_map(|o| o.claims.iter().map(move |c| (c.as_str(), o.name.as_str())))
        .collect();
    let mut merged: IndexMap<(&str, [String; 2]), (ContradictionSummary, HashSet<&str>)> =
        IndexMap::new();
    for record in pair_records(contradictions, &origin_of, denial_origin) {
        let mut key_origins = record.origins.clone();
        if record.kind != ContradictionKind::Denial {
            key_origins.sort();
        }
        let key = (record.kind.as_str(), key_origins);
        let (entry, seen) = merged.entry(key).or_insert_with(|| {
            (
                ContradictionSummary {
                    kind: record.kind,
                    origins: record.origins.clone(),
                    claims: Vec::new(),
                    count: 0,
                    severity: record.severity,
                    gap: record.gap,
                    reason: record.reason.to_string(),
                },
                HashSet::new(),
            )
        });
        for id in record.claims {
            if seen.insert(id) {
                entry.claims.push(id.to_string());
            }
        }
        entry.count += record.count;
        if (record.severity, record.gap) > (entry.severity, entry.gap) {
            entry.severity = record.severity;
            entry.gap = record.gap;
            entry.reason = record.reason.to_string();
        }
    }
    let mut summaries: Vec<ContradictionSummary> = merged.into_values().map(|(s, _)| s).collect();
    summaries.sort_by(|a, b| b.severity.cmp(&a.severity));
    summaries
}

/// The summary of groups already in order of importance.
fn summary_of(groups: &[GroupReport]) -> Summary {
    Summary {
        quantities: groups.len(),
        with_contradictions: groups
            .iter()
            .filter(|g| !g.contradictions.is_empty())
            .count(),
        items: groups.iter().map(summary_item).collect(),
    }
}

fn summary_item(group: &GroupReport) -> SummaryItem {
    let consensus = group.consensus.as_ref().map(|c| SummaryConsensus {
        low: c.low,
        best: c.best,
        high: c.high,
        confidence: c.confidence,
        origins: c.origins,
        origins_total: c.origins_total,
        as_of: group.headline_period().and_then(|p| p.to),
    });
    let disputes: Vec<Dispute> = group
        .contradictions
        .iter()
        .map(|c| Dispute {
            kind: c.kind,
            origins: c.origins.clone(),
            severity: c.severity,
            count: c.count,
        })
        .collect();
    let mut sentence = format!(
        "{}: {}",
        group.subject,
        consensus_phrase(consensus.as_ref())
    );
    if let Some(disputes) = disputes_phrase(&disputes) {
        sentence.push_str(" In dispute: ");
        sentence.push_str(&disputes);
    }
    SummaryItem {
        group: group.id.clone(),
        subject: group.subject.clone(),
        sentence,
        consensus,
        origins: group.origins.len(),
        claims: group.claims.len(),
        disputes,
    }
}

/// "best estimate 12,000, range 10,800 to 13,200 (single origin, as of 2024-10-23)."
fn consensus_phrase(consensus: Option<&SummaryConsensus>) -> String {
    let Some(c) = consensus else {
        return "no figure stated as a fact (only plans, forecasts or denials).".to_string();
    };
    let (low, best) = (format_number(c.low), format_number(c.best));
    let range = match c.high {
        Some(high) if high == c.low => best,
        Some(high) => format!(
            "best estimate {best}, range {low} to {}",
            format_number(high)
        ),
        None if c.low == c.best => format!("at least {low}"),
        None => format!("best estimate {best}, at least {low}"),
    };
    let support = match c.confidence {
        Confidence::SingleOrigin => "single origin".to_string(),
        Confidence::Corroborated => format!("all {} origins agree", c.origins_total),
        Confidence::Contested => format!("{} of {} origins agree", c.origins, c.origins_total),
        Confidence::Disputed => format!(
            "disputed: {} of {} origins agree",
            c.origins, c.origins_total
        ),
    };
    let when = c
        .as_of
        .map_or_else(|| "undated".to_string(), |date| format!("as of {date}"));
    format!("{range} ({support}, {when}).")
}

/// How many disagreeing pairs of origins a summary sentence names.
const PAIRS_NAMED: usize = 3;

/// "the West and South Korean intelligence officials disagree; Kremlin
/// denies the figures of South Korean officials and 2 others."
fn disputes_phrase(disputes: &[Dispute]) -> Option<String> {
    if disputes.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let disagreements: Vec<&Dispute> = disputes
        .iter()
        .filter(|d| d.kind != ContradictionKind::Denial)
        .collect();
    for dispute in disagreements.iter().take(PAIRS_NAMED) {
        let [a, b] = &dispute.origins;
        let how = match dispute.kind {
            ContradictionKind::TotalFell => " (a running total that fell)",
            _ => "",
        };
        parts.push(format!("{a} and {b} disagree{how}"));
    }
    if disagreements.len() > PAIRS_NAMED {
        parts.push(format!(
            "{} more pairs of origins disagree",
            disagreements.len() - PAIRS_NAMED
        ));
    }
    let mut denied: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for dispute in disputes
        .iter()
        .filter(|d| d.kind == ContradictionKind::Denial)
    {
        denied
            .entry(dispute.origins[0].as_str())
            .or_default()
            .push(dispute.origins[1].as_str());
    }
    for (denier, whose) in denied {
        parts.push(format!(
            "{denier} denies the figures of {}",
            names_list(&whose)
        ));
    }
    Some(format!("{}.", parts.join("; ")))
}

/// "A", "A and B", "A, B and C", "A, B and 3 others".
fn names_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [first @ .., last] if names.len() <= PAIRS_NAMED => {
            format!("{} and {last}", first.join(", "))
        }
        _ => format!(
            "{} and {} others",
            names[..PAIRS_NAMED - 1].join(", "),
            names.len() - (PAIRS_NAMED - 1)
        ),
    }
}

/// The label of each document, by id, unique within the report.
///
/// A document whose id reads as words (`wire-2024-11-05`, `reuters/update`)
/// keeps it. An id with a hash in it (a part of eight or more hexadecimal
/// digits with both letters and digits, as in `001_013708df5556b795`) is
/// replaced by the document's outlet and publication date, as known
/// (`arab-defense-2024-11-02`, `cnn`), what the id has besides the hash
/// standing for an unknown outlet (`002-2024-10-23`, `000`), else `document`. Where two documents would share
/// a label, the later ones (in id order) take `-2`, `-3`...
pub fn document_labels(documents: &[DocumentClaims]) -> HashMap<String, String> {
    let mut taken: HashSet<String> = documents
        .iter()
        .filter(|d| !has_hash(&d.id))
        .map(|d| d.id.clone())
        .collect();
    let mut labels = HashMap::new();
    for document in documents {
        if !has_hash(&document.id) {
            labels.insert(document.id.clone(), document.id.clone());
            continue;
        }
        let remainder = document
            .id
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty() && !is_hash(part))
            .collect::<Vec<_>>()
            .join("-");
        let outlet = match text::slug(&document.source, 32) {
            outlet if outlet.is_empty() => remainder,
            outlet => outlet,
        };
        let date = document
            .published
            .map(|d| d.to_string())
            .unwrap_or_default();
        let mut base = [outlet, date]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if base.is_empty() {
            base = "document".to_string();
        }
        let mut label = base.clone();
        let mut n = 2;
        while !taken.insert(label.clone()) {
            label = format!("{base}-{n}");
            n += 1;
        }
        labels.insert(document.id.clone(), label);
    }
    labels
}

/// A part of eight or more hexadecimal digits, with letters and digits both.
fn is_hash(part: &str) -> bool {
    part.len() >= 8
        && part.chars().all(|c| c.is_ascii_hexdigit())
        && part.chars().any(|c| c.is_ascii_digit())
        && part.chars().any(|c| c.is_ascii_alphabetic())
}

fn has_hash(id: &str) -> bool {
    id.split(|c: char| !c.is_alphanumeric()).any(is_hash)
}

/// A claim's or a denial's label: its document's label, then what follows
/// the document id in its own id (`#2`, `#d1`); the id itself when its
/// document has no label (a row of a table).
pub fn label_of(id: &str, doc: &str, labels: &HashMap<String, String>) -> String {
    match (labels.get(doc), id.strip_prefix(doc)) {
        (Some(label), Some(rest)) => format!("{label}{rest}"),
        _ => id.to_string(),
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
    document: &DocumentClaims,
    labels: &HashMap<String, String>,
    urls: &IndexMap<String, String>,
) -> DocumentSummary {
    DocumentSummary {
        id: document.id.clone(),
        label: labels
            .get(&document.id)
            .cloned()
            .unwrap_or_else(|| document.id.clone()),
        path: document.path.clone(),
        url: urls.get(&document.id).cloned(),
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
