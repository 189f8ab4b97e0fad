//! Reconciling: what the claims about one quantity say together.
//!
//! Input: a [`Group`]'s claims and denials, and the rules' settings. Output: a
//! [`Reconciliation`]:
//! - every claim as an interval (a bare figure carries the uncertainty its
//!   rounding implies, "about" a tolerance from the rules, "at least" is open
//!   above, "up to" open below, a range is what it says);
//! - the origins behind the figures: the source a text names, or, for figures
//!   no one is named for, the outlet, with near-identical sentences relayed by
//!   several outlets counted once;
//! - periods: claims are only compared within the rules' time window;
//! - per period, a consensus low / best / high from the largest set of
//!   independent origins whose intervals share a point, with the rule behind
//!   each figure, and a confidence label from how many origins agree;
//! - contradictions (intervals disjoint at the same time, a running total that
//!   fell, a denial), revisions by one origin shown as a timeline, and the
//!   claims set aside with the reason.
//!
//! Plans, forecasts and denials are shown but never enter a consensus.

use std::collections::HashMap;

use indexmap::IndexMap;
use jiff::civil::Date;
use serde::Serialize;

use crate::model::Qualifier;
use crate::model::{Claim, Denial, Modality};
use crate::rules::files::ReconcileSettings;

/// The range of true values a claim allows; `high` is `None` when open above.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: Option<f64>,
}

impl Interval {
    /// The interval a claim allows, under the rules' tolerance for "about".
    pub fn of(claim: &Claim, settings: &ReconcileSettings) -> Interval {
        let value = claim.value.unwrap_or(0.0);
        match claim.qualifier {
            Qualifier::Exact if claim.vague => Interval {
                low: value,
                high: None,
            },
            Qualifier::Exact => {
                let half = if settings.rounding {
                    rounding_half_width(value)
                } else {
                    0.0
                };
                Interval {
                    low: value - half,
                    high: Some(value + half),
                }
            }
            Qualifier::About => {
                let half = (value * settings.about_tolerance).max(rounding_half_width(value));
                Interval {
                    low: (value - half).max(0.0),
                    high: Some(value + half),
                }
            }
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

    pub fn contains(&self, point: f64) -> bool {
        point >= self.low && self.high.is_none_or(|high| point <= high)
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        let below = |a: &Interval, b: &Interval| a.high.is_some_and(|high| high < b.low);
        !below(self, other) && !below(other, self)
    }

    pub fn width(&self) -> f64 {
        self.high.map_or(f64::INFINITY, |high| high - self.low)
    }
}

/// Half the unit of the last significant digit of a round figure: 12,000 was
/// rounded to the thousand, so it stands for 11,500-12,500; 3,008 is exact.
/// Figures under 1,000 and figures with fewer than two trailing zeros are exact,
/// and no figure stands for more than 5% either side of it.
pub fn rounding_half_width(value: f64) -> f64 {
    if value.fract() != 0.0 || !(1000.0..=1e15).contains(&value) {
        return 0.0;
    }
    let mut unit: f64 = 1.0;
    let mut rest = value as u64;
    while rest > 0 && rest.is_multiple_of(10) {
        rest /= 10;
        unit *= 10.0;
    }
    // A single significant digit ("1,000") says less about rounding than about
    // size: the width is capped at 5% of the figure either side.
    const MAX_SHARE: f64 = 0.05;
    if unit < 100.0 {
        0.0
    } else {
        (unit / 2.0).min(value * MAX_SHARE)
    }
}

/// The single figure that best stands for a claim.
pub fn point_of(claim: &Claim) -> f64 {
    match (claim.value, claim.low, claim.high) {
        (Some(value), _, _) => value,
        (None, Some(low), Some(high)) => (low + high) / 2.0,
        (None, Some(low), None) => low,
        _ => 0.0,
    }
}

/// One voice: a named source, or an outlet speaking for itself.
#[derive(Debug, Clone, Serialize)]
pub struct Origin {
    pub name: String,
    /// Every outlet that relayed a figure from this origin.
    pub outlets: Vec<String>,
    pub claims: Vec<String>,
    /// True when the origin is unnamed copy relayed by several outlets.
    pub echo: bool,
    /// Weight from source reliability, when it is on.
    pub weight: f64,
}

/// The rule behind each figure of a consensus.
#[derive(Debug, Clone, Serialize)]
pub struct Method {
    pub low: &'static str,
    pub best: &'static str,
    pub high: &'static str,
}

pub const METHOD: Method = Method {
    low: "the highest lower bound among the agreeing origins",
    best: "the median of the agreeing origins' figures, kept between low and high",
    high: "the lowest upper bound among the agreeing origins (open when none has one)",
};

/// When no set of origins forms a majority, low and high show the whole spread.
pub const DISPUTED_METHOD: Method = Method {
    low: "the lowest lower bound of all origins, as no majority agrees",
    best: "the figure of the largest agreeing set; between sets of equal weight, the most precise \
           figure (a count over a round estimate), then the one nearest the median",
    high: "the highest upper bound of all origins (open when one is open), as no majority agrees",
};

#[derive(Debug, Clone, Serialize)]
pub struct Consensus {
    pub low: f64,
    pub best: f64,
    pub high: Option<f64>,
    /// Independent origins whose intervals share the consensus point.
    pub origins: usize,
    /// Independent origins with a figure in the period.
    pub origins_total: usize,
    pub confidence: Confidence,
    pub method: Method,
    /// The claims the consensus was computed from.
    pub used: Vec<String>,
    /// The best figure without reliability weights, when the weights changed it.
    pub unweighted_best: Option<f64>,
    /// True when low and best were raised to what an earlier period of a
    /// running total established.
    pub carried_forward: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// One origin: nothing to corroborate it.
    SingleOrigin,
    /// Every origin agrees.
    Corroborated,
    /// Most origins agree; some stand apart.
    Contested,
    /// No majority: the agreeing set is half the origins or fewer.
    Disputed,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::SingleOrigin => "single origin",
            Confidence::Corroborated => "corroborated",
            Confidence::Contested => "contested",
            Confidence::Disputed => "disputed",
        }
    }
}

