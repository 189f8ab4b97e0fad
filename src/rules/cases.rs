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
//! An expectation is `#> TEXT = FIGURE QUALIFIER KIND [in OWNER] [as GROUP] [by
//! ATTRIBUTION]`, where TEXT is the figure's words as written and FIGURE a
//! number or `LOW-HIGH`. OWNER is the claim's owner as reports show it
//! ("Iran", "Mandalay, Myanmar", "Syria and Turkey"), GROUP the id of its
//! quantity when the case's claims are grouped ("killed-mandalay-myanmar-people");
//! `in -` and `by -` expect none. ATTRIBUTION matches a claim's source that
//! contains it or is contained in it, case aside; in double quotes it must be
//! the source exactly. What a line leaves out is not checked.
//! Every claim a case yields must be expected, and every expectation met.
//! `#> todo ...` records a known failure: it must still fail, so that a fix
//! is noticed and the expectation promoted (semgrep's `todoruleid`).
//!
//! `#= TEXT = FIGURE [QUALIFIER] [UNIT]` expects a figure of `crosscheck
//! numbers` instead (FIGURE may be a fraction, `2/3`; QUALIFIER defaults to
//! exact): a case with such lines is checked against every figure the text
//! states, and against its claims only if it also has `#>` lines. `#= none`
//! says it states no figure; `#= todo ...` works as for claims.
//!
//! A case is one line and one document: its sentences are read together (the
//! first is its headline), and `¶` starts a new paragraph (sources carry over
//! within a paragraph, and across one only with a `same-source` word).
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
    /// (or be contained in it), ignoring case; in double quotes (`by
    /// "Kharkiv police"`), it must be the attribution exactly, case aside;
    /// `-` expects no attribution. None checks no source.
    pub attribution: Option<String>,
    /// The text after `in`, if any: the claim's owner as displayed ("Mandalay,
    /// Myanmar"), exactly; `-` expects no owner. None checks no owner.
    pub owner: Option<String>,
    /// The text after `as`, if any: the id of the claim's group once the
    /// case's claims are grouped ("killed-iran-people"). None checks no group.
    pub group: Option<String>,
}

/// What `in -` and `by -` write: the claim has no owner, or no source.
pub const NONE_MARK: &str = "-";

/// In a case's text, where one paragraph ends and the next begins: a case is
/// one line, and one document.
pub const PARAGRAPH_MARK: char = '¶';

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
        if let Some(owner) = &self.owner {
            write!(f, " in {owner}")?;
        }
        if let Some(group) = &self.group {
            write!(f, " as {group}")?;
        }
        if let Some(by) = &self.attribution {
            write!(f, " by {by}")?;
        }
        Ok(())
    }
}

/// One expected figure of `crosscheck numbers`, as written after `#=`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedFigure {
    /// The figure's words as written.
    pub text: String,
    /// A single figure; `None` for a range.
    pub value: Option<f64>,
    /// The ends of a range.
    pub low: Option<f64>,
    /// The upper end of a range.
    pub high: Option<f64>,
    /// `exact` unless the line says otherwise.
    pub qualifier: String,
    /// The unit `numbers` reports ("percent", "USD"), when the line gives one.
    pub unit: Option<String>,
}

impl fmt::Display for ExpectedFigure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} = {} {}",
            self.text,
            figure_text(self.value, self.low, self.high),
            self.qualifier
        )?;
        if let Some(unit) = &self.unit {
            write!(f, " {unit}")?;
        }
        Ok(())
    }
}

/// A figure as the rule tests write it: `12000`, `10000-12000`.
pub fn figure_text(value: Option<f64>, low: Option<f64>, high: Option<f64>) -> String {
    match (value, low, high) {
        (Some(v), ..) => format!("{v}"),
        (None, Some(l), Some(h)) => format!("{l}-{h}"),
        _ => "?".to_string(),
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
    /// Whether its claims are checked: it has `#>` lines, or no `#=` line.
    pub checks_claims: bool,
    /// It has `#>` lines (`#> none` included).
    claims_expected: bool,
    /// Whether its figures are checked: it has `#=` lines.
    pub checks_figures: bool,
    /// The figures it must state (`#=` lines).
    pub figures: Vec<ExpectedFigure>,
    /// Figures recorded as known failures (`#= todo`).
    pub figures_todo: Vec<ExpectedFigure>,
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
            case.claims_expected = true;
            if expectation == "none" {
                continue;
            }
            match expectation.strip_prefix("todo ") {
                Some(rest) => case.todo.push(parse_expected(rest).map_err(error)?),
                None => case
                    .expected
                    .push(parse_expected(expectation).map_err(error)?),
            }
        } else if let Some(expectation) = trimmed.strip_prefix("#=") {
            let case = cases
                .last_mut()
                .ok_or_else(|| error("an expectation needs a case line before it".to_string()))?;
            let expectation = expectation.trim();
            case.checks_figures = true;
            if expectation == "none" {
                continue;
            }
            match expectation.strip_prefix("todo ") {
                Some(rest) => case.figures_todo.push(parse_figure(rest).map_err(error)?),
                None => case.figures.push(parse_figure(expectation).map_err(error)?),
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
                checks_claims: true,
                claims_expected: false,
                checks_figures: false,
                figures: Vec::new(),
                figures_todo: Vec::new(),
            });
        }
    }
    for case in &mut cases {
        case.checks_claims = case.claims_expected || !case.checks_figures;
    }
    Ok(cases)
}

