//! Source reliability: how much each origin's figures are worth, CRH-style.
//!
//! Input: the claims of every group of a run, and the settings. Output:
//! [`Weights`], a weight by origin name, from how often the origin's figures
//! fall inside the consensus of their group across the corpus.
//!
//! Invariant: an origin with no measured reliability weighs 1, as every origin
//! does when reliability is off; the weights never decide an output order.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{QuantityRules, Reconciliation, reconcile};
use crate::model::{Claim, ClaimId, Modality};
use crate::rules::files::ReconcileSettings;

/// Reliability weights by origin name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weights(HashMap<String, f64>);

impl Weights {
    /// The weight of an origin; 1 when nothing is known of it.
    pub fn of(&self, origin: &str) -> f64 {
        self.0.get(origin).copied().unwrap_or(1.0)
    }
}

/// The weight of an origin under optional weights: 1 without them.
pub(super) fn weight_of(weights: Option<&Weights>, origin: &str) -> f64 {
    weights.map_or(1.0, |w| w.of(origin))
}

/// Source reliability across the corpus, CRH-style: start every origin at
/// weight 1, reconcile, then set each origin's weight to how often its figures
/// fall inside the consensus of their group (smoothed by the rules' prior), and
/// repeat for the rules' number of rounds. Origins seen in too few groups get
/// the rules' even weight: one agreement proves little.
pub fn reliability_weights(groups: &[Vec<&Claim>], settings: &ReconcileSettings) -> Weights {
    let mut weights = Weights::default();
    let prior_figures = settings.reliability_prior_agree + settings.reliability_prior_disagree;
    for _ in 0..settings.reliability_rounds {
        let mut agree: HashMap<String, (f64, f64, usize)> = HashMap::new();
        let rules = QuantityRules {
            settings,
            running_total: false,
        };
        // Each group is reconciled on its own, in parallel; the tally below
        // reads the results in group order.
        let results: Vec<Reconciliation> = groups
            .par_iter()
            .map(|members| reconcile(members, &[], &rules, Some(&weights)))
            .collect();
        for (members, result) in groups.iter().zip(results) {
            // The origins reconcile already found, by claim id.
            let origin_of: HashMap<&ClaimId, &str> = result
                .origins
                .iter()
                .flat_map(|o| o.claims.iter().map(move |c| (c, o.name.as_str())))
                .collect();
            let Some(consensus) = &result.consensus else {
                continue;
            };
            let mut seen_origins: Vec<&str> = Vec::new();
            for claim in members.iter().filter(|c| c.modality == Modality::Asserted) {
                let origin = origin_of[&claim.id];
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
        weights = Weights(
            agree
                .into_iter()
                .map(|(origin, (hits, total, groups_seen))| {
                    let weight = if groups_seen < settings.reliability_min_quantities as usize {
                        settings.reliability_unproven_weight
                    } else {
                        (hits + settings.reliability_prior_agree) / (total + prior_figures)
                    };
                    (origin, weight)
                })
                .collect(),
        );
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Qualifier;
    use crate::reconcile::tests::claim;

    #[test]
    fn weights_follow_the_record_and_the_settings() {
        let first = [
            claim("a#1", 100.0, Qualifier::Exact, "ministry", "2023-02-10"),
            claim("b#1", 100.0, Qualifier::Exact, "governor", "2023-02-10"),
            claim("c#1", 300.0, Qualifier::Exact, "red cross", "2023-02-10"),
        ];
        let second = [
            claim("d#1", 50.0, Qualifier::Exact, "ministry", "2023-03-10"),
            claim("e#1", 50.0, Qualifier::Exact, "governor", "2023-03-10"),
        ];
        let groups: Vec<Vec<&Claim>> = vec![first.iter().collect(), second.iter().collect()];
        let weights = reliability_weights(&groups, &ReconcileSettings::default());
        // Two agreements in two quantities, smoothed by one of each: 3/4.
        assert_eq!(weights.of("ministry"), 0.75);
        // Seen in one quantity only: the even weight.
        assert_eq!(weights.of("red cross"), 0.5);
        assert_eq!(weights.of("nobody"), 1.0);
        let settings = ReconcileSettings {
            reliability_min_quantities: 1,
            reliability_prior_agree: 0.0,
            reliability_prior_disagree: 0.0,
            ..ReconcileSettings::default()
        };
        let weights = reliability_weights(&groups, &settings);
        assert_eq!(weights.of("ministry"), 1.0);
        assert_eq!(weights.of("red cross"), 0.0);
    }
}
