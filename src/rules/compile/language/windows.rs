//! A pack's windows as the claim stage reads them: every key set.
//!
//! Input: a merged pack's `[windows]` ([`WindowsDef`], keys it leaves out
//! `None`). Output: [`Windows`], each key the pack's value or its default.
//! Invariant: a key the pack leaves out takes its value from
//! [`Windows::default`], whatever other keys the pack sets.

use crate::rules::files::WindowsDef;

/// How far, in tokens (or words, or sentences), the claim stage looks around
/// a figure: a pack's `[windows]`, with the defaults for the keys it leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Windows {
    /// Tokens between a figure and an event word that can say its kind ("killed").
    pub kind_cue: usize,
    /// Tokens between a figure (or its counted noun) and a rate phrase ("every day").
    pub rate: usize,
    /// Tokens between a figure (or its counted noun) and a country that owns it.
    pub owner: usize,
    /// The same, for a place phrase opened right after a toll ("in the southern provinces of Turkey").
    pub owner_place: usize,
    /// Tokens between a toll and "both countries" or a region ("government-held areas").
    pub place: usize,
    /// Tokens between a figure and the one before it, for a bare figure after a comma to continue a list.
    pub list_gap: usize,
    /// Tokens before a figure searched for a projection cue ("aims to").
    pub projection_before: usize,
    /// Tokens after a figure searched for a projection cue.
    pub projection_after: usize,
    /// Tokens after a denial searched for the event it denies ("denied sending troops").
    pub denied: usize,
    /// Words before a reporting verb that may name its subject ("officials said").
    pub subject_before: usize,
    /// Words after a reporting verb that may name its subject ("said the ministry").
    pub subject_after: usize,
    /// Tokens of an apposition beside a subject ("Hans Kluge, WHO Regional Director, said").
    pub apposition: usize,
    /// Words taken as written for a source no entity names ("Rescue teams said").
    pub unnamed_source: usize,
    /// Tokens before a sentence searched for what it points back to: the body "the organization" names, the countries "both countries" means.
    pub look_back: usize,
    /// Earlier figures whose source a sentence that still reports it ("he said") may carry on.
    pub look_back_claims: usize,
    /// Tokens before a sentence searched for where a person named by surname was introduced with their body.
    pub look_back_people: usize,
    /// Sentences whose first country is what an article is about.
    pub opening_sentences: usize,
    /// Tokens the opening spans at least, when page furniture cuts it into short sentences.
    pub opening_tokens: usize,
    /// Tokens between a location marker and the site noun it places.
    pub site_marker: usize,
}

impl Default for Windows {
    fn default() -> Windows {
        Windows {
            kind_cue: 14,
            rate: 10,
            owner: 4,
            owner_place: 7,
            place: 8,
            list_gap: 8,
            projection_before: 10,
            projection_after: 6,
            denied: 16,
            subject_before: 8,
            subject_after: 16,
            apposition: 12,
            unnamed_source: 4,
            look_back: 200,
            look_back_claims: 8,
            look_back_people: 1000,
            opening_sentences: 3,
            opening_tokens: 80,
            site_marker: 6,
        }
    }
}

impl Windows {
    /// The windows a pack sets, the defaults for the rest.
    pub(super) fn from_def(def: &WindowsDef) -> Windows {
        let default = Windows::default();
        Windows {
            kind_cue: def.kind_cue.unwrap_or(default.kind_cue),
            rate: def.rate.unwrap_or(default.rate),
            owner: def.owner.unwrap_or(default.owner),
            owner_place: def.owner_place.unwrap_or(default.owner_place),
            place: def.place.unwrap_or(default.place),
            list_gap: def.list_gap.unwrap_or(default.list_gap),
            projection_before: def.projection_before.unwrap_or(default.projection_before),
            projection_after: def.projection_after.unwrap_or(default.projection_after),
            denied: def.denied.unwrap_or(default.denied),
            subject_before: def.subject_before.unwrap_or(default.subject_before),
            subject_after: def.subject_after.unwrap_or(default.subject_after),
            apposition: def.apposition.unwrap_or(default.apposition),
            unnamed_source: def.unnamed_source.unwrap_or(default.unnamed_source),
            look_back: def.look_back.unwrap_or(default.look_back),
            look_back_claims: def.look_back_claims.unwrap_or(default.look_back_claims),
            look_back_people: def.look_back_people.unwrap_or(default.look_back_people),
            opening_sentences: def.opening_sentences.unwrap_or(default.opening_sentences),
            opening_tokens: def.opening_tokens.unwrap_or(default.opening_tokens),
            site_marker: def.site_marker.unwrap_or(default.site_marker),
        }
    }
}
