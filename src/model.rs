//! The data model every stage shares: what a claim is, and what a document
//! yielded. It sits at the bottom of the crate and imports nothing from it,
//! so extraction, grouping, reconciliation and reporting can all depend on it
//! without depending on each other.
//!
//! Dates are [`jiff::civil::Date`] values, parsed once where they are read
//! (text, front matter, a table row) and never re-parsed downstream; they
//! serialise as ISO `YYYY-MM-DD`.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use crate::shared_text::SharedText;

pub(crate) mod claim_id;
mod compact;
pub use claim_id::{ClaimId, IdText};
pub use compact::{MAX_ARTICLE_BYTES, Narrowing, OptionalF64, narrow_span};

/// A figure as `crosscheck numbers` reports it: every number a text states,
/// whatever it counts, before the claim stage keeps what it can check.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FoundFigure {
    /// The document's id.
    pub doc: String,
    /// Byte offsets `[start, end)` of its words in the file as stored, a
    /// percent sign or word included.
    pub span: [usize; 2],
    /// The words as the file writes them.
    pub text: String,
    /// A single figure; absent for a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The lower end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// The upper end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// How the text qualifies it (about, at least...).
    pub qualifier: Qualifier,
    /// "percent", or a unit the rules define, written beside it ("USD", "days").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The language pack it was read with.
    pub lang: String,
    /// What it is when it is not a figure (ordinal, year, code): only listed on request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// How a figure relates to the true quantity, as the text qualifies it.
/// Serialised in snake case (`"at_least"`), as claims' `qualifier` and rule
/// tests write it; reconciliation reads each as an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// A bare figure: exact, or the range its rounding implies ("12,000").
    Exact,
    /// "about", "nearly", or an estimating verb: plus or minus the rules'
    /// `about-tolerance`.
    About,
    /// "at least", "more than", or a vague quantity ("thousands"): open above.
    AtLeast,
    /// "up to", "fewer than": open below.
    AtMost,
    /// "between 10,000 and 12,000": `low` to `high`.
    Range,
}

impl Qualifier {
    /// The name as serialised: "exact", "about", "at_least", "at_most", "range".
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::Range => "range",
        }
    }
}

/// How a date was obtained; shown in reports so a reader can judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// Front matter.
    FrontMatter,
    /// Written next to a publication cue ("بتاريخ", "published").
    PublicationCue,
    /// The first date at the top of the document (a dateline).
    Dateline,
    /// No date is given: the latest date the text mentions.
    LatestMentioned,
    /// Written in the claim's sentence.
    Stated,
    /// Worked out from "yesterday", "on Friday"... and the publication date.
    Relative,
    /// The claim's sentence gives no date: the publication date.
    Published,
}

/// What the text does with a figure. Only asserted figures enter a consensus;
/// the others are shown and set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as a fact.
    Asserted,
    /// A plan, forecast or possibility ("aims to deploy 20,000", "about to
    /// enter"): a count of the same weeks that exceeds its maximum contradicts it.
    Projection,
    /// Reported as denied ("denied that 3,000 were sent").
    Denied,
}

/// Whose people or things a figure counts: one or more countries (or groups,
/// such as "the West"), and the part of a country where a toll was counted,
/// when the text names one. Empty when the text names no owner.
///
/// It is displayed as reports and group ids show it: "North Korea", "Syria and
/// Turkey" (several countries, sorted), "Syria (government-held)".
///
/// It is shared, not copied: owners are interned (per thread), so an owner
/// is one pointer, and a clone for every figure it is lent to and for what
/// grouping keeps is a count raised, not an allocation. A report holds
/// hundreds of thousands of claims, each with its owner; the empty owner
/// holds nothing.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Owner {
    parts: Option<Arc<OwnerParts>>,
}

/// What a named owner is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct OwnerParts {
    /// Canonical English names, sorted, each once.
    countries: smallvec::SmallVec<[Arc<str>; 2]>,
    /// A part of the country held by one side ("government-held").
    region: Option<Arc<str>>,
    /// The place below the country where a toll was counted ("Mandalay"),
    /// by the gazetteer's English name.
    place: Option<Arc<str>>,
}

