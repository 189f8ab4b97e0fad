//! Checks across rule files: references, duplicates, conflicts, settings.
//!
//! Input: the rule files that parsed. Output: diagnostics, each placed at the
//! value it is about. Nothing here stops at the first problem. The checks
//! within one language pack (shapes, number words, regexes, windows) are
//! `validate/language.rs`.

mod language;

use std::collections::{HashMap, HashSet};

use super::check::{Step, diagnostic, locate};
use super::diagnostic::Diagnostic;
use super::files::{LanguageFile, ReconcileSettings};
use super::{Origin, RuleFiles, RuleSource};
use crate::normalize::normalize_phrase;
use language::{number_values, numbers, patterns, shapes, windows};

pub(super) fn validate(files: &RuleFiles) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let kinds = defined_kinds(files);
    duplicate_ids(files, &mut problems);
    default_kinds(files, &kinds, &mut problems);
    group_settings(files, &mut problems);
    for (index, file) in &files.languages {
        let source = &files.sources[*index];
        references(source, file, &kinds, &mut problems);
        shapes(source, file, &mut problems);
        patterns(source, file, &mut problems);
        numbers(source, file, &mut problems);
        windows(source, file, &mut problems);
        number_values(source, file, &mut problems);
    }
    shared_cues(files, &mut problems);
    alias_languages(files, &mut problems);
    reconcile_ranges(files, &mut problems);
    super::places::validate_places(&files.places, &files.sources, &mut problems);
    problems
}

fn at(source: &RuleSource, path: &[Step], key: bool) -> std::ops::Range<usize> {
    locate(&source.text, path, key).unwrap_or(0..0)
}

fn defined_kinds(files: &RuleFiles) -> HashSet<String> {
    files
        .kinds
        .iter()
        .flat_map(|(_, file)| file.kind.iter().map(|k| k.id.clone()))
        .collect()
}

/// A kind id or entity name defined twice by files of one origin. (A folder
/// redefining a default is an override, not a duplicate.)
fn duplicate_ids(files: &RuleFiles, problems: &mut Vec<Diagnostic>) {
    let defined = defined_kinds(files);
    let mut kinds: HashMap<(Origin, String), (usize, usize)> = HashMap::new();
    for (index, file) in &files.kinds {
        let source = &files.sources[*index];
        for (position, kind) in file.kind.iter().enumerate() {
            let path = [Step::Key("kind"), Step::Index(position), Step::Key("id")];
            let references = [("combines", &kind.combines), ("outranks", &kind.outranks)];
            for (key, list) in references {
                for (index, part) in list.iter().enumerate() {
                    if defined.contains(part) {
                        continue;
                    }
                    let span = at(
                        source,
                        &[
                            Step::Key("kind"),
                            Step::Index(position),
                            Step::Key(key),
                            Step::Index(index),
                        ],
                        false,
                    );
                    problems.push(diagnostic(
                        source,
                        "R005",
                        span,
                        format!(
                            "kind `{}` {key} `{part}`, which no [[kind]] defines",
                            kind.id
                        ),
                    ));
                }
            }
            if kind.combines.len() != 2 && !kind.combines.is_empty() {
                let span = at(
                    source,
                    &[
                        Step::Key("kind"),
                        Step::Index(position),
                        Step::Key("combines"),
                    ],
                    false,
                );
                problems.push(diagnostic(
                    source,
                    "R009",
                    span,
                    "`combines` names exactly two kinds".to_string(),
                ));
            }
            if kind.id.trim().is_empty() {
                problems.push(diagnostic(
                    source,
                    "R009",
                    at(source, &path, false),
                    "a kind needs a non-empty id".into(),
                ));
            }
            let key = (source.origin.clone(), kind.id.clone());
            match kinds.get(&key) {
                Some(&(first_file, first_position)) => {
                    let first = &files.sources[first_file];
                    let first_span = at(
                        first,
                        &[
                            Step::Key("kind"),
                            Step::Index(first_position),
                            Step::Key("id"),
                        ],
                        false,
                    );
                    let (line, _) = super::diagnostic::line_column(&first.text, first_span.start);
                    problems.push(
                        diagnostic(
                            source,
                            "R004",
                            at(source, &path, false),
                            format!("kind `{}` is defined twice", kind.id),
                        )
                        .with_label("defined again here")
                        .with_help(format!(
                            "first defined at {}:{line}; give one of them another id",
                            first.path.display()
                        )),
                    );
                }
                None => {
                    kinds.insert(key, (*index, position));
                }
            }
        }
    }
    let defined: HashSet<&str> = files
        .entities
        .iter()
        .flat_map(|(_, f)| {
            f.entity
                .iter()
                .filter(|e| !e.extend)
                .map(|e| e.name.as_str())
        })
        .collect();
    let mut entities: HashMap<(Origin, String), usize> = HashMap::new();
    for (index, file) in &files.entities {
        let source = &files.sources[*index];
        for (position, entity) in file.entity.iter().enumerate() {
            let path = [
                Step::Key("entity"),
                Step::Index(position),
                Step::Key("name"),
            ];
            if entity.extend {
                if !defined.contains(entity.name.as_str()) {
                    problems.push(
                        diagnostic(source, "R005", at(source, &path, false), format!("no entity `{}` to extend", entity.name))
                            .with_help("check the name against the entity it should add to, or drop `extend` and give a `type`"),
                    );
                }
                continue;
            }
            if entity.entity_type.is_none() {
                problems.push(
                    diagnostic(source, "R009", at(source, &path, false), format!("entity `{}` needs a `type`", entity.name))
                        .with_help("one of country, institution, person, organisation, group, outlet; or `extend = true`"),
                );
            }
            let key = (source.origin.clone(), entity.name.clone());
            if let Some(first_file) = entities.insert(key, *index) {
                let path = [
                    Step::Key("entity"),
                    Step::Index(position),
                    Step::Key("name"),
                ];
                problems.push(
                    diagnostic(
                        source,
                        "R004",
                        at(source, &path, false),
                        format!("entity `{}` is defined twice", entity.name),
                    )
                    .with_label("defined again here")
                    .with_help(format!(
                        "first defined in {}; merge the two entries",
                        files.sources[first_file].path.display()
                    )),
                );
            }
        }
    }
}