/// Claims dated close enough together to be compared, and what they say.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    /// First and last as-of date; `None` for claims with no date.
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub claims: Vec<String>,
    pub consensus: Option<Consensus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SetAside {
    pub claim: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContradictionKind {
    /// Two origins' intervals cannot both hold at the same time.
    Disjoint,
    /// A running total reported lower later by another origin.
    TotalFell,
    /// A denial against positive figures of the same period.
    Denial,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contradiction {
    pub kind: ContradictionKind,
    /// Claim or denial ids, earliest first.
    pub claims: Vec<String>,
    pub reason: String,
    /// high, medium or low, from the relative gap between the figures.
    pub severity: &'static str,
    /// The relative gap, 0 to 1.
    pub gap: f64,
}

/// One origin's figures over time: growth or revision, not contradiction.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub origin: String,
    /// (claim id, as-of date, figure) in date order.
    pub entries: Vec<(String, Option<Date>, f64)>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reconciliation {
    pub intervals: IndexMap<String, Interval>,
    pub origins: Vec<Origin>,
    pub periods: Vec<Period>,
    /// The consensus of the latest dated period (or of the undated claims when none is dated).
    pub consensus: Option<Consensus>,
    pub set_aside: Vec<SetAside>,
    pub contradictions: Vec<Contradiction>,
    pub timelines: Vec<Timeline>,
    /// Ids of the denials about this quantity.
    pub denials: Vec<String>,
}

/// What reconciling a group needs besides its claims.
pub struct Context<'a> {
    pub settings: &'a ReconcileSettings,
    pub running_total: bool,
    /// Reliability weights by origin name; `None` counts every origin once.
    pub weights: Option<&'a HashMap<String, f64>>,
}

/// Reconciles the claims and denials of one group.
pub fn reconcile(members: &[&Claim], denials: &[&Denial], context: &Context) -> Reconciliation {
    // Sorting makes the result independent of the order documents were read in.
    // Among claims of one date, the figure decides before the id, so that a copy
    // of a claim lands beside it and never changes which figure counts as latest.
    let mut members: Vec<&Claim> = members.to_vec();
    members.sort_by(|a, b| {
        (&a.as_of, point_of(a), &a.id)
            .partial_cmp(&(&b.as_of, point_of(b), &b.id))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let settings = context.settings;
    let intervals: IndexMap<String, Interval> = members
        .iter()
        .map(|c| (c.id.clone(), Interval::of(c, settings)))
        .collect();
    let origin_of = assign_origins(&members, settings);
    let origins = describe_origins(&members, &origin_of, context.weights);

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

    let periods_of_claims = split_periods(&asserted, settings.window_days);
    let mut periods = Vec::new();
    let mut established: Option<(f64, f64)> = None;
    for period_claims in &periods_of_claims {
        let mut consensus = period_consensus(
            period_claims,
            &intervals,
            &origin_of,
            context,
            &mut set_aside,
        );
        let dated = period_claims.iter().all(|c| c.as_of.is_some());
        if context.running_total && dated {
            if let (Some(consensus), Some(floor)) = (consensus.as_mut(), established) {
                carry_forward(consensus, floor);
            }
            established = consensus.as_ref().map(|c| (c.low, c.best)).or(established);
        }
        periods.push(Period {
            from: period_claims.first().and_then(|c| c.as_of),
            to: period_claims.last().and_then(|c| c.as_of),
            claims: period_claims.iter().map(|c| c.id.clone()).collect(),
            consensus,
        });
    }
    let headline = periods
        .iter()
        .rev()
        .find(|p| p.from.is_some() && p.consensus.is_some())
        .or_else(|| periods.iter().rev().find(|p| p.consensus.is_some()))
        .and_then(|p| p.consensus.clone());

    let mut contradictions = disjoint_within_periods(
        &periods_of_claims,
        &intervals,
        &origin_of,
        context.running_total,
    );
    let projections: Vec<&Claim> = members
        .iter()
        .copied()
        .filter(|c| c.modality == Modality::Projection)
        .collect();
    contradictions.extend(projections_against_counts(
        &projections,
        &asserted,
        &intervals,
        &origin_of,
        settings.window_days,
    ));
    if context.running_total {
        contradictions.extend(totals_that_fell(&asserted, &intervals, &origin_of));
    }
    contradictions.extend(denied(&asserted, denials, settings.window_days));
    let timelines = timelines_of(&asserted, &origin_of, context.running_total);
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

/// The origin of each claim, by claim id. Named sources whose names are spelled
/// almost alike are one origin; unnamed figures whose sentences are near copies
/// of each other (wire copy, translations of it) are one origin.
fn assign_origins(members: &[&Claim], settings: &ReconcileSettings) -> HashMap<String, String> {
    let mut origin_of: HashMap<String, String> = HashMap::new();
    let mut named: Vec<String> = Vec::new();
    // (origin name, normalised sentence words) of unnamed figures seen so far.
    let mut unnamed: Vec<(String, Vec<String>)> = Vec::new();
    for claim in members {
        let origin = if !claim.attribution.is_empty() {
            let lower = claim.attribution.to_lowercase();
            match named
                .iter()
                .find(|n| strsim::jaro_winkler(&n.to_lowercase(), &lower) >= 0.92)
            {
                Some(existing) => existing.clone(),
                None => {
                    named.push(claim.attribution.clone());
                    claim.attribution.clone()
                }
            }
        } else {
            let words = sentence_words(&claim.sentence);
            let copy = unnamed
                .iter()
                .find(|(_, other)| jaccard(&words, other) >= settings.echo_similarity);
            match copy {
                Some((origin, _)) => origin.clone(),
                None => {
                    let origin = if claim.source.is_empty() {
                        claim.doc.clone()
                    } else {
                        claim.source.clone()
                    };
                    unnamed.push((origin.clone(), words));
                    origin
                }
            }
        };
        origin_of.insert(claim.id.clone(), origin);
    }
    origin_of
}

fn sentence_words(sentence: &str) -> Vec<String> {
    let mut words: Vec<String> = crate::normalize::normalize_phrase(sentence)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

fn outlet_of(claim: &Claim) -> &str {
    if claim.source.is_empty() {
        &claim.doc
    } else {
        &claim.source
    }
}

fn describe_origins(
    members: &[&Claim],
    origin_of: &HashMap<String, String>,
    weights: Option<&HashMap<String, f64>>,
) -> Vec<Origin> {
    let mut origins: IndexMap<&str, Origin> = IndexMap::new();
    for claim in members {
        let name = origin_of[&claim.id].as_str();
        let origin = origins.entry(name).or_insert_with(|| Origin {
            name: name.to_string(),
            outlets: Vec::new(),
            claims: Vec::new(),
            echo: false,
            weight: weights.and_then(|w| w.get(name).copied()).unwrap_or(1.0),
        });
        let outlet = outlet_of(claim);
        if !origin.outlets.iter().any(|o| o == outlet) {
            origin.outlets.push(outlet.to_string());
        }
        origin.claims.push(claim.id.clone());
        origin.echo = claim.attribution.is_empty() && origin.outlets.len() > 1;
    }
    origins.into_values().collect()
}

/// Groups claims (sorted by date) into periods no longer than the window;
/// undated claims form a period of their own, last.
fn split_periods<'c>(claims: &[&'c Claim], window_days: u32) -> Vec<Vec<&'c Claim>> {
    let mut periods: Vec<Vec<&Claim>> = Vec::new();
    let mut undated = Vec::new();
    let mut start: Option<Date> = None;
    for claim in claims {
        let Some(date) = claim.as_of else {
            undated.push(*claim);
            continue;
        };
        let fits = start.is_some_and(|s| (date - s).get_days().unsigned_abs() <= window_days);
        if fits {
            periods.last_mut().expect("a period is open").push(claim);
        } else {
            start = Some(date);
            periods.push(vec![claim]);
        }
    }
    if !undated.is_empty() {
        periods.push(undated);
    }
    periods
}

/// The consensus of one period: each origin's latest figure, then the largest
/// (by weight) set of origins whose intervals share a point.
fn period_consensus(
    claims: &[&Claim],
    intervals: &IndexMap<String, Interval>,
    origin_of: &HashMap<String, String>,
    context: &Context,
    set_aside: &mut Vec<SetAside>,
) -> Option<Consensus> {
    let mut latest: IndexMap<&str, &Claim> = IndexMap::new();
    for claim in claims {
        let origin = origin_of[&claim.id].as_str();
        if let Some(previous) = latest.insert(origin, claim) {
            let copy = previous.as_of == claim.as_of && point_of(previous) == point_of(claim);
            let reason = if copy {
                format!(
                    "the same figure from {origin} as {}, counted once",
                    claim.id
                )
            } else {
                format!("{origin} gave a later figure in the same period")
            };
            set_aside.push(SetAside {
                claim: previous.id.clone(),
                reason,
            });
        }
    }
    if latest.is_empty() {
        return None;
    }
    // A running total reported before the period's last date is a floor for
    // it: the total may have grown since, never fallen.
    let last_date = claims.iter().filter_map(|c| c.as_of.as_ref()).max();
    let as_of_end = |claim: &Claim| {
        let interval = intervals[&claim.id];
        if context.running_total && claim.as_of.as_ref() < last_date {
            Interval {
                low: interval.low,
                high: None,
            }
        } else {
            interval
        }
    };
    let candidates: Vec<Candidate> = latest
        .iter()
        .map(|(origin, claim)| Candidate {
            claim,
            interval: as_of_end(claim),
            weight: context
                .weights
                .and_then(|w| w.get(*origin).copied())
                .unwrap_or(1.0),
        })
        .collect();
    let agreeing = largest_agreeing_set(&candidates, true);
    let unweighted = context
        .weights
        .map(|_| largest_agreeing_set(&candidates, false))
        .map(|set| consensus_figures(&candidates, &set).1);
    let (mut low, best, mut high) = consensus_figures(&candidates, &agreeing);
    for (index, candidate) in candidates.iter().enumerate() {
        if !agreeing.contains(&index) {
            set_aside.push(SetAside {
                claim: candidate.claim.id.clone(),
                reason: "outside the range the other origins agree on".to_string(),
            });
        }
    }
    let total = candidates.len();
    let agree = agreeing.len();
    let confidence = if total == 1 {
        Confidence::SingleOrigin
    } else if agree == total {
        Confidence::Corroborated
    } else if agree * 2 > total {
        Confidence::Contested
    } else {
        Confidence::Disputed
    };
    let method = if confidence == Confidence::Disputed {
        low = candidates
            .iter()
            .map(|c| c.interval.low)
            .fold(f64::INFINITY, f64::min)
            .min(best);
        high = candidates
            .iter()
            .map(|c| c.interval.high)
            .try_fold(best, |acc, h| h.map(|h| acc.max(h)));
        DISPUTED_METHOD
    } else {
        METHOD
    };
    Some(Consensus {
        low,
        best,
        high,
        origins: agree,
        origins_total: total,
        confidence,
        method,
        used: agreeing
            .iter()
            .map(|&i| candidates[i].claim.id.clone())
            .collect(),
        unweighted_best: unweighted.filter(|&b| b != best),
        carried_forward: false,
    })
}

struct Candidate<'c> {
    claim: &'c Claim,
    interval: Interval,
    weight: f64,
}

/// Indexes of the origins whose intervals contain the point covered by the
/// greatest total weight. Ties go to the set whose narrowest interval is
/// narrowest (a precise count over a round estimate), then to the set closest
/// to the median of all figures, then to the lower point, so the choice never
/// depends on input order.
fn largest_agreeing_set(candidates: &[Candidate], weighted: bool) -> Vec<usize> {
    let mut points: Vec<f64> = candidates
        .iter()
        .flat_map(|c| {
            [
                Some(c.interval.low),
                c.interval.high,
                Some(point_of(c.claim)),
            ]
        })
        .flatten()
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let mut figures: Vec<f64> = candidates.iter().map(|c| point_of(c.claim)).collect();
    figures.sort_by(f64::total_cmp);
    let median = median(&figures);
    let mut best: Option<(f64, f64, f64, f64, Vec<usize>)> = None;
    for point in points {
        let members: Vec<usize> = (0..candidates.len())
            .filter(|&i| candidates[i].interval.contains(point))
            .collect();
        if members.is_empty() {
            continue;
        }
        let support: f64 = members
            .iter()
            .map(|&i| if weighted { candidates[i].weight } else { 1.0 })
            .sum();
        let narrowest = members
            .iter()
            .map(|&i| candidates[i].interval.width())
            .fold(f64::INFINITY, f64::min);
        let distance = (point - median).abs();
        let better = match &best {
            None => true,
            Some((s, n, d, p, _)) => {
                (support, -narrowest, -distance, -point).partial_cmp(&(*s, -*n, -*d, -*p))
                    == Some(std::cmp::Ordering::Greater)
            }
        };
        if better {
            best = Some((support, narrowest, distance, point, members));
        }
    }
    best.map(|(.., members)| members).unwrap_or_default()
}

/// Low, best and high of an agreeing set, by [`METHOD`].
fn consensus_figures(candidates: &[Candidate], agreeing: &[usize]) -> (f64, f64, Option<f64>) {
    let low = agreeing
        .iter()
        .map(|&i| candidates[i].interval.low)
        .fold(f64::MIN, f64::max)
        .max(0.0);
    let high = agreeing
        .iter()
        .filter_map(|&i| candidates[i].interval.high)
        .fold(None, |acc: Option<f64>, h| {
            Some(acc.map_or(h, |a| a.min(h)))
        });
    let mut figures: Vec<f64> = agreeing
        .iter()
        .map(|&i| point_of(candidates[i].claim))
        .collect();
    figures.sort_by(f64::total_cmp);
    let best = median(&figures).max(low).min(high.unwrap_or(f64::INFINITY));
    (low, best, high)
}

fn median(sorted: &[f64]) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

fn severity(gap: f64) -> &'static str {
    if gap >= 0.5 {
        "high"
    } else if gap >= 0.15 {
        "medium"
    } else {
        "low"
    }
}

