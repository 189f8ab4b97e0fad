//! Token views of texts for the tests: a text normalised, tokenized and
//! viewed as the pipeline views it, so that a stage's test starts from what
//! the stage meets. One place for what the stages' tests did each by hand.

use crate::lexicon::TokenView;
use crate::normalize::{NormalizedText, tokenize};
use crate::rules::Language;

/// Whether the view gets its start index, as the pipeline's views do (a
/// view without one lets every look-up ask every token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StartIndex {
    Built,
    Left,
}

/// Calls `check` with the token view of `text` in `language`.
pub(crate) fn with_view<R>(
    text: &str,
    language: &Language,
    start_index: StartIndex,
    check: impl FnOnce(&TokenView) -> R,
) -> R {
    let normalized = NormalizedText::new(text, 0).text;
    let tokens = tokenize(&normalized);
    let view = TokenView::new(
        &normalized,
        &tokens,
        &language.proclitics,
        &language.contractions,
    );
    match start_index {
        StartIndex::Built => check(&view.with_start_index(&language.starts)),
        StartIndex::Left => check(&view),
    }
}
