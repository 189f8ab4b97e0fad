//! How a claim's subject reads: a short English description of what is counted.
//!
//! Input: a claim's owner, unit, kind and whether it is a part. Output: the
//! subject line ("North Korean soldiers killed", "money (USD) — Ukraine",
//! "people killed — Syria and Turkey"). Invariant: the subject is a function
//! of those four alone, so every claim of one quantity reads alike.

use crate::model::Owner;
use crate::rules::RuleSet;

/// "North Korean soldiers killed", "money (USD) — Ukraine", "figure": a short
/// English description. The kind's `subject-phrase` says what happened to what
/// is counted; a kind with `subject-by-unit` is named with its unit instead;
/// the default kind, with no unit, is a bare "figure".
pub(super) fn subject_of(
    rules: &RuleSet,
    owner: &Owner,
    unit: &str,
    kind: &str,
    part_of: bool,
) -> String {
    let definition = rules.kinds.get(kind);
    let adjective = owner
        .single_country()
        .and_then(|name| rules.entities.iter().find(|e| e.name == name))
        .map(|e| e.demonym.clone().unwrap_or_else(|| e.name.clone()))
        .unwrap_or_default();
    let mut words: Vec<String> = Vec::new();
    if part_of {
        words.push("part of".to_string());
    }
    let by_unit = definition.is_some_and(|k| k.subject_by_unit);
    if by_unit && !unit.is_empty() {
        words.push(format!("{kind} ({unit})"));
        if !owner.is_empty() {
            words.push(format!("— {owner}"));
        }
        return words.join(" ");
    }
    if !adjective.is_empty() {
        words.push(adjective.clone());
    }
    if rules.is_default_kind(kind) {
        words.push("figure".to_string());
        return words.join(" ");
    }
    let noun = if unit.is_empty() {
        rules.default_noun.as_str()
    } else {
        unit
    };
    words.push(noun.to_string());
    if let Some(phrase) = definition.and_then(|k| k.subject_phrase.as_ref()) {
        words.push(phrase.clone());
    }
    // "Syria and Turkey", "Syria (north-west)": no one adjective says it.
    if adjective.is_empty() && !owner.is_empty() {
        words.push(format!("— {owner}"));
    }
    words.join(" ")
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
            kind,
            part_of,
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
