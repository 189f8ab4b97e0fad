//! Reconciling: what each group of claims says together.
//!
//! Input: a [`Group`] and the claims. Output: a [`Reconciliation`]: every claim
//! as an interval, the distinct origins behind the figures (an attributed
//! source counts once however many outlets relay it), a consensus low / best /
//! high with the rule that produced each, and the contradictions (claims from
//! different origins whose intervals cannot both hold within the comparison
//! window). Plans, forecasts and denials are shown but never enter the consensus.

use indexmap::IndexMap;
use jiff::civil::Date;
use serde::Serialize;

use crate::claims::{Claim, Modality};
use crate::group::Group;
use crate::rules::{Qualifier, RuleSet};

/// The range of true values a claim allows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    /// `None` when open above ("at least").
    pub high: Option<f64>,
}

impl Interval {
    pub fn of(claim: &Claim, about_tolerance: f64) -> Interval {
        let value = claim.value.unwrap_or(0.0);
        match claim.qualifier {
            Qualifier::Exact => Interval {
                low: value,
                high: Some(value),
            },
            Qualifier::About => Interval {
                low: value * (1.0 - about_tolerance),
                high: Some(value * (1.0 + about_tolerance)),
            },
            Qualifier::AtLeast => Interval {
                low: value,
                high: None,
            },
            Qualifier::AtMost => Interval {
                low: 0.0,
                high: Some(value),
            },
            Qualifier::Range => Interval {
                low: claim.low.unwrap_or(0.0),
                high: claim.high,
            },
        }
    }

    /// The single figure that best stands for the claim.
    pub fn point(claim: &Claim) -> f64 {
        match (claim.value, claim.low, claim.high) {
            (Some(value), _, _) => value,
            (None, Some(low), Some(high)) => (low + high) / 2.0,
            (None, Some(low), None) => low,
            _ => 0.0,
        }
    }

    fn overlaps(&self, other: &Interval) -> bool {
        let below = |a: &Interval, b: &Interval| a.high.is_some_and(|high| high < b.low);
        !below(self, other) && !below(other, self)
    }
}

