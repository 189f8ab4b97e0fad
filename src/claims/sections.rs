//! Where a long document is cut into sections, and how the claims of its
//! sections are numbered as one document's.
//!
//! Input: a document and [`Limits::max_section_bytes`]. Output: the byte
//! ranges of its body, in the file as stored, that are read one at a time;
//! then, section by section, the claims and denials renumbered as if the
//! document had been read whole. Invariant: the ranges cover the body
//! exactly, in order, without overlap, each non-empty and cut at a character
//! boundary; a body no longer than the limit is one section, so that every
//! article reads as it always did.
//!
//! What is lost at a cut: the passes that look back or across a document
//! (sources carried from the sentence before, owners lent between figures, a
//! person named again by surname, a toll's parts) do not reach across it.
//! Cuts fall at a blank line when the section has one, so those passes lose
//! only what a paragraph break already weakens.

use std::ops::Range;

use crate::model::{Claim, ClaimId, Denial, Limits, SharedText};
use crate::read::Document;

/// The byte ranges of `document`'s body read one at a time: the whole body
/// when it is no longer than `limits.max_section_bytes`, else pieces of at
/// most that size, each ending after the last blank line in it, else the
/// last line break, else the last sentence end, else at the last character
/// boundary before the limit.
pub fn section_cuts(document: &Document, limits: &Limits) -> Vec<Range<usize>> {
    let text = &document.text;
    let max = limits.max_section_bytes.max(1);
    let mut cuts = Vec::new();
    let mut start = document.body_start.min(text.len());
    while text.len() - start > max {
        let mut end = start + max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[start..end];
        let cut = paragraph_break(window)
            .or_else(|| line_break(window))
            .or_else(|| sentence_end(window))
            .unwrap_or(window.len());
        // A character longer than the limit: the section holds it whole.
        let cut = if cut == 0 {
            text[start..].chars().next().map_or(1, char::len_utf8)
        } else {
            cut
        };
        cuts.push(start..start + cut);
        start += cut;
    }
    if start < text.len() || cuts.is_empty() {
        cuts.push(start..text.len());
    }
    cuts
}

/// A section as read: the bytes `start..start + text.len()` of the file,
/// which come after `lines_before` line breaks.
#[derive(Debug, Clone, Copy)]
pub struct SectionText<'a> {
    pub text: &'a str,
    pub start: usize,
    pub lines_before: usize,
}

