//! Denials: a denial contradicts the figures it denies.
//!
//! Input: a group's members, the places of the asserted ones, each member's
//! origin, the denials attached to the group and the rules' window. Output: one [`Contradiction`] per origin
//! that denies and origin whose figures are denied, naming both, with every
//! denial and figure behind it and how many (denial, figure) pairs it
//! stands for.
//!
//! Why per pair of origins: each copy of an article that carries a denial
//! denies every copy of the figures, so one record per denial listing every
//! figure it denies grew with the square of the copies (on 64 MB of
//! replicated articles, about 1,350 denials of some 11,000 figures in one
//! quantity: 15 million ids copied, most of a 1.4 GB peak). Here each figure
//! is written once per pair of origins, and each denial costs a look at
//! each origin, not at each figure.
//!
//! Invariant: a denial is always of high severity, and names who denies.
//! The records are those the report's summary (`report::pairs`) made of one
//! record per denial: the same order, claims, counts and reasons.

use crate::fxhash::{FxHashMap, FxHashSet};

use super::contradictions::{Contradiction, ContradictionKind, Severity, day_number};
use super::interval::point_of;
use super::origins::OriginOf;
use crate::model::{Claim, ClaimId, Denial};

/// Who a denial comes from, as an origin is named: its source, else its
/// outlet, else its document.
pub fn denial_origin(denial: &Denial) -> String {
    [&denial.attribution, &denial.source, &denial.doc]
        .into_iter()
        .find(|name| !name.is_empty())
        .cloned()
        .unwrap_or_default()
}

/// The positive figures of one origin: the ones a denial can deny.
struct OriginFigures<'a> {
    name: &'a str,
    /// Places among the members of the undated figures, ascending.
    undated: Vec<usize>,
    /// Day and place of the dated figures, in that order.
    dated: Vec<(i64, usize)>,
}

impl OriginFigures<'_> {
    /// The dated figures a denial of `day` (undated: `None`) denies, as a
    /// range of `dated`: those within `window` days, or all.
    fn window(&self, day: Option<i64>, window: i64) -> (usize, usize) {
        match day {
            None => (0, self.dated.len()),
            Some(day) => (
                self.dated.partition_point(|&(d, _)| d < day - window),
                self.dated.partition_point(|&(d, _)| d <= day + window),
            ),
        }
    }
}

/// One denier against one origin, as it grows denial by denial.
struct Record<'a> {
    origin: usize,
    denier: usize,
    reason: String,
    claims: Vec<ClaimId>,
    count: usize,
    /// The denials already named (a repeated id is named once).
    denials: FxHashSet<&'a str>,
    undated_named: bool,
    dated_unnamed: Untaken,
}

impl<'a> Record<'a> {
    /// The record a denial opens: the denial, then the figures of `of` it
    /// denies (its window `from..to` of the dated ones, and the undated
    /// ones), in the order of the claims.
    fn open(
        (denier, origin): (usize, usize),
        (denial, reason): (&'a Denial, String),
        (of, from, to): (&OriginFigures, usize, usize),
        members: &[&Claim],
    ) -> Record<'a> {
        let mut denied: Vec<usize> = of.dated[from..to].iter().map(|&(_, i)| i).collect();
        denied.extend(&of.undated);
        denied.sort_unstable();
        let mut ids = Vec::with_capacity(denied.len() + 1);
        ids.push(ClaimId::from(denial.id.clone()));
        ids.extend(denied.iter().map(|&i| members[i].id.clone()));
        let mut dated_unnamed = Untaken::new(of.dated.len());
        dated_unnamed.take(from, to, |_| {});
        Record {
            origin,
            denier,
            reason,
            claims: ids,
            count: denied.len(),
            denials: FxHashSet::from_iter([denial.id.as_str()]),
            undated_named: true,
            dated_unnamed,
        }
    }

    /// A later denial of the same origin by the same denier: its pairs
    /// counted, its id and the figures no denial named yet added, in the
    /// order of the claims (`places` is room to sort them in).
    fn add(
        &mut self,
        denial: &'a Denial,
        (of, from, to): (&OriginFigures, usize, usize),
        members: &[&Claim],
        places: &mut Vec<usize>,
    ) {
        self.count += to - from + of.undated.len();
        if self.denials.insert(&denial.id) {
            self.claims.push(ClaimId::from(denial.id.clone()));
        }
        places.clear();
        if !self.undated_named {
            places.extend(&of.undated);
            self.undated_named = true;
        }
        (self.dated_unnamed).take(from, to, |place| places.push(of.dated[place].1));
        places.sort_unstable();
        (self.claims).extend(places.iter().map(|&i| members[i].id.clone()));
    }
}

