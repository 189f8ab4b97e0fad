//! `kinds.toml`: claim kinds, grouping and reconciliation settings.

use serde::{Deserialize, Serialize};

use super::default_true;

/// `kinds.toml`: the claim kinds and the reconciliation settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindsFile {
    pub format: u32,
    #[serde(default)]
    pub kind: Vec<KindDef>,
    #[serde(default)]
    pub reconcile: Option<ReconcileSettings>,
    #[serde(default)]
    pub group: Option<GroupSettings>,
    /// Units (counted nouns) that say nothing of who was counted ("people"):
    /// such a figure joins a group of its kind and owner whatever that group
    /// counts, as a figure with no counted noun does.
    #[serde(default)]
    pub generic_units: Vec<String>,
    /// The kind of a figure that no cue and no counted noun explains.
    #[serde(default)]
    pub default_kind: Option<String>,
    /// The counted noun a subject names when a figure has none ("people killed").
    #[serde(default)]
    pub default_noun: Option<String>,
}

/// The default kind when no kinds file names one.
pub const DEFAULT_KIND: &str = "other";
/// The default counted noun when no kinds file names one.
pub const DEFAULT_NOUN: &str = "people";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindDef {
    pub id: String,
    #[serde(default)]
    pub summary: String,
    /// A running total only grows (people killed so far); a level goes up and down.
    #[serde(default)]
    pub running_total: bool,
    /// False switches the kind off: figures of this kind are not reported.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// True when figures of this kind are told apart by where they happened
    /// (deaths in Turkey, deaths in Syria) rather than by whose people they are.
    #[serde(default)]
    pub by_place: bool,
    /// Two kinds whose cues, joined ("killed or wounded"), make this kind.
    #[serde(default)]
    pub combines: Vec<String>,
    /// True when figures of this kind are known by their counted noun
    /// (weapons): its cues never override a figure's own unit of another kind.
    #[serde(default)]
    pub by_noun: bool,
    /// True when figures of this kind count people: only there does a figure of
    /// a generic unit ("people") join a group that counts soldiers or workers.
    #[serde(default)]
    pub counts_people: bool,
    /// Kinds whose cues only say who the people are ("soldiers deployed to
    /// Russia"): a cue of this kind in the figure's clause says what happened
    /// to them ("... have been killed") and wins over theirs.
    #[serde(default)]
    pub outranks: Vec<String>,
    /// How a subject says what happened to what is counted ("deployed" makes
    /// "North Korean soldiers deployed"); none names the counted noun alone.
    #[serde(default)]
    pub subject_phrase: Option<String>,
    /// True when a subject names the kind and the figure's unit ("money (USD)
    /// — Ukraine") rather than who was counted: amounts measured in a unit.
    #[serde(default)]
    pub subject_by_unit: bool,
    /// True when figures of this kind measure time: a year followed by one of
    /// its units ("2025 года") is still a year.
    #[serde(default)]
    pub measures_time: bool,
}

