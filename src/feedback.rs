//! What the command line says on stderr while and after a run: a progress
//! bar on a terminal, then a line per file skipped and per cap met, all kept
//! back by `--quiet`. A module of the binary, not of the library: the
//! library reports progress through [`crosscheck::Progress`] and prints
//! nothing.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::args::QuietArg;

pub fn report_skipped(skipped: &[crosscheck::read::Skipped]) {
    for skipped in skipped {
        eprintln!("crosscheck: {skipped}");
    }
}

/// What a run says on stderr while and after it works: a progress bar when
/// stderr is a terminal and the run lasts (shown after [`Feedback::DELAY`],
/// so a quick run draws nothing), then a line per file skipped and per cap
/// met. `--quiet` keeps all of it back; errors are printed all the same.
pub struct Feedback {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
    shown: AtomicBool,
    quiet: bool,
}

impl Feedback {
    /// How long a run goes before its progress bar appears.
    const DELAY: Duration = Duration::from_millis(700);

    pub fn new(quiet: QuietArg) -> Feedback {
        let quiet = quiet.quiet;
        let bar = show_progress(quiet, std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(0),
                indicatif::ProgressDrawTarget::hidden(),
            );
            let style = indicatif::ProgressStyle::with_template(
                "{spinner} {msg:<18} [{bar:30}] {pos}/{len} files, {elapsed} ({eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message("reading");
            bar
        });
        Feedback {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
            quiet,
        }
    }

    /// Draws the bar once the run has lasted long enough.
    fn show_when_due(&self) {
        let Some(bar) = &self.bar else { return };
        if self.started.elapsed() >= Self::DELAY
            && self
                .shown
                .compare_exchange(false, true, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Clears the bar, before anything else is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    pub fn skipped(&self, skipped: &[crosscheck::read::Skipped]) {
        if !self.quiet {
            report_skipped(skipped);
        }
    }

    /// What the caps on sentence and token length changed, per document.
    pub fn notes(&self, extraction: &crosscheck::Extraction) {
        self.print(&note_lines(extraction));
    }

    pub fn print(&self, lines: &[String]) {
        if !self.quiet {
            for line in lines {
                eprintln!("{line}");
            }
        }
    }

    /// A run that found nothing to read says so.
    pub fn nothing_found(&self, read: usize) {
        if read == 0 && !self.quiet {
            eprintln!(
                "crosscheck: no article or table of claims was read from the paths given \
                 (folders are read for .txt, .md, .csv and .jsonl files)"
            );
        }
    }
}

impl crosscheck::Progress for Feedback {
    fn documents(&self, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
        }
    }

    fn document_done(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            self.show_when_due();
        }
    }

    fn stage(&self, name: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(name);
            self.show_when_due();
        }
    }

    fn joining_claims(&self, joining: bool) {
        crate::alloc::return_freed_memory_at_once(joining);
    }
}

/// What the caps on sentence and token length changed, one line each.
pub fn note_lines(extraction: &crosscheck::Extraction) -> Vec<String> {
    extraction
        .documents
        .iter()
        .flat_map(|document| {
            document
                .notes
                .iter()
                .map(move |note| format!("crosscheck: {}: {note}", document.path))
        })
        .collect()
}

/// A progress bar is drawn only on a terminal, and not with `--quiet`.
fn show_progress(quiet: bool, terminal: bool) -> bool {
    terminal && !quiet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_drawn_on_a_terminal_unless_quiet() {
        assert!(show_progress(false, true));
        assert!(!show_progress(true, true));
        assert!(!show_progress(false, false));
        assert!(!show_progress(true, false));
    }
}
