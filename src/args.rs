//! The command line's arguments, as clap reads them: the commands, their
//! options, and the parsers of sizes and counts. A module of the binary.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crosscheck::model::Limits;

#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Find the numeric claims in news articles, group those that measure the same quantity, \
             and reconcile them",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Caps on what no stage takes whole; see `crosscheck::model::Limits`.
#[derive(clap::Args, Clone, Copy)]
pub struct LimitArgs {
    /// Skip files larger than this, with a message: bytes, or with a unit
    /// (500KB, 64MB, 1GB are powers of 1000; KiB, MiB, GiB of 1024). An
    /// article is skipped past 4 GiB whatever this says.
    #[arg(long, value_name = "SIZE", default_value = "128MiB", value_parser = parse_size)]
    max_file_size: u64,
    /// Cut a sentence that runs longer than this many tokens (words, numbers and
    /// marks) with no sentence break into pieces of that length, with a message.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT.max_sentence_tokens,
          value_parser = positive)]
    max_sentence_tokens: usize,
    /// Leave out a word or number longer than this many bytes, with a message.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::DEFAULT.max_token_bytes,
          value_parser = positive)]
    max_token_bytes: usize,
    /// Read a document longer than this in sections of at most this size, cut
    /// at paragraph breaks, so that memory does not grow with the file; its
    /// language, outlet, date and topic are read from the first section
    /// (bytes, or with a unit as for --max-file-size).
    #[arg(long, value_name = "SIZE", default_value = "1MiB", value_parser = parse_section_size)]
    max_section_size: usize,
}

impl LimitArgs {
    pub fn limits(self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_size,
            max_sentence_tokens: self.max_sentence_tokens,
            max_token_bytes: self.max_token_bytes,
            max_section_bytes: self.max_section_size,
        }
    }
}

/// A whole number of at least 1.
fn positive(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("{text:?} is not a whole number of at least 1")),
    }
}

/// A section size: a size of at least 1 KB that fits in memory.
fn parse_section_size(text: &str) -> Result<usize, String> {
    match parse_size(text).map(usize::try_from)? {
        Ok(bytes) if bytes >= 1000 => Ok(bytes),
        _ => Err(format!("{text:?} is not a size of at least 1KB")),
    }
}

/// A size in bytes: `1000`, `500KB`, `64MB`, `1GB` (powers of 1000), `128MiB`
/// (powers of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let number: u64 = text[..digits]
        .parse()
        .map_err(|_| format!("{text:?} is not a size: write bytes, or 500KB, 64MB, 128MiB"))?;
    let unit = text[digits..].trim().to_ascii_lowercase();
    let factor: u64 = match unit.as_str() {
        "" | "b" => 1,
        "kb" | "k" => 1000,
        "mb" | "m" => 1000 * 1000,
        "gb" | "g" => 1000 * 1000 * 1000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "unknown unit {unit:?}: use B, KB, MB, GB, KiB, MiB or GiB"
            ));
        }
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("{text:?} is too large"))
}

