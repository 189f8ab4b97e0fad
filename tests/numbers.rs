//! `crosscheck numbers` end to end: its agreement with `crosscheck claims`,
//! which builds on the same reader, and what `--all` adds. (Its output on a
//! fixture is a snapshot in `cli.rs`, with the others.)

use std::collections::HashMap;
use std::process::Command;

use serde_json::Value;

/// The document folders of the fixtures (tables of claims have no text to read).
const DOCUMENTS: &[&str] = &[
    "fixtures/seeds",
    "fixtures/en",
    "fixtures/gold",
    "fixtures/reconcile",
    "fixtures/rules/drones-article.txt",
];

fn json_lines(args: &[&str]) -> Vec<Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "crosscheck {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("output is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect()
}

fn span(value: &Value) -> (u64, u64) {
    let span = value["span"].as_array().expect("a span");
    (span[0].as_u64().unwrap(), span[1].as_u64().unwrap())
}

/// The same figure: equal values, or equal ends of a range.
fn same_figure(claim: &Value, figure: &Value) -> bool {
    let number = |v: &Value, key: &str| v.get(key).and_then(Value::as_f64);
    ["value", "low", "high"]
        .iter()
        .all(|key| number(claim, key) == number(figure, key))
}

#[test]
fn every_claim_is_a_figure_of_numbers() {
    let mut claims_args = vec!["claims"];
    claims_args.extend(DOCUMENTS);
    let mut numbers_args = vec!["numbers"];
    numbers_args.extend(DOCUMENTS);
    let claims = json_lines(&claims_args);
    let figures = json_lines(&numbers_args);
    assert!(claims.len() > 100, "only {} claims", claims.len());
    let mut by_doc: HashMap<&str, Vec<&Value>> = HashMap::new();
    for figure in &figures {
        by_doc
            .entry(figure["doc"].as_str().unwrap())
            .or_default()
            .push(figure);
    }
    let mut missing = Vec::new();
    for claim in &claims {
        let doc = claim["doc"].as_str().unwrap();
        let (start, end) = span(claim);
        // The figure's words are the claim's, with a percent sign or word after
        // them when it is a percentage.
        let found = by_doc.get(doc).is_some_and(|figures| {
            figures.iter().any(|figure| {
                let (f_start, f_end) = span(figure);
                f_start == start && f_end >= end && same_figure(claim, figure)
            })
        });
        if !found {
            missing.push(format!("{doc} {:?} {}", (start, end), claim["text"]));
        }
    }
    assert!(
        missing.is_empty(),
        "claims with no figure in `numbers`:\n{}",
        missing.join("\n")
    );
}

#[test]
fn all_lists_what_is_not_a_figure_with_its_role() {
    let figures = json_lines(&["numbers", "fixtures/seeds", "--all"]);
    let roles: Vec<&str> = figures.iter().filter_map(|f| f["role"].as_str()).collect();
    assert!(roles.contains(&"code"), "{roles:?}");
    let plain = json_lines(&["numbers", "fixtures/seeds"]);
    assert!(plain.iter().all(|f| f.get("role").is_none()));
    assert!(plain.len() < figures.len());
}
