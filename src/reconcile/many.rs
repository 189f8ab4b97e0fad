//! Contradictions among many origins: one summary record per set of figures
//! compared together, counted by sorting and sweeping, never pair by pair.
//!
//! Input: the claims of one set compared together (a period, a day of a
//! running total, a group's dated counts, its projections and counts) as
//! [`Entry`]s. Output: a [`Summary`]: the claims at odds with a claim of
//! another origin (each once), how many pairs of claims of different origins
//! conflict, the largest relative gap and the pair of claims behind it, and
//! how many origins have a claim at odds.
//!
//! Why: contradictions are recorded per pair of origins, each record with
//! every claim of both. A table with a distinct origin per row (thousands of
//! origins in a period, all disagreeing) then makes a number of records, and
//! a size of them, that grows with the square of the origins. Past the
//! rules' `pairwise-origins` (origins in one set compared), one record says
//! how many origins' figures cannot all hold; its count and gap are the ones
//! the pairwise records would add up to: exact, by sweeps.
//!
//! How: the lowest high (and highest low) from two different origins is
//! enough to tell whether a claim conflicts with some claim of another
//! origin and by how much ([`TwoBest`]); pairs are counted over all claims
//! with a bisection (or a Fenwick tree over time), less the pairs of the
//! same origin counted the same way. Cost: a few sorts of the set.

use super::contradictions::{
    Contradiction, ContradictionKind, DISJOINT, Entry, PROJECTION, Table, gap_below, severity,
};
use crate::rules::files::ReconcileSettings;

/// A value with its origin and the claim (position) it comes from.
type Held = (f64, usize, usize);

/// The smallest value offered, and the smallest from an origin other than
/// its origin: enough to answer "the smallest value of another origin than
/// this one" for any origin. Ties go to the earlier claim.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TwoBest {
    first: Option<Held>,
    second: Option<Held>,
}

/// True when `a` comes before `b`: a smaller value, or the same from an
/// earlier claim.
fn before(a: Held, b: Option<Held>) -> bool {
    b.is_none_or(|b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)).is_lt())
}

impl TwoBest {
    /// Offers `value` of `origin`, from the claim at `position`.
    pub fn offer(&mut self, value: f64, origin: usize, position: usize) {
        self.offer_held((value, origin, position));
    }

    fn offer_held(&mut self, new: Held) {
        match self.first {
            Some(first) if before(new, Some(first)) => {
                if first.1 != new.1 {
                    self.second = Some(first);
                }
                self.first = Some(new);
            }
            Some(first) => {
                if first.1 != new.1 && before(new, self.second) {
                    self.second = Some(new);
                }
            }
            None => self.first = Some(new),
        }
    }

    /// Both of another's, as if offered here.
    pub fn merge(&mut self, other: &TwoBest) {
        for held in [other.first, other.second].into_iter().flatten() {
            self.offer_held(held);
        }
    }

    /// The smallest value of an origin other than `origin`.
    pub fn other_than(&self, origin: usize) -> Option<Held> {
        match self.first {
            Some(first) if first.1 != origin => Some(first),
            _ => self.second,
        }
    }
}

/// Contradictions within one set of claims compared together, summarised.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Summary {
    /// Claims at odds with some claim of another origin, ascending.
    pub positions: Vec<usize>,
    /// Pairs of claims of different origins that conflict.
    pub count: usize,
    /// The largest relative gap among those pairs.
    pub gap: f64,
    /// The pair of claims behind that gap: the lower (or, for a total that
    /// fell, the earlier) first.
    pub worst: (usize, usize),
    /// Origins with a claim at odds.
    pub origins: usize,
}

/// True when these claims' origins number more than `bound`: their
/// contradictions are then summarised (this module).
pub(super) fn many_origins(origins: impl Iterator<Item = usize>, bound: u32) -> bool {
    let mut seen: crate::fxhash::FxHashSet<usize> = Default::default();
    for origin in origins {
        seen.insert(origin);
        if seen.len() > bound as usize {
            return true;
        }
    }
    false
}

