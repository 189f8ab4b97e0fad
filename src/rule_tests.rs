//! Running rule tests: each case's text through extraction, its claims against
//! what the case expects.
//!
//! Input: case files as (path, text) (parsed by [`crate::rules::cases`], which
//! also reads them) and a [`RuleSet`]. Output: an [`Outcome`]: how many cases
//! passed, each [`Failure`] with what was expected and what was found, and each
//! malformed line. The runner sits above extraction, as a front end does: the
//! rules below it never call the stages they drive.

use std::fmt;
use std::path::PathBuf;

use crate::claims::extract;
use crate::figures::list_figures;
use crate::model::{Claim, FoundFigure};
use crate::read::{Document, FrontMatter};
use crate::rules::RuleSet;
use crate::rules::cases::{
    Case, CaseError, Expected, ExpectedFigure, NONE_MARK, PARAGRAPH_MARK, figure_text, parse_cases,
};

/// A case that did not yield what it should, with each difference.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The case file.
    pub file: PathBuf,
    /// The line of the case's text, from 1.
    pub line: usize,
    /// The case's text.
    pub text: String,
    /// One entry per difference, ready to print: an expectation missed
    /// ("expected ... found ..."), a claim nobody expected, a todo that now
    /// passes.
    pub problems: Vec<String>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}:{}: {}", self.file.display(), self.line, self.text)?;
        for problem in &self.problems {
            writeln!(f, "    {problem}")?;
        }
        Ok(())
    }
}

fn matches(claim: &Claim, expected: &Expected) -> bool {
    let same_text = claim
        .text
        .split_whitespace()
        .eq(expected.text.split_whitespace());
    let same_figure =
        claim.value == expected.value && claim.low == expected.low && claim.high == expected.high;
    let same_source = expected.attribution.as_ref().is_none_or(|by| {
        if by == NONE_MARK {
            return claim.attribution.is_empty();
        }
        if let Some(exact) = exact_source(by) {
            return claim.attribution.to_lowercase() == exact.to_lowercase();
        }
        let (a, b) = (claim.attribution.to_lowercase(), by.to_lowercase());
        a.contains(&b) || b.contains(&a) && !a.is_empty()
    });
    let same_owner = expected
        .owner
        .as_ref()
        .is_none_or(|owner| *owner == owner_text(claim));
    let same_group = expected.group.as_ref().is_none_or(|g| *g == claim.group);
    same_text
        && same_figure
        && claim.qualifier.as_str() == expected.qualifier
        && claim.kind == expected.kind
        && same_source
        && same_owner
        && same_group
}

/// A source written in double quotes (`by "Kharkiv police"`) must be the
/// claim's attribution exactly, case aside.
fn exact_source(by: &str) -> Option<&str> {
    by.strip_prefix('"')?.strip_suffix('"')
}

/// A claim's owner as an expectation writes it: as displayed, `-` for none.
fn owner_text(claim: &Claim) -> String {
    if claim.owner.is_empty() {
        NONE_MARK.to_string()
    } else {
        claim.owner.to_string()
    }
}

/// A claim as an expectation would write it; its owner and group are shown
/// when `like` checks them (an unexpected claim shows both).
fn describe(claim: &Claim, like: Option<&Expected>) -> String {
    let figure = match (claim.value.get(), claim.low.get(), claim.high.get()) {
        (Some(v), ..) => format!("{v}"),
        (None, Some(l), Some(h)) => format!("{l}-{h}"),
        _ => "?".to_string(),
    };
    let mut text = format!(
        "{} = {figure} {} {}",
        claim.text,
        claim.qualifier.as_str(),
        claim.kind
    );
    if like.is_none_or(|e| e.owner.is_some()) {
        text.push_str(&format!(" in {}", owner_text(claim)));
    }
    if like.is_none_or(|e| e.group.is_some()) {
        text.push_str(&format!(" as {}", claim.group));
    }
    if !claim.attribution.is_empty() {
        text.push_str(&format!(" by {}", claim.attribution));
    } else if like.is_some_and(|e| e.attribution.is_some()) {
        text.push_str(&format!(" by {NONE_MARK}"));
    }
    text
}

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn matches_figure(figure: &FoundFigure, expected: &ExpectedFigure) -> bool {
    figure
        .text
        .split_whitespace()
        .eq(expected.text.split_whitespace())
        && same_number(figure.value, expected.value)
        && same_number(figure.low, expected.low)
        && same_number(figure.high, expected.high)
        && figure.qualifier.as_str() == expected.qualifier
        && figure.unit == expected.unit
}

fn describe_figure(figure: &FoundFigure) -> String {
    let mut text = format!(
        "{} = {} {}",
        figure.text,
        figure_text(figure.value, figure.low, figure.high),
        figure.qualifier.as_str()
    );
    if let Some(unit) = &figure.unit {
        text.push_str(&format!(" {unit}"));
    }
    text
}