/// A denial contradicts every positive figure of its period (or every
/// figure, when undated). The figures of one origin denied by one denier
/// are one record, whatever the number of denials and figures: the first
/// denial with the figures it denies, then each later denial with those
/// of its figures not named yet, in the order of the claims.
pub(super) fn denied(
    (members, asserted): (&[&Claim], &[usize]),
    origin_of: &OriginOf,
    denials: &[&Denial],
    window_days: u32,
) -> Vec<Contradiction> {
    let window = i64::from(window_days);
    let figures = origin_figures((members, asserted), origin_of);
    let mut records: Vec<Record> = Vec::new();
    // By the denier's place in `deniers` and the origin's in `figures`.
    let mut record_of: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut deniers: Vec<String> = Vec::new();
    let mut denier_of: FxHashMap<String, usize> = FxHashMap::default();
    let mut places: Vec<usize> = Vec::new();
    for &denial in denials {
        let denier = *denier_of
            .entry(denial_origin(denial))
            .or_insert_with_key(|name| {
                deniers.push(name.clone());
                deniers.len() - 1
            });
        let day = denial.as_of.map(day_number);
        // The origins this denial is the first of its denier's to meet,
        // with their window and their first figure it denies.
        let mut opened: Vec<(usize, usize, (usize, usize))> = Vec::new();
        for (origin, of) in figures.iter().enumerate() {
            let (from, to) = of.window(day, window);
            if to - from + of.undated.len() == 0 {
                continue;
            }
            match record_of.get(&(denier, origin)) {
                Some(&at) => records[at].add(denial, (of, from, to), members, &mut places),
                None => {
                    let first_dated = of.dated[from..to].iter().map(|&(_, i)| i).min();
                    let first = first_dated.into_iter().chain(of.undated.first().copied());
                    let first = first.min().unwrap_or(usize::MAX);
                    opened.push((first, origin, (from, to)));
                }
            }
        }
        // Opened in the order a list of the denial's figures meets them.
        opened.sort_unstable_by_key(|&(first, _, _)| first);
        let who = match denial.attribution.as_str() {
            "" => "a source",
            named => named,
        };
        for (_, origin, (from, to)) in opened {
            let reason = format!("{who} denies what these figures count");
            record_of.insert((denier, origin), records.len());
            records.push(Record::open(
                (denier, origin),
                (denial, reason),
                (&figures[origin], from, to),
                members,
            ));
        }
    }
    records
        .into_iter()
        .map(|record| Contradiction {
            kind: ContradictionKind::Denial,
            origins: vec![
                deniers[record.denier].clone(),
                figures[record.origin].name.to_string(),
            ],
            claims: record.claims,
            count: record.count,
            reason: record.reason,
            severity: Severity::High,
            gap: 1.0,
            origins_at_odds: None,
        })
        .collect()
}

/// The positive figures among the `asserted` places of `members` by
/// origin, the origins in the order of their first figure.
fn origin_figures<'a>(
    (members, asserted): (&[&Claim], &[usize]),
    origin_of: &'a OriginOf,
) -> Vec<OriginFigures<'a>> {
    // Each origin index's place in the list, once it has one.
    let mut slot: Vec<Option<usize>> = vec![None; origin_of.count()];
    let mut figures: Vec<OriginFigures> = Vec::new();
    for &place in asserted {
        let claim = members[place];
        if point_of(claim) <= 0.0 {
            continue;
        }
        let origin = origin_of.index(place);
        let at = *slot[origin].get_or_insert_with(|| {
            figures.push(OriginFigures {
                name: origin_of.name_of(origin),
                undated: Vec::new(),
                dated: Vec::new(),
            });
            figures.len() - 1
        });
        match claim.as_of.map(day_number) {
            Some(day) => figures[at].dated.push((day, place)),
            None => figures[at].undated.push(place),
        }
    }
    for of in &mut figures {
        of.dated.sort_unstable();
    }
    figures
}

/// The places of a list not taken yet: each taken place points past
/// itself, so a run of taken places is skipped in one step once it has
/// been walked (the pointers are shortened as they are followed).
struct Untaken {
    next: Vec<u32>,
}

impl Untaken {
    fn new(len: usize) -> Untaken {
        Untaken {
            next: (0..=len as u32).collect(),
        }
    }

    /// The first place from `at` on not taken (the list's length when none is).
    fn first_from(&mut self, mut at: usize) -> usize {
        while self.next[at] as usize != at {
            let skip = self.next[self.next[at] as usize];
            self.next[at] = skip;
            at = skip as usize;
        }
        at
    }