/// The record of a set of claims among many origins: it names the pair of
/// claims furthest apart (their origins), says how many origins are at odds,
/// and lists each claim at odds once.
pub(super) fn record(
    kind: u8,
    summary: Summary,
    table: &Table,
    settings: &ReconcileSettings,
) -> Contradiction {
    let (a, b) = summary.worst;
    let origin = |position: usize| table.origins[table.entries[position].origin];
    let (first, second) = (origin(a), origin(b));
    let n = summary.origins;
    let (reason, contradiction_kind) = match kind {
        DISJOINT => (
            format!(
                "{n} origins give figures that cannot all hold at the same time; furthest apart, {first} and {second}"
            ),
            ContradictionKind::Disjoint,
        ),
        PROJECTION => (
            format!(
                "projections and figures of {n} origins for the same weeks cannot all hold; furthest apart, the projection from {first} and the figure from {second}"
            ),
            ContradictionKind::Disjoint,
        ),
        _ => (
            format!(
                "a running total cannot fall: figures of {n} origins cannot all hold; furthest, {second} reports less on {} than {first} on {}",
                table.date_text(b),
                table.date_text(a)
            ),
            ContradictionKind::TotalFell,
        ),
    };
    Contradiction {
        kind: contradiction_kind,
        origins: vec![first.to_string(), second.to_string()],
        claims: summary
            .positions
            .iter()
            .map(|&p| table.ids[p].clone())
            .collect(),
        count: summary.count,
        reason,
        severity: severity(summary.gap, settings),
        gap: summary.gap,
        origins_at_odds: Some(n),
    }
}

/// Pairs `(x, y)` with `x`'s high below `y`'s low, among `highs` (sorted)
/// and `lows`.
fn pairs_below(highs: &[f64], lows: impl Iterator<Item = f64>) -> usize {
    lows.map(|low| highs.partition_point(|&h| h < low)).sum()
}

/// How many distinct origins in a list of them.
fn distinct(mut origins: Vec<usize>) -> usize {
    origins.sort_unstable();
    origins.dedup();
    origins.len()
}

/// The entries sorted by origin, then day and place (a copy), with the
/// runs of one origin as `(from, to)`: each origin's claims in date order,
/// without a list of its own.
fn by_origin(entries: &[Entry]) -> (Vec<Entry>, Vec<(usize, usize)>) {
    let mut sorted = entries.to_vec();
    sorted.sort_by_key(|e| (e.origin, e.day, e.position));
    let mut runs = Vec::new();
    let mut from = 0;
    for index in 1..=sorted.len() {
        if index == sorted.len() || sorted[index].origin != sorted[from].origin {
            runs.push((from, index));
            from = index;
        }
    }
    (sorted, runs)
}

/// The sum of `pairs` over each origin's claims alone: the pairs of one
/// origin, which are no contradiction.
fn within_origins(entries: &[Entry], pairs: impl Fn(&[Entry]) -> usize) -> usize {
    let (sorted, runs) = by_origin(entries);
    runs.iter()
        .map(|&(from, to)| pairs(&sorted[from..to]))
        .sum()
}

/// Claims of one set compared together whose intervals are disjoint from a
/// claim of another origin; `None` when there is none.
pub(super) fn disjoint(entries: &[Entry]) -> Option<Summary> {
    let mut lowest_highs = TwoBest::default();
    let mut highest_lows = TwoBest::default();
    for e in entries {
        if let Some(high) = e.interval.high {
            lowest_highs.offer(high, e.origin, e.position);
        }
        highest_lows.offer(-e.interval.low, e.origin, e.position);
    }
    let mut positions = Vec::new();
    let mut gap = f64::NEG_INFINITY;
    let mut worst = (0, 0);
    let mut odd_origins = Vec::new();
    for e in entries {
        let below = lowest_highs
            .other_than(e.origin)
            .filter(|&(high, ..)| high < e.interval.low);
        let above = e.interval.high.is_some_and(|high| {
            highest_lows
                .other_than(e.origin)
                .is_some_and(|(low, ..)| high < -low)
        });
        if let Some((high, _, lower)) = below {
            let pair_gap = gap_below(high, e.interval.low);
            if pair_gap > gap {
                gap = pair_gap;
                worst = (lower, e.position);
            }
        }
        if below.is_some() || above {
            positions.push(e.position);
            odd_origins.push(e.origin);
        }
    }
    if positions.is_empty() {
        return None;
    }
    let count = disjoint_pairs(entries) - within_origins(entries, disjoint_pairs);
    positions.sort_unstable();
    let origins = distinct(odd_origins);
    Some(Summary {
        positions,
        count,
        gap,
        worst,
        origins,
    })
}

