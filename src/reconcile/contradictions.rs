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
//! Records are per pair of origins (and kind), each with every claim behind
//! it, while a set of claims compared together (a period, a day of a
//! running total, the dated figures of a running total, projections and
//! counts) has at most `pairwise-origins` origins, as in any report of
//! articles. Past it, pairs of origins would grow with the square of the
//! origins (a table with an origin per row): one record per set summarises
//! them instead ([`super::many`]), with `origins_at_odds` set, each claim at
//! odds listed once, and the count of pairs and largest gap the pairwise
//! records would have added up to.
//!
//! Invariants: figures of one origin never contradict each other (a change is
//! a revision, shown as a timeline); undated figures are never compared in time.

use crate::fxhash::{FxBuildHasher, FxHashMap};

use indexmap::IndexMap;
use jiff::civil::Date;

pub use super::contradiction::{Contradiction, ContradictionKind, Severity};
use super::interval::Interval;
use super::many::{self, Summary};
use super::origins::OriginOf;
use crate::model::{Claim, ClaimId};
use crate::rules::files::ReconcileSettings;

/// The severity of a gap, by the rules' cut-offs.
pub(super) fn severity(gap: f64, settings: &ReconcileSettings) -> Severity {
    if gap >= settings.severity_high {
        Severity::High
    } else if gap >= settings.severity_medium {
        Severity::Medium
    } else {
        Severity::Low
    }
}

/// The relative gap between a figure that ends at `high` and a higher one
/// that starts at `low`: distance over the larger figure.
pub(super) fn gap_below(high: f64, low: f64) -> f64 {
    (low - high).max(0.0) / low.max(1.0)
}

/// Days since 1970-01-01: dates compared as numbers, converted once.
pub(super) fn day_number(date: Date) -> i64 {
    i64::from((date - Date::constant(1970, 1, 1)).get_days())
}

/// A claim as the contradiction passes read it: its place in reconciliation
/// order, its origin (an index), its day and its interval.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub position: usize,
    pub origin: usize,
    pub day: Option<i64>,
    pub date: Option<Date>,
    pub interval: Interval,
}

/// The claims and origins of a group, as the passes read them.
pub(super) struct Table<'a> {
    /// Every claim, in reconciliation order.
    pub entries: Vec<Entry>,
    /// Claim ids, in reconciliation order.
    pub ids: Vec<&'a ClaimId>,
    /// Origin names, by index.
    pub origins: Vec<&'a str>,
}

impl<'a> Table<'a> {
    pub fn new(
        members: &[&'a Claim],
        intervals: &[Interval],
        origin_of: &'a OriginOf,
    ) -> Table<'a> {
        // Each origin index's index among `origins`, in order of first claim.
        let mut origin_index: Vec<Option<usize>> = vec![None; origin_of.count()];
        let mut origins: Vec<&'a str> = Vec::new();
        let mut entries = Vec::with_capacity(members.len());
        for (position, claim) in members.iter().enumerate() {
            let origin = *origin_index[origin_of.index(position)].get_or_insert_with(|| {
                origins.push(origin_of.name(position));
                origins.len() - 1
            });
            entries.push(Entry {
                position,
                origin,
                day: claim.as_of.map(day_number),
                date: claim.as_of,
                interval: intervals[position],
            });
        }
        Table {
            entries,
            ids: members.iter().map(|c| &c.id).collect(),
            origins,
        }
    }

    /// The as-of date of the claim at `position`, as a reason names it; ""
    /// for an undated claim.
    pub fn date_text(&self, position: usize) -> String {
        self.entries[position]
            .date
            .map(|d| d.to_string())
            .unwrap_or_default()
    }
}

/// Contradictions being gathered, one per kind of conflict and pair of origins.
#[derive(Default)]
pub(super) struct Gathered {
    by_key: IndexMap<(u8, usize, usize), Gathering, FxBuildHasher>,
    /// Sets of claims compared together among more origins than the rules'
    /// `pairwise-origins`: one record each, by kind.
    summaries: Vec<(u8, Summary)>,
}

/// One contradiction being gathered: its claims (positions), pairs, largest
/// gap and the pair of claims behind that gap.
struct Gathering {
    /// In the order added, with repeats until [`Gathering::compact`] or
    /// [`Gathered::finish`] sorts them and drops the repeats.
    positions: Vec<usize>,
    /// How many positions there were after the last compaction.
    compacted: usize,
    count: usize,
    gap: f64,
    worst: (usize, usize),
}