#[derive(Subcommand)]
pub enum Command {
    /// Print every claim found, one JSON object a line.
    #[command(
        after_help = "Example:\n  crosscheck claims fixtures/seeds > seeds.jsonl\n  \
                            python3 ../shared/corpus/score.py ../shared/corpus/seeds seeds.jsonl"
    )]
    Claims {
        /// Files or folders (read recursively for .txt and .md files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A folder of rule files that extend or override the embedded defaults.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ClaimsFormat::Jsonl)]
        format: ClaimsFormat,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        quiet: QuietArg,
    },
    /// Print every figure in the text, one JSON object a line: the numbers
    /// `claims` builds on, before it keeps those that count something checkable.
    ///
    /// Each figure has doc, span (bytes of the file as stored), text, value or
    /// low/high, qualifier, unit (percent, a currency, a time unit...) when one is
    /// written beside it, and lang. Dates, ordinals, years standing alone and
    /// codes ("KN-23", phone numbers) are left out; --all lists them too, each
    /// with its role.
    #[command(
        after_help = "Example:\n  crosscheck numbers fixtures/seeds > figures.jsonl\n  \
                            crosscheck numbers article.txt --format json --all"
    )]
    Numbers {
        /// Files or folders (read recursively for .txt and .md files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A folder of rule files that extend or override the embedded defaults.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ClaimsFormat::Jsonl)]
        format: ClaimsFormat,
        /// Also list the numbers that are not figures (ordinals, years, codes), with their role.
        #[arg(long)]
        all: bool,
    },
    /// Write the reconciliation report: a summary, then each quantity with its consensus
    /// range, its claims and its contradictions.
    ///
    /// Three formats: Markdown (md, the default), JSON (json, every figure, for scripts and
    /// `explain`) and HTML (html: one self-contained page with a chart per quantity, to
    /// read, print or publish from).
    ///
    /// PATH may also be a table of claims extracted elsewhere (`.csv` with a header, or
    /// `.jsonl`): columns quantity, origin, outlet, as_of, value or low/high, qualifier,
    /// kind. Extraction is skipped for them; bad rows are reported with their line.
    #[command(after_help = "Example:\n  crosscheck report fixtures/seeds\n  \
                            crosscheck report fixtures/seeds --format html -o seeds.html\n  \
                            crosscheck report fixtures/seeds --format json -o report.json\n  \
                            crosscheck report figures.csv --reliability")]
    Report {
        /// Files or folders (read recursively for .txt and .md files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// A folder of rule files that extend or override the embedded defaults.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Write the report to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Weigh origins by how often they agree with the consensus of other quantities
        /// (overrides `reliability` in the rules).
        #[arg(long)]
        reliability: bool,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        quiet: QuietArg,
    },
    /// Score extraction against gold annotations (`*.gold.toml` beside each document),
    /// as ../shared/corpus/score.py does: precision, recall, F1, qualifier, kind and
    /// attribution accuracy, grouping pairwise F1, per folder and overall.
    #[command(
        after_help = "Example:\n  crosscheck eval ../shared/corpus/seeds ../shared/corpus/nk-troops --errors"
    )]
    Eval {
        /// Folders of documents with their gold files.
        #[arg(required = true)]
        folders: Vec<PathBuf>,
        /// A folder of rule files that extend or override the embedded defaults.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
        /// List each miss, false positive and wrong field with its sentence.
        #[arg(long)]
        errors: bool,
    },
    /// Check, test and list rule files (see docs/rules.md).
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Explain how one quantity's consensus was reached: intervals, origins,
    /// periods, what was used and set aside and why, contradictions.
    #[command(
        after_help = "Example:\n  crosscheck explain fixtures/seeds --group personnel-north-korea-soldiers\n  \
                            crosscheck report fixtures/seeds --format json -o report.json\n  \
                            crosscheck explain report.json --group personnel-north-korea-soldiers"
    )]
    Explain {
        /// A JSON report written by `report --format json`, or files and folders to run on.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The quantity's id, as the report shows it.
        #[arg(long, value_name = "ID")]
        group: String,
        /// A folder of rule files that extend or override the embedded defaults.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        /// Weigh origins by their reliability across quantities (when running on documents).
        #[arg(long)]
        reliability: bool,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        quiet: QuietArg,
    },
}

/// `--quiet`; see [`Feedback`].
#[derive(clap::Args, Clone, Copy)]
pub struct QuietArg {
    /// Print nothing on stderr but errors: no progress bar, no line per skipped file
    /// (the report still lists them).
    #[arg(short = 'q', long)]
    pub quiet: bool,
}

#[derive(Subcommand)]
pub enum RulesAction {
    /// Validate rule files without running anything: unknown keys, wrong types,
    /// bad regular expressions, duplicate ids, undefined kinds, cues two kinds claim.
    /// Every problem is shown with file:line:col; the exit status is 1 if any is an error.
    #[command(
        after_help = "Example:\n  crosscheck rules check my-rules/\n  crosscheck rules check    # the embedded defaults"
    )]
    Check {
        /// Rule folders (or files) to check, on top of the embedded defaults.
        dirs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
        format: DiagnosticFormat,
    },
    /// Run the rule tests: the `.txt` case files under each folder (and those shipped
    /// with the defaults), each line a text with the claims it must yield.
    #[command(
        after_help = "Example:\n  crosscheck rules test my-rules/\n\nA case file:\n  # lang: en\n  \
                            At least 100 people were killed.\n  #> 100 = 100 at_least killed"
    )]
    Test {
        /// Rule folders whose rules and case files to use, on top of the defaults.
        dirs: Vec<PathBuf>,
    },
    /// Show what is loaded, from which file, and what overrides what.
    #[command(after_help = "Example:\n  crosscheck rules list my-rules/")]
    List {
        /// Rule folders to load on top of the embedded defaults.
        dirs: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DiagnosticFormat {
    /// rustc-style, with the offending line and a caret.
    Text,
    /// One JSON object per problem (file, line, column, code, message), for editors and CI.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EvalFormat {
    /// One column per folder.
    Table,
    /// One JSON array of scores.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ClaimsFormat {
    /// One JSON object a line.
    Jsonl,
    /// One JSON array.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for people.
    Md,
    /// JSON, for scripts and `explain`.
    Json,
    /// One self-contained HTML page with a chart per quantity.
    Html,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("2KB"), Ok(2000));
        assert_eq!(parse_size("64 MB"), Ok(64_000_000));
        assert_eq!(parse_size("128MiB"), Ok(128 << 20));
        assert_eq!(parse_size("1gib"), Ok(1 << 30));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("MB").is_err());
        assert!(parse_size("99999999999999999999GB").is_err());
    }
}
