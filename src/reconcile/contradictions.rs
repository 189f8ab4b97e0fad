//! Contradictions: figures of one quantity that cannot all hold.
//!
//! Input: a group's claims (asserted ones, and projections), their intervals
//! and origins, the periods, the denials attached to the group, and the
//! settings. Output: [`Contradiction`]s, each naming its claims, its reason
//! and a severity from the relative gap between the figures: two origins'
//! intervals disjoint in one period, a projected maximum a count of the same
//! weeks already exceeds, a running total another origin reported lower later,
//! a denial of what the figures count.
//!
//! Invariants: figures of one origin never contradict each other (a change is
//! a revision, shown as a timeline); undated figures are never compared in time.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::interval::{Interval, point_of};
use super::origins::OriginOf;
use crate::model::{Claim, Denial};
use crate::rules::files::ReconcileSettings;

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

/// Figures of one quantity that cannot all hold, an entry of a report
/// group's `contradictions`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contradiction {
    /// Disjoint, a total that fell, or a denial.
    pub kind: ContradictionKind,
    /// Claim or denial ids, earliest first.
    pub claims: Vec<String>,
    /// The contradiction in a sentence, naming the origins: "the projection
    /// from the West and the figure from ... cannot both hold".
    pub reason: String,
    /// From the relative gap between the figures.
    pub severity: Severity,
    /// The relative gap, 0 to 1.
    pub gap: f64,
}

/// The severity of a gap, by the rules' cut-offs.
fn severity(gap: f64, settings: &ReconcileSettings) -> Severity {
    if gap >= settings.severity_high {
        Severity::High
    } else if gap >= settings.severity_medium {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// The relative gap between two disjoint intervals: distance over the larger figure.
fn gap_between(a: &Interval, b: &Interval) -> f64 {
    let (lower, upper) = if a.low <= b.low { (a, b) } else { (b, a) };
    let distance = (upper.low - lower.high.unwrap_or(upper.low)).max(0.0);
    distance / upper.low.max(1.0)
}

/// Within each period, pairs of origins whose intervals cannot both hold.
pub(super) fn disjoint_within_periods(
    periods: &[Vec<&Claim>],
    intervals: &IndexMap<String, Interval>,
    origin_of: &OriginOf,
    running_total: bool,
    settings: &ReconcileSettings,
) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for period in periods {
        // Undated claims cannot be placed in time; they are shown, not compared.
        if period.iter().any(|c| c.as_of.is_none()) {
            continue;
        }
        for (i, a) in period.iter().enumerate() {
            for b in &period[i + 1..] {
                // Running totals of different days are growth or a fall, judged
                // by `totals_that_fell`, not a disagreement.
                let different_days = a.as_of != b.as_of;
                if origin_of[&a.id] == origin_of[&b.id] || running_total && different_days {
                    continue;
                }
                let (ia, ib) = (intervals[&a.id], intervals[&b.id]);
                if ia.overlaps(&ib) {
                    continue;
                }
                let gap = gap_between(&ia, &ib);
                found.push(Contradiction {
                    kind: ContradictionKind::Disjoint,
                    claims: vec![a.id.clone(), b.id.clone()],
                    reason: format!(
                        "{} and {} give figures that cannot both hold at the same time",
                        origin_of[&a.id], origin_of[&b.id]
                    ),
                    severity: severity(gap, settings),
                    gap,
                });
            }
        }
    }
    found
}

/// A projected maximum ("up to 10,000 about to enter the war") that another
/// origin's count of the same weeks already exceeds is a disagreement worth
/// showing, though the projection never enters a consensus.
pub(super) fn projections_against_counts(
    projections: &[&Claim],
    counts: &[&Claim],
    intervals: &IndexMap<String, Interval>,
    origin_of: &OriginOf,
    settings: &ReconcileSettings,
) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for projection in projections {
        for count in counts {
            let same_time = match (projection.as_of, count.as_of) {
                (Some(a), Some(b)) => (a - b).get_days().unsigned_abs() <= settings.window_days,
                _ => false,
            };
            if !same_time || origin_of[&projection.id] == origin_of[&count.id] {
                continue;
            }
            // A plan to reach more than is counted now is growth to come; a
            // projected maximum that the count already exceeds cannot hold.
            let (ip, ic) = (intervals[&projection.id], intervals[&count.id]);
            if !ip.high.is_some_and(|high| high < ic.low) {
                continue;
            }
            let gap = gap_between(&ip, &ic);
            let mut ids = vec![projection.id.clone(), count.id.clone()];
            ids.sort_by_key(|id| intervals.get_index_of(id));
            found.push(Contradiction {
                kind: ContradictionKind::Disjoint,
                claims: ids,
                reason: format!(
                    "the projection from {} and the figure from {} for the same weeks cannot both hold",
                    origin_of[&projection.id], origin_of[&count.id]
                ),
                severity: severity(gap, settings),
                gap,
            });
        }
    }
    found
}

