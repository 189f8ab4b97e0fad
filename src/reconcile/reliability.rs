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
use crate::model::{Claim, Modality};
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
/// fall inside the consensus of their group (Laplace-smoothed), and repeat.
/// Origins seen in one group only keep an even weight: one agreement proves little.
pub fn reliability_weights(
    groups: &[Vec<&Claim>],
    settings: &ReconcileSettings,
    rounds: usize,
) -> Weights {
    let mut weights = Weights::default();
    for _ in 0..rounds {
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
        weights = Weights(
            agree
                .into_iter()
                .map(|(origin, (hits, total, groups_seen))| {
                    let weight = if groups_seen < 2 {
                        0.5
                    } else {
                        (hits + 1.0) / (total + 2.0)
                    };
                    (origin, weight)
                })
                .collect(),
        );
    }
    weights
}
