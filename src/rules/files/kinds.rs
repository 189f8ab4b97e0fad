//! `kinds.toml`: claim kinds, grouping and reconciliation settings.

use serde::{Deserialize, Serialize};

use super::default_true;

/// `kinds.toml`: the claim kinds and the reconciliation settings.
///
/// Any file with `[[kind]]` entries, a `[reconcile]` or a `[group]` table is a
/// kinds file. Kinds merge by id (a later one replaces an earlier one whole);
/// for the settings, the last file that gives them wins.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindsFile {
    /// `format`: the rule-format version; must be [`FORMAT_VERSION`](super::FORMAT_VERSION).
    pub format: u32,
    /// `[[kind]]`: one entry per claim kind. Default: none.
    #[serde(default)]
    pub kind: Vec<KindDef>,
    /// `[reconcile]`: replaces every earlier `[reconcile]` whole; keys it
    /// leaves out take their defaults, not the earlier file's values.
    #[serde(default)]
    pub reconcile: Option<ReconcileSettings>,
    /// `[group]`: replaces every earlier `[group]` whole.
    #[serde(default)]
    pub group: Option<GroupSettings>,
    /// `generic-units` (default `[]`): units (counted nouns) that say nothing
    /// of who was counted ("people"). In a kind with `counts-people`, such a
    /// figure joins a group of its kind and owner whatever that group counts,
    /// as a figure with no counted noun does. Lists of several files are joined.
    #[serde(default)]
    pub generic_units: Vec<String>,
    /// `default-kind`: the kind of a figure that no cue and no counted noun
    /// explains. None keeps the earlier file's, else [`DEFAULT_KIND`]; a
    /// `[[kind]]` must define it.
    #[serde(default)]
    pub default_kind: Option<String>,
    /// `default-noun`: the counted noun a subject names when a figure has none
    /// ("people killed"). None keeps the earlier file's, else [`DEFAULT_NOUN`].
    #[serde(default)]
    pub default_noun: Option<String>,
}

/// The default kind when no kinds file names one.
pub const DEFAULT_KIND: &str = "other";
/// The default counted noun when no kinds file names one.
pub const DEFAULT_NOUN: &str = "people";