impl Gathering {
    /// Adds `positions`, compacting them once they have doubled since the
    /// last time.
    fn extend(&mut self, positions: &[usize]) {
        self.positions.extend_from_slice(positions);
        if self.positions.len() >= 2 * self.compacted + COMPACT_PAST {
            self.compact();
        }
    }

    /// Sorts the positions and drops the repeats, as [`Gathered::finish`]
    /// does: a claim's position is added again for each claim (or distinct
    /// projection) it is at odds with, so that, held until the end, the
    /// positions grew with the pairs, not the claims. Before copies of a
    /// projection were merged, one quantity of 11,275 claims on `many-64MB`
    /// took 30 MB while it was reconciled, and 5 MB with the compaction.
    fn compact(&mut self) {
        self.positions.sort_unstable();
        self.positions.dedup();
        self.compacted = self.positions.len();
    }
}

/// How many positions a gathering takes beyond twice what its last
/// compaction left before it is compacted again: the positions stay within
/// about twice the claims behind it, and each compaction sorts at least
/// this many new ones.
const COMPACT_PAST: usize = 1024;

pub(super) const DISJOINT: u8 = 0;
pub(super) const PROJECTION: u8 = 1;
pub(super) const FELL: u8 = 2;

impl Gathered {
    fn add(
        &mut self,
        key: (u8, usize, usize),
        positions: &[usize],
        count: usize,
        gap: f64,
        worst: (usize, usize),
    ) {
        let entry = self.by_key.entry(key).or_insert_with(|| Gathering {
            positions: Vec::new(),
            compacted: 0,
            count: 0,
            gap: f64::NEG_INFINITY,
            worst,
        });
        entry.extend(positions);
        entry.count += count;
        if gap > entry.gap {
            entry.gap = gap;
            entry.worst = worst;
        }
    }

    /// Adds `positions` to the claims behind the contradiction at `key`,
    /// already gathered.
    fn add_positions(&mut self, key: (u8, usize, usize), positions: &[usize]) {
        if let Some(entry) = self.by_key.get_mut(&key) {
            entry.extend(positions);
        }
    }

    /// The contradictions, kind by kind (disjoint, projections, totals that
    /// fell), each kind's by its earliest claim.
    pub fn finish(self, table: &Table, settings: &ReconcileSettings) -> Vec<Contradiction> {
        let mut found: Vec<(u8, usize, usize, Contradiction)> = self
            .by_key
            .into_iter()
            .map(|((kind, a, b), mut gathering)| {
                gathering.compact();
                // Two origins at odds are named in the order their claims
                // behind it come.
                let (a, b) = match kind {
                    DISJOINT if table.entries[gathering.positions[0]].origin == b => (b, a),
                    _ => (a, b),
                };
                let (first, second) = (table.origins[a], table.origins[b]);
                // A projection's origins are named in the order their
                // claims come too, though its reason names the projection
                // first.
                let origins = if kind == PROJECTION
                    && table.entries[gathering.positions[0]].origin == b
                {
                    vec![second.to_string(), first.to_string()]
                } else {
                    vec![first.to_string(), second.to_string()]
                };
                let (worst_a, worst_b) = gathering.worst;
                let (reason, contradiction_kind) = match kind {
                    // Joined, not formatted: a large table has a million
                    // of these.
                    DISJOINT => (
                        [first, " and ", second, " give figures that cannot both hold at the same time"]
                            .concat(),
                        ContradictionKind::Disjoint,
                    ),
                    PROJECTION => (
                        [
                            "the projection from ",
                            first,
                            " and the figure from ",
                            second,
                            " for the same weeks cannot both hold",
                        ]
                        .concat(),
                        ContradictionKind::Disjoint,
                    ),
                    _ => (
                        format!(
                            "a running total cannot fall: {second} reports less on {} than {first} on {}",
                            table.date_text(worst_b),
                            table.date_text(worst_a)
                        ),
                        ContradictionKind::TotalFell,
                    ),
                };
                let earliest = gathering.positions[0];
                let contradiction = Contradiction {
                    kind: contradiction_kind,
                    origins,
                    claims: gathering
                        .positions
                        .iter()
                        .map(|&p| table.ids[p].clone())
                        .collect(),
                    count: gathering.count,
                    reason,
                    severity: severity(gathering.gap, settings),
                    gap: gathering.gap,
                    origins_at_odds: None,
                };
                (kind, earliest, gathering.positions.get(1).copied().unwrap_or(0), contradiction)
            })
            .collect();
        found.extend(self.summaries.into_iter().map(|(kind, summary)| {
            let earliest = summary.positions[0];
            let next = summary.positions.get(1).copied().unwrap_or(0);
            (
                kind,
                earliest,
                next,
                many::record(kind, summary, table, settings),
            )
        }));
        found.sort_by_key(|(kind, earliest, next, _)| (*kind, *earliest, *next));
        found.into_iter().map(|(.., c)| c).collect()
    }
}

