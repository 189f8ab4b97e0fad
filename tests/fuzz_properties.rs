//! Fuzz targets as property tests (issue 13, "keep it that way"): the document
//! reader (front matter, number parsing, sentence splitting, through
//! extraction), the table reader and the rule loader, on generated input.
//! Each case must finish without a panic and within a time bound, and what it
//! yields must hold together (spans point at the text they quote, figures are
//! finite, bad rows are named by a line of the file).
//!
//! `cargo test` runs a few cases of each. The long run (see README, "Fuzzing")
//! gives each target a time budget instead of a number of cases:
//!
//! ```sh
//! FUZZ_SECONDS=1500 nice -n 19 cargo test --release --test fuzz_properties -- --nocapture
//! ```
//!
//! `PROPTEST_CASES` sets the cases of one batch; `FUZZ_MAX_SECONDS` (default
//! 10) is the bound on one case's CPU time (its wall time where the CPU time
//! cannot be read). Each target prints how many cases it ran and
//! the slowest.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crosscheck::claims::extract;
use crosscheck::read::{Document, parse_front_matter};
use crosscheck::rules::{self, RuleSet};
use crosscheck::table::read_table;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn time_bound() -> Duration {
    let seconds = std::env::var("FUZZ_MAX_SECONDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10.0);
    Duration::from_secs_f64(seconds)
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules::load_default().unwrap())
}

/// The default rules with small caps on sentences and tokens, so that
/// generated text reaches them.
fn small_caps() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = rules::load_default().unwrap();
        rules.limits.max_sentence_tokens = 64;
        rules.limits.max_token_bytes = 32;
        rules
    })
}

