//! `[windows]` of a language pack: how far the claim stage looks around a
//! figure.
//!
//! Input: the `[windows]` table of a `lang/<code>.toml` file. Output: a
//! [`WindowsDef`], each key `None` unless the file sets it, which a later
//! file of the same pack overlays key by key. Invariant: unknown keys are
//! refused, and [`WindowsDef::entries`] lists every key as written in a rule
//! file (the validation reads it, and a test checks `docs/rules.md` lists
//! each).

use serde::{Deserialize, Serialize};

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
    /// rate phrase ("every day"); also between a figure and a grade ("in
    /// serious condition").
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
    /// `look-back-people` (default 1000): tokens before a sentence searched
    /// for where a person named by surname was introduced with their body
    /// ("Dmitry Gendelman, an adviser in the Prime Minister's Office").
    #[serde(default)]
    pub look_back_people: Option<usize>,
    /// `opening-sentences` (default 3): sentences whose first country is what
    /// an article is about, the owner lent to figures that name none.
    #[serde(default)]
    pub opening_sentences: Option<usize>,
    /// `opening-tokens` (default 80): tokens the opening spans at least, when
    /// page furniture cuts it into short sentences.
    #[serde(default)]
    pub opening_tokens: Option<usize>,
    /// `site-marker` (default 6): tokens between a location marker and the
    /// site noun it places ("in an attack on a mosque").
    #[serde(default)]
    pub site_marker: Option<usize>,
}

impl WindowsDef {
    /// Each key as written in a rule file, with its value if set.
    pub fn entries(&self) -> [(&'static str, Option<usize>); 19] {
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
            ("look-back-people", self.look_back_people),
            ("opening-sentences", self.opening_sentences),
            ("opening-tokens", self.opening_tokens),
            ("site-marker", self.site_marker),
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
        self.look_back_people = extra.look_back_people.or(self.look_back_people);
        self.opening_sentences = extra.opening_sentences.or(self.opening_sentences);
        self.opening_tokens = extra.opening_tokens.or(self.opening_tokens);
        self.site_marker = extra.site_marker.or(self.site_marker);
    }
}
