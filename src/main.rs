//! The `crosscheck` command line: a thin front end over the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crosscheck::RunOptions;
use crosscheck::eval::GoldError;
use crosscheck::explain::ExplainError;
use crosscheck::report::{self, build_report};
use crosscheck::rules::{self, RuleErrors, RuleSet};

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
    },
    /// Write the reconciliation report: quantities, consensus ranges, contradictions.
    ///
    /// PATH may also be a table of claims extracted elsewhere (`.csv` with a header, or
    /// `.jsonl`): columns quantity, origin, outlet, as_of, value or low/high, qualifier,
    /// kind. Extraction is skipped for them; bad rows are reported with their line.
    #[command(after_help = "Example:\n  crosscheck report fixtures/seeds\n  \
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
    },
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
    /// JSON, for scripts.
    Json,
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
    Report(#[from] report::WriteError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error("cannot write {}: {source}", path.display())]
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the output: {0}")]
    WriteStdout(std::io::Error),
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
            let outcome = crosscheck::rule_tests::run_files(&files, &rule_set);
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
            let scores = crosscheck::eval::evaluate(&folders, &rule_set, errors)?;
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
        } => {
            let rule_set = load_rules(&rules)?;
            let extraction = crosscheck::extract(&paths, &rule_set);
            report_skipped(&extraction.skipped);
            let pretty = matches!(format, ClaimsFormat::Json);
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let written = report::write_claims(&mut stdout, &extraction.claims, pretty)
                .and_then(|()| stdout.flush());
            // The process ends here: its memory goes back whole.
            std::mem::forget(extraction);
            std::mem::forget(rule_set);
            match written {
                // A closed pipe (`| head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(Failure::WriteStdout),
            }
        }
        Command::Report {
            paths,
            rules,
            format,
            output,
            reliability,
        } => {
            let rule_set = load_rules(&rules)?;
            let extraction = crosscheck::extract(&paths, &rule_set);
            report_skipped(&extraction.skipped);
            let format = match format {
                ReportFormat::Md => report::Format::Markdown,
                ReportFormat::Json => report::Format::Json,
            };
            let options = RunOptions { reliability };
            // The report is written as its quantities are reconciled.
            let written = match &output {
                Some(path) => std::fs::File::create(path)
                    .and_then(|file| {
                        crosscheck::write_report(
                            &extraction,
                            &rule_set,
                            options,
                            format,
                            std::io::BufWriter::with_capacity(1 << 16, file),
                        )
                        .map(drop)
                    })
                    .map_err(|source| Failure::WriteFile {
                        path: path.clone(),
                        source,
                    }),
                None => {
                    let stdout =
                        std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                    match crosscheck::write_report(&extraction, &rule_set, options, format, stdout)
                    {
                        // A closed pipe (`| head`) is not an error worth reporting.
                        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                        other => other.map(drop).map_err(Failure::WriteStdout),
                    }
                }
            };
            // The process ends here: its memory goes back whole, without
            // freeing every claim one by one.
            std::mem::forget(extraction);
            std::mem::forget(rule_set);
            written
        }
        Command::Explain {
            paths,
            group,
            rules,
            reliability,
        } => {
            let report = match saved_report(&paths) {
                Some(path) => crosscheck::explain::read_report(path)?,
                None => {
                    let rule_set = load_rules(&rules)?;
                    let run = crosscheck::run(&paths, &rule_set, RunOptions { reliability });
                    report_skipped(&run.extraction.skipped);
                    build_report(run)
                }
            };
            let text = crosscheck::explain::explain_group(&report, &group)?;
            write_output(None, &text)
        }
    }
}

/// A single `.json` path is a saved report.
fn saved_report(paths: &[PathBuf]) -> Option<&PathBuf> {
    let [path] = paths else { return None };
    path.extension()
        .is_some_and(|ext| ext == "json")
        .then_some(path)
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, Failure> {
    rules::load(dirs).map_err(Failure::Rules)
}

fn report_skipped(skipped: &[crosscheck::read::Skipped]) {
    for skipped in skipped {
        eprintln!("crosscheck: {skipped}");
    }
}

fn write_output(path: Option<&PathBuf>, text: &str) -> Result<(), Failure> {
    match path {
        Some(path) => std::fs::write(path, text).map_err(|source| Failure::WriteFile {
            path: path.clone(),
            source,
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A closed pipe (`| head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(Failure::WriteStdout),
            }
        }
    }
}
