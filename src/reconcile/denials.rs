//! Denials: a denial contradicts the figures it denies.
//!
//! Input: a group's asserted claims, the denials attached to the group and
//! the rules' window. Output: one [`Contradiction`] per denial, with every
//! positive figure of its period (or every figure, when undated).
//!
//! Invariant: a denial is always of high severity, and names who denies.

use super::contradictions::{Contradiction, ContradictionKind, Severity, day_number};
use super::interval::point_of;
use crate::model::{Claim, Denial};

/// A denial contradicts every positive figure of its period (or every
/// figure, when undated): one contradiction per denial, with every figure
/// it denies (the report groups them by who denies and whose figures).
pub(super) fn denied(
    claims: &[&Claim],
    denials: &[&Denial],
    window_days: u32,
) -> Vec<Contradiction> {
    let window = i64::from(window_days);
    let positive: Vec<(Option<i64>, usize)> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| point_of(c) > 0.0)
        .map(|(index, c)| (c.as_of.map(day_number), index))
        .collect();
    // Dated figures by day, for the window of a dated denial.
    let mut dated: Vec<(i64, usize)> = positive
        .iter()
        .filter_map(|&(day, index)| day.map(|d| (d, index)))
        .collect();
    dated.sort_unstable();
    let undated: Vec<usize> = positive
        .iter()
        .filter(|(day, _)| day.is_none())
        .map(|&(_, index)| index)
        .collect();
    let mut found = Vec::new();
    for denial in denials {
        let against: Vec<usize> = match denial.as_of.map(day_number) {
            None => positive.iter().map(|&(_, index)| index).collect(),
            Some(day) => {
                let from = dated.partition_point(|&(d, _)| d < day - window);
                let to = dated.partition_point(|&(d, _)| d <= day + window);
                let mut against: Vec<usize> = dated[from..to].iter().map(|&(_, i)| i).collect();
                against.extend(&undated);
                against.sort_unstable();
                against
            }
        };
        if against.is_empty() {
            continue;
        }
        let who = if denial.attribution.is_empty() {
            "a source"
        } else {
            denial.attribution.as_str()
        };
        let mut ids = vec![denial.id.clone()];
        ids.extend(against.iter().map(|&i| claims[i].id.clone()));
        found.push(Contradiction {
            kind: ContradictionKind::Denial,
            origins: vec![who.to_string()],
            claims: ids,
            count: against.len(),
            reason: format!("{who} denies what these figures count"),
            severity: Severity::High,
            gap: 1.0,
            origins_at_odds: None,
        });
    }
    found
}
