//! How a claim's subject reads: a short English description of what is counted.
//!
//! Input: a claim's owner, unit, kind and whether it is a part. Output: the
//! subject line ("North Korean soldiers killed", "money (USD) — Ukraine",
//! "people killed — Syria and Turkey"). Invariant: the subject is a function
//! of those four alone, so every claim of one quantity reads alike.

use crate::model::Owner;
use crate::rules::RuleSet;

/// "North Korean soldiers killed", "USD", "days": a short English description.
pub(super) fn subject_of(
    rules: &RuleSet,
    owner: &Owner,
    unit: &str,
    kind: &str,
    part_of: bool,
) -> String {
    let adjective = owner
        .single_country()
        .and_then(|name| rules.entities.iter().find(|e| e.name == name))
        .map(|e| e.demonym.clone().unwrap_or_else(|| e.name.clone()))
        .unwrap_or_default();
    // "Syria and Turkey", "Syria (north-west)": no one adjective says it.
    let named_after = (adjective.is_empty() && !owner.is_empty()).then(|| format!("— {owner}"));
    let noun = if unit.is_empty() { "people" } else { unit };
    let mut words: Vec<String> = Vec::new();
    if part_of {
        words.push("part of".to_string());
    }
    match kind {
        "money" | "duration" | "other" if !unit.is_empty() => {
            words.push(format!("{kind} ({unit})"));
            if !owner.is_empty() {
                words.push(format!("— {owner}"));
            }
        }
        "other" => {
            if !adjective.is_empty() {
                words.push(adjective);
            }
            words.push("figure".to_string());
        }
        _ => {
            if !adjective.is_empty() {
                words.push(adjective);
            }
            words.push(noun.to_string());
            if let Some(phrase) = kind_phrase(kind) {
                words.push(phrase.to_string());
            }
            words.extend(named_after);
        }
    }
    words.join(" ")
}

/// How the subject line says what happened to the people counted; kinds a
/// rule folder adds are named by their counted noun alone.
fn kind_phrase(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "personnel" => "deployed",
        "killed" => "killed",
        "wounded" => "wounded",
        "casualties" => "killed or wounded",
        "missing" => "missing",
        "displaced" => "displaced",
        "captured" => "captured",
        "materiel" => "supplied",
        _ => return None,
    })
}