/// The figures of a case (`#=` lines) against what `crosscheck numbers` lists.
fn check_figures(case: &Case, document: &Document, rules: &RuleSet, problems: &mut Vec<String>) {
    let figures = list_figures(document, rules, false);
    let mut used = vec![false; figures.len()];
    for expected in &case.figures {
        match (0..figures.len()).find(|&i| !used[i] && matches_figure(&figures[i], expected)) {
            Some(index) => used[index] = true,
            None => {
                let near = (0..figures.len()).find(|&i| {
                    !used[i]
                        && figures[i]
                            .text
                            .split_whitespace()
                            .eq(expected.text.split_whitespace())
                });
                match near {
                    Some(index) => {
                        used[index] = true;
                        problems.push(format!(
                            "expected figure {expected}\n    found           {}",
                            describe_figure(&figures[index])
                        ));
                    }
                    None => problems.push(format!(
                        "expected figure {expected}\n    found           nothing for {:?}",
                        expected.text
                    )),
                }
            }
        }
    }
    for todo in &case.figures_todo {
        if let Some(index) =
            (0..figures.len()).find(|&i| !used[i] && matches_figure(&figures[i], todo))
        {
            used[index] = true;
            problems.push(format!(
                "todo now passes: {todo}\n    promote it to an expectation"
            ));
        }
    }
    for (index, figure) in figures.iter().enumerate() {
        let known_gap = case
            .figures_todo
            .iter()
            .any(|t| figure.text.split_whitespace().eq(t.text.split_whitespace()));
        if !used[index] && !known_gap {
            problems.push(format!("unexpected figure {}", describe_figure(figure)));
        }
    }
}

/// The document a case's text stands for: its sentences as written, and a
/// line break, which starts a paragraph, for each `¶` (spaces around it
/// dropped).
fn document_text(text: &str) -> String {
    text.split(PARAGRAPH_MARK)
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs one case; `None` when it passes. A case whose language no pack of
/// the rules serves fails: it would be read as another language.
pub fn run_case(case: &Case, rules: &RuleSet) -> Option<Failure> {
    let failure = |problems: Vec<String>| Failure {
        file: case.file.clone(),
        line: case.line,
        text: case.text.clone(),
        problems,
    };
    if rules.language(&case.language).is_none() {
        return Some(failure(vec![format!(
            "no language pack has the code {:?}: check the `# lang:` line above the case",
            case.language
        )]));
    }
    // The document is built as it is, not through front matter: a language
    // code or a case text cannot break a header it is not written into.
    let document = Document {
        id: "case".to_string(),
        path: PathBuf::from("case"),
        text: format!("{}\n", document_text(&case.text)),
        body_start: 0,
        meta: FrontMatter {
            lang: Some(case.language.clone()),
            ..FrontMatter::default()
        },
    };
    let mut problems = Vec::new();
    if case.checks_figures {
        check_figures(case, &document, rules, &mut problems);
    }
    let claims = if case.checks_claims {
        // Grouped as a run of this one document would group them, so that
        // `as GROUP` sees the ids reports show.
        let mut claims = extract(&document, rules).claims;
        crate::group::group_claims(&mut claims, rules);
        claims
    } else {
        Vec::new()
    };
    let mut used = vec![false; claims.len()];
    for expected in &case.expected {
        let found = claims
            .iter()
            .enumerate()
            .find(|(i, c)| !used[*i] && matches(c, expected));
        match found {
            Some((index, _)) => used[index] = true,
            None => {
                let near = claims.iter().enumerate().find(|(i, c)| {
                    !used[*i]
                        && c.text
                            .split_whitespace()
                            .eq(expected.text.split_whitespace())
                });
                match near {
                    Some((index, claim)) => {
                        used[index] = true;
                        problems.push(format!(
                            "expected {expected}\n    found    {}",
                            describe(claim, Some(expected))
                        ));
                    }
                    None => problems.push(format!(
                        "expected {expected}\n    found    nothing for {:?}",
                        expected.text
                    )),
                }
            }
        }
    }
    for todo in &case.todo {
        if let Some(index) = claims
            .iter()
            .enumerate()
            .position(|(i, c)| !used[i] && matches(c, todo))
        {
            used[index] = true;
            problems.push(format!(
                "todo now passes: {todo}\n    promote it to an expectation"
            ));
        }
    }
    for (index, claim) in claims.iter().enumerate() {
        let known_gap = case
            .todo
            .iter()
            .any(|t| claim.text.split_whitespace().eq(t.text.split_whitespace()));
        if !used[index] && !known_gap {
            problems.push(format!("unexpected {}", describe(claim, None)));
        }
    }
    (!problems.is_empty()).then(|| failure(problems))
}

/// The outcome of running case files.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Cases that yielded exactly what they expect.
    pub passed: usize,
    /// Cases that did not, in file and line order.
    pub failures: Vec<Failure>,
    /// Files that could not be parsed, each with its first malformed line;
    /// none of their cases ran.
    pub errors: Vec<CaseError>,
}

