//! Contradictions as a reader counts them: one per kind and pair of origins.
//!
//! Input: reconciliation's contradictions (each between claims, or one pair
//! of origins with every claim behind it, as denials and many disagreeing
//! copies come) and the group's origins. Output: one [`ContradictionSummary`]
//! per kind and pair of origins, with every claim behind it and how many
//! pairs of claims it stands for, so 300 copies of one disagreement are one
//! line of the report, not 90,000.
//!
//! This is rendering, not reconciling: it only regroups what reconciliation
//! found. A record that already names its pair of origins is merged as it
//! is (its `count` is then more than one).
//!
//! Invariant: the order is decided by the input (severity, then as found),
//! never by a hash.

use std::cell::OnceCell;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::fxhash::{FxBuildHasher, FxHashMap, FxHashSet};
use crate::model::ClaimId;
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
    pub claims: Vec<ClaimId>,
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
    /// For a summary of figures among many origins (more than the rules'
    /// `pairwise-origins` in a period): how many origins have a figure at
    /// odds; `origins` then names the pair of claims furthest apart. Absent
    /// for a contradiction between two origins, and in reports written
    /// before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origins_at_odds: Option<usize>,
}

/// One pair of origins that disagree, as reconciliation found it (one pair
/// of claims, or, once reconciliation summarises, many): what
/// [`summarise_contradictions`] merges. It owns what it was made of, so that
/// a record that merges with no other moves into the report as it is.
struct PairRecord {
    kind: ContradictionKind,
    origins: [String; 2],
    claims: Vec<ClaimId>,
    count: usize,
    severity: Severity,
    gap: f64,
    reason: String,
    origins_at_odds: Option<usize>,
}

/// Reconciliation's contradictions as records of one pair of origins each: a
/// record that names its two origins keeps them (a denial names who denies,
/// then whose figures); a disagreement between two claims is the pair of
/// their origins.
fn pair_records(contradictions: Vec<Contradiction>, origins: &[Origin]) -> Vec<PairRecord> {
    // Claims' origins are looked up only for records that do not name
    // their two origins (reports written before they did).
    let origin_of: OnceCell<FxHashMap<&ClaimId, &str>> = OnceCell::new();
    let mut records = Vec::with_capacity(contradictions.len());
    for contradiction in contradictions {
        let Contradiction {
            kind,
            origins: named,
            claims,
            count,
            reason,
            severity,
            gap,
            origins_at_odds,
        } = contradiction;
        let record =
            |origins: [String; 2], claims: Vec<ClaimId>, count: usize, reason: String| PairRecord {
                kind,
                origins,
                claims,
                count,
                severity,
                gap,
                reason,
                origins_at_odds,
            };
        match claims.as_slice() {
            // Already one record per pair of origins: it names them, and
            // counts the pairs of claims behind it.
            [_, _, ..] if named.len() == 2 => {
                let [first, second]: [String; 2] = named.try_into().expect("two origins");
                records.push(record([first, second], claims, count, reason));
            }
            [first, second, ..] => {
                let origin = |id: &ClaimId| origin_name(&origin_of, origins, id);
                let origins = [origin(first), origin(second)];
                records.push(record(origins, claims, count, reason));
            }
            _ => {}
        }
    }
    records
}

/// The name of the origin of claim `id`; the id itself for a claim of no
/// origin. The map from claims to origins is made on the first call.
fn origin_name<'o>(
    origin_of: &OnceCell<FxHashMap<&'o ClaimId, &'o str>>,
    origins: &'o [Origin],
    id: &ClaimId,
) -> String {
    let map = origin_of.get_or_init(|| {
        origins
            .iter()
            .flat_map(|o| o.claims.iter().map(move |c| (c, o.name.as_str())))
            .collect()
    });
    map.get(id)
        .map_or_else(|| id.to_string(), |name| name.to_string())
}

/// Drops the repeats of an id, keeping the first of each, in order.
fn dedup_in_order(ids: &mut Vec<ClaimId>) {
    // Reconciliation names each claim once; the check costs a few
    // comparisons for the pairs of claims most records hold.
    let repeated = if ids.len() <= 16 {
        (1..ids.len()).any(|i| ids[..i].contains(&ids[i]))
    } else {
        let mut seen = FxHashSet::default();
        !ids.iter().all(|id| seen.insert(id))
    };
    if repeated {
        let mut seen = FxHashSet::default();
        ids.retain(|id| seen.insert(id.clone()));
    }
}

