//! Contradictions as a reader counts them: one per kind and pair of origins.
//!
//! Input: reconciliation's contradictions (each between claims, or a denial
//! against the figures it denies) and the group's origins. Output: one
//! [`ContradictionSummary`] per kind and pair of origins, with every claim
//! behind it and how many pairs of claims it stands for, so 300 copies of one
//! disagreement are one line of the report, not 90,000.
//!
//! This is rendering, not reconciling: it only regroups what reconciliation
//! found. Should reconciliation come to hand over its contradictions already
//! per pair of origins, [`summarise_contradictions`] merges them the same way
//! (a record's `count` is then more than one).
//!
//! Invariant: the order is decided by the input (severity, then as found),
//! never by a hash.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::model::Denial;
use crate::reconcile::{Contradiction, ContradictionKind, Origin, Severity};

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

/// Who a denial comes from, as an origin is named: its source, else its
/// outlet, else its document.
pub(super) fn denial_origin(denial: &Denial) -> String {
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
        let record = |origins: [String; 2], claims: Vec<&'r str>, count: usize| PairRecord {
            kind: contradiction.kind,
            origins,
            claims,
            count,
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
                        1,
                    ));
                }
            }
            // Already one record per pair of origins: it names them, and
            // counts the pairs of claims behind it.
            (_, [_, _, ..]) if contradiction.origins.len() == 2 => {
                let origins = [
                    contradiction.origins[0].clone(),
                    contradiction.origins[1].clone(),
                ];
                records.push(record(origins, ids.clone(), contradiction.count));
            }
            (_, [first, second, ..]) => {
                records.push(record(
                    [origin(first), origin(second)],
                    ids.clone(),
                    contradiction.count,
                ));
            }
            _ => {}
        }
    }
    records
}

/// The entries being merged, by kind and pair of origins (in the order the
/// key reads), each with the claims it already names.
type Merged<'r> = IndexMap<(&'r str, [String; 2]), (ContradictionSummary, HashSet<&'r str>)>;

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
    let mut merged: Merged = IndexMap::new();
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
    summaries.sort_by_key(|s| std::cmp::Reverse(s.severity));
    summaries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(name: &str, claims: &[&str]) -> Origin {
        Origin {
            name: name.to_string(),
            outlets: Vec::new(),
            claims: claims.iter().map(|c| c.to_string()).collect(),
            echo: false,
            weight: 1.0,
        }
    }

    fn contradiction(
        kind: ContradictionKind,
        claims: &[&str],
        severity: Severity,
    ) -> Contradiction {
        Contradiction {
            kind,
            origins: Vec::new(),
            claims: claims.iter().map(|c| c.to_string()).collect(),
            count: 1,
            reason: format!("{} cannot both hold", claims.join(" and ")),
            severity,
            gap: match severity {
                Severity::High => 0.9,
                _ => 0.1,
            },
        }
    }

    /// Copies of two disagreeing articles: every pair of claims between the
    /// two origins is one line, counted, each claim named once.
    #[test]
    fn pairs_of_claims_merge_per_pair_of_origins() {
        let origins = [
            origin("Ministry", &["a1#1", "a2#1", "a3#1"]),
            origin("Red Cross", &["b1#1", "b2#1"]),
        ];
        let mut found = Vec::new();
        for a in ["a1#1", "a2#1", "a3#1"] {
            for b in ["b1#1", "b2#1"] {
                // Either way round: one pair of origins.
                let ids = if a == "a2#1" { [b, a] } else { [a, b] };
                found.push(contradiction(
                    ContradictionKind::Disjoint,
                    &ids,
                    Severity::Low,
                ));
            }
        }
        found.push(contradiction(
            ContradictionKind::Disjoint,
            &["a3#1", "b2#1"],
            Severity::High,
        ));
        let lines = summarise_contradictions(&found, &origins, &HashMap::new());
        assert_eq!(lines.len(), 1, "{lines:#?}");
        let line = &lines[0];
        assert_eq!(line.count, 7);
        assert_eq!(line.origins, ["Ministry", "Red Cross"]);
        assert_eq!(line.claims, ["a1#1", "b1#1", "b2#1", "a2#1", "a3#1"]);
        // The worst pair speaks for the line.
        assert_eq!(line.severity, Severity::High);
        assert_eq!(line.reason, "a3#1 and b2#1 cannot both hold");
    }

    /// A denial is the denier against each origin whose figures it denies,
    /// who denies first; denials come before milder disagreements.
    #[test]
    fn a_denial_is_one_line_per_origin_denied() {
        let origins = [
            origin("Ministry", &["a#1"]),
            origin("Red Cross", &["b#1", "c#1"]),
        ];
        let deniers = HashMap::from([("k#d1", "Kremlin".to_string())]);
        let found = [
            contradiction(ContradictionKind::Disjoint, &["a#1", "b#1"], Severity::Low),
            contradiction(
                ContradictionKind::Denial,
                &["k#d1", "a#1", "b#1", "c#1"],
                Severity::High,
            ),
        ];
        let lines = summarise_contradictions(&found, &origins, &deniers);
        let summary: Vec<(ContradictionKind, [&str; 2], usize, usize)> = lines
            .iter()
            .map(|l| {
                (
                    l.kind,
                    [l.origins[0].as_str(), l.origins[1].as_str()],
                    l.count,
                    l.claims.len(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (ContradictionKind::Denial, ["Kremlin", "Ministry"], 1, 2),
                (ContradictionKind::Denial, ["Kremlin", "Red Cross"], 2, 3),
                (ContradictionKind::Disjoint, ["Ministry", "Red Cross"], 1, 2),
            ]
        );
    }
}