impl<'a> SectionText<'a> {
    /// The sections `cuts` (from [`section_cuts`]) of a document held whole.
    pub fn all_of(document: &'a Document, cuts: &[Range<usize>]) -> Vec<SectionText<'a>> {
        let text = &document.text;
        let mut lines_before = line_breaks(&text[..cuts.first().map_or(0, |c| c.start)]);
        let mut sections = Vec::with_capacity(cuts.len());
        for (index, cut) in cuts.iter().enumerate() {
            let section = SectionText {
                text: &text[cut.clone()],
                start: cut.start,
                lines_before,
            };
            // The last section's lines are never counted: an article is
            // read without a pass for them.
            if index + 1 < cuts.len() {
                lines_before += line_breaks(section.text);
            }
            sections.push(section);
        }
        sections
    }
}

/// How many line breaks `text` holds.
pub fn line_breaks(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// Just after the last blank line (a line of nothing but white space) in
/// `window`, if that is not its very start.
fn paragraph_break(window: &str) -> Option<usize> {
    let mut later: Option<usize> = None;
    for (at, _) in window.rmatch_indices('\n') {
        if let Some(next) = later
            && window[at + 1..next].trim().is_empty()
        {
            return Some(next + 1);
        }
        later = Some(at);
    }
    None
}

/// Just after the last line break in `window`, if that is not its start.
fn line_break(window: &str) -> Option<usize> {
    window.rfind('\n').map(|at| at + 1).filter(|&at| at > 0)
}

/// Just after the white space that follows the last full stop, question or
/// exclamation mark in `window`.
fn sentence_end(window: &str) -> Option<usize> {
    let bytes = window.as_bytes();
    (1..bytes.len())
        .rev()
        .find(|&at| matches!(bytes[at - 1], b'.' | b'!' | b'?') && bytes[at] == b' ')
        .map(|at| at + 1)
}

/// How many figures and denials the sections before have numbered: a
/// section's claims are numbered from 1, and the ones after the first are
/// renumbered to follow on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Numbering {
    /// Figures read in the sections before (claims of kinds switched off
    /// count: ids stay stable).
    pub figures: usize,
    /// Denials in the sections before.
    pub denials: usize,
}

impl Numbering {
    /// Renumbers a section's claims and denials, numbered from 1 by
    /// [`super::assembly`], to follow the sections before.
    pub fn renumber(self, doc: &str, claims: &mut [Claim], denials: &mut [Denial]) {
        if self.figures > 0 {
            // The claims' ids share their document's id, as they did.
            let base = (claims.first().map(|claim| claim.doc.clone()))
                .filter(|base| base == doc)
                .unwrap_or_else(|| SharedText::new(doc));
            for claim in claims.iter_mut() {
                let own = match claim.id.number_after('#') {
                    Some(number) => number as usize,
                    None => claim.id.with_text(|id| number_after(id, doc, "#")),
                };
                claim.id = ClaimId::numbered(&base, '#', (own + self.figures) as u64);
            }
        }
        if self.denials > 0 {
            for denial in denials.iter_mut() {
                let own = number_after(&denial.id, doc, "#d");
                denial.id = format!("{doc}#d{}", own + self.denials).into();
            }
        }
    }

    /// The numbering after a section of `figures` figures and `denials` denials.
    pub fn after(self, figures: usize, denials: usize) -> Numbering {
        Numbering {
            figures: self.figures + figures,
            denials: self.denials + denials,
        }
    }
}

/// The number at the end of an id `<doc><mark><n>`.
fn number_after(id: &str, doc: &str, mark: &str) -> usize {
    id.get(doc.len() + mark.len()..)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str, max: usize) -> Vec<&str> {
        let document = Document::from_text("t", text).unwrap();
        let limits = Limits {
            max_section_bytes: max,
            ..Limits::DEFAULT
        };
        let ranges = section_cuts(&document, &limits);
        // The ranges cover the body exactly, in order.
        assert_eq!(ranges[0].start, document.body_start);
        assert_eq!(ranges.last().unwrap().end, text.len());
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        assert!(ranges.iter().all(|r| r.start < r.end || ranges.len() == 1));
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_short_body_is_one_section() {
        assert_eq!(
            cuts("+++\nlang = \"en\"\n+++\nOne.\n\nTwo.", 100),
            ["One.\n\nTwo."]
        );
    }

    #[test]
    fn cuts_fall_at_blank_lines_then_lines_then_sentences_then_characters() {
        assert_eq!(
            cuts("aaa\nbbb\n\nccc\nddd\n\neee", 11),
            ["aaa\nbbb\n\n", "ccc\nddd\n\n", "eee"]
        );
        assert_eq!(cuts("aaa\nbbb\nccc", 9), ["aaa\nbbb\n", "ccc"]);
        assert_eq!(cuts("One. Two. Three.", 12), ["One. Two. ", "Three."]);
        assert_eq!(cuts("ééééé", 5), ["éé", "éé", "é"]);
        // A character longer than the limit is not split.
        assert_eq!(cuts("€€", 2), ["€", "€"]);
    }

    #[test]
    fn ids_follow_on_from_the_sections_before() {
        let mut claims = vec![crate::claims::test_claim(
            "t",
            1.0,
            crate::model::Qualifier::Exact,
        )];
        claims[0].id = "a#b#2".into();
        let numbering = Numbering::default().after(5, 0);
        numbering.renumber("a#b", &mut claims, &mut []);
        assert_eq!(claims[0].id, "a#b#7");
    }
}
