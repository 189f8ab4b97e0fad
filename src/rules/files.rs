//! The shape of rule files as people write them.
//!
//! Every struct denies unknown keys so that a typo in a rule file is an error
//! with a position, not a rule that silently does nothing.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The version of the rule-file format this build reads.
pub const FORMAT_VERSION: u32 = 1;

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

fn default_true() -> bool {
    true
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

/// `lang/<code>.toml`: everything that is specific to one language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageFile {
    pub format: u32,
    pub language: LanguageMeta,
    #[serde(default)]
    pub numbers: NumbersDef,
    #[serde(default)]
    pub qualifiers: QualifiersDef,
    #[serde(default)]
    pub range: Vec<RangeDef>,
    #[serde(default)]
    pub attribution: AttributionDef,
    #[serde(default)]
    pub modality: ModalityDef,
    /// Cues that make a figure a part of the figure before it ("including 3,000").
    #[serde(default)]
    pub part_of: Vec<String>,
    /// Words right after a figure that make it a share of something counted
    /// before ("1,000 of them", "1.000 dieser Soldaten").
    #[serde(default)]
    pub part_of_after: Vec<String>,
    /// Words right before a figure that make it an addition to a total
    /// ("another 1,500", "weitere 6.000"), not the total itself.
    #[serde(default)]
    pub increment: Vec<String>,
    /// Words right after a figure's counted noun that do the same ("1,500 troops more").
    #[serde(default)]
    pub increment_after: Vec<String>,
    #[serde(default)]
    pub dates: DatesDef,
    /// Kind id -> words that, near a figure, say what happened to what it counts.
    #[serde(default)]
    pub kinds: IndexMap<String, Vec<String>>,
    /// Canonical unit name -> the nouns that name it.
    #[serde(default)]
    pub units: IndexMap<String, UnitDef>,
    #[serde(default)]
    pub exclusions: ExclusionsDef,
    #[serde(default)]
    pub places: PlacesDef,
    /// Period label -> phrases after a figure that make it a rate ("92
    /// soldiers every day"): its unit becomes "soldiers per day".
    #[serde(default)]
    pub rates: IndexMap<String, Vec<String>>,
    /// How far the claim stage looks around a figure.
    #[serde(default)]
    pub windows: WindowsDef,
    /// Entries to take out of the pack after merging, in the same shape as the
    /// file: `[remove.kinds] killed = ["ضحايا"]` removes that cue; a list of
    /// names under a table (`[remove] units = ["km"]`) removes those entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove: Option<toml::Table>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageMeta {
    pub code: String,
    pub name: String,
    pub script: Script,
    /// Frequent function words, used to tell languages of one script apart.
    #[serde(default)]
    pub detect: Vec<String>,
    /// Prefixes glued to words (Arabic و ب ل ال ...), stripped when matching.
    #[serde(default)]
    pub proclitics: Vec<String>,
    /// A proclitic that makes a number word definite ("the fifth"), which is never a count.
    #[serde(default)]
    pub definite_article: Option<String>,
    /// Prefixes that stand for a proclitic plus the article: a word starting with
    /// the key is also tried with the value in its place ("للدفاع" as "الدفاع").
    #[serde(default)]
    pub contractions: IndexMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    Arabic,
    Latin,
    Cyrillic,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumbersDef {
    #[serde(default)]
    pub decimal_separators: Vec<String>,
    #[serde(default)]
    pub group_separators: Vec<String>,
    /// Number words and their values; multi-word keys are allowed ("اثنا عشر").
    #[serde(default)]
    pub words: IndexMap<String, f64>,
    /// Words that multiply what comes before them (thousand, million).
    #[serde(default)]
    pub scales: IndexMap<String, f64>,
    /// Words that join number words ("and", "و").
    #[serde(default)]
    pub joiners: Vec<String>,
    /// Words that link a vague quantity to its counted noun ("thousands of troops").
    #[serde(default)]
    pub unit_links: Vec<String>,
    /// Vague quantities ("thousands") and the smallest figure they can mean.
    #[serde(default)]
    pub vague: IndexMap<String, f64>,
    /// Number words this small only count when a counted noun follows them.
    #[serde(default = "default_small_word_limit")]
    pub small_word_limit: f64,
    /// Fraction words that also stand alone ("half", "نصف") -> their denominator:
    /// alone one part ("half" = 0.5), after a numerator that many ("three halves").
    #[serde(default)]
    pub fractions: IndexMap<String, f64>,
    /// Denominators that need a numerator before them ("thirds", "Drittel") ->
    /// their denominator: "two thirds" = 2/3.
    #[serde(default)]
    pub denominators: IndexMap<String, f64>,
    /// Ordinal words -> their number ("fifth" = 5): never a count; compounds
    /// join as numbers do ("twenty-first" = 21st).
    #[serde(default)]
    pub ordinals: IndexMap<String, f64>,
    /// True when an ordinal after a numerator is a denominator ("three fifths").
    #[serde(default)]
    pub ordinal_denominators: bool,
    /// Words that mean one only before a scale or a fraction ("a hundred", "a fifth").
    #[serde(default)]
    pub articles: Vec<String>,
    /// The numeral one that is also the indefinite article ("un", "une", "ein"):
    /// read as one, but never a claim on its own ("une semaine de deuil").
    #[serde(default)]
    pub indefinite: Vec<String>,
    /// Words for minus before a number ("minus", "negative").
    #[serde(default)]
    pub negative: Vec<String>,
    /// Words between a whole number and its decimals in words ("point", "coma").
    #[serde(default)]
    pub decimal_words: Vec<String>,
    /// Words that make a smaller number over a larger one a fraction ("one out of three").
    #[serde(default)]
    pub fraction_links: Vec<String>,
    /// Words after a number that make it a percentage ("%", "per cent").
    #[serde(default)]
    pub percent: Vec<String>,
    /// Words before a number that make it a percentage ("percent of").
    #[serde(default)]
    pub percent_before: Vec<String>,
    /// Phrases holding a number word that are not numbers ("the one", "un poco").
    #[serde(default)]
    pub not_numbers: Vec<String>,
    /// Joiners glued inside one word of number words ("und" in "einundzwanzig"):
    /// a word made only of number words and these is read from its pieces.
    #[serde(default)]
    pub compound_joiners: Vec<String>,
    /// True when units come before tens in separate words ("واحد وعشرون" = 21).
    #[serde(default)]
    pub units_before_tens: bool,
}

fn default_small_word_limit() -> f64 {
    1000.0
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QualifiersDef {
    /// Phrases just before a figure.
    #[serde(default)]
    pub about: Vec<String>,
    #[serde(default)]
    pub at_least: Vec<String>,
    #[serde(default)]
    pub at_most: Vec<String>,
    /// Phrases just after a figure or its counted noun ("nine soldiers at least").
    #[serde(default)]
    pub about_after: Vec<String>,
    #[serde(default)]
    pub at_least_after: Vec<String>,
    #[serde(default)]
    pub at_most_after: Vec<String>,
    /// Verbs of estimating: a bare figure they introduce is approximate.
    #[serde(default)]
    pub estimate: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RangeDef {
    /// The word that opens the range ("between"), if any.
    #[serde(default)]
    pub open: Option<String>,
    /// Words that join the two ends ("and", "to", "-").
    pub join: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AttributionDef {
    /// Cues followed by the source ("according to", "وفقا ل").
    #[serde(default)]
    pub source_follows: Vec<String>,
    /// Reporting verbs: the source is their subject, after them or before them.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// True when the subject usually comes before the verb ("officials said", English);
    /// false when it follows ("قال المسؤولون", Arabic).
    #[serde(default)]
    pub subject_first: bool,
    /// Prepositions that make a country a place rather than the owner of what is counted
    /// ("sent to Russia", "في أوكرانيا").
    #[serde(default)]
    pub location_markers: Vec<String>,
    /// Words that point back to a body named earlier ("the organization",
    /// "المنظمة"): such a source stands for the last organisation or institution
    /// the text named before.
    #[serde(default)]
    pub anaphors: Vec<String>,
    /// Reporting verbs whose object is the listener ("told", "briefed"): a name
    /// right after them is who was told, never the source.
    #[serde(default)]
    pub addressee_verbs: Vec<String>,
    /// Words that open a subordinate clause ("after", "when"): a source named
    /// across one speaks of the other clause's figure.
    #[serde(default)]
    pub clause_openers: Vec<String>,
    /// Words that say a sentence still reports the source named before it: a
    /// pronoun subject ("he said"), reported speech ("sei", "reportedly").
    #[serde(default)]
    pub same_source: Vec<String>,
    /// Words that may stand between two parts of one name besides the language's
    /// joiners ("officials in South Korea", "المسؤولين في كوريا الجنوبية").
    #[serde(default)]
    pub name_links: Vec<String>,
}

/// `[windows]`: how far, in tokens (or words, or sentences), the claim stage
/// looks around a figure. Every key is optional; a pack extension sets only the
/// keys it changes, and a key no file sets keeps its default (see
/// `docs/rules.md`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WindowsDef {
    /// Tokens between a figure and an event word that can say its kind ("killed").
    #[serde(default)]
    pub kind_cue: Option<usize>,
    /// Tokens between a figure (or its counted noun) and a rate phrase ("every day").
    #[serde(default)]
    pub rate: Option<usize>,
    /// Tokens between a figure (or its counted noun) and a country that owns it.
    #[serde(default)]
    pub owner: Option<usize>,
    /// The same, for a place phrase opened right after a toll ("in the southern provinces of Turkey").
    #[serde(default)]
    pub owner_place: Option<usize>,
    /// Tokens between a toll and "both countries" or a region ("government-held areas").
    #[serde(default)]
    pub place: Option<usize>,
    /// Tokens between a figure and the one before it, for a bare figure after a comma to continue a list.
    #[serde(default)]
    pub list_gap: Option<usize>,
    /// Tokens before a figure searched for a projection cue ("aims to").
    #[serde(default)]
    pub projection_before: Option<usize>,
    /// Tokens after a figure searched for a projection cue.
    #[serde(default)]
    pub projection_after: Option<usize>,
    /// Tokens after a denial searched for the event it denies ("denied sending troops").
    #[serde(default)]
    pub denied: Option<usize>,
    /// Words before a reporting verb that may name its subject ("officials said").
    #[serde(default)]
    pub subject_before: Option<usize>,
    /// Words after a reporting verb that may name its subject ("said the ministry").
    #[serde(default)]
    pub subject_after: Option<usize>,
    /// Tokens of an apposition beside a subject ("Hans Kluge, WHO Regional Director, said").
    #[serde(default)]
    pub apposition: Option<usize>,
    /// Words taken as written for a source no entity names ("Rescue teams said").
    #[serde(default)]
    pub unnamed_source: Option<usize>,
    /// Tokens before a sentence searched for what it points back to: the body "the organization" names, the countries "both countries" means.
    #[serde(default)]
    pub look_back: Option<usize>,
    /// Earlier figures whose source a sentence that still reports it ("he said") may carry on.
    #[serde(default)]
    pub look_back_claims: Option<usize>,
    /// Sentences whose first country is what an article is about.
    #[serde(default)]
    pub opening_sentences: Option<usize>,
    /// Tokens the opening spans at least, when page furniture cuts it into short sentences.
    #[serde(default)]
    pub opening_tokens: Option<usize>,
}

impl WindowsDef {
    /// Each key as written in a rule file, with its value if set.
    pub fn entries(&self) -> [(&'static str, Option<usize>); 17] {
        [
            ("kind-cue", self.kind_cue),
            ("rate", self.rate),
            ("owner", self.owner),
            ("owner-place", self.owner_place),
            ("place", self.place),
            ("list-gap", self.list_gap),
            ("projection-before", self.projection_before),
            ("projection-after", self.projection_after),
            ("denied", self.denied),
            ("subject-before", self.subject_before),
            ("subject-after", self.subject_after),
            ("apposition", self.apposition),
            ("unnamed-source", self.unnamed_source),
            ("look-back", self.look_back),
            ("look-back-claims", self.look_back_claims),
            ("opening-sentences", self.opening_sentences),
            ("opening-tokens", self.opening_tokens),
        ]
    }

    /// Sets the keys `extra` sets; the others keep their value.
    pub fn overlay(&mut self, extra: &WindowsDef) {
        self.kind_cue = extra.kind_cue.or(self.kind_cue);
        self.rate = extra.rate.or(self.rate);
        self.owner = extra.owner.or(self.owner);
        self.owner_place = extra.owner_place.or(self.owner_place);
        self.place = extra.place.or(self.place);
        self.list_gap = extra.list_gap.or(self.list_gap);
        self.projection_before = extra.projection_before.or(self.projection_before);
        self.projection_after = extra.projection_after.or(self.projection_after);
        self.denied = extra.denied.or(self.denied);
        self.subject_before = extra.subject_before.or(self.subject_before);
        self.subject_after = extra.subject_after.or(self.subject_after);
        self.apposition = extra.apposition.or(self.apposition);
        self.unnamed_source = extra.unnamed_source.or(self.unnamed_source);
        self.look_back = extra.look_back.or(self.look_back);
        self.look_back_claims = extra.look_back_claims.or(self.look_back_claims);
        self.opening_sentences = extra.opening_sentences.or(self.opening_sentences);
        self.opening_tokens = extra.opening_tokens.or(self.opening_tokens);
    }
}

/// Words that say where a toll was counted, beyond a country's name.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlacesDef {
    /// Phrases that stand for every country the text has just named ("both
    /// countries", "البلدين"): the toll is theirs together.
    #[serde(default)]
    pub all_named: Vec<String>,
    /// Region label -> phrases naming that part of a country ("north-west":
    /// "northwest", "شمال غرب"; "government-held": "مناطق سيطرة الحكومة").
    /// A toll counted there is a quantity of its own.
    #[serde(default)]
    pub regions: IndexMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ModalityDef {
    #[serde(default)]
    pub projection: Vec<String>,
    #[serde(default)]
    pub denial: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DatesDef {
    /// Twelve entries, January first; each lists the names of that month.
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// Twelve entries, Farvardin first: Solar Hijri month names.
    #[serde(default)]
    pub persian_months: Vec<Vec<String>>,
    /// Seven entries, Monday first.
    #[serde(default)]
    pub weekdays: Vec<Vec<String>>,
    #[serde(default)]
    pub yesterday: Vec<String>,
    /// Words that put the sentence at the time of publication ("now", "today"),
    /// whatever other date it mentions.
    #[serde(default)]
    pub today: Vec<String>,
    /// Words that introduce a publication date ("published", "بتاريخ").
    #[serde(default)]
    pub published: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UnitDef {
    pub words: Vec<String>,
    /// The kind a figure of this unit has when no event word says otherwise.
    #[serde(default)]
    pub kind: Option<String>,
    /// When true, the unit decides the kind even if event words are near (money, days).
    #[serde(default)]
    pub strict: bool,
    /// The unit is written before the figure ("$", "US$").
    #[serde(default)]
    pub before: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExclusionsDef {
    /// A figure right after one of these is not a claim ("Article 4", "in 2022").
    #[serde(default)]
    pub before: Vec<String>,
    /// A figure right before one of these is not a claim ("3 views").
    #[serde(default)]
    pub after: Vec<String>,
    /// A figure with one of these up to three words before it is not a claim ("list 1 of 4").
    #[serde(default)]
    pub near_before: Vec<String>,
    /// Regular expressions matched against the whole word that holds a figure,
    /// as normalised (lower case, ASCII digits): a match means it is a name, not
    /// a count ("kn-23", "s-400", "f-16").
    #[serde(default)]
    pub patterns: Vec<String>,
}

/// `entities.toml`: names of countries, institutions, people and outlets.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntitiesFile {
    pub format: u32,
    #[serde(default)]
    pub entity: Vec<EntityDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntityDef {
    /// Canonical English name.
    pub name: String,
    /// Required, except on an entry that extends an entity defined elsewhere.
    #[serde(rename = "type", default)]
    pub entity_type: Option<EntityType>,
    /// For countries: the English adjective ("South Korean").
    #[serde(default)]
    pub demonym: Option<String>,
    /// Language code -> names in that language.
    #[serde(default)]
    pub aliases: IndexMap<String, Vec<String>>,
    /// Language code -> the adjective's forms in that language.
    #[serde(default)]
    pub demonym_aliases: IndexMap<String, Vec<String>>,
    /// For outlets: web domains that name them.
    #[serde(default)]
    pub domains: Vec<String>,
    /// False switches the entity off (for a rule folder that overrides a default).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// True adds this entry's aliases, adjectives and domains to the entity of the
    /// same name defined elsewhere, instead of replacing it: a language pack's
    /// spellings of "South Korea" live beside the pack.
    #[serde(default)]
    pub extend: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityType {
    Country,
    /// A kind of body: intelligence, officials, ministry of defence.
    Institution,
    Person,
    Organisation,
    /// A loose collective: "the West".
    Group,
    Outlet,
}
