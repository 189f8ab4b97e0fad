//! The `crosscheck` command line: a thin front end over the library.

mod alloc;
mod feedback;
mod files;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crosscheck::RunOptions;
use crosscheck::eval::GoldError;
use crosscheck::explain::ExplainError;
use crosscheck::model::Limits;
use crosscheck::read;
use crosscheck::report::{build_report, render_html, streamed};
use crosscheck::rules::{self, RuleErrors, RuleSet};
use crosscheck::stream;
use feedback::{Feedback, note_lines, report_skipped};
use files::{refuse_output_over_input, require_paths, write_output, write_output_with};

#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Find the numeric claims in news articles, group those that measure the same quantity, \
             and reconcile them",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Caps on what no stage takes whole; see `crosscheck::model::Limits`.
#[derive(clap::Args, Clone, Copy)]
struct LimitArgs {
    /// Skip files larger than this, with a message: bytes, or with a unit
    /// (500KB, 64MB, 1GB are powers of 1000; KiB, MiB, GiB of 1024).
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
    fn limits(self) -> Limits {
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
enum Command {
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
struct QuietArg {
    /// Print nothing on stderr but errors: no progress bar, no line per skipped file
    /// (the report still lists them).
    #[arg(short = 'q', long)]
    quiet: bool,
}

#[derive(Subcommand)]
enum RulesAction {
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
enum DiagnosticFormat {
    /// rustc-style, with the offending line and a caret.
    Text,
    /// One JSON object per problem (file, line, column, code, message), for editors and CI.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    /// One column per folder.
    Table,
    /// One JSON array of scores.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClaimsFormat {
    /// One JSON object a line.
    Jsonl,
    /// One JSON array.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// Markdown, for people.
    Md,
    /// JSON, for scripts and `explain`.
    Json,
    /// One self-contained HTML page with a chart per quantity.
    Html,
}

/// Why a command could not do its work: printed as `crosscheck: {message}`,
/// with exit status 2.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("the rules have problems; nothing was run\n\n{}", .0.render().trim_end())]
    Rules(RuleErrors),
    /// `rules list` on rules with errors; the text holds every diagnostic.
    #[error("the rules have problems; run `crosscheck rules check` for details\n\n{0}")]
    RulesToList(String),
    #[error("cannot read {}: {source}", dir.display())]
    ReadCases {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Eval(#[from] GoldError),
    #[error(transparent)]
    Explain(#[from] ExplainError),
    #[error(transparent)]
    Report(#[from] crosscheck::report::WriteError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(
        "refusing to write the report over {}, which is one of the inputs; choose another -o",
        .0.display()
    )]
    OutputIsInput(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the output: {0}")]
    WriteStdout(std::io::Error),
    #[error("cannot keep the claims in a temporary file: {0}")]
    Spill(std::io::Error),
    #[error("no such file or folder: {}", .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    Missing(Vec<PathBuf>),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Rules { action } => rules_command(action),
        command => run_pipeline(command).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("crosscheck: {message}");
            ExitCode::from(2)
        }
    }
}

/// `rules check|test|list`: exit status 1 when a check or a test fails.
fn rules_command(action: RulesAction) -> Result<ExitCode, Failure> {
    match action {
        RulesAction::Check { dirs, format } => {
            let checked = rules::check(&dirs, true);
            let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = checked.diagnostics.len() - errors;
            let text = match format {
                DiagnosticFormat::Text => {
                    let mut text = rules::render_all(&checked.diagnostics, &checked.files.sources);
                    text.push_str(&format!(
                        "checked {} rule files: {errors} errors, {warnings} warnings\n",
                        checked.files.sources.len()
                    ));
                    text
                }
                DiagnosticFormat::Json => checked
                    .diagnostics
                    .iter()
                    .map(|d| serde_json::to_string(d).map(|line| line + "\n"))
                    .collect::<Result<String, _>>()?,
            };
            write_output(None, &text)?;
            Ok(if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        RulesAction::Test { dirs } => {
            let rule_set = load_rules(&dirs)?;
            let mut files = rules::cases::embedded_cases();
            for dir in &dirs {
                let found =
                    rules::cases::case_files_in(dir).map_err(|source| Failure::ReadCases {
                        dir: dir.clone(),
                        source,
                    })?;
                files.extend(found);
            }
            let outcome = crosscheck::rule_tests::run_files(&files, rule_set);
            let mut text = String::new();
            for error in &outcome.errors {
                text.push_str(&format!("error: {error}\n"));
            }
            for failure in &outcome.failures {
                text.push_str(&format!("FAIL {failure}"));
            }
            text.push_str(&format!(
                "rule tests: {} passed, {} failed\n",
                outcome.passed,
                outcome.failures.len() + outcome.errors.len()
            ));
            write_output(None, &text)?;
            let failed = !outcome.failures.is_empty() || !outcome.errors.is_empty();
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        RulesAction::List { dirs } => {
            let checked = rules::check(&dirs, true);
            if checked.has_errors() {
                let rendered = rules::render_all(&checked.diagnostics, &checked.files.sources);
                return Err(Failure::RulesToList(rendered.trim_end().to_string()));
            }
            write_output(None, &rules::list(&checked))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `claims`, `report` and `explain`: the pipeline on documents or tables.
fn run_pipeline(command: Command) -> Result<(), Failure> {
    match command {
        Command::Rules { action } => rules_command(action).map(|_| ()),
        Command::Eval {
            folders,
            rules,
            format,
            errors,
        } => {
            let rule_set = load_rules(&rules)?;
            let scores = crosscheck::eval::evaluate(&folders, rule_set, errors)?;
            let text = match format {
                EvalFormat::Table => crosscheck::eval::render_table(&scores),
                EvalFormat::Json => serde_json::to_string_pretty(&scores)? + "\n",
            };
            write_output(None, &text)
        }
        Command::Claims {
            paths,
            rules,
            format,
            limits,
            quiet,
        } => {
            require_paths(&paths)?;
            let rule_set = load_rules_with(&rules, limits)?;
            let feedback = Feedback::new(quiet);
            let layout = match format {
                ClaimsFormat::Jsonl => stream::Layout::Lines,
                ClaimsFormat::Json => stream::Layout::Array,
            };
            let spilled = stream::extract_to_spill(&paths, rule_set, layout, &feedback)
                .map_err(Failure::Spill)?;
            feedback.finish();
            feedback.skipped(&spilled.skipped);
            let notes: Vec<String> = spilled
                .notes
                .iter()
                .map(|(path, note)| format!("crosscheck: {path}: {note}"))
                .collect();
            feedback.print(&notes);
            write_output_with(None, Box::new(|out| spilled.write_to(out)))
        }
        Command::Numbers {
            paths,
            rules,
            format,
            all,
        } => {
            require_paths(&paths)?;
            let rule_set = load_rules(&rules)?;
            let (figures, skipped) = crosscheck::read_numbers(&paths, rule_set, all);
            report_skipped(&skipped);
            let text = match format {
                ClaimsFormat::Jsonl => {
                    let mut text = String::new();
                    for figure in &figures {
                        text.push_str(&serde_json::to_string(figure)?);
                        text.push('\n');
                    }
                    text
                }
                ClaimsFormat::Json => serde_json::to_string_pretty(&figures)? + "\n",
            };
            write_output(None, &text)
        }
        Command::Report {
            paths,
            rules,
            format,
            output,
            reliability,
            limits,
            quiet,
        } => {
            require_paths(&paths)?;
            let rule_set = load_rules_with(&rules, limits)?;
            if let Some(output) = &output {
                refuse_output_over_input(output, &paths)?;
            }
            let feedback = Feedback::new(quiet);
            let options = RunOptions { reliability };
            let streamed = match format {
                ReportFormat::Md => streamed::Format::Markdown,
                ReportFormat::Json => streamed::Format::Json,
                ReportFormat::Html => {
                    return html_report(&paths, rule_set, options, output.as_ref(), &feedback);
                }
            };
            let extraction = crosscheck::extract_with_progress(&paths, rule_set, &feedback);
            crosscheck::Progress::stage(&feedback, "reconciling and writing the report");
            let read = extraction.documents.len() + extraction.rows_read;
            let notes = note_lines(&extraction);
            feedback.finish();
            feedback.skipped(&extraction.skipped);
            feedback.print(&notes);
            feedback.nothing_found(read);
            let mut frame = None;
            let written = write_output_with(
                output.as_ref(),
                Box::new(|out| {
                    let report =
                        streamed::write_report(extraction, rule_set, options, streamed, out)
                            .map_err(std::io::Error::other)?;
                    frame = Some(report);
                    Ok(())
                }),
            );
            // Freeing a report of a million small allocations costs more
            // than the rest of writing it; the process ends here anyway.
            std::mem::forget(frame);
            written
        }
        Command::Explain {
            paths,
            group,
            rules,
            reliability,
            limits,
            quiet,
        } => {
            require_paths(&paths)?;
            let report = match saved_report(&paths) {
                Some(path) => crosscheck::explain::read_report(path)?,
                None => {
                    let rule_set = load_rules_with(&rules, limits)?;
                    let feedback = Feedback::new(quiet);
                    let run = crosscheck::run_with_progress(
                        &paths,
                        rule_set,
                        RunOptions { reliability },
                        &feedback,
                    );
                    feedback.finish();
                    feedback.skipped(&run.extraction.skipped);
                    feedback.notes(&run.extraction);
                    build_report(run)
                }
            };
            let text = crosscheck::explain::explain_group(&report, &group)?;
            write_output(None, &text)
        }
    }
}

/// `report --format html`: the whole report is built, then rendered.
fn html_report(
    paths: &[PathBuf],
    rule_set: &rules::RuleSet,
    options: RunOptions,
    output: Option<&PathBuf>,
    feedback: &Feedback,
) -> Result<(), Failure> {
    let run = crosscheck::run_with_progress(paths, rule_set, options, feedback);
    crosscheck::Progress::stage(feedback, "writing the report");
    let skipped = run.extraction.skipped.clone();
    let notes = note_lines(&run.extraction);
    let read = run.extraction.documents.len() + run.extraction.rows_read;
    let report = build_report(run);
    let text = render_html(&report);
    feedback.finish();
    feedback.skipped(&skipped);
    feedback.print(&notes);
    feedback.nothing_found(read);
    let written = write_output(output, &text);
    // As for the other forms: the process ends here anyway.
    std::mem::forget(report);
    written
}

/// A single `.json` path is a saved report.
fn saved_report(paths: &[PathBuf]) -> Option<&PathBuf> {
    let [path] = paths else { return None };
    read::extension_is(path, &["json"]).then_some(path)
}

/// The rule set, kept until the process ends: freeing its lexicons at exit
/// would cost a one-line document's run more than reading it.
fn load_rules(dirs: &[PathBuf]) -> Result<&'static RuleSet, Failure> {
    let rule_set = rules::load(dirs).map_err(Failure::Rules)?;
    Ok(Box::leak(Box::new(rule_set)))
}

fn load_rules_with(dirs: &[PathBuf], limits: LimitArgs) -> Result<&'static RuleSet, Failure> {
    let mut rule_set = rules::load(dirs).map_err(Failure::Rules)?;
    rule_set.limits = limits.limits();
    Ok(Box::leak(Box::new(rule_set)))
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