fn config(default_cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default_cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// With `FUZZ_SECONDS` set, each target runs batches of cases until that
/// many seconds have passed (the long run); else one batch.
fn budget() -> Option<Duration> {
    std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .map(Duration::from_secs_f64)
}

/// Runs a target's cases, prints its tally, and fails with the smallest
/// failing input found.
fn run_target<S: Strategy>(
    tally: &Tally,
    default_cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let deadline = budget().map(|budget| Instant::now() + budget);
    loop {
        // A new runner each batch: a new random seed.
        let mut runner = proptest::test_runner::TestRunner::new(config(default_cases));
        let result = runner.run(&strategy, |value| {
            tally.cases.fetch_add(1, Ordering::Relaxed);
            test(value)
        });
        if let Err(error) = result {
            tally.report();
            panic!("{}: {error}", tally.name);
        }
        if deadline.is_none_or(|deadline| Instant::now() >= deadline) {
            break;
        }
    }
    tally.report();
}

/// Cases run and the slowest, per target, printed when the target ends.
struct Tally {
    name: &'static str,
    cases: AtomicUsize,
    slowest_micros: AtomicU64,
}

impl Tally {
    const fn new(name: &'static str) -> Tally {
        Tally {
            name,
            cases: AtomicUsize::new(0),
            slowest_micros: AtomicU64::new(0),
        }
    }

    /// Runs one case, failing it past the time bound. The bound is on the
    /// CPU time of this thread where Linux tells it, so that a busy machine
    /// (or `nice -n 19`) does not fail a case that only waited.
    fn time<T>(
        &self,
        input: &dyn std::fmt::Debug,
        run: impl FnOnce() -> T,
    ) -> Result<T, TestCaseError> {
        let started = Instant::now();
        let cpu_before = thread_cpu_time();
        let result = run();
        let elapsed = match (cpu_before, thread_cpu_time()) {
            (Some(before), Some(after)) => after.saturating_sub(before),
            _ => started.elapsed(),
        };
        self.slowest_micros
            .fetch_max(elapsed.as_micros() as u64, Ordering::Relaxed);
        if elapsed > time_bound() {
            return Err(TestCaseError::fail(format!(
                "{} took {elapsed:?}, over the bound of {:?}: {input:?}",
                self.name,
                time_bound()
            )));
        }
        Ok(result)
    }

    fn report(&self) {
        eprintln!(
            "fuzz {}: {} cases, slowest {:.3} s",
            self.name,
            self.cases.load(Ordering::Relaxed),
            self.slowest_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
    }
}

/// The CPU time this thread has used (user and system), from
/// `/proc/thread-self/stat`, in clock ticks of 1/100 s; `None` elsewhere.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Pieces that trip extractors: digits of three scripts, separators, scale
/// and number words of several packs, dates, qualifiers, names, marks,
/// invisible characters, front-matter fences, long runs.
const PIECES: &[&str] = &[
    "14,000",
    "١٤٬٠٠٠",
    "۱۴۰۰۰",
    "14.000",
    "14 000",
    "7.8",
    "7,8",
    "12 ألف",
    "10 آلاف",
    "بين 10 و",
    "ما يصل إلى",
    "على الأقل",
    "آلاف",
    "تسعة",
    "مئة و",
    "ثلاثة آلاف",
    "1404/10/07",
    "2024-11-02",
    "15:47",
    "2 نوفمبر 2024",
    "October 23, 2024",
    "23. Oktober 2024",
    "KN-23",
    "إس-400",
    "$",
    "€",
    "%",
    "million",
    "Milliarden",
    "тысяч",
    "mil",
    "between",
    "and",
    "to",
    "-",
    "–",
    "—",
    "at least",
    "up to",
    "about",
    "more than",
    "thousands of",
    "soldiers",
    "people",
    "killed",
    "wounded",
    "جندي",
    "قتل",
    "وفقًا ل",
    "said",
    "according to",
    "North Korean",
    "كوريا الشمالية",
    "Украина",
    "بیش از",
    "هزار",
    ".",
    ",",
    "،",
    "؟",
    "!",
    "?",
    ";",
    ":",
    "\"",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "+++",
    "+++\n",
    "ً",
    "ـ",
    "\u{200f}",
    "\u{202e}",
    "\u{2060}",
    "\u{feff}",
    "\u{00ad}",
    "(0)",
    "0",
    "00000000000000000000",
    "1.2.3",
    "1,2,3",
    "1,,000",
    ",000",
    "٫",
    "ألفين",
    "k",
    "m",
    "bn",
    "Nov.",
    "May",
    "U.S.",
    "V.",
    "| a | 1 |",
    "- item",
    "# heading",
    "1e39",
    "NaN",
    "inf",
];

/// Text stitched from [`PIECES`], with spaces, long runs and arbitrary
/// characters between them.
fn stitched() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "[a-z]{1,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => (proptest::sample::select(&["a", "1", "1,000", "x "][..]), 1usize..400)
            .prop_map(|(s, n)| s.repeat(n)),
    ];
    proptest::collection::vec((piece, any::<bool>()), 0..60).prop_map(|parts| {
        let mut text = String::new();
        for (piece, space) in parts {
            text.push_str(&piece);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

/// A document with front matter: keys known and unknown, values well and
/// badly formed, fences closed or not.
fn with_front_matter() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("source = \"Example Wire\"".to_string()),
        Just("published = 2024-11-05".to_string()),
        Just("published = \"2024-13-45\"".to_string()),
        Just("lang = \"en\"".to_string()),
        Just("lang = \"ar\"".to_string()),
        Just("lang = \"xx\"".to_string()),
        Just("title = \"<script>\"".to_string()),
        Just("url = \"javascript:alert(1)\"".to_string()),
        Just("source = ".to_string()),
        Just("[table]".to_string()),
        Just("+++ trailing".to_string()),
        "[a-z]{1,8} = \"[^\"\n]{0,20}\"",
        any::<String>(),
    ];
    (
        any::<bool>(),
        proptest::collection::vec(line, 0..6),
        any::<bool>(),
        stitched(),
    )
        .prop_map(|(bom, lines, closed, body)| {
            let mut text = String::new();
            if bom {
                text.push('\u{FEFF}');
            }
            text.push_str("+++\n");
            for line in lines {
                text.push_str(&line);
                text.push('\n');
            }
            if closed {
                text.push_str("+++\n");
            }
            text.push_str(&body);
            text
        })
}

fn any_document() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => stitched(),
        2 => with_front_matter(),
        1 => any::<String>(),
    ]
}