/// Figures of one origin alike in a set of claims compared together (the
/// same interval): one figure, with the positions of its copies.
struct Figure {
    low: f64,
    high: Option<f64>,
    positions: Vec<usize>,
}

/// The claims of each origin in `entries`, copies of one figure merged.
fn figures_by_origin(entries: &[Entry]) -> IndexMap<usize, Vec<Figure>, FxBuildHasher> {
    let mut by_origin: IndexMap<usize, Vec<Figure>, FxBuildHasher> = IndexMap::default();
    let mut seen: FxHashMap<(usize, u64, Option<u64>), (usize, usize)> = FxHashMap::default();
    for entry in entries {
        let key = (
            entry.origin,
            entry.interval.low.to_bits(),
            entry.interval.high.map(f64::to_bits),
        );
        let list = by_origin.entry(entry.origin).or_default();
        match seen.get(&key) {
            Some(&(_, index)) => list[index].positions.push(entry.position),
            None => {
                seen.insert(key, (entry.origin, list.len()));
                list.push(Figure {
                    low: entry.interval.low,
                    high: entry.interval.high,
                    positions: vec![entry.position],
                });
            }
        }
    }
    by_origin
}

/// Within one set of claims compared together, each pair of origins whose
/// figures cannot all hold: for each pair, the claims behind it, the pairs
/// of claims, the largest gap. Cost: a sort per origin, then per pair of
/// origins a merge of their figures (no pair of claims is visited).
fn disjoint_origins(entries: &[Entry], pairwise_origins: u32, gathered: &mut Gathered) {
    // Among many origins, one summary; told before any figure is merged.
    if many::many_origins(entries.iter().map(|e| e.origin), pairwise_origins) {
        if let Some(summary) = many::disjoint(entries) {
            gathered.summaries.push((DISJOINT, summary));
        }
        return;
    }
    let by_origin = figures_by_origin(entries);
    if by_origin.len() < 2 {
        return;
    }
    // Per origin: highs ascending with copies counted up to each, lows.
    struct Side<'f> {
        origin: usize,
        figures: &'f [Figure],
        /// (high, copies up to and including this one), ascending.
        highs: Vec<(f64, usize)>,
        min_high: Option<(f64, usize)>,
        max_low: f64,
    }
    let sides: Vec<Side> = by_origin
        .iter()
        .map(|(&origin, figures)| {
            let mut highs: Vec<(f64, usize, usize)> = figures
                .iter()
                .filter_map(|f| f.high.map(|h| (h, f.positions.len(), f.positions[0])))
                .collect();
            highs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
            let min_high = highs.first().map(|&(h, _, p)| (h, p));
            let mut running = 0;
            let highs = highs
                .into_iter()
                .map(|(h, n, _)| {
                    running += n;
                    (h, running)
                })
                .collect();
            let max_low = figures
                .iter()
                .map(|f| f.low)
                .fold(f64::NEG_INFINITY, f64::max);
            Side {
                origin,
                figures,
                highs,
                min_high,
                max_low,
            }
        })
        .collect();
    for (i, a) in sides.iter().enumerate() {
        for b in &sides[i + 1..] {
            let a_below = a.min_high.is_some_and(|(h, _)| h < b.max_low);
            let b_below = b.min_high.is_some_and(|(h, _)| h < a.max_low);
            if !a_below && !b_below {
                continue;
            }
            let mut positions = Vec::new();
            let mut count = 0;
            let mut gap = f64::NEG_INFINITY;
            let mut worst = (0, 0);
            // Pairs with a figure of `lower` below one of `upper`.
            let mut below = |lower: &Side, upper: &Side| {
                let Some((min_high, min_position)) = lower.min_high else {
                    return;
                };
                for figure in upper.figures {
                    if figure.low > min_high {
                        let under = lower.highs.partition_point(|&(h, _)| h < figure.low);
                        let copies = lower.highs[under - 1].1;
                        count += copies * figure.positions.len();
                        positions.extend_from_slice(&figure.positions);
                        let figure_gap = gap_below(min_high, figure.low);
                        if figure_gap > gap {
                            gap = figure_gap;
                            worst = (min_position, figure.positions[0]);
                        }
                    }
                }
                for figure in lower.figures {
                    if figure.high.is_some_and(|h| h < upper.max_low) {
                        positions.extend_from_slice(&figure.positions);
                    }
                }
            };
            if a_below {
                below(a, b);
            }
            if b_below {
                below(b, a);
            }
            positions.sort_unstable();
            // Origins are numbered in the order their first claims come, so
            // the pair is named in that order, whatever the period.
            let key = (DISJOINT, a.origin.min(b.origin), a.origin.max(b.origin));
            gathered.add(key, &positions, count, gap, worst);
        }
    }
}

