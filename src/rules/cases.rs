//! Rule tests: short texts beside the rules, with the claims they must yield.
//!
//! A case file is plain text. `# lang: ar` sets the language of the cases that
//! follow; other lines starting with `#` are comments. Each other line is a case,
//! followed by one expectation per claim it must yield:
//!
//! ```text
//! # lang: en
//! At least 100 people were killed in the attack, officials said.
//! #> 100 = 100 at_least killed by officials
//! Article 4 of the treaty was signed in 2024.
//! #> none
//! ```
//!
//! An expectation is `#> TEXT = FIGURE QUALIFIER KIND [by ATTRIBUTION]`, where
//! TEXT is the figure's words as written and FIGURE a number or `LOW-HIGH`.
//! Every claim a case yields must be expected, and every expectation met.
//! `#> todo ...` records a known failure: it must still fail, so that a fix
//! is noticed and the expectation promoted (semgrep's `todoruleid`).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::claims::extract;
use crate::model::Claim;
use crate::read::Document;
use crate::rules::RuleSet;

/// The rule tests shipped with the default rules.
pub const EMBEDDED_CASES: &[(&str, &str)] = &[
    (
        "rules/tests/ar.txt",
        include_str!("../../rules/tests/ar.txt"),
    ),
    (
        "rules/tests/en.txt",
        include_str!("../../rules/tests/en.txt"),
    ),
    (
        "rules/tests/de.txt",
        include_str!("../../rules/tests/de.txt"),
    ),
    (
        "rules/tests/fr.txt",
        include_str!("../../rules/tests/fr.txt"),
    ),
    (
        "rules/tests/es.txt",
        include_str!("../../rules/tests/es.txt"),
    ),
    (
        "rules/tests/ru.txt",
        include_str!("../../rules/tests/ru.txt"),
    ),
    (
        "rules/tests/fa.txt",
        include_str!("../../rules/tests/fa.txt"),
    ),
];

/// One expected claim, as written after `#>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub text: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: String,
    pub kind: String,
    pub attribution: Option<String>,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let figure = match (self.value, self.low, self.high) {
            (Some(v), ..) => format!("{v}"),
            (None, Some(l), Some(h)) => format!("{l}-{h}"),
            _ => "?".to_string(),
        };
        write!(
            f,
            "{} = {figure} {} {}",
            self.text, self.qualifier, self.kind
        )?;
        if let Some(by) = &self.attribution {
            write!(f, " by {by}")?;
        }
        Ok(())
    }
}

/// A case: a line of text, its language, and what it must yield.
#[derive(Debug, Clone)]
pub struct Case {
    pub file: PathBuf,
    pub line: usize,
    pub language: String,
    pub text: String,
    pub expected: Vec<Expected>,
    /// Expectations recorded as known failures.
    pub todo: Vec<Expected>,
}

/// A case that did not yield what it should, with each difference.
#[derive(Debug, Clone)]
pub struct Failure {
    pub file: PathBuf,
    pub line: usize,
    pub text: String,
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

/// A malformed line in a case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// Reads the cases of one file.
pub fn parse_cases(file: &Path, text: &str) -> Result<Vec<Case>, CaseError> {
    let mut cases: Vec<Case> = Vec::new();
    let mut language = String::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        let error = |message: String| CaseError {
            file: file.to_path_buf(),
            line,
            message,
        };
        if let Some(code) = trimmed.strip_prefix("# lang:") {
            language = code.trim().to_string();
        } else if let Some(expectation) = trimmed.strip_prefix("#>") {
            let case = cases
                .last_mut()
                .ok_or_else(|| error("an expectation needs a case line before it".to_string()))?;
            let expectation = expectation.trim();
            if expectation == "none" {
                continue;
            }
            match expectation.strip_prefix("todo ") {
                Some(rest) => case.todo.push(parse_expected(rest).map_err(error)?),
                None => case
                    .expected
                    .push(parse_expected(expectation).map_err(error)?),
            }
        } else if trimmed.starts_with('#') || trimmed.is_empty() {
            continue;
        } else {
            if language.is_empty() {
                return Err(error(
                    "no language set: put a `# lang: CODE` line first".to_string(),
                ));
            }
            cases.push(Case {
                file: file.to_path_buf(),
                line,
                language: language.clone(),
                text: trimmed.to_string(),
                expected: Vec::new(),
                todo: Vec::new(),
            });
        }
    }
    Ok(cases)
}

fn parse_expected(text: &str) -> Result<Expected, String> {
    let usage = "write an expectation as `TEXT = FIGURE QUALIFIER KIND [by ATTRIBUTION]`";
    let (words, rest) = text.rsplit_once(" = ").ok_or_else(|| usage.to_string())?;
    let (rest, attribution) = match rest.split_once(" by ") {
        Some((rest, by)) => (rest, Some(by.trim().to_string())),
        None => (rest, None),
    };
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let [figure, qualifier, kind] = parts[..] else {
        return Err(usage.to_string());
    };
    let number = |s: &str| {
        s.replace(',', "")
            .parse::<f64>()
            .map_err(|_| format!("{s:?} is not a number"))
    };
    let (value, low, high) = match figure.split_once('-') {
        Some((low, high)) if !low.is_empty() => (None, Some(number(low)?), Some(number(high)?)),
        _ => (Some(number(figure)?), None, None),
    };
    Ok(Expected {
        text: words.trim().to_string(),
        value,
        low,
        high,
        qualifier: qualifier.to_string(),
        kind: kind.to_string(),
        attribution,
    })
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
    pub passed: usize,
    pub failures: Vec<Failure>,
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

/// The embedded case files, as (path, text).
pub fn embedded_cases() -> Vec<(PathBuf, String)> {
    EMBEDDED_CASES
        .iter()
        .map(|(path, text)| {
            (
                PathBuf::from(format!("(embedded) {path}")),
                (*text).to_string(),
            )
        })
        .collect()
}

/// The case files (`.txt`) under a rule folder, sorted.
pub fn case_files_in(dir: &Path) -> std::io::Result<Vec<(PathBuf, String)>> {
    let mut paths = Vec::new();
    super::files_with_extension(dir, "txt", &mut paths)?;
    paths.sort();
    paths
        .into_iter()
        .map(|path| std::fs::read_to_string(&path).map(|text| (path, text)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rules_pass_their_own_cases() {
        let rules = crate::rules::load_default().unwrap();
        let outcome = run_files(&embedded_cases(), &rules);
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
        let rules = crate::rules::load_default().unwrap();
        let failure = run_case(&cases[0], &rules).unwrap();
        assert_eq!(
            failure.problems,
            ["expected 100 = 100 at_least wounded\n    found    100 = 100 at_least killed"]
        );
        let error = parse_cases(Path::new("t.txt"), "no language\n").unwrap_err();
        assert_eq!(error.line, 1);
    }
}