static DOCUMENTS: Tally = Tally::new("documents");
static TABLES: Tally = Tally::new("tables");
static RULE_FILES: Tally = Tally::new("rules");

/// Documents: front matter, numbers, sentences, through the claim stage.
fn check_document(text: &str) -> Result<(), TestCaseError> {
    let _ = parse_front_matter(text);
    let Ok(document) = Document::from_text("case", text) else {
        return Ok(());
    };
    for rule_set in [rules(), small_caps()] {
        let result = DOCUMENTS.time(&text, || extract(&document, rule_set))?;
        for claim in &result.claims {
            let quoted = text.get(claim.span[0] as usize..claim.span[1] as usize);
            prop_assert_eq!(quoted, Some(claim.text.as_str()), "span of {:?}", claim);
            for figure in [claim.value.get(), claim.low.get(), claim.high.get()]
                .into_iter()
                .flatten()
            {
                prop_assert!(figure.is_finite(), "{:?}", claim);
            }
            prop_assert!(claim.value.is_some() || claim.low.is_some(), "{:?}", claim);
        }
    }
    Ok(())
}

/// Inputs that once failed a target, kept as regressions.
#[test]
fn inputs_that_once_failed_stay_fixed() {
    for text in ["\u{2028}1", "\u{2029}12 soldiers\u{0085}1,000"] {
        check_document(text).unwrap();
    }
}

#[test]
fn documents_never_panic_and_spans_hold() {
    run_target(&DOCUMENTS, 96, any_document(), |text| check_document(&text));
}

/// A table: a header (known and unknown columns), rows with well and badly
/// formed values, ragged rows, quoted fields with line breaks, CRLF.
fn any_table() -> impl Strategy<Value = (String, bool)> {
    let value = prop_oneof![
        Just(String::new()),
        Just("12,000".to_string()),
        Just("-5".to_string()),
        Just("1e39".to_string()),
        Just("1e999".to_string()),
        Just("inf".to_string()),
        Just("NaN".to_string()),
        Just("about".to_string()),
        Just("range".to_string()),
        Just("2023-02-10".to_string()),
        Just("\"a,\nb\"".to_string()),
        Just("\"".to_string()),
        "[a-z0-9 .,_-]{0,10}",
        any::<String>(),
    ];
    let columns = proptest::sample::subsequence(
        vec![
            "quantity",
            "origin",
            "outlet",
            "as_of",
            "value",
            "low",
            "high",
            "qualifier",
            "kind",
            "modality",
            "bogus",
        ],
        0..=11,
    );
    let row = proptest::collection::vec(value, 0..12);
    (
        columns,
        proptest::collection::vec(row, 0..12),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(columns, rows, crlf, jsonl)| {
            let newline = if crlf { "\r\n" } else { "\n" };
            if jsonl {
                let lines: Vec<String> = rows
                    .iter()
                    .map(|row| {
                        let object: serde_json::Map<String, serde_json::Value> = columns
                            .iter()
                            .zip(row)
                            .map(|(c, v)| {
                                let value = v
                                    .parse::<f64>()
                                    .ok()
                                    .and_then(serde_json::Number::from_f64)
                                    .map_or_else(
                                        || serde_json::Value::String(v.clone()),
                                        serde_json::Value::Number,
                                    );
                                (c.to_string(), value)
                            })
                            .collect();
                        serde_json::Value::Object(object).to_string()
                    })
                    .collect();
                (lines.join(newline), true)
            } else {
                let mut text = columns.join(",");
                for row in rows {
                    text.push_str(newline);
                    text.push_str(&row.join(","));
                }
                (text, false)
            }
        })
}

