//! Problems in rule files, and how they are shown.
//!
//! A [`Diagnostic`] carries a stable code, a message, the file and the byte
//! span it is about, and optional help. [`Diagnostic::render`] prints it the
//! way rustc does: the position, the offending line, and a caret under it.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// How bad a problem is; `"error"` or `"warning"` in `rules check --format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The rules cannot be used: a run stops (exit status 2), `rules check`
    /// exits with 1.
    Error,
    /// Worth fixing, but the rules load and run.
    Warning,
}

/// The codes, each with what it means; `docs/rules.md` lists them too.
pub const CODES: &[(&str, &str)] = &[
    ("R001", "the file is not valid TOML"),
    ("R002", "an unknown key or table"),
    (
        "R003",
        "a value of the wrong type, or not one of the allowed values",
    ),
    ("R004", "an id defined twice"),
    (
        "R005",
        "a reference to a kind or language that nothing defines",
    ),
    ("R006", "a cue that two kinds both claim"),
    ("R007", "a regular expression that does not compile"),
    ("R008", "an unsupported rule format version"),
    (
        "R009",
        "a list of the wrong length, or an empty required value",
    ),
    ("R010", "the file cannot be read"),
];

/// One problem in a rule file, at a position. `rules check --format json`
/// prints each as one JSON object a line, with these fields as keys.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The stable code, `R001` to `R010` (see [`CODES`]).
    pub code: &'static str,
    /// Error (the default) or warning.
    pub severity: Severity,
    /// What is wrong, one line: "unknown key `sumary`".
    pub message: String,
    /// The rule file, as [`RuleSource::path`](super::RuleSource::path) names it.
    pub file: PathBuf,
    /// Byte offsets in the file (`{"start", "end"}` in JSON); `0..0` for a
    /// problem with the whole file.
    pub span: Range<usize>,
    /// Shown under the caret ("did you mean `summary`?").
    pub label: Option<String>,
    /// A note after the snippet: how to fix it, or what is allowed.
    pub help: Option<String>,
    /// Line of the span's start, from 1.
    pub line: usize,
    /// Column of the span's start, in characters, from 1.
    pub column: usize,
}

impl Diagnostic {
    /// A diagnostic at `span` of `text` (the file's contents).
    pub fn new(
        code: &'static str,
        file: PathBuf,
        text: &str,
        span: Range<usize>,
        message: String,
    ) -> Diagnostic {
        let (line, column) = line_column(text, span.start);
        Diagnostic {
            code,
            severity: Severity::Error,
            message,
            file,
            span,
            label: None,
            help: None,
            line,
            column,
        }
    }

    /// The same problem, as a warning: it does not stop the rules loading.
    pub fn warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    /// Adds the text shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a help note, shown after the snippet.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// True for an error, which keeps the rules from being used.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The rustc-style rendering: position, the line, a caret under the span.
    pub fn render(&self, text: &str) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{severity}[{}]: {}\n", self.code, self.message);
        let gutter = self.line.to_string().len();
        let pad = " ".repeat(gutter);
        out.push_str(&format!(
            "{pad}--> {}:{}:{}\n",
            self.file.display(),
            self.line,
            self.column
        ));
        if let Some(line_text) = text.lines().nth(self.line.saturating_sub(1)) {
            let line_start = line_start(text, self.span.start);
            let caret_start = text[line_start..self.span.start.min(text.len())]
                .chars()
                .count();
            let span_end = self
                .span
                .end
                .min(line_start + line_text.len())
                .max(self.span.start);
            let caret_len = text[self.span.start.min(text.len())..span_end.min(text.len())]
                .chars()
                .count()
                .max(1);
            out.push_str(&format!("{pad} |\n"));
            out.push_str(&format!("{} | {line_text}\n", self.line));
            out.push_str(&format!(
                "{pad} | {}{}",
                " ".repeat(caret_start),
                "^".repeat(caret_len)
            ));
            if let Some(label) = &self.label {
                out.push_str(&format!(" {label}"));
            }
            out.push('\n');
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("{pad} = help: {help}\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    (line, before[line_start(text, offset)..].chars().count() + 1)
}

/// The closest of `candidates` to `unknown`, if close enough to be a typo.
pub fn did_you_mean<'c>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    const MIN_SIMILARITY: f64 = 0.8;
    let fold = |s: &str| s.to_lowercase().replace('_', "-");
    let unknown = fold(unknown);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&unknown, &fold(c)), c))
        .filter(|(score, _)| *score >= MIN_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_line_with_a_caret() {
        let text = "format = 1\n\n[[kind]]\nid = \"drones\"\nsumary = \"x\"\n";
        let start = text.find("sumary").unwrap();
        let diagnostic = Diagnostic::new(
            "R002",
            PathBuf::from("kinds.toml"),
            text,
            start..start + 6,
            "unknown key `sumary`".into(),
        )
        .with_label("did you mean `summary`?");
        assert_eq!(
            diagnostic.render(text),
            "error[R002]: unknown key `sumary`\n --> kinds.toml:5:1\n  |\n5 | sumary = \"x\"\n  | ^^^^^^ did you mean `summary`?\n"
        );
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("sumary", ["id", "summary", "running-total"]),
            Some("summary")
        );
        assert_eq!(
            did_you_mean("running_total", ["id", "summary", "running-total"]),
            Some("running-total")
        );
        assert_eq!(did_you_mean("colour", ["id", "summary"]), None);
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<&str> = CODES.iter().map(|(code, _)| *code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CODES.len());
    }
}
