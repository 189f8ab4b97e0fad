//! A claim's fields in fewer bytes: a report holds every claim of its run
//! at once, so what each claim holds inline is paid for every claim.
//!
//! Input: the values the claim stage finds (a figure, byte offsets, a grade,
//! site and past event). Output: [`OptionalF64`], 32-bit offsets
//! ([`narrow_span`]) and [`Narrowing`], each reading, comparing and
//! serialising as the wider value it stands for.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::SharedText;

/// A figure that may be absent, in 8 bytes where `Option<f64>` takes 16:
/// absent is NaN, which no figure is (a figure read from text is a number,
/// and a table's value must be finite; a NaN given is taken as absent).
/// It compares, prints and serialises as the `Option<f64>` it stands for.
///
/// Why: a report holds every claim at once, and a claim has three of them
/// (its value and a range's ends).
#[derive(Clone, Copy)]
pub struct OptionalF64(f64);

impl OptionalF64 {
    /// No figure.
    pub const NONE: OptionalF64 = OptionalF64(f64::NAN);

    /// The figure, if there is one.
    #[inline]
    pub fn get(self) -> Option<f64> {
        if self.0.is_nan() { None } else { Some(self.0) }
    }

    /// There is a figure.
    #[inline]
    pub fn is_some(self) -> bool {
        !self.0.is_nan()
    }

    /// There is none.
    #[inline]
    pub fn is_none(self) -> bool {
        self.0.is_nan()
    }
}

impl Default for OptionalF64 {
    fn default() -> Self {
        OptionalF64::NONE
    }
}

impl From<Option<f64>> for OptionalF64 {
    #[inline]
    fn from(figure: Option<f64>) -> Self {
        OptionalF64(figure.unwrap_or(f64::NAN))
    }
}

impl PartialEq for OptionalF64 {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl PartialEq<Option<f64>> for OptionalF64 {
    fn eq(&self, other: &Option<f64>) -> bool {
        self.get() == *other
    }
}

impl fmt::Debug for OptionalF64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

impl Serialize for OptionalF64 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for OptionalF64 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<f64>::deserialize(deserializer).map(OptionalF64::from)
    }
}

/// What narrows the quantity a claim counts, each a quantity of its own:
///
/// - its grade, how badly those it counts were hurt, for a graded kind
///   ("serious" for "8 in serious condition");
/// - its site, the building or ground where those it counts were killed,
///   for a kind told apart by site ("hospital" for "460 killed inside the
///   Saudi Maternity Hospital");
/// - its past event, the year of one its sentence names well before
///   publication ("1999" for "In 1999, a quake ... killed 17,000").
///
/// Each is `""` when the text does not say. Held together, and only when
/// one is set: 3% of the claims of the bench corpus have any, and each
/// claim held three texts' room (16 bytes more than this).
#[derive(Clone, Default, PartialEq)]
pub struct Narrowing(Option<Box<[SharedText; 3]>>);

/// What a claim without a grade, site or event reads.
static NO_TEXT: SharedText = SharedText::EMPTY;

impl Narrowing {
    /// The grade, site and past event given (each `""` when none).
    pub fn new(grade: SharedText, site: SharedText, event: SharedText) -> Narrowing {
        if grade.is_empty() && site.is_empty() && event.is_empty() {
            Narrowing(None)
        } else {
            Narrowing(Some(Box::new([grade, site, event])))
        }
    }

    fn part(&self, at: usize) -> &SharedText {
        self.0.as_ref().map_or(&NO_TEXT, |parts| &parts[at])
    }

    /// How badly those counted were hurt; `""` when not said.
    pub fn grade(&self) -> &SharedText {
        self.part(0)
    }

    /// Where those counted were killed; `""` when not said.
    pub fn site(&self) -> &SharedText {
        self.part(1)
    }

    /// The year of the past event counted; `""` when none.
    pub fn event(&self) -> &SharedText {
        self.part(2)
    }

    /// The same with `grade` for its grade.
    pub fn with_grade(&self, grade: SharedText) -> Narrowing {
        Narrowing::new(grade, self.site().clone(), self.event().clone())
    }

