//! Timelines: one origin's figures over time.
//!
//! Input: a group's asserted claims (sorted by date), their origins, and
//! whether the kind is a running total. Output: a [`Timeline`] for each origin
//! with more than one figure, in date order, noted as growth, a revision down,
//! or a level's movement.
//!
//! Invariant: a change within one origin is shown here, never as a
//! contradiction; copies of one figure (same date, same value) are one step.

use crate::fxhash::FxBuildHasher;
use indexmap::IndexMap;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::interval::point_of;
use super::origins::OriginOf;
use crate::model::{Claim, ClaimId};

/// One origin's figures over time: growth or revision, not contradiction.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Timeline {
    /// The origin's name.
    pub origin: String,
    /// (claim id, as-of date, figure) in date order; `[id, date, figure]` in
    /// JSON. Copies of one figure on one date appear once.
    pub entries: Vec<(ClaimId, Option<Date>, f64)>,
    /// What the figures do: "growth of a running total", "revised down by the
    /// same origin", or "the same origin's figures over time" for a level.
    pub note: String,
}

/// Each origin with more than one dated figure: its figures in date order.
pub(super) fn timelines_of(
    positions: &[usize],
    members: &[&Claim],
    origin_of: &OriginOf,
    running_total: bool,
) -> Vec<Timeline> {
    // By origin index, in order of first claim.
    let mut by_origin: IndexMap<usize, Vec<&Claim>, FxBuildHasher> = IndexMap::default();
    for &position in positions {
        by_origin
            .entry(origin_of.index(position))
            .or_insert_with(|| Vec::with_capacity(1))
            .push(members[position]);
    }
    let mut timelines = Vec::new();
    for (&index, list) in &by_origin {
        // One figure is no timeline (and most origins of a large table have one).
        if list.len() < 2 {
            continue;
        }
        let origin = origin_of.name_of(index);
        let mut entries: Vec<(ClaimId, Option<Date>, f64)> = list
            .iter()
            .map(|c| (c.id.clone(), c.as_of, point_of(c)))
            .collect();
        // Copies of one figure (the same date and value) are one step.
        entries.dedup_by(|b, a| a.1 == b.1 && a.2 == b.2);
        if entries.len() < 2 {
            continue;
        }
        let fell = entries.windows(2).any(|w| w[1].2 < w[0].2);
        let note = match (running_total, fell) {
            (true, true) => "revised down by the same origin",
            (true, false) => "growth of a running total",
            (false, _) => "the same origin's figures over time",
        };
        timelines.push(Timeline {
            origin: origin.to_string(),
            entries,
            note: note.to_string(),
        });
    }
    timelines
}

#[cfg(test)]
mod tests {
    use crate::model::Qualifier;
    use crate::reconcile::tests::{claim, run};

    #[test]
    fn one_origin_revising_down_is_a_timeline_not_a_contradiction() {
        let claims = [
            claim("a#1", 5000.0, Qualifier::Exact, "ministry", "2023-02-10"),
            claim("b#1", 5000.0, Qualifier::Exact, "ministry", "2023-02-10"),
            claim("c#1", 3000.0, Qualifier::Exact, "ministry", "2023-03-20"),
        ];
        let result = run(&claims, true);
        assert!(result.contradictions.is_empty());
        let timeline = &result.timelines[0];
        assert_eq!(timeline.note, "revised down by the same origin");
        // The copy of the first figure is one step.
        let ids: Vec<String> = timeline.entries.iter().map(|e| e.0.to_string()).collect();
        assert_eq!(ids, ["a#1", "c#1"]);
        let level = run(&claims, false);
        assert_eq!(
            level.timelines[0].note,
            "the same origin's figures over time"
        );
    }
}
