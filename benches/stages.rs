//! The pipeline's stages, one benchmark each, on the gold documents of `fixtures/gold`.
//!
//! `cargo bench --bench stages` (add `-- extract` to pick benchmarks by name). Only the
//! library's public entry points are used, so that a move of modules costs a few `use` lines.
//! Whole-program figures, peers and scaling live in `scripts/bench/bench.py` and
//! `docs/performance.md`.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crosscheck::claims;
use crosscheck::figures;
use crosscheck::model::Claim;
use crosscheck::read::{self, Document};
use crosscheck::rules::{self, RuleSet};
use crosscheck::{RunOptions, group, report, table};
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| rules::load_default().expect("the embedded rules load"));

fn gold() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gold")
}

/// Every gold document, read once.
static DOCUMENTS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    let (paths, _) = read::collect_paths(&[gold()], read::DOCUMENT_EXTENSIONS);
    paths
        .iter()
        .filter_map(|path| read::read_document(path).ok())
        .collect()
});

fn gold_bytes() -> usize {
    DOCUMENTS.iter().map(|d| d.text.len()).sum()
}

/// The gold documents' claims, grouped: what reconciliation starts from.
static EXTRACTION: LazyLock<crosscheck::Extraction> =
    LazyLock::new(|| crosscheck::extract(&[gold()], &RULES));

/// Building the rule set from the embedded TOML: every process pays this once.
#[divan::bench(sample_count = 20)]
fn load_rules() -> RuleSet {
    rules::load_default().expect("the embedded rules load")
}

/// Extraction (normalise, figures, dates, claims) of every gold document, one thread.
#[divan::bench]
fn extract(bencher: Bencher) {
    bencher.counter(BytesCount::new(gold_bytes())).bench(|| {
        DOCUMENTS
            .iter()
            .map(|document| claims::extract(document, &RULES).claims.len())
            .sum::<usize>()
    });
}

/// The figure reader alone (`crosscheck numbers`) on every gold document, one thread.
#[divan::bench]
fn read_numbers(bencher: Bencher) {
    bencher.counter(BytesCount::new(gold_bytes())).bench(|| {
        DOCUMENTS
            .iter()
            .map(|document| figures::list_figures(document, &RULES, false).len())
            .sum::<usize>()
    });
}

/// Extraction of one document 64 times as long (its body repeated): cost per byte of a long text.
#[divan::bench(sample_count = 10)]
fn extract_long_document(bencher: Bencher) {
    let body = DOCUMENTS
        .iter()
        .max_by_key(|d| d.body().len())
        .expect("gold documents")
        .body()
        .repeat(64);
    let document = Document::from_text("long", &body).expect("a document");
    bencher
        .counter(BytesCount::new(body.len()))
        .bench(|| claims::extract(&document, &RULES).claims.len());
}

/// Grouping every gold claim (their groups cleared first).
#[divan::bench]
fn group_claims(bencher: Bencher) {
    let ungrouped: Vec<Claim> = EXTRACTION
        .claims
        .iter()
        .cloned()
        .map(|mut claim| {
            claim.group = crosscheck::model::SharedText::EMPTY;
            claim
        })
        .collect();
    bencher
        .with_inputs(|| ungrouped.clone())
        .bench_local_refs(|claims| group::group_claims(claims, &RULES).len());
}

/// Reconciliation and the report's structure, from grouped claims.
#[divan::bench]
fn build_report(bencher: Bencher) {
    bencher
        .with_inputs(|| EXTRACTION.clone())
        .bench_values(|extraction| {
            let run = crosscheck::reconcile_groups(extraction, &RULES, RunOptions::default());
            report::build_report(run)
        });
}

/// The Markdown report from its structure.
#[divan::bench]
fn render_markdown(bencher: Bencher) {
    let run = crosscheck::reconcile_groups(EXTRACTION.clone(), &RULES, RunOptions::default());
    let built = report::build_report(run);
    bencher.bench(|| report::render_markdown(&built).len());
}

/// The gazetteer's names for one language, built the first time a document
/// of that language asks (here on a fresh copy of the rules each time).
#[divan::bench(sample_count = 10, args = ["en", "ar", "ru"])]
fn gazetteer_names(bencher: Bencher, code: &str) {
    bencher
        .with_inputs(|| RULES.clone())
        .bench_local_values(|rules| rules.gazetteer.names_for(code).len());
}

/// Reading a claim table (CSV) of n rows spread over n / 10 quantities.
#[divan::bench(args = [1_000, 10_000])]
fn read_table(bencher: Bencher, rows: usize) {
    let mut text = String::from("quantity,origin,as_of,value\n");
    for row in 0..rows {
        text.push_str(&format!(
            "q{},source-{},2024-01-{:02},{}\n",
            row / 10,
            row % 10,
            1 + row % 28,
            1000 + row % 97
        ));
    }
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| table::read_table("bench", &text, false, "other").0.len());
}

/// The whole pipeline up to reconciliation as the command line runs it: read from disk,
/// extract in parallel, group.
#[divan::bench(sample_count = 20)]
fn run_gold(bencher: Bencher) {
    bencher.counter(BytesCount::new(gold_bytes())).bench(|| {
        crosscheck::run(&[gold()], &RULES, RunOptions::default())
            .extraction
            .claims
            .len()
    });
}