/// The default kind must be defined by some `[[kind]]`.
fn default_kinds(files: &RuleFiles, kinds: &HashSet<String>, problems: &mut Vec<Diagnostic>) {
    for (index, file) in &files.kinds {
        let source = &files.sources[*index];
        let Some(kind) = file.default_kind.as_ref().filter(|k| !kinds.contains(*k)) else {
            continue;
        };
        let span = at(source, &[Step::Key("default-kind")], false);
        problems.push(diagnostic(
            source,
            "R005",
            span,
            format!("default kind `{kind}`, which no [[kind]] defines"),
        ));
    }
}

/// A similarity is a share: above 0 (0 would join every owner), at most 1.
fn group_settings(files: &RuleFiles, problems: &mut Vec<Diagnostic>) {
    for (index, file) in &files.kinds {
        let source = &files.sources[*index];
        let Some(group) = &file.group else { continue };
        let similarity = group.same_owner_similarity;
        if similarity > 0.0 && similarity <= 1.0 {
            continue;
        }
        let span = at(
            source,
            &[Step::Key("group"), Step::Key("same-owner-similarity")],
            false,
        );
        problems.push(diagnostic(
            source,
            "R003",
            span,
            format!("`same-owner-similarity` is {similarity}; it must be above 0 and at most 1"),
        ));
    }
}

/// Kinds named by cues and units must be defined by some `[[kind]]`.
fn references(
    source: &RuleSource,
    file: &LanguageFile,
    kinds: &HashSet<String>,
    problems: &mut Vec<Diagnostic>,
) {
    let known = || {
        let mut list: Vec<&str> = kinds.iter().map(String::as_str).collect();
        list.sort_unstable();
        list.join(", ")
    };
    for kind in file.kinds.keys() {
        if !kinds.contains(kind) {
            let span = at(source, &[Step::Key("kinds"), Step::Key(kind)], true);
            let mut problem = diagnostic(
                source,
                "R005",
                span,
                format!("kind `{kind}` has cues here but no [[kind]] defines it"),
            );
            problem = match super::diagnostic::did_you_mean(kind, kinds.iter().map(String::as_str))
            {
                Some(suggestion) => problem.with_label(format!("did you mean `{suggestion}`?")),
                None => problem.with_help(format!(
                    "define it in a kinds file, or use one of: {}",
                    known()
                )),
            };
            problems.push(problem);
        }
    }
    for (name, unit) in &file.units {
        if let Some(kind) = &unit.kind
            && !kinds.contains(kind)
        {
            let span = at(
                source,
                &[Step::Key("units"), Step::Key(name), Step::Key("kind")],
                false,
            );
            problems.push(
                diagnostic(
                    source,
                    "R005",
                    span,
                    format!("unit `{name}` names kind `{kind}`, which no [[kind]] defines"),
                )
                .with_help(format!("the kinds are: {}", known())),
            );
        }
    }
}