#[test]
fn tables_never_panic_and_name_real_lines() {
    run_target(&TABLES, 96, any_table(), |(text, jsonl)| {
        let (claims, bad) = TABLES.time(&text, || read_table("t", &text, jsonl, "other"))?;
        let lines = text.lines().count().max(1);
        for row in &bad {
            prop_assert!(
                (1..=lines).contains(&row.line),
                "line {} of {}: {:?}",
                row.line,
                lines,
                text
            );
        }
        for claim in &claims {
            for figure in [claim.value.get(), claim.low.get(), claim.high.get()]
                .into_iter()
                .flatten()
            {
                prop_assert!(figure.is_finite(), "{:?}", claim);
            }
            if let (Some(low), Some(high)) = (claim.low.get(), claim.high.get()) {
                prop_assert!(low <= high);
            }
        }
        Ok(())
    });
}

/// A rule file: one of the embedded ones with edits (a line dropped,
/// doubled or replaced, a value swapped for a bad one, bytes inserted).
fn any_rule_file() -> impl Strategy<Value = (usize, String)> {
    let edit = prop_oneof![
        (any::<prop::sample::Index>()).prop_map(|i| (0u8, i, String::new())),
        (any::<prop::sample::Index>()).prop_map(|i| (1u8, i, String::new())),
        (
            any::<prop::sample::Index>(),
            proptest::sample::select(vec![
                "nan",
                "inf",
                "-5",
                "0",
                "1e999",
                "\"x\"",
                "[]",
                "{}",
                "true",
                "\"",
                "[",
                "=",
                "\"drone*\"",
                "\"(\"",
                "-1",
                "99999999999999999999",
            ])
        )
            .prop_map(|(i, v)| (2u8, i, v.to_string())),
        (any::<prop::sample::Index>(), any::<String>()).prop_map(|(i, s)| (3u8, i, s)),
    ];
    (
        0..rules::EMBEDDED.len(),
        proptest::collection::vec(edit, 1..6),
    )
        .prop_map(|(file, edits)| {
            let mut lines: Vec<String> = rules::EMBEDDED[file]
                .1
                .lines()
                .map(str::to_string)
                .collect();
            for (kind, index, text) in edits {
                if lines.is_empty() {
                    break;
                }
                let at = index.index(lines.len());
                match kind {
                    0 => {
                        lines.remove(at);
                    }
                    1 => {
                        let line = lines[at].clone();
                        lines.insert(at, line);
                    }
                    2 => {
                        if let Some((key, _)) = lines[at].split_once(" = ") {
                            lines[at] = format!("{key} = {text}");
                        }
                    }
                    _ => lines.insert(at, text),
                }
            }
            (file, lines.join("\n"))
        })
}

#[test]
fn rule_files_never_panic_the_loader() {
    run_target(&RULE_FILES, 24, any_rule_file(), |(file, text)| {
        let dir = tempfile::tempdir().unwrap();
        let name = std::path::Path::new(rules::EMBEDDED[file].0)
            .file_name()
            .unwrap();
        std::fs::write(dir.path().join(name), &text).unwrap();
        let folder = [dir.path().to_path_buf()];
        let (has_errors, loaded) = RULE_FILES.time(&text, || {
            let checked = rules::check(&folder, true);
            let _ = rules::render_all(&checked.diagnostics, &checked.files.sources);
            (checked.has_errors(), rules::load(&folder))
        })?;
        prop_assert_eq!(has_errors, loaded.is_err());
        if let Ok(rule_set) = loaded {
            let document = Document::from_text(
                "case",
                "At least 1,200 people were killed, officials said. قتل 12 ألف جندي.",
            )
            .unwrap();
            RULE_FILES.time(&text, || extract(&document, &rule_set))?;
        }
        Ok(())
    });
}
