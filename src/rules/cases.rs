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
//!
//! This module reads and parses case files, as rules loading reads rule files;
//! running them needs extraction, which sits above the rules, so the runner is
//! [`crate::rule_tests`].

use std::fmt;
use std::path::{Path, PathBuf};

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
    /// TEXT: the figure's words as written; must equal the claim's `text`,
    /// whitespace aside.
    pub text: String,
    /// FIGURE as a single number (commas allowed: `12,000`); none for a range.
    pub value: Option<f64>,
    /// The lower end of a FIGURE written `LOW-HIGH`.
    pub low: Option<f64>,
    /// The upper end of a FIGURE written `LOW-HIGH`.
    pub high: Option<f64>,
    /// QUALIFIER as claims write it: `exact`, `about`, `at_least`,
    /// `at_most` or `range`.
    pub qualifier: String,
    /// KIND: a kind id.
    pub kind: String,
    /// The text after `by`, if any: the claim's attribution must contain it
    /// (or be contained in it), ignoring case. None checks no source.
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
    /// The case file, `(embedded) rules/tests/...` for a default one.
    pub file: PathBuf,
    /// The line of the case's text, from 1.
    pub line: usize,
    /// The code of the last `# lang:` line before it.
    pub language: String,
    /// The text to extract from, trimmed.
    pub text: String,
    /// The claims it must yield, in any order; empty (or `#> none`) when it
    /// must yield none.
    pub expected: Vec<Expected>,
    /// Expectations recorded as known failures.
    pub todo: Vec<Expected>,
}

/// A malformed line in a case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseError {
    /// The case file.
    pub file: PathBuf,
    /// The malformed line, from 1.
    pub line: usize,
    /// What is wrong with it, and how to write it.
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
            let code = code.trim();
            let well_formed = !code.is_empty()
                && code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !well_formed {
                return Err(error(format!(
                    "`# lang:` needs a language code such as `en`, found {code:?}"
                )));
            }
            language = code.to_string();
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
    fn a_case_file_needs_a_language_first() {
        let error = parse_cases(Path::new("t.txt"), "no language\n").unwrap_err();
        assert_eq!(error.line, 1);
    }
}