/// Pairs of claims of `entries` whose intervals are disjoint, whatever
/// their origins.
fn disjoint_pairs(entries: &[Entry]) -> usize {
    let mut highs: Vec<f64> = entries.iter().filter_map(|e| e.interval.high).collect();
    highs.sort_by(f64::total_cmp);
    pairs_below(&highs, entries.iter().map(|e| e.interval.low))
}

/// Claims of a running total reported lower on a later day than a claim of
/// another origin, and those they fell below; `entries` dated. `None` when
/// no total fell.
pub(super) fn fell(entries: &[Entry]) -> Option<Summary> {
    let mut sorted: Vec<Entry> = entries.to_vec();
    sorted.sort_by_key(|e| (e.day, e.position));
    let days = day_runs(&sorted);
    // Lowest highs of strictly later days, then highest lows of strictly
    // earlier days, for each run of one day.
    let mut later = vec![TwoBest::default(); days.len() + 1];
    for (index, &(from, to)) in days.iter().enumerate().rev() {
        let mut here = later[index + 1];
        for e in &sorted[from..to] {
            if let Some(high) = e.interval.high {
                here.offer(high, e.origin, e.position);
            }
        }
        later[index] = here;
    }
    let mut earlier = TwoBest::default();
    let mut positions = Vec::new();
    let mut gap = f64::NEG_INFINITY;
    let mut worst = (0, 0);
    let mut odd_origins = Vec::new();
    for (index, &(from, to)) in days.iter().enumerate() {
        for e in &sorted[from..to] {
            let fell_below = later[index + 1]
                .other_than(e.origin)
                .filter(|&(high, ..)| high < e.interval.low);
            let below_earlier = e.interval.high.is_some_and(|high| {
                earlier
                    .other_than(e.origin)
                    .is_some_and(|(low, ..)| high < -low)
            });
            if let Some((high, _, fallen)) = fell_below {
                let pair_gap = gap_below(high, e.interval.low);
                if pair_gap > gap {
                    gap = pair_gap;
                    worst = (e.position, fallen);
                }
            }
            if fell_below.is_some() || below_earlier {
                positions.push(e.position);
                odd_origins.push(e.origin);
            }
        }
        for e in &sorted[from..to] {
            earlier.offer(-e.interval.low, e.origin, e.position);
        }
    }
    if positions.is_empty() {
        return None;
    }
    let count = fell_pairs(&sorted) - within_origins(&sorted, fell_pairs);
    positions.sort_unstable();
    let origins = distinct(odd_origins);
    Some(Summary {
        positions,
        count,
        gap,
        worst,
        origins,
    })
}

/// The runs of one day in entries sorted by day, as `(from, to)`.
fn day_runs(sorted: &[Entry]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut from = 0;
    for index in 1..=sorted.len() {
        if index == sorted.len() || sorted[index].day != sorted[from].day {
            runs.push((from, index));
            from = index;
        }
    }
    runs
}

/// Counts of values at or below a rank, added one by one (a Fenwick tree).
struct Fenwick(Vec<usize>);

impl Fenwick {
    fn new(size: usize) -> Fenwick {
        Fenwick(vec![0; size + 1])
    }

    /// Adds `by` at rank `rank` (0-based).
    fn add(&mut self, rank: usize, by: isize) {
        let mut at = rank + 1;
        while at < self.0.len() {
            self.0[at] = self.0[at].wrapping_add_signed(by);
            at += at & at.wrapping_neg();
        }
    }

    /// How many were added at ranks below `rank`.
    fn below(&self, rank: usize) -> usize {
        let mut at = rank;
        let mut sum = 0;
        while at > 0 {
            sum += self.0[at];
            at -= at & at.wrapping_neg();
        }
        sum
    }
}

