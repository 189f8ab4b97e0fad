//! `lang/<code>.toml`: a language pack.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// `lang/<code>.toml`: everything that is specific to one language.
///
/// Any file with a `[language]` table is a pack. Every table but `[language]`
/// is optional and every list defaults to empty. Lists hold phrases, matched
/// after normalisation; a word ending in `*` matches any word that starts
/// with the rest.
///
/// A later file with the same `code` extends the pack: its lists are added to
/// the earlier ones; its `[numbers.*]` and `[units.*]` entries are added or
/// replace those of the same name; under `[kinds]`, `[rates]` and
/// `[places.regions]` its phrases join the entry's list; the `[windows]` keys
/// it sets replace the earlier ones; `months` and `weekdays`, when given,
/// replace the old lists. What it says of `name`, `script`,
/// `definite-article`, `contractions`, the separators, `small-word-limit`,
/// `subject-first`, `persian-months` and exclusion `patterns` is not used: the
/// first file's stands.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageFile {
    /// `format`: the rule-format version; must be [`FORMAT_VERSION`](super::FORMAT_VERSION).
    pub format: u32,
    /// `[language]` (required): the pack's code, name and script.
    pub language: LanguageMeta,
    /// `[numbers]`: separators, number words, scales and vague quantities.
    #[serde(default)]
    pub numbers: NumbersDef,
    /// `[qualifiers]`: phrases that make a figure about, at least or at most.
    #[serde(default)]
    pub qualifiers: QualifiersDef,
    /// `[[range]]`: the ways of writing a range ("between 10 and 12").
    #[serde(default)]
    pub range: Vec<RangeDef>,
    /// `[attribution]`: reporting cues and how a source is found.
    #[serde(default)]
    pub attribution: AttributionDef,
    /// `[modality]`: projection and denial cues.
    #[serde(default)]
    pub modality: ModalityDef,
    /// `part-of` (top level): cues that make the figure right after them a part
    /// of the figure before it ("including 3,000"), counting the same things.
    #[serde(default)]
    pub part_of: Vec<String>,
    /// `part-of-after` (top level): words right after a figure that make it a
    /// share of something counted before ("1,000 of them", "1.000 dieser
    /// Soldaten"), unless it counts another kind than the figure before it.
    #[serde(default)]
    pub part_of_after: Vec<String>,
    /// `increment` (top level): words right before a figure that make it an
    /// addition to a total ("another 1,500", "weitere 6.000"), not the total
    /// itself; it is grouped apart from the totals, as a part.
    #[serde(default)]
    pub increment: Vec<String>,
    /// `increment-after` (top level): words right after a figure's counted noun
    /// that do the same ("1,500 troops more").
    #[serde(default)]
    pub increment_after: Vec<String>,
    /// Words that join two event words into one ("killed **or** wounded",
    /// "قتل **أو** جرح"); the pack's number joiners ("and") join them too.
    #[serde(default)]
    pub kind_joiners: Vec<String>,
    /// Words that introduce a cause ("because of", "بسبب"): an event word
    /// after them says why, not what the figure before counts.
    #[serde(default)]
    pub causes: Vec<String>,
    /// `[dates]`: month and weekday names, relative days, publication cues.
    #[serde(default)]
    pub dates: DatesDef,
    /// `[kinds]`: kind id -> event words that, near a figure, say what
    /// happened to what it counts (`killed = ["kill*", "dead"]`). The nearest
    /// cue within the `kind-cue` window decides. Every id must be a
    /// `[[kind]]`, and a cue may belong to one kind only.
    #[serde(default)]
    pub kinds: IndexMap<String, Vec<String>>,
    /// `[units.<name>]`: counted nouns; `<name>` is the unit claims report
    /// (`soldiers`, `USD`, `days`).
    #[serde(default)]
    pub units: IndexMap<String, UnitDef>,
    /// `[exclusions]`: what makes a number not a claim.
    #[serde(default)]
    pub exclusions: ExclusionsDef,
    /// `[places]`: where a toll was counted, beyond a country's name.
    #[serde(default)]
    pub places: PlacesDef,
    /// `[rates]`: period label -> phrases after a figure (or its counted noun,
    /// within the `rate` window and the same clause) that make it a rate ("92
    /// soldiers every day"): its unit becomes "soldiers per day" and it is
    /// grouped apart from totals.
    #[serde(default)]
    pub rates: IndexMap<String, Vec<String>>,
    /// `[windows]`: how far the claim stage looks around a figure.
    #[serde(default)]
    pub windows: WindowsDef,
    /// `[remove]`: entries to take out of the pack after merging, in the same
    /// shape as the file: `[remove.kinds] killed = ["ضحايا"]` removes that cue;
    /// a list of names under a table (`[remove] units = ["km"]`) removes those
    /// entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove: Option<toml::Table>,
}

