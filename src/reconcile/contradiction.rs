//! The record of a contradiction, as reports carry it: why figures conflict
//! ([`ContradictionKind`]), how far apart they are ([`Severity`]), and the
//! two origins and claims behind it ([`Contradiction`]).
//!
//! Input: nothing; finding contradictions is `contradictions.rs`. Output:
//! the types a report serialises and `explain` reads back. Invariant: the
//! serialised names (`disjoint`, `total_fell`, `denial`; `low`, `medium`,
//! `high`) are the ones reports written before keep.

use serde::{Deserialize, Serialize};

use crate::model::ClaimId;

/// Why figures contradict each other; a contradiction's `kind` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContradictionKind {
    /// Two origins' intervals cannot both hold at the same time; also a
    /// projected maximum that a count of the same weeks already exceeds.
    Disjoint,
    /// A running total reported lower later by another origin.
    TotalFell,
    /// A denial against positive figures of the same period.
    Denial,
}

impl ContradictionKind {
    /// The name as serialised: "disjoint", "total_fell", "denial".
    pub fn as_str(self) -> &'static str {
        match self {
            ContradictionKind::Disjoint => "disjoint",
            ContradictionKind::TotalFell => "total_fell",
            ContradictionKind::Denial => "denial",
        }
    }
}

/// How far apart the figures of a contradiction are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A relative gap under 15%.
    Low,
    /// A relative gap of 15% to 50%.
    Medium,
    /// A relative gap of 50% or more, or a denial.
    High,
}

impl Severity {
    /// The name as serialised and shown: "low", "medium", "high".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Figures of one quantity that cannot all hold, between two origins (or a
/// denial and the figures it denies): an entry of a report group's
/// `contradictions`. Every pair of claims of the two origins that conflicts
/// in the same way is behind one entry: `claims` lists them, `count` says how
/// many pairs of claims conflict.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contradiction {
    /// Disjoint, a total that fell, or a denial.
    pub kind: ContradictionKind,
    /// The two origins that contradict each other, as the reason names them
    /// (for a denial, who denies, then whose figures); empty in reports
    /// written before origins were named here.
    #[serde(default)]
    pub origins: Vec<String>,
    /// Claim or denial ids behind it, earliest first; for a denial, each
    /// denial followed by the figures it denies that no denial before it named.
    pub claims: Vec<ClaimId>,
    /// Pairs of claims that conflict (for a denial, the figures it denies).
    #[serde(default = "one")]
    pub count: usize,
    /// The contradiction in a sentence, naming the origins: "the projection
    /// from the West and the figure from ... cannot both hold".
    pub reason: String,
    /// From the largest relative gap between the figures.
    pub severity: Severity,
    /// The largest relative gap, 0 to 1, among the pairs behind it.
    pub gap: f64,
    /// For a set of figures among more origins than the rules'
    /// `pairwise-origins`, summarised in one record: how many origins have a
    /// figure at odds (`origins` then names the pair of claims furthest
    /// apart). Absent for a contradiction between two origins, and in
    /// reports written before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origins_at_odds: Option<usize>,
}

fn one() -> usize {
    1
}