/// Within each period, pairs of origins whose intervals cannot both hold;
/// for a running total, only figures of the same day are compared (figures
/// of different days are growth or a fall, judged by [`totals_that_fell`]).
pub(super) fn disjoint_within_periods(
    periods: &[Vec<usize>],
    table: &Table,
    running_total: bool,
    settings: &ReconcileSettings,
    gathered: &mut Gathered,
) {
    let pairwise_origins = settings.pairwise_origins;
    for period in periods {
        // Undated claims cannot be placed in time; they are shown, not compared.
        if period.iter().any(|&p| table.entries[p].date.is_none()) {
            continue;
        }
        let entries: Vec<Entry> = period.iter().map(|&p| table.entries[p]).collect();
        if running_total {
            let mut by_day: IndexMap<i64, Vec<Entry>, FxBuildHasher> = IndexMap::default();
            for entry in entries {
                by_day
                    .entry(entry.day.unwrap_or(0))
                    .or_default()
                    .push(entry);
            }
            for day in by_day.values() {
                disjoint_origins(day, pairwise_origins, gathered);
            }
        } else {
            disjoint_origins(&entries, pairwise_origins, gathered);
        }
    }
}

/// A projected maximum ("up to 10,000 about to enter the war") that another
/// origin's count of the same weeks already exceeds is a disagreement worth
/// showing, though the projection never enters a consensus. Counts are
/// found by date with a bisection, not compared with every projection; the
/// copies of one projection (one origin, day and ceiling: an article in
/// many outlets) are compared once, and join what it found.
pub(super) fn projections_against_counts(
    projections: &[usize],
    counts: &[usize],
    table: &Table,
    settings: &ReconcileSettings,
    gathered: &mut Gathered,
) {
    if projections.is_empty() {
        return;
    }
    let window = i64::from(settings.window_days);
    let origin = |&position: &usize| table.entries[position].origin;
    if many::many_origins(
        projections.iter().chain(counts).map(origin),
        settings.pairwise_origins,
    ) {
        let entries = |positions: &[usize]| -> Vec<Entry> {
            positions.iter().map(|&p| table.entries[p]).collect()
        };
        if let Some(summary) = many::projections(&entries(projections), &entries(counts), window) {
            gathered.summaries.push((PROJECTION, summary));
        }
        return;
    }
    let mut dated: Vec<(i64, usize)> = counts
        .iter()
        .filter_map(|&p| table.entries[p].day.map(|d| (d, p)))
        .collect();
    dated.sort_unstable();
    let mut touched: Vec<(u8, usize, usize)> = Vec::new();
    for copies in projection_copies(projections, table) {
        // Copies meet the same counts with the same gaps, so the first copy
        // stands for them all: its pairs come first, as they did when each
        // copy was compared in turn, and a later copy's equal gap never
        // displaced the pair behind the largest.
        let first = copies[0];
        let p = table.entries[first];
        let (Some(day), Some(high)) = (p.day, p.interval.high) else {
            continue;
        };
        let from = dated.partition_point(|&(d, _)| d < day - window);
        let to = dated.partition_point(|&(d, _)| d <= day + window);
        touched.clear();
        for &(_, count) in &dated[from..to] {
            let c = table.entries[count];
            if c.origin == p.origin || high >= c.interval.low {
                continue;
            }
            let key = (PROJECTION, p.origin, c.origin);
            let gap = gap_below(high, c.interval.low);
            gathered.add(key, &[count], copies.len(), gap, (first, count));
            if !touched.contains(&key) {
                touched.push(key);
            }
        }
        for &key in &touched {
            gathered.add_positions(key, &copies);
        }
    }
}

