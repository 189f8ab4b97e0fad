//! What the caps on token and sentence length changed in a document, for
//! the notes of a run.
//!
//! Input: a section's text, its normalized form, its tokens and the words
//! left out, and the document's facts. Output: [`LimitHits`], merged across
//! sections and rendered as notes that name the line of the file.

use super::document::DocumentFacts;
use super::sections::{SectionText, line_breaks};
use crate::normalize::NormalizedText;

/// A few lines each, then how many more: finding a line costs a pass over the text.
const SHOWN: usize = 3;

/// What the caps on token and sentence length changed: the first few words
/// left out (the line of the file each is on, and its length) and
/// sentences cut (the line each starts on), and how many of each in all.
#[derive(Debug, Clone, Default)]
pub struct LimitHits {
    left_out: Vec<(usize, usize)>,
    left_out_count: usize,
    cut_sentences: Vec<usize>,
    cut_count: usize,
}

impl LimitHits {
    pub(super) fn new(
        section: SectionText,
        normalized: &NormalizedText,
        (tokens, left_out): (&[crate::normalize::Token], &[(usize, usize)]),
        facts: &DocumentFacts,
    ) -> LimitHits {
        let line_of = |normalized_offset: usize| {
            let (at, _) = normalized.original_span(normalized_offset, normalized_offset + 1);
            let within = (at - section.start).min(section.text.len());
            section.lines_before + line_breaks(&section.text[..within]) + 1
        };
        LimitHits {
            left_out: left_out
                .iter()
                .take(SHOWN)
                .map(|&(start, end)| (line_of(start), end - start))
                .collect(),
            left_out_count: left_out.len(),
            cut_sentences: facts
                .cut_sentences
                .iter()
                .take(SHOWN)
                .map(|&start| line_of(tokens[start].start))
                .collect(),
            cut_count: facts.cut_sentences.len(),
        }
    }

    /// Adds what the caps changed in the section after.
    pub fn extend(&mut self, after: LimitHits) {
        let room = SHOWN - self.left_out.len().min(SHOWN);
        self.left_out.extend(after.left_out.into_iter().take(room));
        self.left_out_count += after.left_out_count;
        let room = SHOWN - self.cut_sentences.len().min(SHOWN);
        self.cut_sentences
            .extend(after.cut_sentences.into_iter().take(room));
        self.cut_count += after.cut_count;
    }

    /// One line each, with the line of the file where it happened.
    pub fn notes(&self, limits: &crate::model::Limits) -> Vec<String> {
        let mut notes = Vec::new();
        for &(line, length) in &self.left_out {
            notes.push(format!(
                "line {line}: a word or number of {length} bytes, longer than the limit of {} \
                 (--max-token-bytes), was left out",
                limits.max_token_bytes
            ));
        }
        if self.left_out_count > SHOWN {
            notes.push(format!(
                "{} more words or numbers longer than {} bytes were left out",
                self.left_out_count - SHOWN,
                limits.max_token_bytes
            ));
        }
        for &line in &self.cut_sentences {
            notes.push(format!(
                "line {line}: a sentence longer than {} tokens (--max-sentence-tokens) was cut into \
                 pieces of that length",
                limits.max_sentence_tokens
            ));
        }
        if self.cut_count > SHOWN {
            notes.push(format!(
                "{} more sentences longer than {} tokens were cut",
                self.cut_count - SHOWN,
                limits.max_sentence_tokens
            ));
        }
        notes
    }
}