thread_local! {
    /// The owners made on this thread: a document names a few, a story a
    /// few dozen. Emptied, as [`SharedText::interned`]'s texts are, when it
    /// holds [`crate::shared_text::INTERNED_AT_MOST`].
    static OWNERS: std::cell::RefCell<std::collections::HashSet<Arc<OwnerParts>, crate::fxhash::FxBuildHasher>> =
        std::cell::RefCell::new(Default::default());
}

impl Owner {
    /// The owner of these parts, shared with every equal owner made on this
    /// thread; the empty owner when they name nothing.
    fn of_parts(parts: OwnerParts) -> Owner {
        if parts.countries.is_empty() && parts.region.is_none() && parts.place.is_none() {
            return Owner::default();
        }
        let parts = OWNERS.with_borrow_mut(|owners| {
            if let Some(held) = owners.get(&parts) {
                return Arc::clone(held);
            }
            let held = Arc::new(parts);
            if owners.len() >= crate::shared_text::INTERNED_AT_MOST {
                owners.clear();
            }
            owners.insert(Arc::clone(&held));
            held
        });
        Owner { parts: Some(parts) }
    }

    /// A copy of the parts (names shared), empty for the empty owner.
    fn copied_parts(&self) -> OwnerParts {
        self.parts.as_deref().cloned().unwrap_or_default()
    }

    /// The owner that is these countries together; their order and repeats do
    /// not matter ("Turkey and Syria" is "Syria and Turkey").
    pub fn of_countries<I, S>(names: I) -> Owner
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut countries: smallvec::SmallVec<[Arc<str>; 2]> = names
            .into_iter()
            .map(|name| Arc::from(name.as_ref()))
            .collect();
        countries.sort_unstable();
        countries.dedup();
        Owner::of_parts(OwnerParts {
            countries,
            region: None,
            place: None,
        })
    }

    /// The toll of `place`, a place below `country`: "Mandalay, Myanmar".
    pub fn at_place(country: &str, place: &str) -> Owner {
        Owner::of_parts(OwnerParts {
            countries: smallvec::smallvec![Arc::from(country)],
            region: None,
            place: Some(Arc::from(place)),
        })
    }

    /// The countries alone, without a region or place: what an article's
    /// other figures may be lent.
    pub fn country_level(&self) -> Owner {
        if self.region().is_none() && self.place().is_none() {
            return self.clone();
        }
        // Already sorted and each once: the names shared, not sorted again.
        Owner::of_parts(OwnerParts {
            countries: smallvec::SmallVec::from(self.countries()),
            region: None,
            place: None,
        })
    }

    /// The place below the country, if the text named one.
    pub fn place(&self) -> Option<&str> {
        self.parts.as_ref()?.place.as_deref()
    }

    /// The same countries, counted in `region` only; a region the owner had
    /// is replaced.
    pub fn in_region(&self, region: &str) -> Owner {
        let mut parts = self.copied_parts();
        parts.region = Some(Arc::from(region));
        Owner::of_parts(parts)
    }

    /// True when the text named no owner: such a claim groups only with
    /// others that name none.
    pub fn is_empty(&self) -> bool {
        self.parts.is_none()
    }

    /// Sorted canonical names.
    pub fn countries(&self) -> &[Arc<str>] {
        match &self.parts {
            Some(parts) => &parts.countries,
            None => &[],
        }
    }

    /// The part of the country the toll was counted in ("government-held"),
    /// a label of the pack's `[places.regions]`; none for the whole.
    pub fn region(&self) -> Option<&str> {
        self.parts.as_ref()?.region.as_deref()
    }

    /// More than one country ("Syria and Turkey").
    pub fn is_joint(&self) -> bool {
        self.countries().len() > 1
    }

    /// The one country this owner is, whole (no region): the owner an
    /// adjective can name ("North Korean").
    pub fn single_country(&self) -> Option<&str> {
        let parts = self.parts.as_ref()?;
        match (parts.countries.as_slice(), &parts.region, &parts.place) {
            ([country], None, None) => Some(country),
            _ => None,
        }
    }
}

impl fmt::Debug for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As the parts read, without the pointer around them.
        fmt::Debug::fmt(&self.copied_parts(), f)
    }
}

