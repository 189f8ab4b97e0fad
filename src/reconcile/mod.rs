//! Reconciling: what the claims about one quantity say together.
//!
//! Input: a group's claims and denials, the rules for its quantity
//! ([`QuantityRules`]: the settings and whether its kind is a running total)
//! and, optionally, reliability [`Weights`]. Output: a [`Reconciliation`],
//! assembled here from one module per concern:
//! - [`interval`]: every claim as an interval (a bare figure carries the
//!   uncertainty its rounding implies, "about" a tolerance from the rules, "at
//!   least" is open above, "up to" open below, a range is what it says);
//! - [`origins`]: the origins behind the figures: the source a text names, or,
//!   for figures no one is named for, the outlet, with near-identical sentences
//!   relayed by several outlets counted once;
//! - [`consensus`]: periods (claims are only compared within the rules' time
//!   window) and, per period, a consensus low / best / high from the largest
//!   set of independent origins whose intervals share a point, with the rule
//!   behind each figure and a confidence label;
//! - [`contradictions`]: intervals disjoint at the same time, a running total
//!   that fell (among many origins, summarised by `many`), a denial
//!   (`denials`);
//! - [`timeline`]: revisions by one origin, shown as a timeline;
//! - [`reliability`]: optional CRH-style weights for origins, across groups.
//!
//! Invariants: plans, forecasts and denials are shown but never enter a
//! consensus; every claim is used by a consensus or set aside with a reason;
//! the result does not depend on the order documents were read in.

pub mod consensus;
mod contradiction;
pub mod contradictions;
mod denials;
pub mod interval;
mod many;
pub mod origins;
pub mod reliability;
pub mod timeline;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::model::{Claim, ClaimId, Denial, Modality, SharedText};
use crate::rules::files::ReconcileSettings;

pub use consensus::{Confidence, Consensus, DISPUTED_METHOD, METHOD, Method, Period};
pub use contradictions::{Contradiction, ContradictionKind, Severity};
pub use denials::denial_origin;
pub use interval::{Interval, point_of, rounding_half_width};
pub use origins::Origin;
pub use reliability::{Weights, reliability_weights};
pub use timeline::Timeline;

/// A claim left out of every consensus, and why; in a report's `set_aside`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetAside {
    /// The claim's id.
    pub claim: ClaimId,
    /// Why, for a reader: "reported as denied", "South Korean officials gave
    /// a later figure in the same period"...
    pub reason: String,
}

/// What the claims of one quantity say together. In a report's JSON its
/// fields sit directly in each entry of `groups`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Reconciliation {
    /// Each claim's interval, by claim id, in reconciliation order (by as-of
    /// date, then figure, then id).
    pub intervals: IndexMap<ClaimId, Interval>,
    /// The independent voices behind the claims.
    pub origins: Vec<Origin>,
    /// The asserted claims split by time, dated periods first, then the
    /// undated claims.
    pub periods: Vec<Period>,
    /// The consensus of the latest dated period (or of the undated claims when
    /// none is dated); `None` when no claim is asserted.
    pub consensus: Option<Consensus>,
    /// The claims no consensus used, each with its reason.
    pub set_aside: Vec<SetAside>,
    /// Figures that cannot all hold.
    pub contradictions: Vec<Contradiction>,
    /// Origins that gave more than one figure, over time.
    pub timelines: Vec<Timeline>,
    /// Ids of the denials about this quantity.
    pub denials: Vec<SharedText>,
}

/// What the rules say about one quantity: the reconciliation settings, and
/// the one fact of its kind that reconciling needs.
#[derive(Debug, Clone, Copy)]
pub struct QuantityRules<'a> {
    /// The rules' `[reconcile]` thresholds.
    pub settings: &'a ReconcileSettings,
    /// The kind only grows over time (people killed so far), as the rules'
    /// `running-total` says; otherwise it is a level that goes up and down.
    pub running_total: bool,
}