/// One voice behind figures: an attributed source, or the outlet speaking for itself.
#[derive(Debug, Clone, Serialize)]
pub struct Origin {
    pub name: String,
    pub outlets: Vec<String>,
    pub claims: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Consensus {
    pub low: f64,
    pub best: f64,
    pub high: Option<f64>,
    pub origins: usize,
    pub confidence: &'static str,
    pub method: String,
    /// The claims the consensus was computed from.
    pub used: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SetAside {
    pub claim: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contradiction {
    pub claims: [String; 2],
    pub reason: String,
    pub severity: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reconciliation {
    pub intervals: IndexMap<String, Interval>,
    pub origins: Vec<Origin>,
    pub consensus: Option<Consensus>,
    pub set_aside: Vec<SetAside>,
    pub contradictions: Vec<Contradiction>,
}

/// The origin of a claim: its attribution, or else the outlet, or else the document.
pub fn origin_of(claim: &Claim) -> &str {
    if !claim.attribution.is_empty() {
        &claim.attribution
    } else if !claim.source.is_empty() {
        &claim.source
    } else {
        &claim.doc
    }
}

fn outlet_of(claim: &Claim) -> &str {
    if claim.source.is_empty() {
        &claim.doc
    } else {
        &claim.source
    }
}

pub fn reconcile(group: &Group, claims: &[Claim], rules: &RuleSet) -> Reconciliation {
    let members: Vec<&Claim> = group.members.iter().map(|&i| &claims[i]).collect();
    let tolerance = rules.reconcile.about_tolerance;
    let intervals: IndexMap<String, Interval> = members
        .iter()
        .map(|c| (c.id.clone(), Interval::of(c, tolerance)))
        .collect();

    let mut origins: IndexMap<String, Origin> = IndexMap::new();
    for claim in &members {
        let origin = origins
            .entry(origin_of(claim).to_string())
            .or_insert_with(|| Origin {
                name: origin_of(claim).to_string(),
                outlets: Vec::new(),
                claims: Vec::new(),
            });
        if !origin.outlets.iter().any(|o| o == outlet_of(claim)) {
            origin.outlets.push(outlet_of(claim).to_string());
        }
        origin.claims.push(claim.id.clone());
    }

    let mut set_aside = Vec::new();
    let mut asserted: Vec<&Claim> = Vec::new();
    for claim in &members {
        match claim.modality {
            Modality::Projection => set_aside.push(SetAside {
                claim: claim.id.clone(),
                reason: "a plan, forecast or possibility, not a count".to_string(),
            }),
            Modality::Denied => set_aside.push(SetAside {
                claim: claim.id.clone(),
                reason: "reported as denied".to_string(),
            }),
            Modality::Asserted => asserted.push(claim),
        }
    }
    let consensus = consensus_of(&asserted, &intervals, &mut set_aside);
    let contradictions = contradictions_of(&asserted, &intervals, rules.reconcile.window_days);
    Reconciliation {
        intervals,
        origins: origins.into_values().collect(),
        consensus,
        set_aside,
        contradictions,
    }
}

/// One figure per origin (its latest), then: low = the highest lower bound,
/// high = the lowest upper bound, best = the median of the origins' figures.
/// When the intervals do not all overlap, the range widens to the lowest and
/// highest figures and the consensus is marked disputed.
fn consensus_of(
    asserted: &[&Claim],
    intervals: &IndexMap<String, Interval>,
    set_aside: &mut Vec<SetAside>,
) -> Option<Consensus> {
    let mut latest: IndexMap<&str, &Claim> = IndexMap::new();
    for claim in asserted {
        match latest.get(origin_of(claim)) {
            Some(previous) if previous.as_of >= claim.as_of => set_aside.push(SetAside {
                claim: claim.id.clone(),
                reason: format!(
                    "an earlier figure from {}, which gave a later one",
                    origin_of(claim)
                ),
            }),
            Some(previous) => {
                set_aside.push(SetAside {
                    claim: previous.id.clone(),
                    reason: format!(
                        "an earlier figure from {}, which gave a later one",
                        origin_of(previous)
                    ),
                });
                latest.insert(origin_of(claim), claim);
            }
            None => {
                latest.insert(origin_of(claim), claim);
            }
        }
    }
    if latest.is_empty() {
        return None;
    }
    let used: Vec<&Claim> = latest.values().copied().collect();
    let bounds: Vec<Interval> = used.iter().map(|c| intervals[&c.id]).collect();
    let mut points: Vec<f64> = used.iter().map(|c| Interval::point(c)).collect();
    points.sort_by(f64::total_cmp);
    let median = median(&points);
    let low = bounds.iter().map(|b| b.low).fold(f64::MIN, f64::max);
    let high = bounds
        .iter()
        .filter_map(|b| b.high)
        .fold(None, |acc: Option<f64>, h| {
            Some(acc.map_or(h, |a| a.min(h)))
        });
    let agree = high.is_none_or(|high| low <= high);
    let (low, best, high, method) = if agree {
        let best = median.clamp(low, high.unwrap_or(f64::MAX));
        (
            low,
            best,
            high,
            "low: the highest lower bound; high: the lowest upper bound; best: the median of the origins' figures, kept inside that range",
        )
    } else {
        (
            points[0],
            median,
            Some(points[points.len() - 1]),
            "the origins' intervals do not overlap: low and high are the lowest and highest figures; best: their median",
        )
    };
    let confidence = match (used.len(), agree) {
        (_, false) => "disputed",
        (1, true) => "single origin",
        (_, true) => "agreeing origins",
    };
    Some(Consensus {
        low,
        best,
        high,
        origins: used.len(),
        confidence,
        method: method.to_string(),
        used: used.iter().map(|c| c.id.clone()).collect(),
    })
}

fn median(sorted: &[f64]) -> f64 {
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

/// Claims from different origins whose intervals are disjoint and whose dates
/// lie within the comparison window.
fn contradictions_of(
    asserted: &[&Claim],
    intervals: &IndexMap<String, Interval>,
    window_days: u32,
) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for (i, a) in asserted.iter().enumerate() {
        for b in &asserted[i + 1..] {
            if origin_of(a) == origin_of(b) || !within_window(a, b, window_days) {
                continue;
            }
            let (ia, ib) = (intervals[&a.id], intervals[&b.id]);
            if ia.overlaps(&ib) {
                continue;
            }
            let (pa, pb) = (Interval::point(a), Interval::point(b));
            let gap = (pa - pb).abs() / pa.max(pb).max(1.0);
            let severity = if gap >= 0.5 {
                "high"
            } else if gap >= 0.15 {
                "medium"
            } else {
                "low"
            };
            found.push(Contradiction {
                claims: [a.id.clone(), b.id.clone()],
                reason: format!(
                    "the intervals cannot both hold at the same time (gap {:.0}%)",
                    gap * 100.0
                ),
                severity,
            });
        }
    }
    found
}

fn within_window(a: &Claim, b: &Claim, window_days: u32) -> bool {
    let parse = |d: &Option<String>| d.as_deref().and_then(|s| s.parse::<Date>().ok());
    match (parse(&a.as_of), parse(&b.as_of)) {
        (Some(x), Some(y)) => {
            let days = (x - y).get_days().unsigned_abs();
            days <= window_days
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_follow_qualifiers() {
        let mut claim = crate::claims::test_claim("a", 100.0, Qualifier::About);
        assert_eq!(
            Interval::of(&claim, 0.1),
            Interval {
                low: 90.0,
                high: Some(110.00000000000001)
            }
        );
        claim.qualifier = Qualifier::AtLeast;
        assert_eq!(Interval::of(&claim, 0.1).high, None);
        claim.qualifier = Qualifier::AtMost;
        assert_eq!(Interval::of(&claim, 0.1).low, 0.0);
    }
}