/// Pairs (earlier, later) of `sorted` (by day), on strictly later days,
/// with the later high below the earlier low, whatever their origins.
fn fell_pairs(sorted: &[Entry]) -> usize {
    let mut ranks: Vec<f64> = sorted.iter().map(|e| e.interval.low).collect();
    ranks.sort_by(f64::total_cmp);
    ranks.dedup();
    let mut tree = Fenwick::new(ranks.len());
    let mut inserted = 0;
    let mut count = 0;
    for (from, to) in day_runs(sorted) {
        for e in &sorted[from..to] {
            if let Some(high) = e.interval.high {
                count += inserted - tree.below(ranks.partition_point(|&x| x <= high));
            }
        }
        for e in &sorted[from..to] {
            tree.add(ranks.partition_point(|&x| x < e.interval.low), 1);
            inserted += 1;
        }
    }
    count
}

/// Projected maxima (`projections`) that a count of another origin within
/// `window` days (`counts`, dated) exceeds, and those counts. `None` when
/// no count exceeds a projection.
pub(super) fn projections(projections: &[Entry], counts: &[Entry], window: i64) -> Option<Summary> {
    let mut counts: Vec<Entry> = counts.iter().filter(|e| e.day.is_some()).copied().collect();
    counts.sort_by_key(|e| (e.day, e.position));
    let mut projected: Vec<Entry> = projections
        .iter()
        .filter(|e| e.day.is_some() && e.interval.high.is_some())
        .copied()
        .collect();
    projected.sort_by_key(|e| (e.day, e.position));
    let count_lows = RangeBest::new(&counts, |e| Some(-e.interval.low));
    let projected_highs = RangeBest::new(&projected, |e| e.interval.high);
    let within = |list: &[Entry], day: i64| {
        let from = list.partition_point(|e| e.day.unwrap_or(0) < day - window);
        let to = list.partition_point(|e| e.day.unwrap_or(0) <= day + window);
        (from, to)
    };
    let mut positions = Vec::new();
    let mut gap = f64::NEG_INFINITY;
    let mut worst = (0, 0);
    let mut odd_origins = Vec::new();
    for p in &projected {
        let (Some(day), Some(high)) = (p.day, p.interval.high) else {
            continue;
        };
        let (from, to) = within(&counts, day);
        if count_lows
            .best(from, to)
            .other_than(p.origin)
            .is_some_and(|(low, ..)| high < -low)
        {
            positions.push(p.position);
            odd_origins.push(p.origin);
        }
    }
    if positions.is_empty() {
        return None;
    }
    // The gap is over the count's figure: for each count, the lowest
    // projection of another origin gives its largest.
    for c in &counts {
        let (from, to) = within(&projected, c.day.unwrap_or(0));
        if let Some((high, _, projection)) = projected_highs.best(from, to).other_than(c.origin)
            && high < c.interval.low
        {
            positions.push(c.position);
            odd_origins.push(c.origin);
            let pair_gap = gap_below(high, c.interval.low);
            if pair_gap > gap {
                gap = pair_gap;
                worst = (projection, c.position);
            }
        }
    }
    // Pairs of one origin: its projections against its counts.
    let (projected_by_origin, projection_runs) = by_origin(&projected);
    let (counts_by_origin, count_runs) = by_origin(&counts);
    let mut same = 0;
    let mut next = 0;
    for &(from, to) in &projection_runs {
        let origin = projected_by_origin[from].origin;
        while next < count_runs.len() && counts_by_origin[count_runs[next].0].origin < origin {
            next += 1;
        }
        if let Some(&(c_from, c_to)) = count_runs.get(next)
            && counts_by_origin[c_from].origin == origin
        {
            same += projection_pairs(
                &projected_by_origin[from..to],
                &counts_by_origin[c_from..c_to],
                window,
            );
        }
    }
    let count = projection_pairs(&projected, &counts, window) - same;
    positions.sort_unstable();
    let origins = distinct(odd_origins);
    Some(Summary {
        positions,
        count,
        gap,
        worst,
        origins,
    })
}

