//! Checks within one language pack: list shapes, number words, regexes,
//! windows.
//!
//! Input: a language file that parsed and its source text. Output:
//! diagnostics, each placed at the value it is about (a list of the wrong
//! length, a separator longer than one character, a split verb without its
//! particle, a number word's value, a
//! regex that does not compile, a window out of range). Invariant: a check
//! here reads one pack only; what spans files (kinds a pack names, cues two
//! kinds claim) is `validate.rs`.

use indexmap::IndexMap;

use super::at;
use crate::rules::RuleSource;
use crate::rules::check::{Step, diagnostic};
use crate::rules::diagnostic::Diagnostic;
use crate::rules::files::LanguageFile;

/// Lists that must have a fixed length; separators that must be one character.
pub(super) fn shapes(source: &RuleSource, file: &LanguageFile, problems: &mut Vec<Diagnostic>) {
    let dates = &file.dates;
    for (key, list, expected) in [
        ("months", &dates.months, 12),
        ("persian-months", &dates.persian_months, 12),
        ("weekdays", &dates.weekdays, 7),
    ] {
        if !list.is_empty() && list.len() != expected {
            let span = at(source, &[Step::Key("dates"), Step::Key(key)], false);
            problems.push(diagnostic(
                source,
                "R009",
                span,
                format!("`{key}` needs {expected} entries, found {}", list.len()),
            ));
        }
    }
    // "gibt an": a split verb is its finite verb and then its particle.
    for entry in file
        .attribution
        .split_verbs
        .iter()
        .filter(|entry| !entry.trim().contains(' '))
    {
        let span = at(
            source,
            &[
                Step::Key("attribution"),
                Step::Key("split-verbs"),
                Step::Item(entry),
            ],
            false,
        );
        problems.push(diagnostic(
            source,
            "R009",
            span,
            format!("split verb {entry:?} needs its particle after it, as in \"gibt an\""),
        ));
    }
    for key in ["decimal-separators", "group-separators"] {
        let list = if key == "decimal-separators" {
            &file.numbers.decimal_separators
        } else {
            &file.numbers.group_separators
        };
        for separator in list.iter().filter(|s| s.chars().count() != 1) {
            let span = at(
                source,
                &[Step::Key("numbers"), Step::Key(key), Step::Item(separator)],
                false,
            );
            problems.push(diagnostic(
                source,
                "R009",
                span,
                format!("separator {separator:?} must be a single character"),
            ));
        }
    }
}

/// `[numbers]` values the reader cannot use: a negative number word, a
/// denominator below two, an ordinal below one, a glued piece that is not one
/// word.
pub(super) fn numbers(source: &RuleSource, file: &LanguageFile, problems: &mut Vec<Diagnostic>) {
    let numbers = &file.numbers;
    let tables: [(&str, &IndexMap<String, f64>, f64, &str); 5] = [
        (
            "words",
            &numbers.words,
            0.0,
            "a number word's value is a finite number, 0 or more",
        ),
        (
            "scales",
            &numbers.scales,
            2.0,
            "a scale multiplies by a finite number, two or more",
        ),
        (
            "fractions",
            &numbers.fractions,
            2.0,
            "a denominator is two or more",
        ),
        (
            "denominators",
            &numbers.denominators,
            2.0,
            "a denominator is two or more",
        ),
        (
            "ordinals",
            &numbers.ordinals,
            1.0,
            "an ordinal is one or more",
        ),
    ];
    for (key, table, least, message) in tables {
        for (phrase, value) in table {
            if *value < least || !value.is_finite() {
                let span = at(
                    source,
                    &[Step::Key("numbers"), Step::Key(key), Step::Key(phrase)],
                    false,
                );
                problems.push(diagnostic(
                    source,
                    "R003",
                    span,
                    format!("{phrase:?} = {value}: {message}"),
                ));
            }
        }
    }
    for (key, list) in [
        ("compound-joiners", &numbers.compound_joiners),
        ("denominator-suffixes", &numbers.denominator_suffixes),
    ] {
        for piece in list {
            let word = piece.trim();
            if word.is_empty() || !word.chars().all(char::is_alphabetic) {
                let span = at(
                    source,
                    &[Step::Key("numbers"), Step::Key(key), Step::Item(piece)],
                    false,
                );
                problems.push(diagnostic(
                    source,
                    "R009",
                    span,
                    format!("{piece:?} must be letters only: it is glued inside a word"),
                ));
            }
        }
    }
}

pub(super) fn patterns(source: &RuleSource, file: &LanguageFile, problems: &mut Vec<Diagnostic>) {
    for pattern in &file.exclusions.patterns {
        if let Err(error) = regex::Regex::new(pattern) {
            let span = at(
                source,
                &[
                    Step::Key("exclusions"),
                    Step::Key("patterns"),
                    Step::Item(pattern),
                ],
                false,
            );
            let detail = error.to_string();
            let last = detail
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .trim_start_matches("error: ")
                .to_string();
            problems.push(diagnostic(
                source,
                "R007",
                span,
                format!("this regular expression does not compile: {last}"),
            ));
        }
    }
}

/// The values of vague quantities are finite and not negative, and so is the
/// small-word limit: `nan`, `inf` or `-5` would give claims with no figure or
/// a count below zero.
pub(super) fn number_values(
    source: &RuleSource,
    file: &LanguageFile,
    problems: &mut Vec<Diagnostic>,
) {
    let numbers = &file.numbers;
    // Words and scales are checked with the reader's other tables (`numbers`).
    let tables = [("vague", &numbers.vague, false)];
    for (table, entries, above_zero) in tables {
        for (phrase, &value) in entries {
            let bad = !value.is_finite() || value < 0.0 || (above_zero && value == 0.0);
            if bad {
                let span = at(
                    source,
                    &[Step::Key("numbers"), Step::Key(table), Step::Key(phrase)],
                    false,
                );
                let expected = if above_zero {
                    "a finite number above 0"
                } else {
                    "a finite number, 0 or more"
                };
                problems.push(diagnostic(
                    source,
                    "R003",
                    span,
                    format!("the value of {phrase:?} in `[numbers.{table}]` must be {expected}, found {value}"),
                ));
            }
        }
    }
    let limit = numbers.small_word_limit;
    if !limit.is_finite() || limit < 0.0 {
        let span = at(
            source,
            &[Step::Key("numbers"), Step::Key("small-word-limit")],
            false,
        );
        problems.push(diagnostic(
            source,
            "R003",
            span,
            format!("`small-word-limit` must be a finite number, 0 or more, found {limit}"),
        ));
    }
}

/// A window of no tokens would see nothing: every window is a positive integer.
pub(super) fn windows(source: &RuleSource, file: &LanguageFile, problems: &mut Vec<Diagnostic>) {
    for (key, value) in file.windows.entries() {
        if value == Some(0) {
            let span = at(source, &[Step::Key("windows"), Step::Key(key)], false);
            problems.push(
                diagnostic(
                    source,
                    "R003",
                    span,
                    format!("window `{key}` must be a positive integer"),
                )
                .with_help("leave the key out to keep the default"),
            );
        }
    }
}