/// The relative gap between two disjoint intervals: distance over the larger figure.
fn gap_between(a: &Interval, b: &Interval) -> f64 {
    let (lower, upper) = if a.low <= b.low { (a, b) } else { (b, a) };
    let distance = (upper.low - lower.high.unwrap_or(upper.low)).max(0.0);
    distance / upper.low.max(1.0)
}

/// Within each period, pairs of origins whose intervals cannot both hold.
fn disjoint_within_periods(
    periods: &[Vec<&Claim>],
    intervals: &IndexMap<String, Interval>,
    origin_of: &HashMap<String, String>,
    running_total: bool,
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
                    severity: severity(gap),
                    gap,
                });
            }
        }
    }
    found
}

/// A running total cannot fall: a period whose own figures say less than an
/// earlier period established (a vague "thousands", a partial count) keeps the
/// earlier low and best.
fn carry_forward(consensus: &mut Consensus, (earlier_low, earlier_best): (f64, f64)) {
    // A period whose figures all lie below the earlier low is a total that fell:
    // that is reported as a contradiction, not papered over.
    let fell = consensus.high.is_some_and(|high| high < earlier_low);
    if consensus.low >= earlier_low || fell {
        return;
    }
    consensus.low = earlier_low;
    let ceiling = consensus.high.unwrap_or(f64::INFINITY);
    consensus.best = consensus.best.max(earlier_best).min(ceiling);
    consensus.carried_forward = true;
}