/// Runs the cases of every file given (path, text).
pub fn run_files(files: &[(PathBuf, String)], rules: &RuleSet) -> Outcome {
    let mut outcome = Outcome::default();
    for (path, text) in files {
        match parse_cases(path, text) {
            Ok(cases) => {
                for case in &cases {
                    match run_case(case, rules) {
                        Some(failure) => outcome.failures.push(failure),
                        None => outcome.passed += 1,
                    }
                }
            }
            Err(error) => outcome.errors.push(error),
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::cases::{embedded_cases, parse_cases};
    use std::path::Path;

    #[test]
    fn the_default_rules_pass_their_own_cases() {
        let rules = crate::rules::defaults_for_tests();
        let outcome = run_files(&embedded_cases(), rules);
        let report: Vec<String> = outcome
            .errors
            .iter()
            .map(ToString::to_string)
            .chain(outcome.failures.iter().map(ToString::to_string))
            .collect();
        assert!(report.is_empty(), "{}", report.join("\n"));
        assert!(outcome.passed > 20, "only {} cases ran", outcome.passed);
    }

    /// Issue 13: a case under a broken `# lang:` line counted as passed.
    #[test]
    fn a_case_in_a_language_no_pack_serves_fails() {
        let rules = crate::rules::load_default().unwrap();
        let text = "# lang: xx\nAt least 100 people were killed.\n#> 100 = 100 exact wounded\n";
        let outcome = run_files(&[(PathBuf::from("t.txt"), text.to_string())], &rules);
        assert_eq!((outcome.passed, outcome.failures.len()), (0, 1));
        assert!(outcome.failures[0].problems[0].contains("no language pack"));
        let broken = "# lang: e\"n\nAt least 100 people were killed.\n#> none\n";
        let outcome = run_files(&[(PathBuf::from("t.txt"), broken.to_string())], &rules);
        assert_eq!((outcome.passed, outcome.errors.len()), (0, 1));
        assert!(outcome.errors[0].message.contains("language code"));
    }

    #[test]
    fn expectations_parse_and_failures_say_what_differs() {
        let text = "# lang: en\nAt least 100 people were killed.\n#> 100 = 100 at_least wounded\n";
        let cases = parse_cases(Path::new("t.txt"), text).unwrap();
        assert_eq!(
            cases[0].expected[0].to_string(),
            "100 = 100 at_least wounded"
        );
        let rules = crate::rules::defaults_for_tests();
        let failure = run_case(&cases[0], rules).unwrap();
        assert_eq!(
            failure.problems,
            ["expected 100 = 100 at_least wounded\n    found    100 = 100 at_least killed"]
        );
    }

    /// Issues 10 and 11: an expectation may check the owner, the group and
    /// the absence of a source; a failure shows what was found for each.
    #[test]
    fn owners_groups_and_missing_sources_are_checked() {
        let rules = crate::rules::defaults_for_tests();
        let run = |expectation: &str| {
            let text =
                format!("# lang: en\nAt least 1,807 people died in Mandalay.\n#> {expectation}\n");
            let cases = parse_cases(Path::new("t.txt"), &text).unwrap();
            run_case(&cases[0], rules).map(|f| f.problems)
        };
        assert_eq!(
            run("1,807 = 1807 at_least killed in Mandalay, Myanmar \
                 as killed-mandalay-myanmar-people by -"),
            None
        );
        assert_eq!(
            run("1,807 = 1807 at_least killed in Myanmar by officials"),
            Some(vec![
                "expected 1,807 = 1807 at_least killed in Myanmar by officials\n    \
                 found    1,807 = 1807 at_least killed in Mandalay, Myanmar by -"
                    .to_string()
            ])
        );
        // A quoted source is the whole source: "Mandalay police", not "police".
        let text = "# lang: en\nPolice said 12 people were killed in Mandalay.\n\
                    #> 12 = 12 exact killed by \"Mandalay police\"\n\
                    #> todo 12 = 12 exact killed by \"police\"\n";
        let cases = parse_cases(Path::new("t.txt"), text).unwrap();
        assert!(run_case(&cases[0], rules).is_none());
        assert_eq!(
            run("1,807 = 1807 at_least killed as killed-myanmar-people"),
            Some(vec![
                "expected 1,807 = 1807 at_least killed as killed-myanmar-people\n    \
                 found    1,807 = 1807 at_least killed as killed-mandalay-myanmar-people"
                    .to_string()
            ])
        );
    }
}
