//! What the Markdown and the HTML renderings show alike, prepared once from a
//! [`super::Report`]: claims and denials by id with their labels, a quantity's claims
//! as table rows (copies of one claim in one row), its set-aside claims by
//! reason.
//!
//! Invariant: everything here keeps the order of the report; nothing is
//! escaped here (each renderer escapes for its own syntax).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::Arc;

use indexmap::{IndexMap, IndexSet};

use serde::Serialize;

#[cfg(doc)]
use super::ReportClaim;
use super::{GroupReport, Label, Report, Summary, format_count, label_of};
use crate::fxhash::{FxBuildHasher, FxHashMap, FxHashSet};
use crate::model::Denial;
use crate::model::{Claim, ClaimId, IdText, SharedText};

/// How many ids a line lists before it says how many more there are.
pub const IDS_SHOWN: usize = 8;

/// How many quantities without contradictions a summary lists by name.
pub const CALM_QUANTITIES_SHOWN: usize = 10;

/// A claim with what the report adds to it, borrowed: its label and its
/// document's URL. Serialised, it reads as the claim's [`ReportClaim`].
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ClaimRef<'r> {
    /// The claim.
    #[serde(flatten)]
    pub claim: &'r Claim,
    /// As [`ReportClaim::label`].
    pub label: Label<'r>,
    /// As [`ReportClaim::url`].
    pub url: Option<&'r str>,
}

impl Deref for ClaimRef<'_> {
    type Target = Claim;

    fn deref(&self) -> &Claim {
        self.claim
    }
}

/// Claims by id.
pub type ClaimsById<'r> = IndexMap<&'r ClaimId, ClaimRef<'r>, FxBuildHasher>;

/// The claims, denials and documents of a report, by id.
pub struct Index<'r> {
    /// Claims by id (found by an id's text too: see [`ClaimId`]).
    pub claims: ClaimsById<'r>,
    /// Denials by id.
    pub denials: Arc<FxHashMap<&'r str, &'r Denial>>,
    /// The documents' labels that are not their ids, by id.
    labels: Arc<HashMap<String, String>>,
    /// No denial, and every claim labelled by its id (a table's): every
    /// label is then the id looked up.
    ids_are_labels: bool,
}

impl<'r> Index<'r> {
    /// Indexes `report`.
    pub fn new(report: &'r Report) -> Index<'r> {
        let claims = report.claims.iter().map(|c| ClaimRef {
            claim: &c.claim,
            label: Label::whole(&c.label),
            url: c.url.as_deref(),
        });
        Index::with_claims(report, claims)
    }

    /// Indexes `report`, whose claims are given beside it.
    pub fn with_claims(
        report: &'r Report,
        claims: impl Iterator<Item = ClaimRef<'r>>,
    ) -> Index<'r> {
        let claims: ClaimsById = claims.map(|c| (&c.claim.id, c)).collect();
        Index {
            ids_are_labels: report.denials.is_empty() && labelled_by_id(&claims),
            claims,
            denials: Arc::new(report.denials.iter().map(|d| (d.id.as_str(), d)).collect()),
            labels: Arc::new(
                report
                    .documents
                    .iter()
                    .filter(|d| d.label != d.id)
                    .map(|d| (d.id.to_string(), d.label.to_string()))
                    .collect(),
            ),
        }
    }

    /// This index's denials and documents with `claims` only (one
    /// quantity's): an index of every claim of a large table would be tens
    /// of megabytes, each look-up a miss of the cache.
    pub fn with_only<'a>(&'a self, claims: impl Iterator<Item = ClaimRef<'a>>) -> Index<'a> {
        let claims: ClaimsById = claims.map(|c| (&c.claim.id, c)).collect();
        Index {
            ids_are_labels: self.denials.is_empty() && labelled_by_id(&claims),
            claims,
            denials: Arc::clone(&self.denials),
            labels: Arc::clone(&self.labels),
        }
    }

    /// The label of a claim or a denial (`arab-defense-2024-11-02#2`); the
    /// id itself for anything else.
    pub fn label(&self, id: &str) -> String {
        self.label_cow(id).into_owned()
    }

    /// [`Index::label`], borrowed where it is written out already (claims',
    /// and an id that is its own label).
    pub fn label_cow<'a>(&'a self, id: &'a str) -> Cow<'a, str> {
        if self.ids_are_labels {
            return Cow::Borrowed(id);
        }
        if let Some(claim) = self.claims.get(&IdText(id)) {
            return claim.label.text();
        }
        if let Some(denial) = self.denials.get(id) {
            return Cow::Owned(label_of(id, &denial.doc, &self.labels));
        }
        Cow::Borrowed(id)
    }

