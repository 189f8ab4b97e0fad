//! `lang/<code>.toml`: a language pack.

mod numbers;
mod windows;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

pub use numbers::NumbersDef;
pub use windows::WindowsDef;

/// `lang/<code>.toml`: everything that is specific to one language.
///
/// Any file with a `[language]` table is a pack. Every table but `[language]`
/// is optional and every list defaults to empty. Lists hold phrases, matched
/// after normalisation; a word ending in `*` matches any word that starts
/// with the rest.
///
/// A later file with the same `code` extends the pack: its lists are added to
/// the earlier ones; its `[numbers.*]` and `[units.*]` entries are added or
/// replace those of the same name; under `[kinds]`, `[rates]`, `[grades]`
/// and `[places.regions]` its phrases join the entry's list; the `[windows]` keys
/// it sets replace the earlier ones; `months` and `weekdays`, when given,
/// replace the old lists. What it says of `name`, `script`,
/// `definite-article`, `contractions`, the separators, `small-word-limit`,
/// `subject-first`, `verb-final`, `persian-months` and exclusion `patterns` is
/// not used: the first file's stands.
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
    /// `part-of-counted` (top level): partitives right after a figure or its
    /// counted noun, and right before a word of the figure's own kind ("276
    /// civilians **among the** dead", "436 **of the** dead", "من بين القتلى"):
    /// the figure is a part of all those so counted.
    #[serde(default)]
    pub part_of_counted: Vec<String>,
    /// `increment` (top level): words right before a figure that make it an
    /// addition to a total ("another 1,500", "weitere 6.000"), not the total
    /// itself; it is grouped apart from the totals, as a part.
    #[serde(default)]
    pub increment: Vec<String>,
    /// `increment-after` (top level): words right after a figure's counted noun
    /// that do the same ("1,500 troops more").
    #[serde(default)]
    pub increment_after: Vec<String>,
    /// `kind-joiners` (top level): words that join two event words into one
    /// ("killed **or** wounded", "قتل **أو** جرح"); the pack's number joiners
    /// ("and") join them too.
    #[serde(default)]
    pub kind_joiners: Vec<String>,
    /// `causes` (top level): words that introduce a cause ("because of", "بسبب"): an event word
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
    /// `[grades]`: grade label -> phrases after a figure (within the `rate`
    /// window and the same clause) that say how badly those it counts were
    /// hurt ("8 in serious condition", "41 with moderate injuries"). For kinds
    /// with `graded`, each grade is a quantity of its own, apart from the
    /// whole; labels are English and shared by every pack ("serious").
    #[serde(default)]
    pub grades: IndexMap<String, Vec<String>>,
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

impl LanguageFile {
    /// A pack with this `[language]` table and every other table empty.
    pub fn new(format: u32, language: LanguageMeta) -> LanguageFile {
        LanguageFile {
            format,
            language,
            numbers: NumbersDef::default(),
            qualifiers: QualifiersDef::default(),
            range: Vec::new(),
            attribution: AttributionDef::default(),
            modality: ModalityDef::default(),
            part_of: Vec::new(),
            part_of_after: Vec::new(),
            part_of_counted: Vec::new(),
            increment: Vec::new(),
            increment_after: Vec::new(),
            kind_joiners: Vec::new(),
            causes: Vec::new(),
            dates: DatesDef::default(),
            kinds: IndexMap::new(),
            units: IndexMap::new(),
            exclusions: ExclusionsDef::default(),
            places: PlacesDef::default(),
            rates: IndexMap::new(),
            grades: IndexMap::new(),
            windows: WindowsDef::default(),
            remove: None,
        }
    }
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
    /// `auxiliaries`: auxiliaries that stand between a subject and its
    /// reporting verb ("DVB **has** documented", "l'ONU **a** annoncé"):
    /// skipped when the subject is read from the words before the verb.
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    /// `split-verbs`: reporting verbs whose particle closes the clause,
    /// written as the finite verb and then the particle ("gibt an": "Die
    /// Regierung gibt die Zahl der Toten mit 1.600 **an**").
    #[serde(default)]
    pub split_verbs: Vec<String>,
    /// `complementizers`: words that open what a reporting verb reports
    /// ("that", "أن", "que", "dass", "что", "که"): its subject is never
    /// looked for past one ("وأشار المتحدث إلى أن مدينة الفاشر ...").
    #[serde(default)]
    pub complementizers: Vec<String>,
    /// `head-titles`: titles of a head of state, government, region or
    /// city ("leader", "jefe", "رئيس"): a subject that gives such a title
    /// and then a name between commas ("Myanmar's leader, General Min Aung
    /// Hlaing, said") is the person, not the body the title names.
    #[serde(default)]
    pub head_titles: Vec<String>,
    /// `verb-final` (default `false`): reporting verbs close their clause and
    /// the subject opens it, however long the clause ("سخنگوی وزارت بهداشت از
    /// شهادت 224 نفر ... خبر داد"): the subject is looked for from the start
    /// of the clause.
    #[serde(default)]
    pub verb_final: bool,
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
    /// `agent-nouns`: nouns of an attack or a weapon ("strikes", "الغارات", "удары"): a
    /// country right beside one is who struck ("Israeli strikes killed 600"),
    /// never whose people were hit.
    #[serde(default)]
    pub agent_nouns: Vec<String>,
    /// `agent-markers`: words right before a country that make it the doer ("killed by
    /// Israel", "من قبل", "توسط"): it is not the owner of the victims.
    #[serde(default)]
    pub agent_markers: Vec<String>,
    /// `name-nouns`: nouns that make a country right beside them part of a name ("the
    /// Saudi hospital", "وكالة الأنباء الروسية", "Iranian state TV"): an
    /// outlet's, a building's or a body's nationality is no place of a figure.
    #[serde(default)]
    pub name_nouns: Vec<String>,
    /// `nationwide`: phrases that make a toll the whole country's ("nationwide", "في
    /// البلاد"), whatever place below the country the article is about.
    #[serde(default)]
    pub nationwide: Vec<String>,
    /// `home-country`: phrases for the outlet's own country ("our country",
    /// "کشورمان"): the country its web address's domain names (".ir" is
    /// Iran). An article whose opening names no other country but says this
    /// is about that country.
    #[serde(default)]
    pub home_country: Vec<String>,
    /// `region-nouns`: nouns of a region right before or after a place's
    /// name ("Tehran province", "محافظة طهران", "استان تهران"): the name is
    /// the region's, not the city named like it, and a place, not the
    /// country a capital's name may stand for ("Tehran" for Iran).
    #[serde(default)]
    pub region_nouns: Vec<String>,
    /// `near-markers`: words that put something near a place ("near",
    /// "قرب", "près de"): "an earthquake near Mandalay" says where it
    /// struck, not that a toll was counted there.
    #[serde(default)]
    pub near_markers: Vec<String>,
    /// `[places.sites]`: site label -> nouns of a building or ground where
    /// people were killed ("hospital": "hospital", "maternity", "مستشفى"). A
    /// toll of a kind with `by-site`, placed there by a location marker
    /// right after the figure ("460 killed inside the Saudi Maternity
    /// Hospital"), is that site's toll, a quantity of its own.
    #[serde(default)]
    pub sites: IndexMap<String, Vec<String>>,
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
    /// `measure` (default `false`): a measure, not a counted noun ("%",
    /// "km"): `crosscheck numbers` reports it as a figure's unit, and a figure
    /// after it that names nothing does not count in it ("a 35% chance of
    /// 10,000 deaths").
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