/// A running total reported lower on a later day by another origin.
pub(super) fn totals_that_fell(
    claims: &[&Claim],
    intervals: &IndexMap<String, Interval>,
    origin_of: &OriginOf,
    settings: &ReconcileSettings,
) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for (i, earlier) in claims.iter().enumerate() {
        let Some(first) = earlier.as_of else {
            continue;
        };
        for later in &claims[i + 1..] {
            let Some(second) = later.as_of else {
                continue;
            };
            if second <= first || origin_of[&earlier.id] == origin_of[&later.id] {
                continue;
            }
            let (before, after) = (intervals[&earlier.id], intervals[&later.id]);
            if after.high.is_some_and(|high| high < before.low) {
                let gap = gap_between(&before, &after);
                found.push(Contradiction {
                    kind: ContradictionKind::TotalFell,
                    claims: vec![earlier.id.clone(), later.id.clone()],
                    reason: format!(
                        "a running total cannot fall: {} reports less on {} than {} on {}",
                        origin_of[&later.id], second, origin_of[&earlier.id], first
                    ),
                    severity: severity(gap, settings),
                    gap,
                });
            }
        }
    }
    found
}

/// A denial contradicts every positive figure of its period (or every figure, when undated).
pub(super) fn denied(
    claims: &[&Claim],
    denials: &[&Denial],
    window_days: u32,
) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for denial in denials {
        let when = denial.as_of;
        let against: Vec<String> = claims
            .iter()
            .filter(|c| point_of(c) > 0.0)
            .filter(|c| match (when, c.as_of) {
                (Some(d), Some(c)) => (d - c).get_days().unsigned_abs() <= window_days,
                _ => true,
            })
            .map(|c| c.id.clone())
            .collect();
        if against.is_empty() {
            continue;
        }
        let who = if denial.attribution.is_empty() {
            "a source"
        } else {
            &denial.attribution
        };
        let mut ids = vec![denial.id.clone()];
        ids.extend(against);
        found.push(Contradiction {
            kind: ContradictionKind::Denial,
            claims: ids,
            reason: format!("{who} denies what these figures count"),
            severity: Severity::High,
            gap: 1.0,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Qualifier;
    use crate::reconcile::Confidence;
    use crate::reconcile::tests::{claim, run};

    #[test]
    fn two_origins_that_disagree_in_the_same_weeks() {
        let claims = [
            claim(
                "a#1",
                12000.0,
                Qualifier::About,
                "South Korean intelligence",
                "2024-10-24",
            ),
            claim("b#1", 10000.0, Qualifier::AtMost, "the West", "2024-11-01"),
        ];
        // As a level (troops present now), the two cannot both hold.
        let result = run(&claims, false);
        assert_eq!(result.contradictions.len(), 1);
        assert_eq!(result.contradictions[0].kind, ContradictionKind::Disjoint);
        assert_eq!(result.consensus.unwrap().confidence, Confidence::Disputed);
        // As a running total, a later, smaller figure from another origin is a fall.
        let result = run(&claims, true);
        assert_eq!(result.contradictions.len(), 1);
        assert_eq!(result.contradictions[0].kind, ContradictionKind::TotalFell);
    }

    /// Markdown and `explain` print these names; the JSON form must say the same.
    #[test]
    fn names_are_the_serialised_names() {
        for kind in [
            ContradictionKind::Disjoint,
            ContradictionKind::TotalFell,
            ContradictionKind::Denial,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
        for severity in [Severity::Low, Severity::Medium, Severity::High] {
            assert_eq!(serde_json::to_value(severity).unwrap(), severity.as_str());
            assert_eq!(severity.to_string(), severity.as_str());
        }
    }

    #[test]
    fn severity_grows_with_the_gap() {
        let settings = ReconcileSettings::default();
        let by_default = |gap| severity(gap, &settings);
        assert_eq!(by_default(0.0), Severity::Low);
        assert_eq!(by_default(0.149), Severity::Low);
        assert_eq!(by_default(0.15), Severity::Medium);
        assert_eq!(by_default(0.499), Severity::Medium);
        assert_eq!(by_default(0.5), Severity::High);
        assert_eq!(by_default(1.0), Severity::High);
        let strict = ReconcileSettings {
            severity_medium: 0.05,
            severity_high: 0.2,
            ..ReconcileSettings::default()
        };
        assert_eq!(severity(0.1, &strict), Severity::Medium);
        assert_eq!(severity(0.3, &strict), Severity::High);
    }

    #[test]
    fn a_running_total_that_falls_is_flagged() {
        let claims = [
            claim("a#1", 5000.0, Qualifier::Exact, "ministry", "2023-02-10"),
            claim("b#1", 3000.0, Qualifier::Exact, "governor", "2023-03-20"),
        ];
        let result = run(&claims, true);
        assert_eq!(result.contradictions[0].kind, ContradictionKind::TotalFell);
    }
}