/// One cue, as normalised, listed under two kinds of one language.
fn shared_cues(files: &RuleFiles, problems: &mut Vec<Diagnostic>) {
    // (language, normalised cue) -> (kind, file index)
    let mut seen: HashMap<(String, String), (String, usize)> = HashMap::new();
    for (index, file) in &files.languages {
        let source = &files.sources[*index];
        for (kind, cues) in &file.kinds {
            for cue in cues {
                let key = (file.language.code.clone(), normalize_phrase(cue.trim()));
                match seen.get(&key) {
                    Some((other, first)) if other != kind => {
                        let span = at(
                            source,
                            &[Step::Key("kinds"), Step::Key(kind), Step::Item(cue)],
                            false,
                        );
                        problems.push(
                            diagnostic(
                                source,
                                "R006",
                                span,
                                format!("cue {cue:?} is claimed by kinds `{other}` and `{kind}`"),
                            )
                            .with_help(format!(
                                "a cue decides one kind; keep it in one list (the other is in {})",
                                files.sources[*first].path.display()
                            )),
                        );
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(key, (kind.clone(), *index));
                    }
                }
            }
        }
    }
}

/// Entity aliases under a language code no pack defines are never matched.
fn alias_languages(files: &RuleFiles, problems: &mut Vec<Diagnostic>) {
    let codes: HashSet<&str> = files
        .languages
        .iter()
        .map(|(_, f)| f.language.code.as_str())
        .collect();
    for (index, file) in &files.entities {
        let source = &files.sources[*index];
        for (position, entity) in file.entity.iter().enumerate() {
            for (table, map) in [
                ("aliases", &entity.aliases),
                ("demonym-aliases", &entity.demonym_aliases),
            ] {
                for code in map.keys().filter(|c| !codes.contains(c.as_str())) {
                    let path = [
                        Step::Key("entity"),
                        Step::Index(position),
                        Step::Key(table),
                        Step::Key(code),
                    ];
                    problems.push(
                        diagnostic(source, "R005", at(source, &path, true), format!("no language pack defines `{code}`"))
                            .warning()
                            .with_help("these names are still matched in every language; add a pack or fix the code"),
                    );
                }
            }
        }
    }
}

/// `[reconcile]` values outside the range where they mean anything: a share
/// beyond 1, a negative tolerance, no rounds of reliability.
fn reconcile_ranges(files: &RuleFiles, problems: &mut Vec<Diagnostic>) {
    for (index, file) in &files.kinds {
        let Some(settings) = &file.reconcile else {
            continue;
        };
        let source = &files.sources[*index];
        for (key, message) in out_of_range(settings) {
            let span = at(source, &[Step::Key("reconcile"), Step::Key(key)], false);
            problems.push(diagnostic(source, "R003", span, message));
        }
    }
}

/// The allowed values of a `[reconcile]` number.
#[derive(Clone, Copy)]
enum Allowed {
    /// 0 to 1: a tolerance, a gap.
    Share,
    /// More than 0, at most 1: a cap, a similarity, a weight.
    PositiveShare,
    /// 0 or more.
    NonNegative,
}

impl Allowed {
    fn admits(self, value: f64) -> bool {
        match self {
            Allowed::Share => (0.0..=1.0).contains(&value),
            Allowed::PositiveShare => value > 0.0 && value <= 1.0,
            Allowed::NonNegative => value.is_finite() && value >= 0.0,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Allowed::Share => "between 0 and 1",
            Allowed::PositiveShare => "more than 0 and at most 1",
            Allowed::NonNegative => "a finite number, 0 or more",
        }
    }
}