/// Pairs (projection, count), both sorted by day, within `window` days of
/// each other, with the projection's high below the count's low, whatever
/// their origins: counts enter and leave a Fenwick tree of their lows as
/// the window slides.
fn projection_pairs(projected: &[Entry], counts: &[Entry], window: i64) -> usize {
    let mut ranks: Vec<f64> = counts.iter().map(|e| e.interval.low).collect();
    ranks.sort_by(f64::total_cmp);
    ranks.dedup();
    let rank = |low: f64| ranks.partition_point(|&x| x < low);
    let mut tree = Fenwick::new(ranks.len());
    let (mut entered, mut left, mut inside) = (0, 0, 0usize);
    let mut count = 0;
    for p in projected {
        let (Some(day), Some(high)) = (p.day, p.interval.high) else {
            continue;
        };
        while entered < counts.len() && counts[entered].day.unwrap_or(0) <= day + window {
            tree.add(rank(counts[entered].interval.low), 1);
            entered += 1;
            inside += 1;
        }
        while left < entered && counts[left].day.unwrap_or(0) < day - window {
            tree.add(rank(counts[left].interval.low), -1);
            left += 1;
            inside -= 1;
        }
        count += inside - tree.below(ranks.partition_point(|&x| x <= high));
    }
    count
}

/// The [`TwoBest`] of any run of a list, from a segment tree over it.
struct RangeBest {
    size: usize,
    nodes: Vec<TwoBest>,
}

impl RangeBest {
    /// Over `list`, each entry offering `value(entry)` when it has one.
    fn new(list: &[Entry], value: impl Fn(&Entry) -> Option<f64>) -> RangeBest {
        let size = list.len();
        let mut nodes = vec![TwoBest::default(); 2 * size];
        for (index, e) in list.iter().enumerate() {
            if let Some(v) = value(e) {
                nodes[size + index].offer(v, e.origin, e.position);
            }
        }
        for index in (1..size).rev() {
            let mut node = nodes[2 * index];
            node.merge(&nodes[2 * index + 1]);
            nodes[index] = node;
        }
        RangeBest { size, nodes }
    }