/// `[language]`: which language a pack is, and how its words are put together.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageMeta {
    /// `code` (required): the ISO 639-1 code (`"ar"`); front matter
    /// `lang = "..."` selects the pack, and claims' language is this code.
    pub code: String,
    /// `name` (required): the language's English name.
    pub name: String,
    /// `script` (required): for detection, a document's dominant script picks
    /// the packs to choose from.
    pub script: Script,
    /// `detect`: frequent function words, used to tell packs of one script apart.
    #[serde(default)]
    pub detect: Vec<String>,
    /// `proclitics`: prefixes glued to words (Arabic و ب ل ال ...): every word
    /// of the text is also tried without them.
    #[serde(default)]
    pub proclitics: Vec<String>,
    /// `definite-article` (default none): a proclitic that makes a number word
    /// definite ("the fifth", "الخامسة"), which is never a count.
    #[serde(default)]
    pub definite_article: Option<String>,
    /// `contractions` (default `{}`): prefixes that stand for a proclitic plus
    /// the article: a word starting with the key is also tried with the value
    /// in its place (`{ "لل" = "ال" }` reads "للدفاع" as "الدفاع").
    #[serde(default)]
    pub contractions: IndexMap<String, String>,
}

/// The script a pack is written in, `script = "arabic"` in `[language]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    /// `"arabic"`: Arabic and Persian.
    Arabic,
    /// `"latin"`: English, German, French, Spanish...
    Latin,
    /// `"cyrillic"`: Russian.
    Cyrillic,
}