/// `[[kind]]`: one claim kind, what a figure counts (killed, deployed, money).
///
/// Every key but `id` is optional; the defaults are `false`, empty or none,
/// except `enabled`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindDef {
    /// `id` (required): the kind's name, as claims' `kind` field, the packs'
    /// `[kinds]` cues and units' `kind` write it. A later kind with the same
    /// id replaces this one.
    pub id: String,
    /// `summary` (default `""`): what the kind counts, for people reading
    /// reports and `rules list`.
    #[serde(default)]
    pub summary: String,
    /// `running-total` (default `false`): the figure only grows over time
    /// (people killed so far), so a later, smaller figure from another origin
    /// is a contradiction and an earlier period's floor carries forward. False
    /// makes a level, which may go up and down (troops present now).
    #[serde(default)]
    pub running_total: bool,
    /// `enabled` (default `true`): false switches the kind off: figures of this
    /// kind are not reported.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// `by-place` (default `false`): figures of this kind are told apart by
    /// where they happened (deaths in Turkey, deaths in Syria) rather than by
    /// whose people they are; a pack's `[places]` words apply only to them.
    #[serde(default)]
    pub by_place: bool,
    /// `graded` (default `false`): figures of this kind are told apart by
    /// how badly those counted were hurt, as a pack's `[grades]` words say
    /// ("8 in serious condition" is not the whole of the wounded).
    #[serde(default)]
    pub graded: bool,
    /// `by-site` (default `false`): figures of this kind are told apart by
    /// the building or ground where they happened, as a pack's
    /// `[places.sites]` words say ("460 killed inside the hospital" is not
    /// the city's toll).
    #[serde(default)]
    pub by_site: bool,
    /// `combines` (default `[]`): two kind ids whose cues, joined by one word
    /// ("killed or wounded"), make this kind.
    #[serde(default)]
    pub combines: Vec<String>,
    /// `by-noun` (default `false`): figures of this kind are known by their
    /// counted noun (weapons): its cues never override a figure's own unit of
    /// another kind.
    #[serde(default)]
    pub by_noun: bool,
    /// `counts-people` (default `false`): figures of this kind count people:
    /// only there does a figure of a generic unit ("people") join a group that
    /// counts soldiers or workers.
    #[serde(default)]
    pub counts_people: bool,
    /// `harm` (default `false`): figures of this kind count people harmed
    /// (killed, hurt, missing): a paragraph's source for one such figure
    /// carries on to figures of the other harm kinds that name none, not to
    /// figures of other kinds ("36,000 fled" after "the union said 2,000
    /// were killed" is not the union's).
    #[serde(default)]
    pub harm: bool,
    /// `outranks` (default `[]`): kinds whose cues only say who the people are
    /// ("soldiers deployed to Russia"): a cue of this kind in the figure's
    /// clause says what happened to them ("... have been killed") and wins
    /// over theirs.
    #[serde(default)]
    pub outranks: Vec<String>,
    /// `subject-phrase` (default none): how a claim's subject says what
    /// happened to what is counted (`"deployed"` makes "North Korean soldiers
    /// deployed"); none names the counted noun alone ("drones").
    #[serde(default)]
    pub subject_phrase: Option<String>,
    /// `subject-by-unit` (default `false`): the subject names the kind and the
    /// figure's unit ("money (USD) — Ukraine") rather than who was counted:
    /// for amounts measured in a unit.
    #[serde(default)]
    pub subject_by_unit: bool,
    /// `measures-time` (default `false`): figures of this kind measure time: a
    /// four-digit year followed by one of its units ("2025 года") stays a year,
    /// not a count.
    #[serde(default)]
    pub measures_time: bool,
}