/// The positions of `projections`, copies of one projection (the same
/// origin, day and ceiling) together, in the order of each one's first.
fn projection_copies(projections: &[usize], table: &Table) -> Vec<Vec<usize>> {
    let mut copies: Vec<Vec<usize>> = Vec::new();
    let mut first_of: FxHashMap<(usize, Option<i64>, Option<u64>), usize> = FxHashMap::default();
    for &position in projections {
        let entry = table.entries[position];
        let key = (
            entry.origin,
            entry.day,
            entry.interval.high.map(f64::to_bits),
        );
        match first_of.get(&key) {
            Some(&index) => copies[index].push(position),
            None => {
                first_of.insert(key, copies.len());
                copies.push(vec![position]);
            }
        }
    }
    copies
}

/// A running total reported lower on a later day by another origin: for each
/// pair of origins (the one that said more first), the claims behind it,
/// counted with a sweep over their figures in date order.
pub(super) fn totals_that_fell(
    claims: &[usize],
    table: &Table,
    settings: &ReconcileSettings,
    gathered: &mut Gathered,
) {
    let dated = claims.iter().filter(|&&p| table.entries[p].day.is_some());
    let origins = dated.clone().map(|&p| table.entries[p].origin);
    if many::many_origins(origins, settings.pairwise_origins) {
        let entries: Vec<Entry> = dated.map(|&p| table.entries[p]).collect();
        if let Some(summary) = many::fell(&entries) {
            gathered.summaries.push((FELL, summary));
        }
        return;
    }
    let mut by_origin: IndexMap<usize, Vec<Entry>, FxBuildHasher> = IndexMap::default();
    for &position in claims {
        let entry = table.entries[position];
        if entry.day.is_some() {
            by_origin.entry(entry.origin).or_default().push(entry);
        }
    }
    for list in by_origin.values_mut() {
        list.sort_by_key(|e| (e.day, e.position));
    }
    let origins: Vec<&Vec<Entry>> = by_origin.values().collect();
    for earlier in &origins {
        for later in &origins {
            if earlier[0].origin == later[0].origin {
                continue;
            }
            fell_between(earlier, later, gathered);
        }
    }
}

