//! The report does not depend on the order in which paths are given, on a
//! path given twice, or on the number of threads (issue 13, "order
//! dependence"). Documents are read in the order of their ids, each file once.
//!
//! `PROPTEST_CASES=200 cargo test --release --test order_properties` runs
//! more cases than the default.

use std::path::{Path, PathBuf};

use crosscheck::report::{build_report, render_markdown, to_json};
use crosscheck::rules::RuleSet;
use crosscheck::{RunOptions, run};
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Every document and table of the fixtures, one path each.
fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    for folder in ["seeds", "en", "tables", "reconcile"] {
        let (found, _) =
            crosscheck::read::collect_paths(&[root.join(folder)], &crosscheck::input_extensions());
        files.extend(found);
    }
    files
}

fn rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| crosscheck::rules::load_default().unwrap())
}

/// The JSON and Markdown reports of a run on `paths` with `threads` threads.
fn reports(paths: &[PathBuf], threads: usize) -> (String, String) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let report = build_report(run(paths, rules(), RunOptions::default()));
        (to_json(&report).unwrap(), render_markdown(&report))
    })
}

fn baseline() -> &'static (String, String) {
    static BASELINE: std::sync::OnceLock<(String, String)> = std::sync::OnceLock::new();
    BASELINE.get_or_init(|| reports(&fixture_files(), 1))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(6)))]

    /// Any permutation of the paths, with some given twice, on 1 to 4
    /// threads, gives byte-identical reports.
    #[test]
    fn any_order_of_paths_and_any_thread_count_give_the_same_report(
        order in Just(fixture_files()).prop_shuffle(),
        repeats in proptest::collection::vec(any::<prop::sample::Index>(), 0..3),
        threads in 1usize..=4,
    ) {
        let mut paths = order.clone();
        for index in repeats {
            paths.push(index.get(&order).clone());
        }
        let (json, markdown) = reports(&paths, threads);
        let (expected_json, expected_markdown) = baseline();
        prop_assert!(json == *expected_json, "JSON differs for {:?} on {} threads", paths, threads);
        prop_assert!(markdown == *expected_markdown, "Markdown differs for {:?}", paths);
    }
}

/// A folder and the files inside it, in either order, are the folder.
#[test]
fn a_folder_and_its_files_in_any_order_are_the_folder() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut files = crosscheck::read::collect_paths(std::slice::from_ref(&seeds), &["txt"]).0;
    let folder_only = reports(std::slice::from_ref(&seeds), 2);
    files.reverse();
    let mut mixed = files.clone();
    mixed.insert(1, seeds.clone());
    assert!(reports(&files, 2) == folder_only);
    assert!(reports(&mixed, 3) == folder_only);
}