/// Each `[reconcile]` key whose value is out of range, with the message.
fn out_of_range(settings: &ReconcileSettings) -> Vec<(&'static str, String)> {
    let numbers = [
        ("about-tolerance", settings.about_tolerance, Allowed::Share),
        (
            "rounding-cap",
            settings.rounding_cap,
            Allowed::PositiveShare,
        ),
        (
            "rounding-from",
            settings.rounding_from,
            Allowed::NonNegative,
        ),
        (
            "origin-similarity",
            settings.origin_similarity,
            Allowed::PositiveShare,
        ),
        (
            "echo-similarity",
            settings.echo_similarity,
            Allowed::PositiveShare,
        ),
        ("severity-medium", settings.severity_medium, Allowed::Share),
        ("severity-high", settings.severity_high, Allowed::Share),
        (
            "reliability-prior-agree",
            settings.reliability_prior_agree,
            Allowed::NonNegative,
        ),
        (
            "reliability-prior-disagree",
            settings.reliability_prior_disagree,
            Allowed::NonNegative,
        ),
        (
            "reliability-unproven-weight",
            settings.reliability_unproven_weight,
            Allowed::PositiveShare,
        ),
    ];
    let counts = [
        ("rounding-min-zeros", settings.rounding_min_zeros),
        ("pairwise-origins", settings.pairwise_origins),
        ("reliability-rounds", settings.reliability_rounds),
        (
            "reliability-min-quantities",
            settings.reliability_min_quantities,
        ),
    ];
    let mut found = Vec::new();
    for (key, value, allowed) in numbers {
        if !allowed.admits(value) {
            let message = format!("`{key}` must be {}, found {value}", allowed.describe());
            found.push((key, message));
        }
    }
    for (key, value) in counts {
        if value == 0 {
            found.push((key, format!("`{key}` must be at least 1, found 0")));
        }
    }
    if settings.severity_medium > settings.severity_high {
        let message = format!(
            "`severity-medium` ({}) must not exceed `severity-high` ({})",
            settings.severity_medium, settings.severity_high
        );
        found.push(("severity-medium", message));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::load;

    /// Every problem of `[reconcile]` as `line:column code message`.
    fn problems(reconcile: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("format = 1\n\n[reconcile]\n{reconcile}");
        std::fs::write(dir.path().join("kinds.toml"), text).unwrap();
        match load(&[dir.path().to_path_buf()]) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .diagnostics
                .iter()
                .map(|d| format!("{}:{} {} {}", d.line, d.column, d.code, d.message))
                .collect(),
        }
    }

    #[test]
    fn a_split_verb_without_its_particle_is_placed() {
        let dir = tempfile::tempdir().unwrap();
        let text = "format = 1\n\n[language]\ncode = \"de\"\nname = \"German\"\n\
                    script = \"latin\"\n\n[attribution]\nsplit-verbs = [\"gibt an\", \"gibt\"]\n";
        std::fs::write(dir.path().join("de.toml"), text).unwrap();
        let Err(errors) = load(&[dir.path().to_path_buf()]) else {
            panic!("a split verb without its particle was accepted");
        };
        let found: Vec<String> = errors
            .diagnostics
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.code))
            .collect();
        assert_eq!(found, ["9:27 R009"]);
    }

    #[test]
    fn reconcile_settings_in_range_load() {
        let all = "about-tolerance = 0\nrounding-cap = 1\nrounding-from = 0\n\
                   rounding-min-zeros = 1\norigin-similarity = 0.9\necho-similarity = 1\n\
                   severity-medium = 0.2\nseverity-high = 0.2\nreliability-rounds = 1\n\
                   reliability-prior-agree = 0\nreliability-prior-disagree = 3\n\
                   reliability-min-quantities = 1\nreliability-unproven-weight = 1\n";
        assert_eq!(problems(all), Vec::<String>::new());
    }

    #[test]
    fn reconcile_settings_out_of_range_are_placed() {
        let found = problems(
            "rounding-cap = 1.5\nreliability-rounds = 0\nseverity-medium = 0.6\n\
             echo-similarity = 0\nabout-tolerance = -0.1\nreliability-prior-agree = nan\n",
        );
        assert_eq!(
            found,
            [
                "8:19 R003 `about-tolerance` must be between 0 and 1, found -0.1",
                "4:16 R003 `rounding-cap` must be more than 0 and at most 1, found 1.5",
                "7:19 R003 `echo-similarity` must be more than 0 and at most 1, found 0",
                "9:27 R003 `reliability-prior-agree` must be a finite number, 0 or more, found NaN",
                "5:22 R003 `reliability-rounds` must be at least 1, found 0",
                "6:19 R003 `severity-medium` (0.6) must not exceed `severity-high` (0.5)",
            ]
        );
    }
}
