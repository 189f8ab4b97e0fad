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
use crate::model::Claim;
use crate::read::Document;
use crate::rules::RuleSet;
use crate::rules::cases::{Case, CaseError, Expected, parse_cases};

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
        let (a, b) = (claim.attribution.to_lowercase(), by.to_lowercase());
        a.contains(&b) || b.contains(&a) && !a.is_empty()
    });
    same_text
        && same_figure
        && claim.qualifier.as_str() == expected.qualifier
        && claim.kind == expected.kind
        && same_source
}

fn describe(claim: &Claim) -> String {
    let figure = match (claim.value, claim.low, claim.high) {
        (Some(v), ..) => format!("{v}"),
        (None, Some(l), Some(h)) => format!("{l}-{h}"),
        _ => "?".to_string(),
    };
    let by = if claim.attribution.is_empty() {
        String::new()
    } else {
        format!(" by {}", claim.attribution)
    };
    format!(
        "{} = {figure} {} {}{by}",
        claim.text,
        claim.qualifier.as_str(),
        claim.kind
    )
}

/// Runs one case; `None` when it passes.
pub fn run_case(case: &Case, rules: &RuleSet) -> Option<Failure> {
    let text = format!("+++\nlang = \"{}\"\n+++\n{}\n", case.language, case.text);
    let document = Document::from_text("case", &text).ok()?;
    let claims = extract(&document, rules).claims;
    let mut problems = Vec::new();
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
                            describe(claim)
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
            problems.push(format!("unexpected {}", describe(claim)));
        }
    }
    (!problems.is_empty()).then(|| Failure {
        file: case.file.clone(),
        line: case.line,
        text: case.text.clone(),
        problems,
    })
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
}
