//! Building claims: from a document's figures to what each one asserts.
//!
//! Input: a [`Document`](crate::read::Document) and the
//! [`RuleSet`](crate::rules::RuleSet). Output:
//! [`DocumentClaims`](crate::model::DocumentClaims): the document's language,
//! outlet and publication date, one [`Claim`](crate::model::Claim) per figure (its kind and unit,
//! subject, owner, attribution, modality, part-of, as-of date and the exact
//! span of text it came from) and the denials that state no figure.
//! Invariant: a pure function of the document and the rules; every span
//! points into the file as stored.
//!
//! One file per concern, in the order a figure is read:
//!
//! - `document`: facts about the whole document (language pack, sentences,
//!   dates and publication date, outlet);
//! - `page`: the text as the stage reads it, and a figure's `Site`;
//! - `lookups`: what a sentence's figures ask of the whole sentence, found once;
//! - `kind`: what a figure counts (counted noun, kind, rate);
//! - `attribution`: who it comes from (`reporting_subject`: the subject of a
//!   reporting verb; `introduced`: a person named again by surname;
//!   `kicker`: the line over a headline that names its source; `national`:
//!   a national body's name completed with its country);
//! - `parts`: how it stands to the figure before (part, addition, share, list);
//! - `owner`: whose people or things it counts, and where a toll was counted;
//! - `modality`: asserted, projected or denied; denials with no figure;
//! - `subject`: how its subject reads;
//! - `sections`: where a long document is cut, and its claims numbered;
//! - `limit_hits`: what the caps on token and sentence length changed;
//! - `assembly`: the per-document driver, [`extract`].

mod article;
mod assembly;
mod attribution;
mod carried_source;
mod document;
mod introduced;
mod kicker;
mod kind;
mod limit_hits;
mod lookups;
mod modality;
mod narrowing;
mod national;
mod owner;
mod page;
mod parts;
mod proper_name;
mod reporting_subject;
mod sections;
mod subject;
mod toll_place;

pub use assembly::extract;
/// A long document read in sections, for `crosscheck claims` to write each
/// section's claims as they come.
pub(crate) use assembly::{read_opening, read_section};
/// How a document's language and capitals are found, shared with `crosscheck numbers`.
pub(crate) use document::{capitals, language_of};
pub(crate) use limit_hits::LimitHits;
/// The counted noun of a rate's unit ("people per day" counts people), shared with grouping.
pub(crate) use narrowing::without_rate;
pub(crate) use owner::FirstOwners;
pub use sections::section_cuts;
pub(crate) use sections::{Numbering, SectionText, line_breaks};

#[cfg(test)]
use crate::model::{Claim, Qualifier};

/// A claim with only a figure set, for tests of later stages.
#[cfg(test)]
pub(crate) fn test_claim(doc: &str, value: f64, qualifier: Qualifier) -> Claim {
    Claim::from_figure(
        format!("{doc}#1"),
        doc,
        [Some(value), None, None],
        qualifier,
    )
}

/// What the tests of the stage's files share: a text's claims, read with the
/// default rules, and short views of them.
#[cfg(test)]
mod test_support {
    use crate::model::{Claim, Modality};
    use crate::read::Document;

    pub fn claims_of(text: &str) -> Vec<Claim> {
        let rules = crate::rules::defaults_for_tests();
        let document = Document::from_text("t", text).unwrap();
        super::extract(&document, rules).claims
    }

    /// Each claim's figure as written and its source, as "figure by source".
    pub fn attributions(text: &str) -> Vec<String> {
        claims_of(text)
            .into_iter()
            .map(|c| format!("{} by {}", c.text, c.attribution))
            .collect()
    }

    /// Each claim's figure as written and its owner, as "figure: owner".
    pub fn owners(claims: &[Claim]) -> Vec<String> {
        claims
            .iter()
            .map(|c| format!("{}: {}", c.text, c.owner))
            .collect()
    }

    pub fn summary(claim: &Claim) -> (String, &str, &str, Modality) {
        (
            claim.text.to_string(),
            claim.kind.as_str(),
            claim.attribution.as_str(),
            claim.modality,
        )
    }
}