    /// Calls `f` with [`Index::label`] of a claim's id (or of a denial's,
    /// kept as written), in pieces where it is a claim's.
    pub fn with_id_label<R>(&self, id: &ClaimId, f: impl FnOnce(Label<'_>) -> R) -> R {
        if self.ids_are_labels {
            return f(Label::of_id(id));
        }
        if let Some(claim) = self.claims.get(id) {
            return f(claim.label);
        }
        id.with_text(|text| f(Label::whole(&self.label_cow(text))))
    }
}

/// Every claim's label is its id.
fn labelled_by_id(claims: &ClaimsById) -> bool {
    claims.values().all(|c| c.label.is_id(&c.claim.id))
}

/// The origin of each claim of a group, by claim id.
pub fn origins_by_claim(group: &GroupReport) -> FxHashMap<&ClaimId, &str> {
    // Sized at once: grown by doubling, a group of many claims rehashed it
    // a dozen times.
    let mut by_claim = FxHashMap::default();
    by_claim.reserve(group.claims.len());
    by_claim.extend(
        group
            .origins
            .iter()
            .flat_map(|o| o.claims.iter().map(move |c| (c, o.name.as_str()))),
    );
    by_claim
}

/// One row of a quantity's claims table: a claim and its copies, claims that
/// say the same figure, in the same words, from the same origin and outlet,
/// on the same date (one article relayed, or read twice under two names).
pub struct ClaimRow<'r> {
    /// The first of them, in the order the group lists its claims.
    pub claim: ClaimRef<'r>,
    /// Its origin's name; `""` when unknown.
    pub origin: &'r str,
    /// The others.
    pub copies: Vec<ClaimRef<'r>>,
}

/// What makes claims copies of one another: figure as shown, modality,
/// origin, outlet, date, sentence and the words naming the source.
type RowKey<'r> = (
    String,
    &'r str,
    &'r str,
    &'r str,
    Option<jiff::civil::Date>,
    &'r str,
    &'r str,
);

/// A group's claims as table rows, copies of one claim in one row.
pub fn claim_rows<'r>(group: &'r GroupReport, index: &Index<'r>) -> Vec<ClaimRow<'r>> {
    let origin_of = origins_by_claim(group);
    let mut rows: IndexMap<RowKey<'r>, ClaimRow<'r>, FxBuildHasher> =
        IndexMap::with_capacity_and_hasher(group.claims.len(), FxBuildHasher::default());
    for id in &group.claims {
        let Some(claim) = index.claims.get(id).copied() else {
            continue;
        };
        let origin = origin_of.get(id).copied().unwrap_or("");
        let fields = claim.claim;
        let key = (
            super::figure_of(fields),
            fields.modality.as_str(),
            origin,
            &*fields.source,
            fields.as_of,
            fields.sentence.as_str(),
            fields.attribution_text.as_str(),
        );
        rows.entry(key)
            .and_modify(|row| row.copies.push(claim))
            .or_insert(ClaimRow {
                claim,
                origin,
                copies: Vec::new(),
            });
    }
    rows.into_values().collect()
}

/// A piece of a set-aside reason: its words, or a claim it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonPart<'r> {
    /// Words, as reconciliation wrote them.
    Text(&'r str),
    /// A claim the reason names ("the same figure ... as `x#1`").
    Claim(&'r str),
    /// The claims a merged reason names, a different one for each of its
    /// claims: "another claim".
    Claims,
}

/// The claims of a group set aside for one reason.
#[derive(Debug, Clone)]
pub struct AsideLine<'r> {
    /// The reason, with the claims it names picked out.
    pub reason: Vec<ReasonPart<'r>>,
    /// The claims set aside for it.
    pub claims: Vec<&'r ClaimId>,
}

/// A group's set-aside claims by reason, reasons in the order first met.
/// Reasons that differ only in the claim they name ("the same figure from
/// AFAD as `a#1`", "... as `b#1`", one for each copy of an article) are one
/// line, which says "another claim", so the list grows with the reasons and
/// origins, not with the copies.
pub fn set_aside_by_reason(group: &GroupReport) -> Vec<AsideLine<'_>> {
    if group.set_aside.is_empty() {
        return Vec::new();
    }
    let ids: IndexSet<&ClaimId, FxBuildHasher> = group.claims.iter().collect();
    let mut lines: IndexMap<String, (Vec<ReasonPart<'_>>, Vec<&ClaimId>, bool)> = IndexMap::new();
    for aside in &group.set_aside {
        let parts = reason_parts(&aside.reason, &ids);
        let key: String = parts
            .iter()
            .map(|part| match part {
                ReasonPart::Text(text) => *text,
                _ => "\u{0}",
            })
            .collect();
        let (first, claims, merged) = lines
            .entry(key)
            .or_insert_with(|| (parts.clone(), Vec::new(), false));
        if !claims.is_empty() && *first != parts {
            *merged = true;
        }
        claims.push(&aside.claim);
    }
    lines
        .into_values()
        .map(|(parts, claims, merged)| AsideLine {
            reason: if merged {
                parts
                    .into_iter()
                    .map(|part| match part {
                        ReasonPart::Claim(_) => ReasonPart::Claims,
                        other => other,
                    })
                    .collect()
            } else {
                parts
            },
            claims,
        })
        .collect()
}