/// `[numbers]`: how the language writes numbers. Digits of every script are
/// folded to ASCII before matching and need no rules.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumbersDef {
    /// `decimal-separators`: one-character marks between whole and fraction
    /// ("7.8", "٧٫٨").
    #[serde(default)]
    pub decimal_separators: Vec<String>,
    /// `group-separators`: one-character marks between thousands ("14,000",
    /// "14.000"); a separator followed by exactly three digits is grouping.
    #[serde(default)]
    pub group_separators: Vec<String>,
    /// `[numbers.words]`: number words and their values; multi-word keys are
    /// allowed (`"اثنا عشر" = 12`).
    #[serde(default)]
    pub words: IndexMap<String, f64>,
    /// `[numbers.scales]`: words that multiply what comes before them
    /// (`"thousand" = 1000`: "12 ألف" is 12,000). A scale of two letters or
    /// fewer must be glued to its digits ("12k").
    #[serde(default)]
    pub scales: IndexMap<String, f64>,
    /// `joiners`: words that join number words ("and", "و": "مئة وثلاثين").
    #[serde(default)]
    pub joiners: Vec<String>,
    /// `unit-links`: words that may stand between a vague quantity and its
    /// counted noun ("thousands of troops").
    #[serde(default)]
    pub unit_links: Vec<String>,
    /// `[numbers.vague]`: vague quantities and the smallest figure each can
    /// mean (`"thousands" = 2000`); they become "at least" claims.
    #[serde(default)]
    pub vague: IndexMap<String, f64>,
    /// `small-word-limit` (default `1000`): a figure in words below this counts
    /// only with a counted noun right after it: "nine engineers" is a claim,
    /// "one of them" is not.
    #[serde(default = "default_small_word_limit")]
    pub small_word_limit: f64,
    /// `[numbers.fractions]`: fraction words that also stand alone ("half",
    /// "نصف") and their denominator: alone one part ("half" = 0.5), after a
    /// numerator that many ("three halves").
    #[serde(default)]
    pub fractions: IndexMap<String, f64>,
    /// `[numbers.denominators]`: denominators that need a numerator before
    /// them ("thirds", "Drittel"): "two thirds" = 2/3.
    #[serde(default)]
    pub denominators: IndexMap<String, f64>,
    /// `[numbers.ordinals]`: ordinal words and their number ("fifth" = 5):
    /// never a count; compounds join as numbers do ("twenty-first").
    #[serde(default)]
    pub ordinals: IndexMap<String, f64>,
    /// `ordinal-denominators`: an ordinal after a numerator is its
    /// denominator ("three fifths", "un centième").
    #[serde(default)]
    pub ordinal_denominators: bool,
    /// `articles`: words that mean one only before a scale or a fraction ("a
    /// hundred", "a fifth"), and nothing alone.
    #[serde(default)]
    pub articles: Vec<String>,
    /// `indefinite`: the numeral one that is also the indefinite article ("un",
    /// "une", "ein"): read as one, never a claim on its own.
    #[serde(default)]
    pub indefinite: Vec<String>,
    /// `negative`: words for minus before a number ("minus", "negative").
    #[serde(default)]
    pub negative: Vec<String>,
    /// `decimal-words`: words between a whole number and its decimals in words
    /// ("point", "coma", "virgule").
    #[serde(default)]
    pub decimal_words: Vec<String>,
    /// `fraction-links`: words that make a small number over a larger one a
    /// fraction ("one out of three", "1 على 21").
    #[serde(default)]
    pub fraction_links: Vec<String>,
    /// `percent`: words after a number that make it a percentage ("%", "per cent").
    #[serde(default)]
    pub percent: Vec<String>,
    /// `percent-before`: words before a number that make it a percentage ("percent of").
    #[serde(default)]
    pub percent_before: Vec<String>,
    /// `not-numbers`: phrases holding a number word that are not numbers ("the
    /// one", "un peu").
    #[serde(default)]
    pub not_numbers: Vec<String>,
    /// `ambiguous`: number words that are also common words ("نه", nine and
    /// "no"): alone they are numbers only before a counted noun.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// `compound-joiners`: joiners glued inside one word of number words ("und"
    /// in "einundzwanzig"): a word made only of number words and these is read
    /// from its pieces.
    #[serde(default)]
    pub compound_joiners: Vec<String>,
    /// `denominator-suffixes`: endings glued to number words that make them a
    /// denominator ("avos" in "veinticincoavos", "ésimos" in "dosmilésimos"):
    /// the word is read from its pieces and divides the numerator before it.
    #[serde(default)]
    pub denominator_suffixes: Vec<String>,
    /// `units-before-tens`: units come before tens in separate words ("واحد
    /// وعشرون" = 21), and tens end a group.
    #[serde(default)]
    pub units_before_tens: bool,
}

fn default_small_word_limit() -> f64 {
    1000.0
}

/// `[qualifiers]`: phrases that set a figure's qualifier, which becomes the
/// claim's `qualifier` and the interval reconciliation reads into it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QualifiersDef {
    /// `about`: phrases just before a figure that make it approximate
    /// ("about", "nearly"): plus or minus `about-tolerance`.
    #[serde(default)]
    pub about: Vec<String>,
    /// `at-least`: phrases just before a figure that make it a lower bound
    /// ("at least", "more than"): open above.
    #[serde(default)]
    pub at_least: Vec<String>,
    /// `at-most`: phrases just before a figure that make it an upper bound
    /// ("up to", "fewer than"): open below.
    #[serde(default)]
    pub at_most: Vec<String>,
    /// `about-after`: the same as `about`, just after a figure or its counted
    /// noun ("nine soldiers or so").
    #[serde(default)]
    pub about_after: Vec<String>,
    /// `at-least-after`: the same as `at-least`, just after a figure or its
    /// counted noun ("nine soldiers at least").
    #[serde(default)]
    pub at_least_after: Vec<String>,
    /// `at-most-after`: the same as `at-most`, just after a figure or its
    /// counted noun.
    #[serde(default)]
    pub at_most_after: Vec<String>,
    /// `estimate`: verbs of estimating: a bare figure shortly after them is
    /// "about" ("يقدر ... أن 12 ألف").
    #[serde(default)]
    pub estimate: Vec<String>,
}

