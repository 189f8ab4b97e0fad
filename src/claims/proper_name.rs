//! Names an article writes in capitals that the rules do not know as a
//! whole: "the United Wa State Army", "the Assistance Association for
//! Political Prisoners (AAPP)".
//!
//! Input: the [`Page`] (tokens, which of them the original text starts with
//! a capital or writes in capitals) and a position. Output: the token range
//! of the name, or `None`. Two marks of a name follow from the writing, not
//! from any list: capitalised words run up to a common noun the rules know
//! ("Army", "Committee"), and a bracketed acronym spells the initials of the
//! capitalised words before it. Scripts without capitals never have either.

use super::page::Page;
use crate::mentions::Mention;
use crate::normalize::TokenKind;
use crate::rules::{Language, RuleSet};

/// How far back a name is read: longer runs of capitals are headlines or
/// lists, not one name.
const MAX_NAME_WORDS: usize = 8;

/// "the United Wa State Army said": capitalised words right before a
/// mention that the rules know only as a common body ("Army"), none of them
/// a known entity or one of the language's commonest words ("The", "El"),
/// make one name with it. Returns the name's tokens, the mention's
/// included. A capital that opens a sentence or a line says nothing
/// ("Arakan Army said" could be "Army said"), so some word after it must
/// have one.
pub(super) fn name_ending_in(
    page: &Page,
    language: &Language,
    mentions: &[Mention],
    mention: &Mention,
    sentence_start: usize,
) -> Option<(usize, usize)> {
    let view = page.view;
    let known = |at: usize| mentions.iter().any(|m| m.start <= at && at < m.end);
    let name_word = |at: usize| {
        capitalised_word(page, at) && !known(at) && !language.detect.contains(view.token_text(at))
    };
    let mut start = mention.start;
    while start > sentence_start && mention.start - start < MAX_NAME_WORDS && name_word(start - 1) {
        start -= 1;
    }
    let opens = start == sentence_start || view.tokens[start].newline_before;
    let first_telling = if opens { start + 1 } else { start };
    (first_telling < mention.start).then_some((start, mention.end))
}

/// "The Karen Refugee Committee (KRC) said": when the tokens right before
/// `end` are a bracketed acronym, the capitalised words before the bracket
/// whose initials spell it (small words between them, "for", "of", pass).
/// Returns the name's tokens, the bracket left out; `None` when the
/// initials do not spell the acronym.
pub(super) fn name_before_acronym(page: &Page, end: usize, from: usize) -> Option<(usize, usize)> {
    let view = page.view;
    let text = |at: usize| view.tokens[at].text(view.text);
    if end < from + 4 || text(end - 1) != ")" || text(end - 3) != "(" {
        return None;
    }
    let acronym = end - 2;
    if !view.upper.get(acronym).copied().unwrap_or(false) {
        return None;
    }
    let mut letters: Vec<char> = text(acronym).chars().collect();
    let name_end = end - 3;
    let mut start = name_end;
    while let Some(&letter) = letters.last() {
        if start == from || name_end - start >= MAX_NAME_WORDS * 2 {
            return None;
        }
        let at = start - 1;
        if view.tokens[at].kind != TokenKind::Word {
            return None;
        }
        if capitalised_word(page, at) {
            let initial = text(at).chars().next()?;
            if !initial.to_uppercase().eq(letter.to_uppercase()) {
                return None;
            }
            letters.pop();
        } else if start == name_end {
            // The name ends in a capitalised word.
            return None;
        }
        start = at;
    }
    Some((start, name_end))
}

/// A body the rules know only by its common noun, with no country, place
/// or name beside it: "Army" ("military"), not "Sudanese Army".
pub(super) fn is_common_body(rules: &RuleSet, mention: &Mention) -> bool {
    mention.is_bare_institution(rules)
}

/// A word the original text starts with a capital.
fn capitalised_word(page: &Page, at: usize) -> bool {
    page.view.tokens[at].kind == TokenKind::Word
        && page.view.initial_capital.get(at).copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use crate::claims::test_support::attributions;

    #[test]
    fn a_common_body_closing_a_name_in_capitals_is_that_name() {
        assert_eq!(
            attributions("The United Wa State Army said on Monday that 120 people were killed."),
            ["120 by United Wa State Army"]
        );
        assert_eq!(
            attributions("According to the Arakan Army (AA), 120 people were killed."),
            ["120 by Arakan Army"]
        );
    }

    #[test]
    fn a_capital_that_opens_the_sentence_or_a_common_word_makes_no_name() {
        assert_eq!(
            attributions("The Army said on Monday that 120 people were killed."),
            ["120 by military"]
        );
        assert_eq!(
            attributions("Officials said on Monday. The Army said 120 people were killed."),
            ["120 by military"]
        );
    }

    #[test]
    fn a_known_name_before_a_common_body_is_left_to_the_rules() {
        // "Sudanese" names the country: the rules' national body stands.
        let found = attributions("The Sudanese Army said on Monday that 120 people were killed.");
        assert_eq!(found.len(), 1);
        assert!(!found[0].contains("Sudanese Army"), "{found:?}");
    }

    #[test]
    fn a_bracketed_acronym_closes_the_name_its_initials_spell() {
        assert_eq!(
            attributions("The Karen Refugee Committee (KRC) said 3,000 people had fled."),
            ["3,000 by Karen Refugee Committee"]
        );
        // Longer than the few words an unknown subject is read back to.
        assert_eq!(
            attributions(
                "The Assistance Association for Political Prisoners (AAPP) said 6,000 people \
                 had been killed."
            ),
            ["6,000 by Assistance Association for Political Prisoners"]
        );
    }

    #[test]
    fn initials_that_do_not_spell_the_acronym_name_no_one() {
        assert_eq!(
            attributions("The Karen Refugee Committee (XYZ) said 3,000 people had fled."),
            ["3,000 by "]
        );
    }
}
