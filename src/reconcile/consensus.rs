//! Consensus: what the origins of one period agree on.
//!
//! Input: a group's asserted claims (sorted by date), their intervals and
//! origins, whether the kind is a running total, and optional reliability
//! weights. Output: [`Period`]s no longer than the rules' window, each with a
//! [`Consensus`] (low / best / high from the largest agreeing set of origins,
//! the rule behind each figure, a confidence label), and the claims set aside
//! on the way (earlier figures of an origin, copies, origins outside the set).
//! A running total's earlier figures in a period are floors, and a period
//! keeps the low and best an earlier period established (carry-forward).
//!
//! Invariants: low <= best <= high; each origin counts once, with its latest
//! figure; every claim of a period is used by its consensus or set aside with
//! a reason; the result never depends on the order claims arrive in.

use std::borrow::Cow;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::SetAside;
use super::interval::{Interval, point_of};
use super::origins::OriginOf;
use super::reliability::{Weights, weight_of};
use crate::fxhash::FxBuildHasher;
use crate::model::{Claim, ClaimId};
use indexmap::IndexMap;

/// The rule behind each figure of a consensus, in words. The text is
/// borrowed when reconciling and owned when a saved report is read back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Method {
    /// How `low` was chosen.
    pub low: Cow<'static, str>,
    /// How `best` was chosen.
    pub best: Cow<'static, str>,
    /// How `high` was chosen.
    pub high: Cow<'static, str>,
}

/// The method when a majority of origins agrees (or there is one origin).
pub const METHOD: Method = Method {
    low: Cow::Borrowed("the highest lower bound among the agreeing origins"),
    best: Cow::Borrowed("the median of the agreeing origins' figures, kept between low and high"),
    high: Cow::Borrowed(
        "the lowest upper bound among the agreeing origins (open when none has one)",
    ),
};

/// When no set of origins forms a majority, low and high show the whole spread.
pub const DISPUTED_METHOD: Method = Method {
    low: Cow::Borrowed("the lowest lower bound of all origins, as no majority agrees"),
    best: Cow::Borrowed(
        "the figure of the largest agreeing set; between sets of equal weight, the most precise \
         figure (a count over a round estimate), then the one nearest the median",
    ),
    high: Cow::Borrowed(
        "the highest upper bound of all origins (open when one is open), as no majority agrees",
    ),
};

/// What the origins of one period agree on: a low / best / high range, the
/// `consensus` object of a report group and of each period.
/// Always low <= best <= high.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Consensus {
    /// The lowest value the agreeing origins all allow (with no majority, the
    /// lowest any origin allows); `method.low` says which.
    pub low: f64,
    /// The best estimate, as `method.best` says: the median of the agreeing
    /// origins' figures, kept between low and high.
    pub best: f64,
    /// The highest value the agreeing origins all allow; `None` (`null`) when
    /// open above, as when every agreeing figure is "at least".
    pub high: Option<f64>,
    /// Independent origins whose intervals share the consensus point.
    pub origins: usize,
    /// Independent origins with a figure in the period.
    pub origins_total: usize,
    /// How many of the origins agree, as a label.
    pub confidence: Confidence,
    /// The rule behind low, best and high, in words.
    pub method: Method,
    /// The claims the consensus was computed from.
    pub used: Vec<ClaimId>,
    /// The best figure without reliability weights, when the weights changed it.
    pub unweighted_best: Option<f64>,
    /// True when low and best were raised to what an earlier period of a
    /// running total established.
    pub carried_forward: bool,
}

/// How many origins stand behind a consensus; `"single_origin"`,
/// `"corroborated"`... in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The label the Markdown report shows: "single origin", "corroborated"...
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Period {
    /// First as-of date; `None` for the period of claims with no date.
    pub from: Option<Date>,
    /// Last as-of date, at most the rules' `window-days` after `from`.
    pub to: Option<Date>,
    /// Ids of the period's claims, in date order.
    pub claims: Vec<ClaimId>,
    /// What its origins agree on; `None` when it has no claim.
    pub consensus: Option<Consensus>,
}