impl Modality {
    /// The name as serialised: "asserted", "projection", "denied".
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Projection => "projection",
            Modality::Denied => "denied",
        }
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(parts) = &self.parts else {
            return Ok(());
        };
        if let Some(place) = &parts.place {
            write!(f, "{place}, ")?;
        }
        // Written name by name: a joined copy would be built and dropped.
        for (i, country) in parts.countries.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            f.write_str(country)?;
        }
        if let Some(region) = &parts.region {
            write!(f, " ({region})")?;
        }
        Ok(())
    }
}

/// A numeric claim found in a document (or read from a table of claims).
///
/// It serialises as one line of `crosscheck claims` and as an entry of a
/// report's `claims`, with these field names as keys; absent values are
/// `null`, unknown texts `""`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    /// `<doc>#<n>`, n counting claims in document order from 1 (a table's
    /// `<table>:<line>`); held as its parts (see [`ClaimId`]).
    pub id: ClaimId,
    /// The document's id: its file name without the extension (a table's,
    /// for a row of one). Shared by the document's claims.
    pub doc: SharedText,
    /// Byte offsets `[start, end)` in the file as stored, front matter
    /// included: `text` is exactly those bytes. `[0, 0]` for a table row.
    /// 32 bits: an article is read whole, and at most 4 GiB (see
    /// [`MAX_ARTICLE_BYTES`]).
    pub span: [u32; 2],
    /// The words stating the figure, as written, without its qualifier ("12
    /// ألف", "14,000"); a range's both ends. `""` for a table row. Held
    /// once for the claims of a thread that write it alike (see
    /// [`SharedText::interned`]): figures are a small vocabulary.
    pub text: SharedText,
    /// The figure; `null` for a range. For a vague quantity, the smallest it
    /// can mean.
    pub value: OptionalF64,
    /// The lower end of a range; `null` for a single figure.
    pub low: OptionalF64,
    /// The upper end of a range; `null` for a single figure.
    pub high: OptionalF64,
    /// How the text qualifies the figure (exact, about, at least...).
    pub qualifier: Qualifier,
    /// A vague quantity ("thousands"): the value is the smallest it can mean.
    pub vague: bool,
    /// What it counts: a kind id of the rules ("killed", "personnel"), else
    /// the rules' `default-kind`.
    pub kind: SharedText,
    /// The counted noun's unit ("soldiers", "USD"), "soldiers per day" for a
    /// rate; `""` when the figure names none.
    pub unit: SharedText,
    /// The quantity in English, for reports: "North Korean soldiers
    /// deployed"; a part's starts with "part of".
    pub subject: SharedText,
    /// Who the text says gave the figure, in canonical English ("South Korean
    /// and Ukrainian officials"); `""` when it names no one. A table's `origin`.
    pub attribution: SharedText,
    /// The words of the text that name the source, as written ("وزارة الصحة
    /// السورية", "a preliminary assessment by the USGS"), also when they name
    /// no known source and `attribution` is empty; `""` when the text names
    /// none. For a source carried over from an earlier sentence ("he said"),
    /// the words that named it there.
    pub attribution_text: SharedText,
    /// Byte offsets `[start, end)` of `attribution_text` in the file as
    /// stored; `null` when there is none.
    pub attribution_span: Option<[u32; 2]>,
    /// Asserted, projection or denied.
    pub modality: Modality,
    /// The date the figure is about: stated in the sentence, relative to
    /// publication, else the publication date; `null` for an undated text,
    /// whose claims are never compared in time.
    pub as_of: Option<Date>,
    /// How `as_of` was obtained; `null` when it is.
    pub as_of_basis: Option<DateBasis>,
    /// The document's publication date; `null` when none was found.
    pub published: Option<Date>,
    /// The outlet that printed it (front matter `source`, a known domain or a
    /// masthead); `""` when unknown. A table's `outlet`. Shared by the
    /// document's claims.
    pub source: SharedText,
    /// The sentence holding the figure, as written, trimmed.
    pub sentence: SharedText,
    /// The figure is a part of another figure in the sentence ("including 3,000").
    pub part_of: bool,
    /// Its grade, site and past event, which make a quantity of its own
    /// (see [`Narrowing`]); serialised as three keys, each only when set.
    #[serde(flatten)]
    pub narrowing: Narrowing,
    /// The code of the language pack the document was read with ("ar").
    /// Shared by the document's claims.
    pub language: SharedText,
    /// The id of the quantity the claim belongs to
    /// ("personnel-north-korea-soldiers"), set by grouping; a table's
    /// `quantity`.
    pub group: SharedText,
    /// The country or group the counted people or things belong to; used for grouping.
    #[serde(skip)]
    pub owner: Owner,
    /// A part-of cue stands right before the figure ("بينهم 3,381"), whether
    /// or not the figure stayed a part.
    #[serde(skip)]
    pub after_part_cue: bool,
}