/// The claims of `later`'s origin that report less, on a later day, than a
/// claim of `earlier`'s origin: counted with the later highs sorted (a
/// suffix by day) and the earlier lows sorted (a prefix by day).
fn fell_between(earlier: &[Entry], later: &[Entry], gathered: &mut Gathered) {
    // For each earlier claim, the lowest high reported later by the other
    // origin (suffix minimum over `later` by day), and where.
    let mut suffix_min: Vec<Option<(f64, usize)>> = vec![None; later.len() + 1];
    for index in (0..later.len()).rev() {
        let here = later[index]
            .interval
            .high
            .map(|h| (h, later[index].position));
        suffix_min[index] = match (here, suffix_min[index + 1]) {
            (Some(h), Some(m)) if h.0 <= m.0 => Some(h),
            (Some(h), None) => Some(h),
            (_, m) => m,
        };
    }
    let mut positions = Vec::new();
    let mut gap = f64::NEG_INFINITY;
    let mut worst = (0, 0);
    for e in earlier {
        let day = e.day.unwrap_or(0);
        let after = later.partition_point(|l| l.day.unwrap_or(0) <= day);
        if let Some((high, position)) = suffix_min[after]
            && high < e.interval.low
        {
            positions.push(e.position);
            let pair_gap = gap_below(high, e.interval.low);
            if pair_gap > gap {
                gap = pair_gap;
                worst = (e.position, position);
            }
        }
    }
    if positions.is_empty() {
        return;
    }
    // The later claims below some earlier one, and the pairs: for each later
    // claim, the earlier lows above its high among earlier days, counted in
    // a Fenwick tree over the earlier lows' ranks.
    let mut ranks: Vec<f64> = earlier.iter().map(|e| e.interval.low).collect();
    ranks.sort_by(f64::total_cmp);
    ranks.dedup();
    let mut tree = vec![0usize; ranks.len() + 1];
    let mut inserted = 0;
    let mut count = 0;
    let mut next = 0;
    for l in later {
        let day = l.day.unwrap_or(0);
        while next < earlier.len() && earlier[next].day.unwrap_or(0) < day {
            let low = earlier[next].interval.low;
            let mut at = ranks.partition_point(|&x| x < low) + 1;
            while at < tree.len() {
                tree[at] += 1;
                at += at & at.wrapping_neg();
            }
            inserted += 1;
            next += 1;
        }
        if let Some(high) = l.interval.high {
            // Earlier lows at or below `high`, then those above it.
            let mut at = ranks.partition_point(|&x| x <= high);
            let mut at_or_below = 0;
            while at > 0 {
                at_or_below += tree[at];
                at -= at & at.wrapping_neg();
            }
            let above = inserted - at_or_below;
            if above > 0 {
                count += above;
                positions.push(l.position);
            }
        }
    }
    positions.sort_unstable();
    gathered.add(
        (FELL, earlier[0].origin, later[0].origin),
        &positions,
        count,
        gap,
        worst,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Qualifier;
    use crate::reconcile::Confidence;
    use crate::reconcile::tests::{claim, run};

    /// A pair of origins added once for each pair of claims at odds holds
    /// about twice its claims' positions while it is gathered, not one for
    /// each pair, and finishes with each claim once and every pair counted.
    #[test]
    fn gathered_positions_stay_near_the_claims_behind_them() {
        let mut gathered = Gathered::default();
        let (projections, counts) = (0..300usize, 300..600usize);
        for projection in projections {
            for count in counts.clone() {
                gathered.add((PROJECTION, 0, 1), &[projection, count], 1, 1.0, (0, 300));
            }
        }
        let gathering = &gathered.by_key[&(PROJECTION, 0, 1)];
        assert!(
            gathering.positions.len() <= 2 * 600 + COMPACT_PAST,
            "{} positions held for 600 claims",
            gathering.positions.len()
        );
        assert_eq!(gathering.count, 90_000);
        let mut compacted = gathered.by_key.swap_remove(&(PROJECTION, 0, 1)).unwrap();
        compacted.compact();
        assert_eq!(compacted.positions, (0..600).collect::<Vec<_>>());
    }

    /// Copies of a projection (one origin, day and ceiling) are compared
    /// once and join the contradiction their first copy finds: every copy
    /// is among its claims, and each copy's pairs are counted.
    #[test]
    fn copies_of_a_projection_share_its_contradiction() {
        let projection = |id: &str, value: f64| {
            let mut claim = claim(id, value, Qualifier::AtMost, "the West", "2024-11-01");
            claim.modality = crate::model::Modality::Projection;
            claim
        };
        let count = |id: &str, as_of: &str| {
            claim(
                id,
                15000.0,
                Qualifier::Exact,
                "South Korean intelligence",
                as_of,
            )
        };
        let claims = [
            projection("p1#1", 10000.0),
            count("c1#1", "2024-11-03"),
            projection("p2#1", 10000.0),
            // Not a copy: its ceiling is above the counts.
            projection("p4#1", 20000.0),
            projection("p3#1", 10000.0),
            count("c2#1", "2024-11-05"),
        ];
        let result = run(&claims, false);
        assert_eq!(result.contradictions.len(), 1);
        let contradiction = &result.contradictions[0];
        let mut ids: Vec<String> = contradiction
            .claims
            .iter()
            .map(ClaimId::to_string)
            .collect();
        ids.sort_unstable();
        assert_eq!(ids, ["c1#1", "c2#1", "p1#1", "p2#1", "p3#1"]);
        assert_eq!(contradiction.count, 6);
        assert_eq!(
            contradiction.origins,
            ["the West", "South Korean intelligence"]
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
    fn one_contradiction_per_pair_of_origins_with_the_claims_behind_it() {
        // Two origins, three figures each, all of one day: nine pairs of
        // claims conflict, one contradiction says so.
        let mut claims = Vec::new();
        for (index, value) in [100.0, 101.0, 102.0].into_iter().enumerate() {
            claims.push(claim(
                &format!("a#{index}"),
                value,
                Qualifier::Exact,
                "ministry",
                "2023-02-10",
            ));
            claims.push(claim(
                &format!("b#{index}"),
                value + 500.0,
                Qualifier::Exact,
                "governor",
                "2023-02-10",
            ));
        }
        let result = run(&claims, false);
        assert_eq!(result.contradictions.len(), 1);
        let contradiction = &result.contradictions[0];
        assert_eq!(contradiction.count, 9);
        assert_eq!(contradiction.origins, ["ministry", "governor"]);
        assert_eq!(contradiction.claims.len(), 6);
        assert_eq!(contradiction.severity, Severity::High);
        // A running total: figures of one day are compared as a level; a
        // later, lower figure of another origin is a fall, one per pair.
        let mut claims = vec![
            claim("c#1", 5000.0, Qualifier::Exact, "ministry", "2023-02-10"),
            claim("c#2", 5100.0, Qualifier::Exact, "ministry", "2023-02-11"),
        ];
        for index in 0..4 {
            claims.push(claim(
                &format!("d#{index}"),
                3000.0 + f64::from(index),
                Qualifier::Exact,
                "governor",
                "2023-03-20",
            ));
        }
        let result = run(&claims, true);
        assert_eq!(result.contradictions.len(), 1);
        assert_eq!(result.contradictions[0].kind, ContradictionKind::TotalFell);
        assert_eq!(result.contradictions[0].count, 8);
        assert_eq!(result.contradictions[0].claims.len(), 6);
    }

    /// Reconciles under the default settings but for `pairwise-origins`.
    fn run_with_bound(claims: &[Claim], running_total: bool, bound: u32) -> Vec<Contradiction> {
        let refs: Vec<&Claim> = claims.iter().collect();
        let settings = ReconcileSettings {
            pairwise_origins: bound,
            ..ReconcileSettings::default()
        };
        let rules = crate::reconcile::QuantityRules {
            settings: &settings,
            running_total,
        };
        crate::reconcile::reconcile(&refs, &[], &rules, None).contradictions
    }

    #[test]
    fn past_pairwise_origins_one_record_says_what_the_pairs_say() {
        // Six numbered agencies (six origins), figures of two days, some
        // copied: as a level, one period; as a running total, two days
        // compared apart and a fall between them.
        let mut claims = Vec::new();
        for index in 0..12u32 {
            let day = if index < 6 {
                "2023-02-10"
            } else {
                "2023-02-12"
            };
            let value = 1001.0 + f64::from((index * 7) % 5) * 97.0;
            claims.push(claim(
                &format!("c#{index}"),
                value,
                Qualifier::Exact,
                &format!("agency {}", index % 6),
                day,
            ));
        }
        for running_total in [false, true] {
            let pairs = run_with_bound(&claims, running_total, 32);
            let summaries = run_with_bound(&claims, running_total, 3);
            assert!(pairs.iter().all(|c| c.origins_at_odds.is_none()));
            assert!(pairs.len() > summaries.len());
            for kind in [ContradictionKind::Disjoint, ContradictionKind::TotalFell] {
                let of_kind = |list: &[Contradiction]| {
                    let list: Vec<&Contradiction> =
                        list.iter().filter(|c| c.kind == kind).collect();
                    let count: usize = list.iter().map(|c| c.count).sum();
                    let gap = list.iter().map(|c| c.gap).fold(f64::NEG_INFINITY, f64::max);
                    let mut ids: Vec<ClaimId> =
                        list.iter().flat_map(|c| c.claims.iter().cloned()).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    (count, gap.to_bits(), ids)
                };
                assert_eq!(of_kind(&pairs), of_kind(&summaries), "{kind:?}");
            }
            for summary in &summaries {
                let n = summary.origins_at_odds.expect("a summary");
                assert!(n > 3 && n <= 6);
                let mut ids = summary.claims.clone();
                ids.dedup();
                assert_eq!(ids.len(), summary.claims.len());
                assert!(summary.reason.contains(&format!("{n} origins")));
            }
        }
        let level = run_with_bound(&claims, false, 3);
        assert_eq!(level.len(), 1);
        assert_eq!(level[0].origins_at_odds, Some(6));
        assert_eq!(level[0].origins, ["agency 0", "agency 2"]);
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