/// A projected maximum ("up to 10,000 about to enter the war") that another
/// origin's count of the same weeks already exceeds is a disagreement worth
/// showing, though the projection never enters a consensus.
fn projections_against_counts(
    projections: &[&Claim],
    counts: &[&Claim],
    intervals: &IndexMap<String, Interval>,
    origin_of: &HashMap<String, String>,
    window_days: u32,
) -> Vec<Contradiction> {
    let mut found = Vec::new();
    for projection in projections {
        for count in counts {
            let same_time = match (projection.as_of, count.as_of) {
                (Some(a), Some(b)) => (a - b).get_days().unsigned_abs() <= window_days,
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
                severity: severity(gap),
                gap,
            });
        }
    }
    found
}

/// A running total reported lower on a later day by another origin.
fn totals_that_fell(
    claims: &[&Claim],
    intervals: &IndexMap<String, Interval>,
    origin_of: &HashMap<String, String>,
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
                    severity: severity(gap),
                    gap,
                });
            }
        }
    }
    found
}

/// A denial contradicts every positive figure of its period (or every figure, when undated).
fn denied(claims: &[&Claim], denials: &[&Denial], window_days: u32) -> Vec<Contradiction> {
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
            severity: "high",
            gap: 1.0,
        });
    }
    found
}