/// `[[range]]`: one way to write a range. A scale word on the second figure
/// carries over to the first: "بين 10 و12 ألف" is 10,000-12,000.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RangeDef {
    /// `open` (default none): the word before the first figure ("between",
    /// "بين"); none means the two figures and the joiner alone make a range.
    #[serde(default)]
    pub open: Option<String>,
    /// `join` (required): words between the two figures ("and", "to", "-").
    pub join: Vec<String>,
}

/// `[attribution]`: how a claim's source (its `attribution` field) is found.
/// Sources are named with the entities' canonical English names.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AttributionDef {
    /// `source-follows`: cues followed by the source ("according to", "وفقا ل").
    #[serde(default)]
    pub source_follows: Vec<String>,
    /// `verbs`: reporting verbs ("said", "قال", "يقدر"): the source is their
    /// subject, after them or before them.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// `subject-first` (default `false`): true when the subject usually comes
    /// before the verb ("officials said", English); false when it follows
    /// ("قال المسؤولون", Arabic).
    #[serde(default)]
    pub subject_first: bool,
    /// `location-markers`: prepositions that make a country a place rather
    /// than the owner of what is counted ("sent to Russia", "في أوكرانيا").
    #[serde(default)]
    pub location_markers: Vec<String>,
    /// `anaphors`: words that point back to a body named earlier ("the
    /// organization", "المنظمة"): such a source stands for the last
    /// organisation or institution the text named before (within `look-back`).
    #[serde(default)]
    pub anaphors: Vec<String>,
    /// `addressee-verbs`: reporting verbs whose object is the listener
    /// ("told", "briefed"): a name right after them is who was told, never the
    /// source. List them under `verbs` too.
    #[serde(default)]
    pub addressee_verbs: Vec<String>,
    /// `clause-openers`: words that open a subordinate clause ("after",
    /// "when"): a source named across one speaks of the other clause's figure.
    #[serde(default)]
    pub clause_openers: Vec<String>,
    /// `same-source`: words that say a sentence still reports the source named
    /// before it: a pronoun subject ("he said"), reported speech ("sei",
    /// "reportedly"). A figure with no source of its own there takes the source
    /// of the figure before it.
    #[serde(default)]
    pub same_source: Vec<String>,
    /// `name-links`: words that may stand between two parts of one name
    /// besides the language's joiners ("officials in South Korea",
    /// "المسؤولين في كوريا الجنوبية").
    #[serde(default)]
    pub name_links: Vec<String>,
    /// `relay`: cues after which the original source of a relayed figure is
    /// named ("citing", "نقلا عن", "со ссылкой на"): "Reuters, citing the
    /// health ministry" is the health ministry's figure.
    #[serde(default)]
    pub relay: Vec<String>,
    /// `verb-final` (default `false`): reporting verbs close their clause and
    /// the subject opens it, however long the clause ("سخنگوی وزارت بهداشت از
    /// شهادت 224 نفر ... خبر داد"): the subject is looked for from the start
    /// of the clause.
    #[serde(default)]
    pub verb_final: bool,
}

