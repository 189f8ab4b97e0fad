//! A kicker line above a headline names who the headline reports: "وزیر
//! بهداشت اعلام کرد" (the health minister announced) over "شهادت 606 نفر
//! ...", "Health ministry says" over "606 killed in strikes".
//!
//! Input: a figure's [`Site`], the [`Page`] and the language pack's reporting
//! verbs. Output: the mention naming the kicker's subject. Invariant: the
//! kicker is the line right before the figure's sentence, a short line with
//! no figure that ends with a reporting verb (a colon may follow), and only
//! the first sentence after it takes its source.

use super::page::{Page, Site};
use crate::mentions::{Mention, find_mentions};
use crate::normalize::Punct;
use crate::rules::files::EntityType;
use crate::rules::{Language, RuleSet};

/// The source a kicker line right before the figure's sentence names.
pub(super) fn kicker_source(
    page: &Page,
    language: &Language,
    rules: &RuleSet,
    site: &Site,
) -> Option<Mention> {
    // A kicker is a few words: a subject and its verb.
    const MAX_TOKENS: usize = 10;
    let view = page.view;
    let tokens = view.tokens;
    let sentence_start = site.sentence.start;
    if sentence_start == 0 || !tokens[sentence_start].newline_before {
        return None;
    }
    let mut line_end = sentence_start;
    while line_end > 0 && tokens[line_end - 1].punct() == Some(Punct::Colon) {
        line_end -= 1;
    }
    let line_start = (0..line_end)
        .rev()
        .take(MAX_TOKENS)
        .find(|&at| at == 0 || tokens[at].newline_before)?;
    if line_start >= line_end || page.has_figure_in(line_start, line_end) {
        return None;
    }
    let verb = language.reporting_verbs.ending_at(view, line_end)?;
    let is_source = |m: &Mention| {
        m.has_type(rules, EntityType::Institution)
            || m.has_type(rules, EntityType::Organisation)
            || m.has_type(rules, EntityType::Person)
    };
    find_mentions(view, language, rules, line_start, verb.start)
        .into_iter()
        .rev()
        .find(is_source)
}