/// `[reconcile]`: every threshold of reconciliation. The defaults are the
/// values `docs/reconciliation.md` describes; `rules check` keeps each in
/// range (R003). Shares and similarities are fractions, 0 to 1.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReconcileSettings {
    /// `about-tolerance` (default `0.1`): "about 12,000" is read as 12,000
    /// plus or minus this share of it, or its rounding if that is wider.
    #[serde(default = "default_about_tolerance")]
    pub about_tolerance: f64,
    /// `window-days` (default `14`): the longest period, in days, whose claims
    /// are compared; claims further apart in time are not.
    #[serde(default = "default_window_days")]
    pub window_days: u32,
    /// `rounding` (default `true`): read a bare round figure as the range its
    /// rounding implies (12,000 = 11,500-12,500); false reads it as exact.
    #[serde(default = "default_true")]
    pub rounding: bool,
    /// `rounding-cap` (default `0.05`): the largest share of a round figure its
    /// rounding may stand for, either side: "1,000" is 950-1,050, not 500-1,500.
    #[serde(default = "default_rounding_cap")]
    pub rounding_cap: f64,
    /// `rounding-from` (default `1000`): figures below this are exact: no
    /// rounding is read into them.
    #[serde(default = "default_rounding_from")]
    pub rounding_from: f64,
    /// `rounding-min-zeros` (default `2`): figures with fewer trailing zeros
    /// than this are exact ("3,008", "3,010").
    #[serde(default = "default_rounding_min_zeros")]
    pub rounding_min_zeros: u32,
    /// `origin-similarity` (default `0.92`): named sources whose names are at
    /// least this similar (Jaro-Winkler, lower-cased) are one origin.
    #[serde(default = "default_origin_similarity")]
    pub origin_similarity: f64,
    /// `echo-similarity` (default `0.8`): unnamed figures in sentences sharing
    /// at least this share of words are copies of one origin (an echo).
    #[serde(default = "default_echo_similarity")]
    pub echo_similarity: f64,
    /// `severity-medium` (default `0.15`): a contradiction whose relative gap
    /// is at least this is of medium severity; below, low.
    #[serde(default = "default_severity_medium")]
    pub severity_medium: f64,
    /// `severity-high` (default `0.5`): a contradiction whose relative gap is
    /// at least this is of high severity. At least `severity-medium`.
    #[serde(default = "default_severity_high")]
    pub severity_high: f64,
    /// `pairwise-origins` (default `32`): contradictions among the figures
    /// of at most this many origins compared together (a period, a day of a
    /// running total) are recorded per pair of origins; among more, one
    /// record summarises them (how many origins are at odds, the pair
    /// furthest apart, the exact count of pairs of claims and largest gap),
    /// so records grow with the origins, not with their square.
    #[serde(default = "default_pairwise_origins")]
    pub pairwise_origins: u32,
    /// `reliability` (default `false`): weigh origins by how often they agree
    /// with the consensus of other quantities (also `report --reliability`).
    #[serde(default)]
    pub reliability: bool,
    /// `reliability-rounds` (default `5`): rounds of reliability: each
    /// reconciles every quantity under the last round's weights, then weighs
    /// each origin anew.
    #[serde(default = "default_reliability_rounds")]
    pub reliability_rounds: u32,
    /// `reliability-prior-agree` (default `1.0`): figures counted as agreeing
    /// with the consensus before any is seen (Laplace smoothing): an origin
    /// weighs (agreeing + this) / (figures + this + `reliability-prior-disagree`).
    #[serde(default = "default_reliability_prior")]
    pub reliability_prior_agree: f64,
    /// `reliability-prior-disagree` (default `1.0`): figures counted as
    /// disagreeing with the consensus before any is seen.
    #[serde(default = "default_reliability_prior")]
    pub reliability_prior_disagree: f64,
    /// `reliability-min-quantities` (default `2`): an origin seen in fewer
    /// quantities than this is not weighed by its record, one agreement proves
    /// little: it gets `reliability-unproven-weight`.
    #[serde(default = "default_reliability_min_quantities")]
    pub reliability_min_quantities: u32,
    /// `reliability-unproven-weight` (default `0.5`): the weight of an origin
    /// seen in too few quantities.
    #[serde(default = "default_reliability_unproven_weight")]
    pub reliability_unproven_weight: f64,
}

/// `[group]`: when claims of different documents measure the same quantity.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GroupSettings {
    /// `same-owner-similarity` (default `0.92`): owners whose names,
    /// lower-cased, are at least this similar (Jaro-Winkler) are one owner
    /// ("North Korea", "North Korean").
    #[serde(default = "default_same_owner_similarity")]
    pub same_owner_similarity: f64,
    /// `past-event-years` (default `5`): a figure whose sentence names a year
    /// at least this many years before the article's publication ("In 1999,
    /// a quake of similar magnitude killed 17,000") counts a past event, a
    /// quantity of its own.
    #[serde(default = "default_past_event_years")]
    pub past_event_years: i16,
}

fn default_past_event_years() -> i16 {
    5
}

fn default_same_owner_similarity() -> f64 {
    0.92
}

impl Default for GroupSettings {
    fn default() -> Self {
        GroupSettings {
            same_owner_similarity: default_same_owner_similarity(),
            past_event_years: default_past_event_years(),
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

fn default_pairwise_origins() -> u32 {
    32
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
            pairwise_origins: default_pairwise_origins(),
            reliability: false,
            reliability_rounds: default_reliability_rounds(),
            reliability_prior_agree: default_reliability_prior(),
            reliability_prior_disagree: default_reliability_prior(),
            reliability_min_quantities: default_reliability_min_quantities(),
            reliability_unproven_weight: default_reliability_unproven_weight(),
        }
    }
}
