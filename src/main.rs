//! The `crosscheck` command line: a thin front end over the library.

mod alloc;
mod args;
mod feedback;
mod files;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use args::{
    ClaimsFormat, Cli, Command, DiagnosticFormat, EvalFormat, LimitArgs, ReportFormat, RulesAction,
};
use crosscheck::RunOptions;
use crosscheck::eval::GoldError;
use crosscheck::explain::ExplainError;
use crosscheck::read;
use crosscheck::report::{build_report, render_html, streamed};
use crosscheck::rules::{self, RuleErrors, RuleSet};
use crosscheck::stream;
use feedback::{Feedback, note_lines, report_skipped};
use files::{refuse_output_over_input, require_paths, write_output, write_output_with};

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
            // Reconciling frees each quantity's work before the next one's:
            // given back at once, the largest's is not held to the end.
            alloc::return_freed_memory_at_once(true);
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
