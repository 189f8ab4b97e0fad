//! How a claim's subject reads: a short English description of what is counted.
//!
//! Input: a claim's owner, unit, kind, grade, site, past event and whether
//! it is a part.
//! Output: the subject line ("North Korean soldiers killed", "money (USD) —
//! Ukraine", "people killed — Syria and Turkey", "Israeli people wounded
//! (serious)", "people killed at a hospital — El Fasher, Sudan"). Invariant:
//! the subject is a function of those alone, so
//! every claim of one quantity reads alike.

use crate::model::Owner;
use crate::rules::RuleSet;
use crate::rules::files::KindDef;

/// What sets a quantity apart below its owner: how badly those counted were
/// hurt, the site, the year of a past event; `""` where the text says none.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Subset<'a> {
    pub grade: &'a str,
    pub site: &'a str,
    pub event: &'a str,
}

impl<'a> Subset<'a> {
    /// A claim's.
    pub fn of(claim: &'a crate::model::Claim) -> Subset<'a> {
        Subset {
            grade: claim.narrowing.grade(),
            site: claim.narrowing.site(),
            event: claim.narrowing.event(),
        }
    }
}

/// "North Korean soldiers killed", "money (USD) — Ukraine", "figure": a short
/// English description. The kind's `subject-phrase` says what happened to what
/// is counted; a kind with `subject-by-unit` is named with its unit instead;
/// the default kind, with no unit, is a bare "figure". `definition` is
/// `kind` as `RuleSet::kinds` defines it.
pub(super) fn subject_of(
    rules: &RuleSet,
    owner: &Owner,
    unit: &str,
    (kind, definition): (&str, Option<&KindDef>),
    part_of: bool,
    subset: Subset,
) -> String {
    let Subset { grade, site, event } = subset;
    let adjective = owner
        .single_country()
        .and_then(|name| rules.entities_named(name).next())
        .map(|e| e.demonym.as_deref().unwrap_or(&e.name))
        .unwrap_or_default();
    let mut words = Words::with_capacity(SUBJECT_CAPACITY);
    if part_of {
        words.push_str("part of");
    }
    let by_unit = definition.is_some_and(|k| k.subject_by_unit);
    if by_unit && !unit.is_empty() {
        words.push_parts(&[kind, " (", unit, ")"]);
        if !owner.is_empty() {
            words.push(format_args!("— {owner}"));
        }
        return words.text;
    }
    if !adjective.is_empty() {
        words.push_str(adjective);
    }
    if rules.is_default_kind(kind) {
        words.push_str("figure");
        return words.text;
    }
    let noun = if unit.is_empty() {
        rules.default_noun.as_str()
    } else {
        unit
    };
    words.push_str(noun);
    if let Some(phrase) = definition.and_then(|k| k.subject_phrase.as_ref()) {
        words.push_str(phrase);
    }
    if !grade.is_empty() {
        words.push_parts(&["(", grade, ")"]);
    }
    if !site.is_empty() {
        words.push_parts(&["at a ", site]);
    }
    if !event.is_empty() {
        words.push_parts(&["in ", event]);
    }
    // "Syria and Turkey", "Syria (north-west)": no one adjective says it.
    if adjective.is_empty() && !owner.is_empty() {
        words.push(format_args!("— {owner}"));
    }
    words.text
}

/// Room for most subjects ("people killed at a hospital — El Fasher,
/// Sudan"): one allocation, not one per doubling as the words come.
const SUBJECT_CAPACITY: usize = 64;

/// Words joined by single spaces, written into one string as they come
/// (a subject is made for every claim: one allocation, not one a word).
#[derive(Default)]
struct Words {
    text: String,
    any: bool,
}

impl Words {
    fn with_capacity(capacity: usize) -> Words {
        Words {
            text: String::with_capacity(capacity),
            any: false,
        }
    }

    /// A word as it is: no formatting machinery (most of a subject's words).
    fn push_str(&mut self, word: &str) {
        if self.any {
            self.text.push(' ');
        }
        self.any = true;
        self.text.push_str(word);
    }

    /// A word written in parts ("money (USD)"): what `format_args!` would
    /// write, without its machinery.
    fn push_parts(&mut self, parts: &[&str]) {
        if self.any {
            self.text.push(' ');
        }
        self.any = true;
        for part in parts {
            self.text.push_str(part);
        }
    }

    fn push(&mut self, word: std::fmt::Arguments) {
        use std::fmt::Write;
        if self.any {
            self.text.push(' ');
        }
        self.any = true;
        // Writing into a String cannot fail.
        let _ = self.text.write_fmt(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(owner: &[&str], unit: &str, kind: &str, part_of: bool) -> String {
        let rules = crate::rules::defaults_for_tests();
        subject_of(
            rules,
            &Owner::of_countries(owner.iter().copied()),
            unit,
            (kind, rules.kinds.get(kind)),
            part_of,
            Subset::default(),
        )
    }

    #[test]
    fn subjects_name_the_owner_noun_and_what_happened() {
        let north_korea = ["North Korea"];
        assert_eq!(
            subject(&north_korea, "soldiers", "personnel", false),
            "North Korean soldiers deployed"
        );
        assert_eq!(
            subject(&north_korea, "", "casualties", true),
            "part of North Korean people killed or wounded"
        );
        assert_eq!(
            subject(&["Turkey", "Syria"], "", "killed", false),
            "people killed — Syria and Turkey"
        );
    }

    /// Words written in parts read as `format_args!` wrote them, first or
    /// after other words.
    #[test]
    fn words_in_parts_read_as_formatted() {
        let samples = ["", "money", "USD", "serious", "hospital", "1999", "الفاشر"];
        for first in [None, Some("people killed")] {
            for a in samples {
                for b in samples {
                    let mut parts = Words::default();
                    let mut formatted = Words::default();
                    if let Some(first) = first {
                        parts.push_str(first);
                        formatted.push_str(first);
                    }
                    parts.push_parts(&[a, " (", b, ")"]);
                    formatted.push(format_args!("{a} ({b})"));
                    parts.push_parts(&["(", a, ")"]);
                    formatted.push(format_args!("({a})"));
                    parts.push_parts(&["at a ", b]);
                    formatted.push(format_args!("at a {b}"));
                    parts.push_parts(&["in ", a]);
                    formatted.push(format_args!("in {a}"));
                    assert_eq!(parts.text, formatted.text);
                }
            }
        }
    }

    #[test]
    fn amounts_are_named_by_kind_and_unit_and_bare_figures_as_figures() {
        assert_eq!(
            subject(&["Ukraine"], "USD", "money", false),
            "money (USD) — Ukraine"
        );
        assert_eq!(subject(&[], "days", "duration", false), "duration (days)");
        assert_eq!(
            subject(&["North Korea"], "", "other", false),
            "North Korean figure"
        );
        // A kind with no subject phrase (one a rule folder adds) is named by its noun.
        assert_eq!(subject(&[], "drones", "drones", false), "drones");
    }
}