    /// Over the entries `from..to`.
    fn best(&self, from: usize, to: usize) -> TwoBest {
        let mut best = TwoBest::default();
        let (mut low, mut high) = (from + self.size, to + self.size);
        while low < high {
            if low & 1 == 1 {
                best.merge(&self.nodes[low]);
                low += 1;
            }
            if high & 1 == 1 {
                high -= 1;
                best.merge(&self.nodes[high]);
            }
            low /= 2;
            high /= 2;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::interval::Interval;

    fn entry(position: usize, origin: usize, day: i64, low: f64, high: Option<f64>) -> Entry {
        Entry {
            position,
            origin,
            day: Some(day),
            date: None,
            interval: Interval { low, high },
        }
    }

    /// A small random set: few origins, days and values, so that ties,
    /// copies and open intervals all occur.
    fn random_entries(seed: u64, n: usize) -> Vec<Entry> {
        let mut random = crate::test_random::TestRandom(seed);
        random.step();
        let mut next = |below: u64| random.below(below);
        (0..n)
            .map(|position| {
                let low = next(20) as f64 * 10.0;
                let high = match next(5) {
                    0 => None,
                    width => Some(low + (width - 1) as f64 * 7.0),
                };
                entry(position, next(6) as usize, next(8) as i64, low, high)
            })
            .collect()
    }

    /// The summary the pairs give, visited one by one: `conflict(x, y)`
    /// says whether the pair conflicts, `gap(x, y)` by how much, with `x`
    /// the first of the worst pair.
    fn brute(
        xs: &[Entry],
        ys: &[Entry],
        conflict: impl Fn(&Entry, &Entry) -> bool,
        gap: impl Fn(&Entry, &Entry) -> f64,
    ) -> Option<(Vec<usize>, usize, f64, usize)> {
        let mut positions = Vec::new();
        let mut origins = Vec::new();
        let mut count = 0;
        let mut largest = f64::NEG_INFINITY;
        for x in xs {
            for y in ys {
                if x.origin != y.origin && conflict(x, y) {
                    count += 1;
                    positions.extend([x.position, y.position]);
                    origins.extend([x.origin, y.origin]);
                    largest = largest.max(gap(x, y));
                }
            }
        }
        if count == 0 {
            return None;
        }
        positions.sort_unstable();
        positions.dedup();
        origins.sort_unstable();
        origins.dedup();
        Some((positions, count, largest, origins.len()))
    }

    fn check(summary: Option<Summary>, expected: Option<(Vec<usize>, usize, f64, usize)>) {
        match (summary, expected) {
            (None, None) => {}
            (Some(s), Some((positions, count, gap, origins))) => {
                assert_eq!(s.positions, positions);
                assert_eq!(s.count, count);
                assert_eq!(s.gap.to_bits(), gap.to_bits());
                assert_eq!(s.origins, origins);
            }
            (s, e) => panic!("summary {s:?}, pairs {e:?}"),
        }
    }

    #[test]
    fn disjoint_counts_what_the_pairs_count() {
        for seed in 0..300 {
            let entries = random_entries(seed, 1 + seed as usize % 25);
            let summary = disjoint(&entries);
            if let Some(s) = &summary {
                let (a, b) = s.worst;
                let (x, y) = (&entries[a], &entries[b]);
                assert_ne!(x.origin, y.origin);
                assert_eq!(gap_below(x.interval.high.unwrap(), y.interval.low), s.gap);
            }
            check(
                summary,
                brute(
                    &entries,
                    &entries,
                    |x, y| x.interval.high.is_some_and(|h| h < y.interval.low),
                    |x, y| gap_below(x.interval.high.unwrap(), y.interval.low),
                ),
            );
        }
    }

    #[test]
    fn totals_that_fell_count_what_the_pairs_count() {
        for seed in 0..300 {
            let entries = random_entries(seed + 1000, 1 + seed as usize % 25);
            let summary = fell(&entries);
            if let Some(s) = &summary {
                let (a, b) = s.worst;
                let (e, l) = (&entries[a], &entries[b]);
                assert!(l.day > e.day && l.origin != e.origin);
                assert_eq!(gap_below(l.interval.high.unwrap(), e.interval.low), s.gap);
            }
            check(
                summary,
                brute(
                    &entries,
                    &entries,
                    |e, l| l.day > e.day && l.interval.high.is_some_and(|h| h < e.interval.low),
                    |e, l| gap_below(l.interval.high.unwrap(), e.interval.low),
                ),
            );
        }
    }

    #[test]
    fn projections_count_what_the_pairs_count() {
        for seed in 0..300 {
            let entries = random_entries(seed + 2000, 2 + seed as usize % 30);
            let (projected, counted) = entries.split_at(entries.len() / 3);
            let window = (seed % 4) as i64;
            let summary = projections(projected, counted, window);
            check(
                summary,
                brute(
                    projected,
                    counted,
                    |p, c| {
                        (p.day.unwrap() - c.day.unwrap()).abs() <= window
                            && p.interval.high.is_some_and(|h| h < c.interval.low)
                    },
                    |p, c| gap_below(p.interval.high.unwrap(), c.interval.low),
                ),
            );
        }
    }

    #[test]
    fn a_small_example_exactly() {
        // Origins 0, 1 and 2; 0's 100 is below 1's 200 and 2's 300 and 1's
        // 200 below 2's 300: three pairs; 0's 150-400 is at odds with none.
        let entries = [
            entry(0, 0, 0, 100.0, Some(100.0)),
            entry(1, 0, 0, 150.0, Some(400.0)),
            entry(2, 1, 0, 200.0, Some(200.0)),
            entry(3, 2, 0, 300.0, Some(300.0)),
            entry(4, 2, 0, 300.0, None),
        ];
        let summary = disjoint(&entries).unwrap();
        assert_eq!(summary.positions, [0, 2, 3, 4]);
        // 100 < 200, 100 < 300 (twice), 200 < 300 (twice).
        assert_eq!(summary.count, 5);
        assert_eq!(summary.gap, 200.0 / 300.0);
        assert_eq!(summary.worst, (0, 3));
        assert_eq!(summary.origins, 3);
    }

    #[test]
    fn two_best_keeps_another_origin() {
        let mut best = TwoBest::default();
        best.offer(5.0, 1, 0);
        best.offer(3.0, 1, 1);
        best.offer(4.0, 2, 2);
        best.offer(1.0, 2, 3);
        assert_eq!(best.other_than(1), Some((1.0, 2, 3)));
        assert_eq!(best.other_than(2), Some((3.0, 1, 1)));
        assert_eq!(best.other_than(3), Some((1.0, 2, 3)));
        let mut alone = TwoBest::default();
        alone.offer(2.0, 7, 0);
        assert_eq!(alone.other_than(7), None);
    }
}