    /// Takes every place of `from..to` not taken yet, giving each to `each`.
    fn take(&mut self, from: usize, to: usize, mut each: impl FnMut(usize)) {
        let mut at = self.first_from(from);
        while at < to {
            each(at);
            self.next[at] = at as u32 + 1;
            at = self.first_from(at + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Owner, Qualifier};
    use crate::reconcile::origins::{Origin, assign_origins, describe_origins};
    use crate::reconcile::tests::claim;
    use crate::rules::files::ReconcileSettings;
    use crate::test_random::TestRandom;

    fn denial(id: &str, attribution: &str, source: &str, as_of: &str) -> Denial {
        Denial {
            id: id.into(),
            doc: id.split('#').next().unwrap_or_default().to_string(),
            span: [0, 0],
            text: String::new(),
            kind: "personnel".to_string(),
            subject: String::new(),
            attribution: attribution.to_string(),
            as_of: as_of.parse().ok(),
            source: source.to_string(),
            sentence: String::new(),
            group: String::new(),
            owner: Owner::default(),
        }
    }

    /// What `denied` gave before, one record per denial with every figure it
    /// denies, merged as the report merged them: per who denies and whose
    /// figures, in the order found, each id once, the pairs counted, the
    /// first record's reason. Quadratic; the reference `denied` must agree with.
    fn one_record_per_denial(
        claims: &[&Claim],
        origins: &[Origin],
        denials: &[&Denial],
        window_days: u32,
    ) -> Vec<Contradiction> {
        let window = i64::from(window_days);
        let origin_name = |id: &ClaimId| -> String {
            (origins.iter())
                .find(|o| o.claims.iter().any(|c| c == id))
                .map_or(id.to_string(), |o| o.name.clone())
        };
        let mut merged: Vec<Contradiction> = Vec::new();
        for denial in denials {
            let against: Vec<&Claim> = (claims.iter().copied())
                .filter(|c| point_of(c) > 0.0)
                .filter(|c| match (denial.as_of, c.as_of) {
                    (Some(day), Some(of)) => (day_number(of) - day_number(day)).abs() <= window,
                    _ => true,
                })
                .collect();
            let who = match denial.attribution.as_str() {
                "" => "a source",
                named => named,
            };
            let denier = denial_origin(denial);
            for figure in against {
                let pair = vec![denier.clone(), origin_name(&figure.id)];
                let at = match merged.iter().position(|m| m.origins == pair) {
                    Some(at) => at,
                    None => {
                        merged.push(Contradiction {
                            kind: ContradictionKind::Denial,
                            origins: pair,
                            claims: Vec::new(),
                            count: 0,
                            reason: format!("{who} denies what these figures count"),
                            severity: Severity::High,
                            gap: 1.0,
                            origins_at_odds: None,
                        });
                        merged.len() - 1
                    }
                };
                let record = &mut merged[at];
                for id in [ClaimId::from(denial.id.clone()), figure.id.clone()] {
                    if !record.claims.contains(&id) {
                        record.claims.push(id);
                    }
                }
                record.count += 1;
            }
        }
        merged
    }

    /// Random groups: figures of a few named sources and of none, dated or
    /// not, some not positive, some not asserted; denials by a few deniers,
    /// dated or not, some repeated. The records are those one record per
    /// denial gave, with each figure's origin read from the group's origins
    /// by claim id, as the report read it.
    #[test]
    fn records_are_those_of_one_record_per_denial_merged() {
        let mut random = TestRandom(17);
        let days = ["2024-11-01", "2024-11-03", "2024-11-09", "2024-12-20", ""];
        let sources = ["Ministry", "Red Cross", "UN", ""];
        for _ in 0..400 {
            let figures: Vec<Claim> = (0..1 + random.below(14))
                .map(|i| {
                    let value = [0.0, 10.0, 12.0, 400.0][random.below(4) as usize];
                    let id = format!("f{i}#1");
                    let source = random.pick(&sources);
                    claim(&id, value, Qualifier::Exact, source, random.pick(&days))
                })
                .collect();
            let members: Vec<&Claim> = figures.iter().collect();
            let origin_of = assign_origins(&members, &ReconcileSettings::default());
            let origins = describe_origins(&members, &origin_of, None);
            let asserted: Vec<usize> = (0..members.len())
                .filter(|_| random.below(5) != 0)
                .collect();
            let denials: Vec<Denial> = (0..random.below(7))
                .map(|i| {
                    let id = format!("{}#d{}", random.pick(&["k", "m"]), 1 + i % 3);
                    let attribution = random.pick(&["Kremlin", "", "Peskov"]);
                    let source = random.pick(&["", "TASS"]);
                    denial(&id, attribution, source, random.pick(&days))
                })
                .collect();
            let denials: Vec<&Denial> = denials.iter().collect();
            let window = random.below(10) as u32;
            let found = denied((&members, &asserted), &origin_of, &denials, window);
            let claims: Vec<&Claim> = asserted.iter().map(|&p| members[p]).collect();
            let expected = one_record_per_denial(&claims, &origins, &denials, window);
            assert_eq!(format!("{found:?}"), format!("{expected:?}"));
        }
    }

    /// Taking ranges gives each place once, the first time a range covers it.
    #[test]
    fn untaken_places_are_given_once() {
        let mut random = TestRandom(3);
        for _ in 0..500 {
            let len = random.below(40) as usize;
            let mut untaken = Untaken::new(len);
            let mut taken = vec![false; len];
            for _ in 0..random.below(8) {
                let from = random.below(len as u64 + 1) as usize;
                let to = from + random.below((len - from) as u64 + 1) as usize;
                let mut given = Vec::new();
                untaken.take(from, to, |place| given.push(place));
                let expected: Vec<usize> = (from..to).filter(|&p| !taken[p]).collect();
                assert_eq!(given, expected);
                taken[from..to].fill(true);
            }
        }
    }
}