/// A number as the rule tests write it: `12,000`, `-5`, `0.5`, `2/3`.
fn parse_number(text: &str) -> Result<f64, String> {
    let number = |s: &str| {
        s.replace(',', "")
            .parse::<f64>()
            .map_err(|_| format!("{text:?} is not a number"))
    };
    match text.split_once('/') {
        Some((numerator, denominator)) => Ok(number(numerator)? / number(denominator)?),
        None => number(text),
    }
}

fn parse_figure(text: &str) -> Result<ExpectedFigure, String> {
    let usage = "write a figure as `TEXT = FIGURE [QUALIFIER] [UNIT]`";
    let (words, rest) = text.rsplit_once(" = ").ok_or_else(|| usage.to_string())?;
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let (figure, qualifier, unit) = match parts[..] {
        [figure] => (figure, "exact", None),
        [figure, qualifier] => (figure, qualifier, None),
        [figure, qualifier, unit] => (figure, qualifier, Some(unit.to_string())),
        _ => return Err(usage.to_string()),
    };
    // "10000-12000" is a range; "-5" and "-5--3" start with a sign.
    let split = figure
        .char_indices()
        .skip(1)
        .find(|&(i, c)| c == '-' && !figure[..i].ends_with(['-', 'e', 'E']))
        .map(|(i, _)| i);
    let (value, low, high) = match split {
        Some(i) => (
            None,
            Some(parse_number(&figure[..i])?),
            Some(parse_number(&figure[i + 1..])?),
        ),
        None => (Some(parse_number(figure)?), None, None),
    };
    Ok(ExpectedFigure {
        text: words.trim().to_string(),
        value,
        low,
        high,
        qualifier: qualifier.to_string(),
        unit,
    })
}

fn parse_expected(text: &str) -> Result<Expected, String> {
    let usage = "write an expectation as \
                 `TEXT = FIGURE QUALIFIER KIND [in OWNER] [as GROUP] [by ATTRIBUTION]`";
    let (words, rest) = text.rsplit_once(" = ").ok_or_else(|| usage.to_string())?;
    // The optional parts come in this order; each is cut off the end of
    // what is left, so an owner may hold spaces ("Syria and Turkey").
    let tail = |rest: &str, word: &str| -> Result<(String, Option<String>), String> {
        match rest.split_once(word) {
            Some((rest, value)) if !value.trim().is_empty() => {
                Ok((rest.to_string(), Some(value.trim().to_string())))
            }
            Some(_) => Err(format!("`{}` needs a value after it", word.trim())),
            None => Ok((rest.to_string(), None)),
        }
    };
    let (rest, attribution) = tail(rest, " by ")?;
    let (rest, group) = tail(&rest, " as ")?;
    let (rest, owner) = tail(&rest, " in ")?;
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
        owner,
        group,
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
    fn expectations_may_name_an_owner_a_group_and_a_source() {
        let text = "# lang: en\nx\n\
                    #> 1,807 = 1807 exact killed in Mandalay, Myanmar as killed-mandalay-myanmar-people by Myanmar junta\n\
                    #> 40 = 40 exact wounded in -\n\
                    #> 5,000 = 5000 exact killed in Syria and Turkey by -\n\
                    #> 12 = 12 exact killed by officials in Kharkiv\n";
        let cases = parse_cases(Path::new("t.txt"), text).unwrap();
        let [first, second, third, fourth] = &cases[0].expected[..] else {
            panic!("{:?}", cases[0].expected);
        };
        assert_eq!(first.owner.as_deref(), Some("Mandalay, Myanmar"));
        assert_eq!(
            first.group.as_deref(),
            Some("killed-mandalay-myanmar-people")
        );
        assert_eq!(first.attribution.as_deref(), Some("Myanmar junta"));
        assert_eq!(
            first.to_string(),
            "1,807 = 1807 exact killed in Mandalay, Myanmar as killed-mandalay-myanmar-people \
             by Myanmar junta"
        );
        assert_eq!(
            (second.owner.as_deref(), second.group.as_deref()),
            (Some(NONE_MARK), None)
        );
        assert_eq!(third.owner.as_deref(), Some("Syria and Turkey"));
        assert_eq!(third.attribution.as_deref(), Some(NONE_MARK));
        // Old lines stay valid; a source comes last, whatever words it holds.
        assert_eq!(fourth.owner, None);
        assert_eq!(fourth.attribution.as_deref(), Some("officials in Kharkiv"));
        let broken = "# lang: en\nx\n#> 1 = 1 exact killed in \n";
        assert!(parse_cases(Path::new("t.txt"), broken).is_err());
    }

    #[test]
    fn a_case_file_needs_a_language_first() {
        let error = parse_cases(Path::new("t.txt"), "no language\n").unwrap_err();
        assert_eq!(error.line, 1);
    }
}