/// `[reconcile]`: every threshold of reconciliation. The defaults are the
/// values `docs/reconciliation.md` describes; `rules check` keeps each in range.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReconcileSettings {
    /// Relative half-width of the interval around an "about" figure.
    #[serde(default = "default_about_tolerance")]
    pub about_tolerance: f64,
    /// Claims further apart in time than this are not compared.
    #[serde(default = "default_window_days")]
    pub window_days: u32,
    /// Read a bare round figure as the range its rounding implies (12,000 = 11,500-12,500).
    #[serde(default = "default_true")]
    pub rounding: bool,
    /// The largest share of a round figure its rounding may stand for, either
    /// side: "1,000" is 950-1,050, not 500-1,500.
    #[serde(default = "default_rounding_cap")]
    pub rounding_cap: f64,
    /// Figures below this are exact: no rounding is read into them.
    #[serde(default = "default_rounding_from")]
    pub rounding_from: f64,
    /// Figures with fewer trailing zeros than this are exact ("3,008", "3,010").
    #[serde(default = "default_rounding_min_zeros")]
    pub rounding_min_zeros: u32,
    /// Named sources whose names are at least this similar (Jaro-Winkler,
    /// lower-cased) are one origin.
    #[serde(default = "default_origin_similarity")]
    pub origin_similarity: f64,
    /// Unnamed figures in sentences sharing at least this share of words are one origin.
    #[serde(default = "default_echo_similarity")]
    pub echo_similarity: f64,
    /// A contradiction whose relative gap is at least this is of medium severity.
    #[serde(default = "default_severity_medium")]
    pub severity_medium: f64,
    /// A contradiction whose relative gap is at least this is of high severity.
    #[serde(default = "default_severity_high")]
    pub severity_high: f64,
    /// Weigh origins by how often they agree with the consensus of other quantities.
    #[serde(default)]
    pub reliability: bool,
    /// Rounds of reliability: each reconciles every quantity under the last
    /// round's weights, then weighs each origin anew.
    #[serde(default = "default_reliability_rounds")]
    pub reliability_rounds: u32,
    /// Figures counted as agreeing with the consensus before any is seen
    /// (Laplace smoothing: with `reliability-prior-disagree`, 1 and 1).
    #[serde(default = "default_reliability_prior")]
    pub reliability_prior_agree: f64,
    /// Figures counted as disagreeing with the consensus before any is seen.
    #[serde(default = "default_reliability_prior")]
    pub reliability_prior_disagree: f64,
    /// An origin seen in fewer quantities than this is not weighed by its
    /// record, one agreement proves little: it gets `reliability-unproven-weight`.
    #[serde(default = "default_reliability_min_quantities")]
    pub reliability_min_quantities: u32,
    /// The weight of an origin seen in too few quantities.
    #[serde(default = "default_reliability_unproven_weight")]
    pub reliability_unproven_weight: f64,
}

/// `[group]`: when claims of different documents measure the same quantity.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GroupSettings {
    /// Owners whose names, lower-cased, are at least this similar (Jaro-Winkler)
    /// are one owner ("North Korea", "North Korean").
    #[serde(default = "default_same_owner_similarity")]
    pub same_owner_similarity: f64,
}

fn default_same_owner_similarity() -> f64 {
    0.92
}

impl Default for GroupSettings {
    fn default() -> Self {
        GroupSettings {
            same_owner_similarity: default_same_owner_similarity(),
        }
    }
}

fn default_echo_similarity() -> f64 {
    0.8
}

fn default_about_tolerance() -> f64 {
    0.1
}

fn default_window_days() -> u32 {
    14
}

fn default_rounding_cap() -> f64 {
    0.05
}

fn default_rounding_from() -> f64 {
    1000.0
}

fn default_rounding_min_zeros() -> u32 {
    2
}

fn default_origin_similarity() -> f64 {
    0.92
}

fn default_severity_medium() -> f64 {
    0.15
}

fn default_severity_high() -> f64 {
    0.5
}

fn default_reliability_rounds() -> u32 {
    5
}

fn default_reliability_prior() -> f64 {
    1.0
}

fn default_reliability_min_quantities() -> u32 {
    2
}

fn default_reliability_unproven_weight() -> f64 {
    0.5
}

impl Default for ReconcileSettings {
    fn default() -> Self {
        ReconcileSettings {
            about_tolerance: default_about_tolerance(),
            window_days: default_window_days(),
            rounding: true,
            rounding_cap: default_rounding_cap(),
            rounding_from: default_rounding_from(),
            rounding_min_zeros: default_rounding_min_zeros(),
            origin_similarity: default_origin_similarity(),
            echo_similarity: default_echo_similarity(),
            severity_medium: default_severity_medium(),
            severity_high: default_severity_high(),
            reliability: false,
            reliability_rounds: default_reliability_rounds(),
            reliability_prior_agree: default_reliability_prior(),
            reliability_prior_disagree: default_reliability_prior(),
            reliability_min_quantities: default_reliability_min_quantities(),
            reliability_unproven_weight: default_reliability_unproven_weight(),
        }
    }
}
