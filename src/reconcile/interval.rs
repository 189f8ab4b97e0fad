//! Intervals: the range of true values each claim allows.
//!
//! Input: one claim and the reconciliation settings. Output: its [`Interval`]
//! (a bare round figure widened by its rounding, "about" by the rules'
//! tolerance, "at least" open above, "up to" down to zero, a range as stated)
//! and [`point_of`], the single figure that stands for it.
//!
//! Invariant: an interval depends on the claim and the settings alone, never
//! on the other claims of its group, so the same figure reads the same
//! wherever it is reconciled.

use serde::{Deserialize, Serialize};

use crate::model::{Claim, Qualifier};
use crate::rules::files::ReconcileSettings;

/// The range of true values a claim allows; `high` is `None` when open above.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The smallest value the claim allows, never below zero for "about" and
    /// "up to".
    pub low: f64,
    /// The largest value it allows; `None` (`null` in JSON) when open above.
    pub high: Option<f64>,
}

impl Interval {
    /// The interval a claim allows, under the rules' tolerance for "about".
    pub fn of(claim: &Claim, settings: &ReconcileSettings) -> Interval {
        let value = claim.value.get().unwrap_or(0.0);
        match claim.qualifier {
            Qualifier::Exact if claim.vague => Interval {
                low: value,
                high: None,
            },
            Qualifier::Exact => {
                // A negative figure (a temperature) is rounded as its size is.
                let half = if settings.rounding {
                    rounding_half_width(value.abs(), settings)
                } else {
                    0.0
                };
                Interval {
                    low: value - half,
                    high: Some(value + half),
                }
            }
            Qualifier::About => {
                let size = value.abs();
                let half =
                    (size * settings.about_tolerance).max(rounding_half_width(size, settings));
                // A count does not fall below zero; a negative figure has no such floor.
                let floor = if value >= 0.0 { 0.0 } else { f64::MIN };
                Interval {
                    low: (value - half).max(floor),
                    high: Some(value + half),
                }
            }
            Qualifier::AtLeast => Interval {
                low: value,
                high: None,
            },
            // "Up to" a negative figure: its value, never a floor above it.
            Qualifier::AtMost => Interval {
                low: value.min(0.0),
                high: Some(value),
            },
            Qualifier::Range => Interval {
                low: claim.low.get().unwrap_or(0.0),
                high: claim.high.get(),
            },
        }
    }

    /// True when `point` lies in the interval, bounds included.
    pub fn contains(&self, point: f64) -> bool {
        point >= self.low && self.high.is_none_or(|high| point <= high)
    }

    /// True when the two share at least one point: their claims can both hold.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let below = |a: &Interval, b: &Interval| a.high.is_some_and(|high| high < b.low);
        !below(self, other) && !below(other, self)
    }

    /// `high - low`; infinite when open above.
    pub fn width(&self) -> f64 {
        self.high.map_or(f64::INFINITY, |high| high - self.low)
    }
}

/// Half the unit of the last significant digit of a round figure: 12,000 was
/// rounded to the thousand, so it stands for 11,500-12,500; 3,008 is exact.
/// Figures under `rounding-from` (1,000) and figures with fewer than
/// `rounding-min-zeros` (two) trailing zeros are exact, and no figure stands
/// for more than `rounding-cap` (5%) of it either side.
pub fn rounding_half_width(value: f64, settings: &ReconcileSettings) -> f64 {
    // Past 10^15 a figure no longer converts to an integer exactly.
    const LARGEST: f64 = 1e15;
    if value.fract() != 0.0 || !(settings.rounding_from..=LARGEST).contains(&value) {
        return 0.0;
    }
    let mut unit: f64 = 1.0;
    let mut zeros: u32 = 0;
    let mut rest = value as u64;
    while rest > 0 && rest.is_multiple_of(10) {
        rest /= 10;
        unit *= 10.0;
        zeros += 1;
    }
    // A single significant digit ("1,000") says less about rounding than about
    // size: the width is capped at a share of the figure either side.
    if zeros < settings.rounding_min_zeros {
        0.0
    } else {
        (unit / 2.0).min(value * settings.rounding_cap)
    }
}

/// The single figure that best stands for a claim.
pub fn point_of(claim: &Claim) -> f64 {
    match (claim.value.get(), claim.low.get(), claim.high.get()) {
        (Some(value), _, _) => value,
        (None, Some(low), Some(high)) => (low + high) / 2.0,
        (None, Some(low), None) => low,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::tests::test_claim;

    fn settings() -> ReconcileSettings {
        ReconcileSettings::default()
    }

    #[test]
    fn round_figures_carry_their_rounding() {
        let half_width = |value| rounding_half_width(value, &settings());
        assert_eq!(half_width(12000.0), 500.0);
        assert_eq!(half_width(3008.0), 0.0);
        assert_eq!(half_width(425_000_000.0), 500_000.0);
        assert_eq!(half_width(400.0), 0.0);
        assert_eq!(half_width(1000.0), 50.0);
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
    fn rounding_follows_the_settings() {
        let settings = ReconcileSettings {
            rounding_cap: 0.01,
            rounding_from: 100.0,
            rounding_min_zeros: 3,
            ..ReconcileSettings::default()
        };
        let half_width = |value| rounding_half_width(value, &settings);
        assert_eq!(half_width(1000.0), 10.0);
        assert_eq!(half_width(12000.0), 120.0);
        assert_eq!(half_width(1200.0), 0.0);
        assert_eq!(half_width(500.0), 0.0);
        let settings = ReconcileSettings {
            rounding_from: 100.0,
            rounding_min_zeros: 1,
            ..ReconcileSettings::default()
        };
        // 400 rounded to the hundred, capped at 5% of it; 3,010 to the ten.
        assert_eq!(rounding_half_width(400.0, &settings), 20.0);
        assert_eq!(rounding_half_width(3010.0, &settings), 5.0);
    }
}