/// A kind and a pair of origins, borrowed from the records; a summary of
/// many origins is one of its own (its place in the records, plus one), as
/// it merges with nothing.
type PairKey<'a> = (&'static str, [&'a str; 2], usize);

/// Contradictions merged per kind and pair of origins (a pair read either
/// way round is one pair, except for a denial, where who denies comes
/// first), highest severity first, then in the order found. The result
/// grows with the origins, not with the claims: 300 copies of two
/// disagreeing articles give one entry of count 90,000.
pub fn summarise_contradictions(
    contradictions: Vec<Contradiction>,
    origins: &[Origin],
) -> Vec<ContradictionSummary> {
    let records = pair_records(contradictions, origins);
    // Records of one kind and pair of origins, by the first one's place:
    // found on borrowed names, so that no name is copied for the key.
    let slots: Vec<(usize, Vec<usize>)> = {
        let mut slots: IndexMap<PairKey, (usize, Vec<usize>), FxBuildHasher> = IndexMap::default();
        for (at, record) in records.iter().enumerate() {
            let [a, b] = &record.origins;
            let pair = if record.kind != ContradictionKind::Denial && b < a {
                [b.as_str(), a.as_str()]
            } else {
                [a.as_str(), b.as_str()]
            };
            let alone = if record.origins_at_odds.is_some() {
                at + 1
            } else {
                0
            };
            slots
                .entry((record.kind.as_str(), pair, alone))
                .and_modify(|(_, rest)| rest.push(at))
                .or_insert((at, Vec::new()));
        }
        slots.into_values().collect()
    };
    let mut records: Vec<Option<PairRecord>> = records.into_iter().map(Some).collect();
    let mut summaries: Vec<ContradictionSummary> = slots
        .into_iter()
        .filter_map(|(first, rest)| {
            let mut entry = summary_of(records[first].take()?);
            merge_into(&mut entry, rest.iter().filter_map(|&at| records[at].take()));
            Some(entry)
        })
        .collect();
    summaries.sort_by_key(|s| std::cmp::Reverse(s.severity));
    summaries
}

/// A record as the first of its entry: its claims, each once.
fn summary_of(mut record: PairRecord) -> ContradictionSummary {
    dedup_in_order(&mut record.claims);
    ContradictionSummary {
        kind: record.kind,
        origins: record.origins,
        claims: record.claims,
        count: record.count,
        severity: record.severity,
        gap: record.gap,
        reason: record.reason,
        origins_at_odds: record.origins_at_odds,
    }
}

/// Merges more records of the same kind and pair into `entry`: their claims
/// not named yet, their counts, and the worst severity and its reason.
fn merge_into(entry: &mut ContradictionSummary, records: impl Iterator<Item = PairRecord>) {
    let mut seen: Option<FxHashSet<ClaimId>> = None;
    for record in records {
        let seen = seen.get_or_insert_with(|| entry.claims.iter().cloned().collect());
        for id in record.claims {
            // Most ids of a merged record are named already (a denial's
            // figures, denied again by each copy): looked up, not copied.
            if !seen.contains(&id) {
                seen.insert(id.clone());
                entry.claims.push(id);
            }
        }
        entry.count += record.count;
        if (record.severity, record.gap) > (entry.severity, entry.gap) {
            entry.severity = record.severity;
            entry.gap = record.gap;
            entry.reason = record.reason;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(name: &str, claims: &[&str]) -> Origin {
        Origin {
            name: name.to_string(),
            outlets: Vec::new(),
            claims: claims.iter().map(|&c| c.into()).collect(),
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
            claims: claims.iter().map(|&c| c.into()).collect(),
            count: 1,
            reason: format!("{} cannot both hold", claims.join(" and ")),
            severity,
            gap: match severity {
                Severity::High => 0.9,
                _ => 0.1,
            },
            origins_at_odds: None,
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
        let lines = summarise_contradictions(found.to_vec(), &origins);
        assert_eq!(lines.len(), 1, "{lines:#?}");
        let line = &lines[0];
        assert_eq!(line.count, 7);
        assert_eq!(line.origins, ["Ministry", "Red Cross"]);
        assert_eq!(line.claims, ["a1#1", "b1#1", "b2#1", "a2#1", "a3#1"]);
        // The worst pair speaks for the line.
        assert_eq!(line.severity, Severity::High);
        assert_eq!(line.reason, "a3#1 and b2#1 cannot both hold");
    }

    /// A denial comes as reconciliation names it, who denies against whose
    /// figures, one record per origin denied; denials come before milder
    /// disagreements.
    #[test]
    fn a_denial_is_one_line_per_origin_denied() {
        let origins = [
            origin("Ministry", &["a#1"]),
            origin("Red Cross", &["b#1", "c#1"]),
        ];
        let denial = |origin: &str, claims: &[&str]| {
            let mut denial = contradiction(ContradictionKind::Denial, claims, Severity::High);
            denial.origins = vec!["Kremlin".to_string(), origin.to_string()];
            denial.count = claims.len() - 1;
            denial
        };
        let found = [
            contradiction(ContradictionKind::Disjoint, &["a#1", "b#1"], Severity::Low),
            denial("Ministry", &["k#d1", "a#1"]),
            denial("Red Cross", &["k#d1", "b#1", "c#1"]),
        ];
        let lines = summarise_contradictions(found.to_vec(), &origins);
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