/// Each origin with more than one dated figure: its figures in date order.
fn timelines_of(
    claims: &[&Claim],
    origin_of: &HashMap<String, String>,
    running_total: bool,
) -> Vec<Timeline> {
    let mut by_origin: IndexMap<&str, Vec<&Claim>> = IndexMap::new();
    for claim in claims {
        by_origin
            .entry(origin_of[&claim.id].as_str())
            .or_default()
            .push(claim);
    }
    let mut timelines = Vec::new();
    for (origin, list) in by_origin {
        let mut entries: Vec<(String, Option<Date>, f64)> = list
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

/// Source reliability across the corpus, CRH-style: start every origin at
/// weight 1, reconcile, then set each origin's weight to how often its figures
/// fall inside the consensus of their group (Laplace-smoothed), and repeat.
/// Origins seen in one group only keep an even weight: one agreement proves little.
pub fn reliability_weights(
    groups: &[Vec<&Claim>],
    settings: &ReconcileSettings,
    rounds: usize,
) -> HashMap<String, f64> {
    let mut weights: HashMap<String, f64> = HashMap::new();
    for _ in 0..rounds {
        let mut agree: HashMap<String, (f64, f64, usize)> = HashMap::new();
        let context = Context {
            settings,
            running_total: false,
            weights: Some(&weights),
        };
        for members in groups {
            let result = reconcile(members, &[], &context);
            // The origins reconcile already found, by claim id.
            let origin_of: HashMap<&str, &str> = result
                .origins
                .iter()
                .flat_map(|o| o.claims.iter().map(move |c| (c.as_str(), o.name.as_str())))
                .collect();
            let Some(consensus) = &result.consensus else {
                continue;
            };
            let mut seen_origins: Vec<&str> = Vec::new();
            for claim in members.iter().filter(|c| c.modality == Modality::Asserted) {
                let origin = origin_of[claim.id.as_str()];
                let hit = result.intervals[&claim.id].contains(consensus.best);
                let entry = agree.entry(origin.to_string()).or_insert((0.0, 0.0, 0));
                entry.0 += f64::from(u8::from(hit));
                entry.1 += 1.0;
                if !seen_origins.contains(&origin) {
                    seen_origins.push(origin);
                    entry.2 += 1;
                }
            }
        }
        weights = agree
            .into_iter()
            .map(|(origin, (hits, total, groups_seen))| {
                let weight = if groups_seen < 2 {
                    0.5
                } else {
                    (hits + 1.0) / (total + 2.0)
                };
                (origin, weight)
            })
            .collect();
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::test_claim;

    fn settings() -> ReconcileSettings {
        ReconcileSettings::default()
    }

    fn claim(id: &str, value: f64, qualifier: Qualifier, origin: &str, as_of: &str) -> Claim {
        let mut claim = test_claim(id, value, qualifier);
        claim.id = id.to_string();
        claim.attribution = origin.to_string();
        claim.as_of = as_of.parse().ok();
        claim
    }

    fn run(claims: &[Claim], running_total: bool) -> Reconciliation {
        let refs: Vec<&Claim> = claims.iter().collect();
        let settings = settings();
        reconcile(
            &refs,
            &[],
            &Context {
                settings: &settings,
                running_total,
                weights: None,
            },
        )
    }

    #[test]
    fn round_figures_carry_their_rounding() {
        assert_eq!(rounding_half_width(12000.0), 500.0);
        assert_eq!(rounding_half_width(3008.0), 0.0);
        assert_eq!(rounding_half_width(425_000_000.0), 500_000.0);
        assert_eq!(rounding_half_width(400.0), 0.0);
        assert_eq!(rounding_half_width(1000.0), 50.0);
        let c = test_claim("a", 12000.0, Qualifier::Exact);
        assert_eq!(
            Interval::of(&c, &settings()),
            Interval {
                low: 11500.0,
                high: Some(12500.0)
            }
        );
        let c = test_claim("a", 100.0, Qualifier::About);
        assert_eq!(Interval::of(&c, &settings()).low, 90.0);
        assert_eq!(
            Interval::of(&test_claim("a", 9.0, Qualifier::AtLeast), &settings()).high,
            None
        );
        assert_eq!(
            Interval::of(&test_claim("a", 4000.0, Qualifier::AtMost), &settings()).low,
            0.0
        );
    }

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

    #[test]
    fn earlier_figures_of_a_running_total_are_floors() {
        let claims = [
            claim("a#1", 5434.0, Qualifier::Exact, "AFAD", "2023-02-07"),
            claim(
                "b#1",
                5900.0,
                Qualifier::About,
                "Ministry of Health",
                "2023-02-08",
            ),
            claim("c#1", 41000.0, Qualifier::AtLeast, "governor", "2023-02-20"),
        ];
        let result = run(&claims, true);
        assert!(
            result.contradictions.is_empty(),
            "{:?}",
            result.contradictions
        );
        let consensus = result.consensus.unwrap();
        assert_eq!((consensus.low, consensus.best), (41000.0, 41000.0));
        assert_eq!(consensus.confidence, Confidence::Corroborated);
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

    #[test]
    fn a_running_total_that_falls_is_flagged() {
        let claims = [
            claim("a#1", 5000.0, Qualifier::Exact, "ministry", "2023-02-10"),
            claim("b#1", 3000.0, Qualifier::Exact, "governor", "2023-03-20"),
        ];
        let result = run(&claims, true);
        assert_eq!(result.contradictions[0].kind, ContradictionKind::TotalFell);
    }

    #[test]
    fn an_echo_does_not_change_the_consensus() {
        let mut claims = vec![
            claim("a#1", 100.0, Qualifier::Exact, "ministry", "2023-02-10"),
            claim("b#1", 140.0, Qualifier::Exact, "governor", "2023-02-10"),
            claim("c#1", 120.0, Qualifier::Exact, "red cross", "2023-02-11"),
        ];
        let before = run(&claims, false).consensus.unwrap();
        let mut echo = claims[0].clone();
        echo.id = "d#1".to_string();
        echo.source = "Another outlet".to_string();
        claims.push(echo);
        let after = run(&claims, false).consensus.unwrap();
        assert_eq!(
            (before.low, before.best, before.high),
            (after.low, after.best, after.high)
        );
    }

    #[test]
    fn unnamed_copies_across_outlets_are_one_origin() {
        let mut a = test_claim("a", 300.0, Qualifier::Exact);
        a.sentence =
            "At least 300 people died in the floods on Monday, officials in the region said"
                .to_string();
        a.source = "Outlet A".to_string();
        let mut b = a.clone();
        b.id = "b#1".to_string();
        b.doc = "b".to_string();
        b.source = "Outlet B".to_string();
        b.sentence =
            "At least 300 people died in the floods on Monday, officials in the region said."
                .to_string();
        let result = run(&[a, b], false);
        assert_eq!(result.origins.len(), 1);
        assert!(result.origins[0].echo);
        assert_eq!(result.origins[0].outlets, ["Outlet A", "Outlet B"]);
    }
}