/// Reconciles the claims and denials of one group. `weights` are the
/// reliability weights of origins across the run; `None` counts every origin once.
pub fn reconcile(
    members: &[&Claim],
    denials: &[&Denial],
    rules: &QuantityRules,
    weights: Option<&Weights>,
) -> Reconciliation {
    // Sorting makes the result independent of the order documents were read in.
    // Among claims of one date, the figure decides before the id, so that a copy
    // of a claim lands beside it and never changes which figure counts as latest.
    let mut members: Vec<&Claim> = members.to_vec();
    members.sort_by(|a, b| {
        (&a.as_of, point_of(a), &a.id)
            .partial_cmp(&(&b.as_of, point_of(b), &b.id))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let settings = rules.settings;
    // Inside reconciling, a claim is its position in `members`: its interval
    // and origin are read by position, not looked up by id.
    let by_position: Vec<Interval> = members.iter().map(|c| Interval::of(c, settings)).collect();
    let mut intervals: IndexMap<ClaimId, Interval> = IndexMap::with_capacity(members.len());
    intervals.extend(
        members
            .iter()
            .zip(&by_position)
            .map(|(c, &interval)| (c.id.clone(), interval)),
    );
    let origin_of = origins::assign_origins(&members, settings);
    let origins = origins::describe_origins(&members, &origin_of, weights);

    let mut set_aside = Vec::new();
    let mut asserted: Vec<usize> = Vec::with_capacity(members.len());
    for (position, claim) in members.iter().enumerate() {
        match claim.modality {
            Modality::Projection => set_aside.push(SetAside {
                claim: claim.id.clone(),
                reason: "a plan, forecast or possibility, not a count".to_string(),
            }),
            Modality::Denied => set_aside.push(SetAside {
                claim: claim.id.clone(),
                reason: "reported as denied".to_string(),
            }),
            Modality::Asserted => asserted.push(position),
        }
    }

    let periods_of_claims =
        consensus::split_periods(&asserted, |p| members[p].as_of, settings.window_days);
    let mut periods = Vec::with_capacity(periods_of_claims.len());
    let mut established: Option<(f64, f64)> = None;
    for period_claims in &periods_of_claims {
        let mut consensus = consensus::period_consensus(
            period_claims,
            &members,
            &by_position,
            &origin_of,
            rules.running_total,
            weights,
            &mut set_aside,
        );
        let dated = period_claims.iter().all(|&p| members[p].as_of.is_some());
        if rules.running_total && dated {
            if let (Some(consensus), Some(floor)) = (consensus.as_mut(), established) {
                consensus::carry_forward(consensus, floor);
            }
            established = consensus.as_ref().map(|c| (c.low, c.best)).or(established);
        }
        periods.push(Period {
            from: period_claims.first().and_then(|&p| members[p].as_of),
            to: period_claims.last().and_then(|&p| members[p].as_of),
            claims: period_claims
                .iter()
                .map(|&p| members[p].id.clone())
                .collect(),
            consensus,
        });
    }
    let headline = periods
        .iter()
        .rev()
        .find(|p| p.from.is_some() && p.consensus.is_some())
        .or_else(|| periods.iter().rev().find(|p| p.consensus.is_some()))
        .and_then(|p| p.consensus.clone());

    // Contradictions between origins: each pair of origins (and kind of
    // conflict) once, with the claims behind it, found without visiting
    // every pair of claims.
    let table = contradictions::Table::new(&members, &by_position, &origin_of);
    let mut gathered = contradictions::Gathered::default();
    contradictions::disjoint_within_periods(
        &periods_of_claims,
        &table,
        rules.running_total,
        settings,
        &mut gathered,
    );
    let (projections, counts): (Vec<usize>, Vec<usize>) = {
        let mut projections = Vec::new();
        let mut counts = Vec::new();
        for (position, claim) in members.iter().enumerate() {
            match claim.modality {
                Modality::Projection => projections.push(position),
                Modality::Asserted => counts.push(position),
                Modality::Denied => {}
            }
        }
        (projections, counts)
    };
    contradictions::projections_against_counts(
        &projections,
        &counts,
        &table,
        settings,
        &mut gathered,
    );
    if rules.running_total {
        contradictions::totals_that_fell(&counts, &table, settings, &mut gathered);
    }
    let mut contradictions = gathered.finish(&table, settings);
    if !denials.is_empty() {
        contradictions.extend(denials::denied(
            (&members, &asserted),
            &origin_of,
            denials,
            settings.window_days,
        ));
    }
    let timelines = timeline::timelines_of(&asserted, &members, &origin_of, rules.running_total);
    Reconciliation {
        intervals,
        origins,
        periods,
        consensus: headline,
        set_aside,
        contradictions,
        timelines,
        denials: denials.iter().map(|d| d.id.clone()).collect(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Qualifier;

    /// A claim of `value` in document `doc`, with id `<doc>#1` and nothing else set.
    pub(crate) fn test_claim(doc: &str, value: f64, qualifier: Qualifier) -> Claim {
        Claim::from_figure(
            format!("{doc}#1"),
            doc,
            [Some(value), None, None],
            qualifier,
        )
    }

    /// A claim with its id, origin and as-of date.
    pub(crate) fn claim(
        id: &str,
        value: f64,
        qualifier: Qualifier,
        origin: &str,
        as_of: &str,
    ) -> Claim {
        let mut claim = test_claim(id, value, qualifier);
        claim.id = id.into();
        claim.attribution = origin.into();
        claim.as_of = as_of.parse().ok();
        claim
    }

    /// Reconciles `claims` under the default settings, without weights.
    pub(crate) fn run(claims: &[Claim], running_total: bool) -> Reconciliation {
        let refs: Vec<&Claim> = claims.iter().collect();
        let settings = ReconcileSettings::default();
        let rules = QuantityRules {
            settings: &settings,
            running_total,
        };
        reconcile(&refs, &[], &rules, None)
    }

    #[test]
    fn growth_of_a_running_total_is_not_a_contradiction() {
        let claims = [
            claim(
                "a#1",
                12000.0,
                Qualifier::Exact,
                "South Korean officials",
                "2024-10-24",
            ),
            claim(
                "b#1",
                14000.0,
                Qualifier::Exact,
                "South Korean officials",
                "2025-04-28",
            ),
        ];
        let result = run(&claims, true);
        assert!(result.contradictions.is_empty());
        assert_eq!(result.periods.len(), 2);
        assert_eq!(result.consensus.unwrap().best, 14000.0);
        assert_eq!(result.timelines[0].note, "growth of a running total");
    }
}