/// `[windows]`: how far, in tokens (or words, or sentences), the claim stage
/// looks around a figure; a token is a word, a number or a punctuation mark.
/// Every key is optional and, when set, a positive integer; a pack extension
/// sets only the keys it changes, and a key no file sets keeps its default
/// (the defaults are [`Windows`](crate::rules::Windows)'s).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WindowsDef {
    /// `kind-cue` (default 14): tokens between a figure and an event word that
    /// can say its kind ("killed"); the nearest within reach decides.
    #[serde(default)]
    pub kind_cue: Option<usize>,
    /// `rate` (default 10): tokens between a figure (or its counted noun) and a
    /// rate phrase ("every day").
    #[serde(default)]
    pub rate: Option<usize>,
    /// `owner` (default 4): tokens between a figure (or its counted noun) and a
    /// country that owns it.
    #[serde(default)]
    pub owner: Option<usize>,
    /// `owner-place` (default 7): the same as `owner`, for a toll with a place
    /// phrase opened right after it ("in the southern provinces of Turkey").
    #[serde(default)]
    pub owner_place: Option<usize>,
    /// `place` (default 8): tokens between a toll and `all-named` words or a
    /// region ("government-held areas").
    #[serde(default)]
    pub place: Option<usize>,
    /// `list-gap` (default 8): tokens between a bare figure after a comma and
    /// the figure before it, for it to continue that figure's list.
    #[serde(default)]
    pub list_gap: Option<usize>,
    /// `projection-before` (default 10): tokens before a figure searched for a
    /// projection cue ("aims to").
    #[serde(default)]
    pub projection_before: Option<usize>,
    /// `projection-after` (default 6): tokens after a figure searched for a
    /// projection cue.
    #[serde(default)]
    pub projection_after: Option<usize>,
    /// `denied` (default 16): tokens after a denial with no figure searched for
    /// the event it denies ("denied sending troops").
    #[serde(default)]
    pub denied: Option<usize>,
    /// `subject-before` (default 8): words before a reporting verb that may
    /// name its subject ("officials said").
    #[serde(default)]
    pub subject_before: Option<usize>,
    /// `subject-after` (default 8): words after a reporting verb that may name
    /// its subject ("said the ministry").
    #[serde(default)]
    pub subject_after: Option<usize>,
    /// `apposition` (default 12): tokens of an apposition beside a subject
    /// ("Hans Kluge, WHO Regional Director, said").
    #[serde(default)]
    pub apposition: Option<usize>,
    /// `unnamed-source` (default 4): words taken as written for a source no
    /// entity names ("Rescue teams said").
    #[serde(default)]
    pub unnamed_source: Option<usize>,
    /// `look-back` (default 200): tokens before a sentence searched for what it
    /// points back to: the body "the organization" names, the countries "both
    /// countries" means.
    #[serde(default)]
    pub look_back: Option<usize>,
    /// `look-back-claims` (default 8): earlier figures whose source a sentence
    /// that still reports it ("he said") may carry on.
    #[serde(default)]
    pub look_back_claims: Option<usize>,
    /// `opening-sentences` (default 3): sentences whose first country is what
    /// an article is about, the owner lent to figures that name none.
    #[serde(default)]
    pub opening_sentences: Option<usize>,
    /// `opening-tokens` (default 80): tokens the opening spans at least, when
    /// page furniture cuts it into short sentences.
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

/// `[places]`: words that say where a toll was counted, beyond a country's
/// name. They apply only to kinds with `by-place`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlacesDef {
    /// `all-named`: phrases that stand for every country the text has just
    /// named ("both countries", "البلدين"): the toll is theirs together.
    #[serde(default)]
    pub all_named: Vec<String>,
    /// `[places.regions]`: region label -> phrases naming that part of a country ("north-west":
    /// "northwest", "شمال غرب"; "government-held": "مناطق سيطرة الحكومة").
    /// A toll counted there is a quantity of its own.
    #[serde(default)]
    pub regions: IndexMap<String, Vec<String>>,
    /// Nouns of an attack or a weapon ("strikes", "الغارات", "удары"): a
    /// country right beside one is who struck ("Israeli strikes killed 600"),
    /// never whose people were hit.
    #[serde(default)]
    pub agent_nouns: Vec<String>,
    /// Words right before a country that make it the doer ("killed by
    /// Israel", "من قبل", "توسط"): it is not the owner of the victims.
    #[serde(default)]
    pub agent_markers: Vec<String>,
    /// Nouns that make a country right beside them part of a name ("the
    /// Saudi hospital", "وكالة الأنباء الروسية", "Iranian state TV"): an
    /// outlet's, a building's or a body's nationality is no place of a figure.
    #[serde(default)]
    pub name_nouns: Vec<String>,
    /// Phrases that make a toll the whole country's ("nationwide", "في
    /// البلاد"), whatever place below the country the article is about.
    #[serde(default)]
    pub nationwide: Vec<String>,
}