/// A denial that states no figure ("the Kremlin called the reports fake news"):
/// it contradicts the positive figures of the quantity it is about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Denial {
    /// `<doc>#d<n>`, n counting the document's denials from 1. Shared, as a
    /// claim's id is, with the contradiction records that name it.
    pub id: SharedText,
    /// The document's id, as for a claim.
    pub doc: String,
    /// Byte offsets of the denying words in the file as stored.
    pub span: [usize; 2],
    /// The denying words, as written ("denied", "نفى").
    pub text: String,
    /// The kind of event denied ("personnel" for "denied sending troops").
    pub kind: String,
    /// The quantity denied in English, as a claim's subject reads.
    pub subject: String,
    /// Who denies.
    pub attribution: String,
    /// The date of the denial, found as a claim's `as_of` is.
    pub as_of: Option<Date>,
    /// The outlet that printed it; `""` when unknown.
    pub source: String,
    /// The sentence holding the denial, as written, trimmed.
    pub sentence: String,
    /// The id of the quantity it contradicts (same kind and owner); `""` when
    /// no group matches, and then it contradicts nothing.
    pub group: String,
    /// Whose people or things are said not to be counted.
    #[serde(skip)]
    pub owner: Owner,
}

impl Claim {
    /// A claim that states `figure` ([value, low, high]) and nothing else yet:
    /// no text, kind "other" (the default rules' default kind; the model knows
    /// no rules), asserted, no source. Tables of claims and tests fill in the rest.
    pub fn from_figure(
        id: impl Into<ClaimId>,
        doc: &str,
        figure: [Option<f64>; 3],
        qualifier: Qualifier,
    ) -> Claim {
        let [value, low, high] = figure;
        Claim {
            id: id.into(),
            // A table's rows share its name.
            doc: SharedText::interned(doc),
            span: [0, 0],
            text: SharedText::EMPTY,
            value: value.into(),
            low: low.into(),
            high: high.into(),
            qualifier,
            vague: false,
            kind: SharedText::interned("other"),
            unit: SharedText::EMPTY,
            subject: SharedText::EMPTY,
            attribution: SharedText::EMPTY,
            attribution_text: SharedText::EMPTY,
            attribution_span: None,
            modality: Modality::Asserted,
            as_of: None,
            as_of_basis: None,
            published: None,
            source: SharedText::EMPTY,
            sentence: SharedText::EMPTY,
            part_of: false,
            narrowing: Narrowing::default(),
            language: SharedText::EMPTY,
            group: SharedText::EMPTY,
            owner: Owner::default(),
            after_part_cue: false,
        }
    }
}

/// What one document yielded.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentClaims {
    /// The file name without its extension; claims' `doc`.
    pub id: String,
    /// The path as read.
    pub path: String,
    /// The code of the language pack it was read with: front matter `lang`,
    /// else the one detected.
    pub language: SharedText,
    /// Its outlet; `""` when unknown.
    pub source: SharedText,
    /// Its publication date; `None` when neither front matter nor text gives one.
    pub published: Option<Date>,
    /// How `published` was found.
    pub published_basis: Option<DateBasis>,
    /// Its claims, in document order; empty once [`crate::extract`] has moved
    /// them into the run's claim list.
    pub claims: Vec<Claim>,
    /// Denials with no figure of their own.
    pub denials: Vec<Denial>,
    /// How many claims the document yielded (kept when `claims` moves on).
    pub claim_count: usize,
    /// What a cap of [`Limits`] changed in reading it (a sentence cut, a token
    /// left out), one line each, for the front end to show.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Caps on what no stage should take whole, whatever its algorithm: a file's