    /// Its grade, site and event, moved out; none is left.
    pub fn take(&mut self) -> [SharedText; 3] {
        self.0.take().map_or_else(Default::default, |parts| *parts)
    }
}

impl fmt::Debug for Narrowing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Narrowing")
            .field("grade", self.grade())
            .field("site", self.site())
            .field("event", self.event())
            .finish()
    }
}

/// A [`Narrowing`]'s keys, each written only when set and read as `""` when
/// absent.
#[derive(Serialize, Deserialize)]
struct NarrowingKeys {
    #[serde(default, skip_serializing_if = "SharedText::is_empty")]
    grade: SharedText,
    #[serde(default, skip_serializing_if = "SharedText::is_empty")]
    site: SharedText,
    #[serde(default, skip_serializing_if = "SharedText::is_empty")]
    event: SharedText,
}

impl Serialize for Narrowing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        NarrowingKeys {
            grade: self.grade().clone(),
            site: self.site().clone(),
            event: self.event().clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Narrowing {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let keys = NarrowingKeys::deserialize(deserializer)?;
        Ok(Narrowing::new(keys.grade, keys.site, keys.event))
    }
}

/// The most bytes an article may have: a claim's offsets in its file are 32
/// bits (see [`Claim::span`](super::Claim::span)). Larger files are skipped,
/// whatever the limit asked for.
pub const MAX_ARTICLE_BYTES: u64 = u32::MAX as u64;

/// Byte offsets `[start, end)` as a claim holds them. An article read from a
/// file is at most [`MAX_ARTICLE_BYTES`], so they fit; an offset past them
/// (a document made in memory) is held as the largest there is.
pub fn narrow_span([start, end]: [usize; 2]) -> [u32; 2] {
    let narrow = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
    [narrow(start), narrow(end)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A figure in 8 bytes reads, compares, prints and serialises as the
    /// `Option<f64>` it was made from; a NaN is no figure.
    #[test]
    fn an_optional_figure_is_its_option() {
        assert_eq!(std::mem::size_of::<OptionalF64>(), 8);
        for figure in [
            None,
            Some(0.0),
            Some(-0.0),
            Some(12000.0),
            Some(-3.5),
            Some(f64::INFINITY),
        ] {
            let held = OptionalF64::from(figure);
            assert_eq!(held.get().map(f64::to_bits), figure.map(f64::to_bits));
            assert!(held == figure);
            assert_eq!(held.is_some(), figure.is_some());
            assert_eq!(format!("{held:?}"), format!("{figure:?}"));
            let json = serde_json::to_string(&held).unwrap();
            assert_eq!(json, serde_json::to_string(&figure).unwrap());
            let back: OptionalF64 = serde_json::from_str(&json).unwrap();
            assert!(back == serde_json::from_str::<Option<f64>>(&json).unwrap());
        }
        assert!(OptionalF64::from(Some(f64::NAN)).is_none());
        assert!(OptionalF64::default() == OptionalF64::NONE);
    }

    /// A grade, site and event are read back as given, held only when one
    /// is set, and serialised as a key each, only when set.
    #[test]
    fn a_narrowing_holds_what_is_set() {
        let none = Narrowing::new(SharedText::EMPTY, SharedText::EMPTY, SharedText::EMPTY);
        assert!(none == Narrowing::default() && none.0.is_none());
        assert_eq!(serde_json::to_string(&none).unwrap(), "{}");
        let graded = none.with_grade("serious".into());
        assert_eq!(
            (graded.grade().as_str(), graded.site().as_str()),
            ("serious", "")
        );
        let mut full = Narrowing::new("serious".into(), "hospital".into(), "1999".into());
        let json = serde_json::to_string(&full).unwrap();
        assert_eq!(
            json,
            r#"{"grade":"serious","site":"hospital","event":"1999"}"#
        );
        assert!(serde_json::from_str::<Narrowing>(&json).unwrap() == full);
        let site_only: Narrowing = serde_json::from_str(r#"{"site":"hospital"}"#).unwrap();
        assert_eq!(site_only.site().as_str(), "hospital");
        assert_eq!(site_only.grade().as_str(), "");
        assert_eq!(
            full.take().map(|t| t.to_string()),
            ["serious", "hospital", "1999"]
        );
        assert!(full == Narrowing::default());
    }
}