/// `[modality]`: what makes a claim's `modality` other than asserted.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ModalityDef {
    /// `projection`: plans, forecasts and possibilities near a figure ("aims
    /// to", "سوف", "على وشك"), within the `projection-*` windows: the claim is
    /// a projection, kept but set aside from every consensus.
    #[serde(default)]
    pub projection: Vec<String>,
    /// `denial`: denials in the sentence ("denied", "نفى", "fake news"): its
    /// figures are denied; with no figure, the sentence is a denial of its own.
    #[serde(default)]
    pub denial: Vec<String>,
}

/// `[dates]`: the words of dates, for claims' `as_of` and the publication
/// date. Numeric dates (`2024-11-02`, `1404/10/07`) need no rules.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DatesDef {
    /// `months`: twelve entries, January first; each lists the names of that
    /// month ("يناير", "كانون الثاني"). Empty: none.
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// `persian-months`: twelve entries, Farvardin first: Solar Hijri month
    /// names, converted by ICU4X.
    #[serde(default)]
    pub persian_months: Vec<Vec<String>>,
    /// `weekdays`: seven entries, Monday first; "on Friday" dates a claim to
    /// the last Friday on or before publication.
    #[serde(default)]
    pub weekdays: Vec<Vec<String>>,
    /// `yesterday`: phrases for the day before publication.
    #[serde(default)]
    pub yesterday: Vec<String>,
    /// `today`: words that put the sentence at the time of publication ("now",
    /// "today"), whatever other date it mentions.
    #[serde(default)]
    pub today: Vec<String>,
    /// `published`: words that introduce a publication date in the text
    /// ("published", "بتاريخ").
    #[serde(default)]
    pub published: Vec<String>,
    /// `since` (default `[]`): words that open the start of a period ("since
    /// Monday", "منذ", "seit"): the day after them is when counting began,
    /// not when the figure holds.
    #[serde(default)]
    pub since: Vec<String>,
}

/// `[units.<name>]`: one counted noun; `<name>` is what claims' `unit` says.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UnitDef {
    /// `words` (required): the noun's forms ("soldier*", "جندي", "جنود").
    pub words: Vec<String>,
    /// `kind` (default none): the kind a figure of this unit has when no event
    /// word says otherwise; none leaves the kind to the cues.
    #[serde(default)]
    pub kind: Option<String>,
    /// `strict` (default `false`): the unit decides the kind even if event
    /// words are near (money, days, weapons).
    #[serde(default)]
    pub strict: bool,
    /// `before` (default `false`): the unit is written before the figure
    /// ("$425 million", "US$").
    #[serde(default)]
    pub before: bool,
    /// A measure, not a counted noun ("%", "km"): a figure after it that
    /// names nothing does not count in it ("a 35% chance of 10,000 deaths").
    #[serde(default)]
    pub measure: bool,
}

/// `[exclusions]`: what makes a number not a claim. Years, dates, times and
/// numbers glued to letters ("KN-23") are left out without rules.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExclusionsDef {
    /// `before`: a figure right after one of these is not a claim ("Article
    /// 4", "in 2022").
    #[serde(default)]
    pub before: Vec<String>,
    /// `after`: a figure right before one of these is not a claim ("3 views").
    #[serde(default)]
    pub after: Vec<String>,
    /// `near-before`: a figure with one of these up to three words before it
    /// is not a claim ("list 1 of 4").
    #[serde(default)]
    pub near_before: Vec<String>,
    /// `patterns`: regular expressions matched against the whole word that holds a figure,
    /// as normalised (lower case, ASCII digits): a match means it is a name, not
    /// a count ("kn-23", "s-400", "f-16"). Every pack's patterns apply to
    /// documents of every language.
    #[serde(default)]
    pub patterns: Vec<String>,
}