/// size, a sentence's length, a token's length and how much of a document is
/// read at once. Past a cap the input is
/// skipped (a file) or cut (a sentence, a token), with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this many bytes are skipped (`--max-file-size`);
    /// articles past [`MAX_ARTICLE_BYTES`] whatever it is.
    pub max_file_bytes: u64,
    /// A sentence running longer than this many tokens with no sentence break
    /// is cut into pieces of this length (`--max-sentence-tokens`).
    pub max_sentence_tokens: usize,
    /// A word or number longer than this many bytes is left out of the text
    /// the claim stage reads (`--max-token-bytes`): no figure or word is that long.
    pub max_token_bytes: usize,
    /// A document longer than this many bytes is read in sections of at most
    /// this size, cut at paragraph breaks (`--max-section-size`), so that
    /// what reading it holds does not grow with the file; what is
    /// document-wide is read from the first section (see
    /// [`crate::claims::section_cuts`]).
    pub max_section_bytes: usize,
}

impl Limits {
    /// 128 MiB a file, 1000 tokens a sentence, 128 bytes a token, 1 MiB a
    /// section (a news article is never near it; reading a section holds
    /// about 37 bytes per byte of it, on each thread).
    pub const DEFAULT: Limits = Limits {
        max_file_bytes: 128 * 1024 * 1024,
        max_sentence_tokens: 1000,
        max_token_bytes: 128,
        max_section_bytes: 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report holds every claim of its run at once: its inline part was
    /// 528 bytes before its texts were shared (`SharedText`) and its owner
    /// interned, 256 before its figure's words were, 192 before its grade,
    /// site and event were held together; 176, then 184 when its id became
    /// its parts (16 bytes, where a text of its own was 8 and an allocation
    /// of 50 to 70). Growing it again should be a decision, not an accident.
    #[test]
    fn a_claim_stays_compact() {
        assert!(
            std::mem::size_of::<Claim>() <= 184,
            "{}",
            std::mem::size_of::<Claim>()
        );
        assert_eq!(std::mem::size_of::<Owner>(), 8);
    }

    #[test]
    fn equal_owners_share_their_parts() {
        let a = Owner::of_countries(["Syria", "Turkey"]);
        let b = Owner::of_countries(["Turkey", "Syria"]);
        let (Some(pa), Some(pb)) = (&a.parts, &b.parts) else {
            panic!("named owners hold their parts");
        };
        assert!(Arc::ptr_eq(pa, pb));
        // Made another way, equal all the same.
        let placed = Owner::at_place("Myanmar", "Mandalay");
        assert_eq!(placed.country_level(), Owner::of_countries(["Myanmar"]));
        assert_eq!(
            Owner::default().in_region("government-held").region(),
            Some("government-held")
        );
        assert!(Owner::of_countries(Vec::<&str>::new()).is_empty());
    }

    #[test]
    fn owners_display_as_reports_name_them() {
        assert_eq!(Owner::default().to_string(), "");
        assert_eq!(
            Owner::of_countries(["North Korea"]).to_string(),
            "North Korea"
        );
        let both = Owner::of_countries(["Turkey", "Syria", "Turkey"]);
        assert_eq!(both.to_string(), "Syria and Turkey");
        assert!(both.is_joint() && both.single_country().is_none());
        let held = Owner::of_countries(["Syria"]).in_region("government-held");
        assert_eq!(held.to_string(), "Syria (government-held)");
        assert_eq!(
            held.in_region("opposition-held").to_string(),
            "Syria (opposition-held)"
        );
        assert_eq!(held.single_country(), None);
        // A name with "and" in it is one country, not two.
        let one = Owner::of_countries(["Trinidad and Tobago"]);
        assert_eq!(one.single_country(), Some("Trinidad and Tobago"));
    }

    /// Reports print these names; the JSON form must say the same.
    #[test]
    fn names_are_the_serialised_names() {
        for modality in [Modality::Asserted, Modality::Projection, Modality::Denied] {
            assert_eq!(serde_json::to_value(modality).unwrap(), modality.as_str());
        }
        for qualifier in [
            Qualifier::Exact,
            Qualifier::About,
            Qualifier::AtLeast,
            Qualifier::AtMost,
            Qualifier::Range,
        ] {
            assert_eq!(serde_json::to_value(qualifier).unwrap(), qualifier.as_str());
        }
    }
}
