//! What the Markdown and the HTML renderings show alike, prepared once from a
//! [`super::Report`]: claims and denials by id with their labels, a quantity's claims
//! as table rows (copies of one claim in one row), its set-aside claims by
//! reason.
//!
//! Invariant: everything here keeps the order of the report; nothing is
//! escaped here (each renderer escapes for its own syntax).

use std::collections::HashMap;

use indexmap::IndexMap;

use super::{GroupReport, Report, ReportClaim, label_of};
use crate::model::Denial;

/// How many ids a line lists before it says how many more there are.
pub const IDS_SHOWN: usize = 8;

/// How many quantities without contradictions a summary lists by name.
pub const CALM_QUANTITIES_SHOWN: usize = 10;

/// The claims, denials and documents of a report, by id.
pub struct Index<'r> {
    /// Claims by id.
    pub claims: HashMap<&'r str, &'r ReportClaim>,
    /// Denials by id.
    pub denials: HashMap<&'r str, &'r Denial>,
    labels: HashMap<String, String>,
}

impl<'r> Index<'r> {
    /// Indexes `report`.
    pub fn new(report: &'r Report) -> Index<'r> {
        Index {
            claims: report
                .claims
                .iter()
                .map(|c| (c.claim.id.as_str(), c))
                .collect(),
            denials: report.denials.iter().map(|d| (d.id.as_str(), d)).collect(),
            labels: report
                .documents
                .iter()
                .map(|d| (d.id.clone(), d.label.clone()))
                .collect(),
        }
    }

    /// The label of a claim or a denial (`arab-defense-2024-11-02#2`); the
    /// id itself for anything else.
    pub fn label(&self, id: &str) -> String {
        if let Some(claim) = self.claims.get(id) {
            return claim.label.clone();
        }
        if let Some(denial) = self.denials.get(id) {
            return label_of(id, &denial.doc, &self.labels);
        }
        id.to_string()
    }
}

/// The origin of each claim of a group, by claim id.
pub fn origins_by_claim(group: &GroupReport) -> HashMap<&str, &str> {
    group
        .origins
        .iter()
        .flat_map(|o| o.claims.iter().map(move |c| (c.as_str(), o.name.as_str())))
        .collect()
}

/// One row of a quantity's claims table: a claim and its copies, claims that
/// say the same figure, in the same words, from the same origin and outlet,
/// on the same date (one article relayed, or read twice under two names).
pub struct ClaimRow<'r> {
    /// The first of them, in the order the group lists its claims.
    pub claim: &'r ReportClaim,
    /// Its origin's name; `""` when unknown.
    pub origin: &'r str,
    /// The others.
    pub copies: Vec<&'r ReportClaim>,
}

/// A group's claims as table rows, copies of one claim in one row.
pub fn claim_rows<'r>(group: &'r GroupReport, index: &Index<'r>) -> Vec<ClaimRow<'r>> {
    let origin_of = origins_by_claim(group);
    let mut rows: IndexMap<String, ClaimRow<'r>> = IndexMap::new();
    for id in &group.claims {
        let Some(claim) = index.claims.get(id.as_str()).copied() else {
            continue;
        };
        let origin = origin_of.get(id.as_str()).copied().unwrap_or("");
        let key = serde_json::to_string(&(
            super::figure_of(claim),
            claim.modality.as_str(),
            origin,
            &claim.source,
            claim.as_of,
            &claim.sentence,
            &claim.attribution_text,
        ))
        .unwrap_or_else(|_| id.clone());
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

/// A group's set-aside claims by reason, reasons in the order first met.
pub fn set_aside_by_reason(group: &GroupReport) -> Vec<(&str, Vec<&str>)> {
    let mut by_reason: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for aside in &group.set_aside {
        by_reason
            .entry(aside.reason.as_str())
            .or_default()
            .push(aside.claim.as_str());
    }
    by_reason.into_iter().collect()
}

/// The ids a line lists (at most [`IDS_SHOWN`]) and how many it leaves out.
pub fn shown<T>(ids: &[T]) -> (&[T], usize) {
    let cut = ids.len().min(IDS_SHOWN);
    (&ids[..cut], ids.len() - cut)
}

/// The denials of a group that no contradiction names (a denial of a
/// quantity with no positive figure in its period).
pub fn lone_denials(group: &GroupReport) -> Vec<&str> {
    group
        .denials
        .iter()
        .filter(|id| !group.contradictions.iter().any(|c| c.claims.contains(id)))
        .map(String::as_str)
        .collect()
}