/// `reason` cut where it names one of `ids` (a word of it, trailing
/// punctuation aside).
fn reason_parts<'r>(
    reason: &'r str,
    ids: &IndexSet<&ClaimId, FxBuildHasher>,
) -> Vec<ReasonPart<'r>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, word) in reason.split(' ').scan(0, |offset, word| {
        let at = *offset;
        *offset += word.len() + 1;
        Some((at, word))
    }) {
        let id = word.trim_end_matches([',', '.', ';', ':', ')']);
        if !id.is_empty() && ids.contains(&IdText(id)) {
            if at > start {
                parts.push(ReasonPart::Text(&reason[start..at]));
            }
            parts.push(ReasonPart::Claim(&reason[at..at + id.len()]));
            start = at + id.len();
        }
    }
    if start < reason.len() {
        parts.push(ReasonPart::Text(&reason[start..]));
    }
    parts
}

/// The ids a line lists (at most [`IDS_SHOWN`]) and how many it leaves out.
pub fn shown<T>(ids: &[T]) -> (&[T], usize) {
    let cut = ids.len().min(IDS_SHOWN);
    (&ids[..cut], ids.len() - cut)
}

/// What the run read and found, in one sentence every format opens with:
/// "Documents read: 5; skipped: 0. Claims: 31. Quantities: 9, 2 with
/// contradictions." Numbers only, so no format needs to escape it.
pub fn facts_sentence(report: &Report) -> String {
    facts_sentence_of(
        report,
        report.claims.len(),
        report.groups.len(),
        report.summary.with_contradictions,
    )
}

/// [`facts_sentence`] of a report whose claims and quantities are not held
/// in it (written as they are reconciled): how many claims and quantities
/// there are, and how many of those have contradictions.
pub fn facts_sentence_of(
    report: &Report,
    claims: usize,
    quantities: usize,
    with_contradictions: usize,
) -> String {
    let rows = if report.rows_read > 0 {
        format!(" Table rows read: {}.", format_count(report.rows_read))
    } else {
        String::new()
    };
    format!(
        "Documents read: {}; skipped: {}.{rows} Claims: {}. Quantities: {}, {} with contradictions.",
        format_count(report.documents_read),
        format_count(report.documents_skipped),
        format_count(claims),
        format_count(quantities),
        format_count(with_contradictions)
    )
}

/// Names joined with commas, at most [`IDS_SHOWN`] of them, then how many
/// more: an origin relayed by 300 outlets is one short line.
pub fn names_shown(names: &[String]) -> String {
    let (shown, more) = shown(names);
    let mut text = shown.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {} more", format_count(more)));
    }
    text
}

/// Whether a quantity has a contradiction among many origins (past the
/// rules' `pairwise-origins`), which the method then explains. Read from the
/// summary, which has every quantity's disputes.
pub fn has_many_origins_at_odds(summary: &Summary) -> bool {
    summary
        .items
        .iter()
        .any(|item| item.disputes.iter().any(|d| d.origins_at_odds.is_some()))
}

/// The text of an id kept as written (a denial's); `None` for a claim's.
fn as_written(id: &ClaimId) -> Option<&str> {
    match id.parts() {
        (text, None) => Some(text),
        _ => None,
    }
}

/// The denials of a group that no contradiction names (a denial of a
/// quantity with no positive figure in its period).
pub fn lone_denials(group: &GroupReport) -> Vec<&str> {
    if group.denials.is_empty() {
        return Vec::new();
    }
    // Each denial was looked for in every contradiction's claims: the
    // denials times the claims, both growing with the copies of an article.
    // A denial's id is kept as written; a claim's is made of parts.
    let named: FxHashSet<&str> = (group.contradictions.iter())
        .flat_map(|c| c.claims.iter().filter_map(as_written))
        .collect();
    group
        .denials
        .iter()
        .map(SharedText::as_str)
        .filter(|id| !named.contains(id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_pick_out_the_claims_they_name() {
        let (a, b) = (SharedText::new("a"), SharedText::new("b"));
        let ids = [ClaimId::numbered(&a, '#', 1), ClaimId::numbered(&b, ':', 2)];
        let ids: IndexSet<&ClaimId, FxBuildHasher> = ids.iter().collect();
        assert_eq!(
            reason_parts("the same figure from AFAD as a#1, counted once", &ids),
            [
                ReasonPart::Text("the same figure from AFAD as "),
                ReasonPart::Claim("a#1"),
                ReasonPart::Text(", counted once"),
            ]
        );
        assert_eq!(reason_parts("b:2", &ids), [ReasonPart::Claim("b:2")]);
        assert_eq!(
            reason_parts("reported as denied", &ids),
            [ReasonPart::Text("reported as denied")]
        );
    }
}