/// Groups claims (sorted by date) into periods no longer than the window;
/// undated claims form a period of their own, last. `items` stand for the
/// claims (positions, or the claims themselves), `date` gives each one's
/// as-of date.
pub(super) fn split_periods<T: Copy>(
    items: &[T],
    date: impl Fn(T) -> Option<Date>,
    window_days: u32,
) -> Vec<Vec<T>> {
    let mut periods: Vec<Vec<T>> = Vec::new();
    let mut undated = Vec::new();
    let mut start: Option<Date> = None;
    for &item in items {
        let Some(day) = date(item) else {
            undated.push(item);
            continue;
        };
        let fits = start.is_some_and(|s| (day - s).get_days().unsigned_abs() <= window_days);
        if fits {
            periods.last_mut().expect("a period is open").push(item);
        } else {
            start = Some(day);
            periods.push(vec![item]);
        }
    }
    if !undated.is_empty() {
        periods.push(undated);
    }
    periods
}

/// The consensus of one period: each origin's latest figure, then the largest
/// (by weight) set of origins whose intervals share a point.
pub(super) fn period_consensus(
    positions: &[usize],
    members: &[&Claim],
    intervals: &[Interval],
    origin_of: &OriginOf,
    running_total: bool,
    weights: Option<&Weights>,
    set_aside: &mut Vec<SetAside>,
) -> Option<Consensus> {
    // Each origin (by index) with the position of its latest claim.
    let mut latest: IndexMap<usize, usize, FxBuildHasher> = IndexMap::default();
    for &position in positions {
        let claim = members[position];
        let origin = origin_of.name(position);
        if let Some(previous) = latest.insert(origin_of.index(position), position) {
            let previous = members[previous];
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
    let last_date = positions
        .iter()
        .filter_map(|&p| members[p].as_of.as_ref())
        .max();
    let as_of_end = |position: usize| {
        let interval = intervals[position];
        if running_total && members[position].as_of.as_ref() < last_date {
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
        .map(|(_, &position)| Candidate {
            claim: members[position],
            interval: as_of_end(position),
            weight: weight_of(weights, origin_of.name(position)),
        })
        .collect();
    let agreeing = largest_agreeing_set(&candidates, true);
    let unweighted = weights
        .map(|_| largest_agreeing_set(&candidates, false))
        .map(|set| consensus_figures(&candidates, &set).1);
    let (mut low, best, mut high) = consensus_figures(&candidates, &agreeing);
    for (index, candidate) in candidates.iter().enumerate() {
        // `agreeing` is in index order.
        if agreeing.binary_search(&index).is_err() {
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

/// An origin's latest figure in a period, as it takes part in the consensus.
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
    let even = !weighted || candidates.iter().all(|c| c.weight == 1.0);
    if even {
        return agreeing_by_sweep(candidates, &points, median);
    }
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

/// [`largest_agreeing_set`] when every origin counts once: the points in
/// ascending order with the intervals that contain each kept by a sweep (an
/// interval joins at its low and leaves after its high), its support the
/// number of them and its narrowest width from a count of widths, so that
/// the cost is a sort, not every origin at every point. The choice between
/// points is the same comparison, in the same order.
fn agreeing_by_sweep(candidates: &[Candidate], points: &[f64], median: f64) -> Vec<usize> {
    use std::collections::BTreeMap;
    let key = |x: f64| {
        let bits = x.to_bits() as i64;
        bits ^ ((((bits >> 63) as u64) >> 1) as i64)
    };
    // An interval whose high is below its low contains no point.
    let sound = |c: &Candidate| c.interval.high.is_none_or(|h| c.interval.low <= h);
    let mut by_low: Vec<usize> = (0..candidates.len())
        .filter(|&i| sound(&candidates[i]))
        .collect();
    by_low.sort_by(|&a, &b| {
        candidates[a]
            .interval
            .low
            .total_cmp(&candidates[b].interval.low)
    });
    let mut by_high: Vec<(f64, usize)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| sound(c))
        .filter_map(|(i, c)| c.interval.high.map(|h| (h, i)))
        .collect();
    by_high.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut widths: BTreeMap<i64, (f64, usize)> = BTreeMap::new();
    let (mut joined, mut left, mut active) = (0, 0, 0usize);
    let mut best: Option<(f64, f64, f64, f64)> = None;
    for &point in points {
        while joined < by_low.len() && candidates[by_low[joined]].interval.low <= point {
            let width = candidates[by_low[joined]].interval.width();
            widths.entry(key(width)).or_insert((width, 0)).1 += 1;
            active += 1;
            joined += 1;
        }
        while left < by_high.len() && by_high[left].0 < point {
            // It joined: its low is at most its high, below this point.
            let width = candidates[by_high[left].1].interval.width();
            if let Some(entry) = widths.get_mut(&key(width)) {
                entry.1 -= 1;
                if entry.1 == 0 {
                    widths.remove(&key(width));
                }
            }
            active -= 1;
            left += 1;
        }
        if active == 0 {
            continue;
        }
        let support = active as f64;
        let narrowest = widths.values().next().map_or(f64::INFINITY, |w| w.0);
        let distance = (point - median).abs();
        let better = match &best {
            None => true,
            Some((s, n, d, p)) => {
                (support, -narrowest, -distance, -point).partial_cmp(&(*s, -*n, -*d, -*p))
                    == Some(std::cmp::Ordering::Greater)
            }
        };
        if better {
            best = Some((support, narrowest, distance, point));
        }
    }
    best.map(|(.., point)| {
        (0..candidates.len())
            .filter(|&i| candidates[i].interval.contains(point))
            .collect()
    })
    .unwrap_or_default()
}

/// Low, best and high of an agreeing set, by [`METHOD`].
fn consensus_figures(candidates: &[Candidate], agreeing: &[usize]) -> (f64, f64, Option<f64>) {
    // No floor at zero: a negative figure (a temperature) has its own low.
    let low = agreeing
        .iter()
        .map(|&i| candidates[i].interval.low)
        .reduce(f64::max)
        .unwrap_or(0.0);
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

/// A running total cannot fall: a period whose own figures say less than an
/// earlier period established (a vague "thousands", a partial count) keeps the
/// earlier low and best.
pub(super) fn carry_forward(consensus: &mut Consensus, (earlier_low, earlier_best): (f64, f64)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Qualifier;
    use crate::reconcile::tests::{claim, run};

    /// `explain` once printed the serialised name with spaces for underscores.
    #[test]
    fn labels_are_the_serialised_names_in_words() {
        for confidence in [
            Confidence::SingleOrigin,
            Confidence::Corroborated,
            Confidence::Contested,
            Confidence::Disputed,
        ] {
            let name = serde_json::to_value(confidence).unwrap();
            assert_eq!(name.as_str().unwrap().replace('_', " "), confidence.label());
        }
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
    fn an_echo_does_not_change_the_consensus() {
        let mut claims = vec![
            claim("a#1", 100.0, Qualifier::Exact, "ministry", "2023-02-10"),
            claim("b#1", 140.0, Qualifier::Exact, "governor", "2023-02-10"),
            claim("c#1", 120.0, Qualifier::Exact, "red cross", "2023-02-11"),
        ];
        let before = run(&claims, false).consensus.unwrap();
        let mut echo = claims[0].clone();
        echo.id = "d#1".into();
        echo.source = "Another outlet".into();
        claims.push(echo);
        let after = run(&claims, false).consensus.unwrap();
        assert_eq!(
            (before.low, before.best, before.high),
            (after.low, after.best, after.high)
        );
    }
}
