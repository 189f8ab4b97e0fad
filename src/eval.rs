//! Evaluation: extraction scored against gold annotations.
//!
//! Input: folders of documents, each `<id>.txt` with an `<id>.gold.toml` beside
//! it (format: `../shared/corpus/ANNOTATION.md`). Output: a [`Score`] per folder
//! and overall, computed exactly as the corpus's `score.py` computes it (the same
//! greedy matching, the same Jaro-Winkler), plus each miss and false positive.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Claim;
use crate::rules::RuleSet;

/// A gold claim as annotated, with its byte span computed from quote and number.
#[derive(Debug, Clone, Deserialize)]
struct GoldClaim {
    quote: String,
    number: String,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: String,
    kind: String,
    #[serde(default)]
    attribution: String,
    group: String,
    #[serde(default)]
    optional: bool,
    #[serde(skip)]
    span: (usize, usize),
}

#[derive(Debug, Deserialize)]
struct GoldFile {
    doc: String,
    #[serde(default)]
    claim: Vec<GoldClaim>,
}

/// The figures `score.py` prints, for one folder or overall; `eval --format
/// json` prints a list of them with these keys. Ratios are 0 to 1, and 0 when
/// there is nothing to divide by.
///
/// A system claim matches a gold claim of its document when their spans
/// overlap and their figures are equal; gold claims marked `optional` are
/// neither missed nor matched, and system claims on them are not false
/// positives.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    /// The folder's name, or "overall" for the total over several folders.
    pub name: String,
    /// Documents with a gold file.
    pub documents: usize,
    /// Gold claims not marked optional.
    pub gold_claims: usize,
    /// Matched claims plus false positives.
    pub system_claims: usize,
    /// Gold claims a system claim matched.
    pub matched: usize,
    /// `matched / system_claims`.
    pub precision: f64,
    /// `matched / gold_claims`.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Share of matched claims whose qualifier is the gold one.
    pub qualifier_accuracy: f64,
    /// Share of matched claims whose kind is the gold one.
    pub kind_accuracy: f64,
    /// Share of matched claims whose attribution agrees with the gold one
    /// (see [`same_attribution`]).
    pub attribution_accuracy: f64,
    /// Of the pairs of matched claims the system puts in one group, the share
    /// the gold also groups together.
    pub grouping_precision: f64,
    /// Of the pairs of matched claims the gold groups together, the share the
    /// system groups too.
    pub grouping_recall: f64,
    /// Harmonic mean of grouping precision and recall.
    pub grouping_f1: f64,
    /// Misses and false positives, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<EvalError>,
}

/// A gold claim the system missed, or a system claim no gold claim supports.
#[derive(Debug, Clone, Serialize)]
pub struct EvalError {
    /// The document's id.
    pub doc: String,
    /// "miss" or "false positive" or "wrong" (matched, but a field differs).
    pub what: &'static str,
    /// The figure as written: the gold `number`, or the claim's text.
    pub figure: String,
    /// For a miss, the gold figure, qualifier and kind; for a false positive,
    /// the claim's qualifier and kind; for a wrong claim, each field that
    /// differs with the gold value.
    pub detail: String,
    /// The gold quote, or the claim's sentence for a false positive.
    pub sentence: String,
}

/// Why a gold folder cannot be scored. Each names the folder or gold file.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The folder cannot be listed.
    #[error("cannot read {}: {source}", folder.display())]
    ReadFolder {
        /// The folder given.
        folder: PathBuf,
        /// Why it cannot be listed.
        source: std::io::Error,
    },
    /// The folder holds no gold files: nothing to score against.
    #[error("{} has no *.gold.toml files", folder.display())]
    NoGoldFiles {
        /// The folder given.
        folder: PathBuf,
    },
    /// The document a gold file annotates (`<id>.txt` beside it) cannot be read.
    #[error("{}: no document: {source}", gold.display())]
    NoDocument {
        /// The gold file.
        gold: PathBuf,
        /// Why the document cannot be read.
        source: std::io::Error,
    },
    /// The gold file itself cannot be read.
    #[error("{}: {source}", gold.display())]
    ReadGold {
        /// The gold file.
        gold: PathBuf,
        /// Why it cannot be read.
        source: std::io::Error,
    },
    /// The gold file is not valid TOML, or not in the annotation format.
    #[error("{}: {}", gold.display(), source.message())]
    BadToml {
        /// The gold file.
        gold: PathBuf,
        /// What the TOML parser says.
        source: toml::de::Error,
    },
    /// The gold file's `doc` is not its own file name's `<id>`.
    #[error("{}: doc = {found:?}, expected {expected:?}", gold.display())]
    WrongDoc {
        /// The gold file.
        gold: PathBuf,
        /// The `doc` it gives.
        found: String,
        /// The id its file name gives.
        expected: String,
    },
    /// A claim's `quote` is empty, missing from the document, or found in it
    /// more than once, so its span is not known.
    #[error("{} claim {claim}: the quote must occur exactly once in the document", gold.display())]
    QuoteNotOnce {
        /// The gold file.
        gold: PathBuf,
        /// The claim, counting the gold file's claims from 1.
        claim: usize,
    },
    /// A claim's `number` is empty or not inside its `quote`.
    #[error("{} claim {claim}: the number is not inside the quote", gold.display())]
    NumberNotInQuote {
        /// The gold file.
        gold: PathBuf,
        /// The claim, counting the gold file's claims from 1.
        claim: usize,
    },
}

/// Counts that add up across folders.
#[derive(Debug, Default, Clone)]
struct Tally {
    documents: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    qualifier: usize,
    kind: usize,
    attribution: usize,
    gold_pairs: usize,
    sys_pairs: usize,
    both_pairs: usize,
}

/// Scores extraction on each gold folder, then all together.
pub fn evaluate(
    folders: &[PathBuf],
    rules: &RuleSet,
    with_errors: bool,
) -> Result<Vec<Score>, GoldError> {
    let mut scores = Vec::new();
    let mut total = Tally::default();
    for folder in folders {
        let (tally, errors) = evaluate_folder(folder, rules, with_errors)?;
        let name = folder.file_name().map_or_else(
            || folder.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut score = score_of(&tally, name);
        score.errors = errors;
        add(&mut total, &tally);
        scores.push(score);
    }
    if folders.len() > 1 {
        scores.push(score_of(&total, "overall".to_string()));
    }
    Ok(scores)
}

fn add(total: &mut Tally, tally: &Tally) {
    total.documents += tally.documents;
    total.tp += tally.tp;
    total.fp += tally.fp;
    total.fn_ += tally.fn_;
    total.qualifier += tally.qualifier;
    total.kind += tally.kind;
    total.attribution += tally.attribution;
    total.gold_pairs += tally.gold_pairs;
    total.sys_pairs += tally.sys_pairs;
    total.both_pairs += tally.both_pairs;
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn score_of(t: &Tally, name: String) -> Score {
    let precision = ratio(t.tp, t.tp + t.fp);
    let recall = ratio(t.tp, t.tp + t.fn_);
    let grouping_precision = ratio(t.both_pairs, t.sys_pairs);
    let grouping_recall = ratio(t.both_pairs, t.gold_pairs);
    Score {
        name,
        documents: t.documents,
        gold_claims: t.tp + t.fn_,
        system_claims: t.tp + t.fp,
        matched: t.tp,
        precision,
        recall,
        f1: f1(precision, recall),
        qualifier_accuracy: ratio(t.qualifier, t.tp),
        kind_accuracy: ratio(t.kind, t.tp),
        attribution_accuracy: ratio(t.attribution, t.tp),
        grouping_precision,
        grouping_recall,
        grouping_f1: f1(grouping_precision, grouping_recall),
        errors: Vec::new(),
    }
}

/// Reads a folder's gold files and documents, runs extraction, and tallies.
fn evaluate_folder(
    folder: &Path,
    rules: &RuleSet,
    with_errors: bool,
) -> Result<(Tally, Vec<EvalError>), GoldError> {
    let gold = load_gold(folder)?;
    let extraction = crate::extract(&[folder.to_path_buf()], rules);
    let mut system: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for claim in &extraction.claims {
        system.entry(&*claim.doc).or_default().push(claim);
    }
    let mut tally = Tally {
        documents: gold.len(),
        ..Tally::default()
    };
    let mut errors = Vec::new();
    let mut matched: Vec<(&GoldClaim, &Claim)> = Vec::new();
    for (doc, claims) in &gold {
        let found = system.get(doc.as_str()).cloned().unwrap_or_default();
        let mut used = vec![false; found.len()];
        for g in claims {
            let hit = (0..found.len())
                .find(|&k| !used[k] && overlaps(found[k].span, g.span) && same_figure(found[k], g));
            match hit {
                None => {
                    if !g.optional {
                        tally.fn_ += 1;
                        if with_errors {
                            errors.push(EvalError {
                                doc: doc.clone(),
                                what: "miss",
                                figure: g.number.clone(),
                                detail: format!("{} {} {}", figure_of_gold(g), g.qualifier, g.kind),
                                sentence: g.quote.clone(),
                            });
                        }
                    }
                }
                Some(k) => {
                    used[k] = true;
                    if !g.optional {
                        tally.tp += 1;
                        matched.push((g, found[k]));
                    }
                }
            }
        }
        let optional: Vec<(usize, usize)> = claims
            .iter()
            .filter(|g| g.optional)
            .map(|g| g.span)
            .collect();
        for (k, claim) in found.iter().enumerate() {
            if used[k] || optional.iter().any(|&o| overlaps(claim.span, o)) {
                continue;
            }
            tally.fp += 1;
            if with_errors {
                errors.push(EvalError {
                    doc: doc.clone(),
                    what: "false positive",
                    figure: claim.text.to_string(),
                    detail: format!("{} {}", claim.qualifier.as_str(), claim.kind),
                    sentence: claim.sentence.to_string(),
                });
            }
        }
    }
    for (g, s) in &matched {
        tally.qualifier += usize::from(s.qualifier.as_str() == g.qualifier);
        tally.kind += usize::from(s.kind == g.kind);
        let attribution_ok = same_attribution(&s.attribution, &g.attribution);
        tally.attribution += usize::from(attribution_ok);
        if with_errors {
            let mut wrong = Vec::new();
            if s.qualifier.as_str() != g.qualifier {
                wrong.push(format!(
                    "qualifier {} (gold {})",
                    s.qualifier.as_str(),
                    g.qualifier
                ));
            }
            if s.kind != g.kind {
                wrong.push(format!("kind {} (gold {})", s.kind, g.kind));
            }
            if !attribution_ok {
                wrong.push(format!(
                    "attribution {:?} (gold {:?})",
                    s.attribution, g.attribution
                ));
            }
            if !wrong.is_empty() {
                errors.push(EvalError {
                    doc: s.doc.to_string(),
                    what: "wrong",
                    figure: g.number.clone(),
                    detail: wrong.join("; "),
                    sentence: g.quote.clone(),
                });
            }
        }
    }
    for (i, (g1, s1)) in matched.iter().enumerate() {
        for (g2, s2) in &matched[i + 1..] {
            let in_gold = g1.group == g2.group;
            let in_sys = !s1.group.is_empty() && s1.group == s2.group;
            tally.gold_pairs += usize::from(in_gold);
            tally.sys_pairs += usize::from(in_sys);
            tally.both_pairs += usize::from(in_gold && in_sys);
        }
    }
    Ok((tally, errors))
}

fn figure_of_gold(g: &GoldClaim) -> String {
    match (g.value, g.low, g.high) {
        (Some(v), ..) => format!("{v}"),
        (None, Some(l), Some(h)) => format!("{l}-{h}"),
        _ => "?".to_string(),
    }
}

fn overlaps(a: [u32; 2], b: (usize, usize)) -> bool {
    (a[0] as usize) < b.1 && b.0 < a[1] as usize
}

/// The gold claims of every `*.gold.toml` in a folder, by document id, sorted.
fn load_gold(folder: &Path) -> Result<Vec<(String, Vec<GoldClaim>)>, GoldError> {
    let entries = std::fs::read_dir(folder).map_err(|source| GoldError::ReadFolder {
        folder: folder.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".gold.toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(GoldError::NoGoldFiles {
            folder: folder.to_path_buf(),
        });
    }
    let mut gold = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = name.trim_end_matches(".gold.toml").to_string();
        let text_path = path.with_file_name(format!("{doc}.txt"));
        let text = std::fs::read_to_string(&text_path).map_err(|source| GoldError::NoDocument {
            gold: path.clone(),
            source,
        })?;
        let gold_text = std::fs::read_to_string(&path).map_err(|source| GoldError::ReadGold {
            gold: path.clone(),
            source,
        })?;
        let file: GoldFile = toml::from_str(&gold_text).map_err(|source| GoldError::BadToml {
            gold: path.clone(),
            source,
        })?;
        if file.doc != doc {
            return Err(GoldError::WrongDoc {
                gold: path,
                found: file.doc,
                expected: doc,
            });
        }
        let mut claims = Vec::new();
        for (index, mut claim) in file.claim.into_iter().enumerate() {
            if text.matches(claim.quote.as_str()).count() != 1 || claim.quote.is_empty() {
                return Err(GoldError::QuoteNotOnce {
                    gold: path,
                    claim: index + 1,
                });
            }
            let within = claim
                .quote
                .find(claim.number.as_str())
                .filter(|_| !claim.number.is_empty());
            let Some(within) = within else {
                return Err(GoldError::NumberNotInQuote {
                    gold: path,
                    claim: index + 1,
                });
            };
            let start = text.find(claim.quote.as_str()).unwrap_or(0) + within;
            claim.span = (start, start + claim.number.len());
            claims.push(claim);
        }
        gold.push((doc, claims));
    }
    Ok(gold)
}

fn same_figure(system: &Claim, gold: &GoldClaim) -> bool {
    if gold.qualifier == "range" {
        return system.low.get() == gold.low && system.high.get() == gold.high;
    }
    let value = system
        .value
        .get()
        .or(match (system.low.get(), system.high.get()) {
            (Some(low), Some(high)) if low == high => Some(low),
            _ => None,
        });
    value == gold.value
}

/// Attribution agreement as `score.py` has it: equal after lower-casing, one
/// inside the other, or Jaro-Winkler of at least 0.8.
pub fn same_attribution(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    if a == b {
        return true;
    }
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a.contains(&b) || b.contains(&a) || jaro_winkler(&a, &b) >= 0.8
}

/// Jaro-Winkler exactly as `score.py` computes it (prefix of up to four
/// characters, scale 0.1, no threshold), so that scores agree to the last digit.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (la, lb) = (a.len(), b.len());
    if la == 0 || lb == 0 {
        return 0.0;
    }
    let window = (la.max(lb) / 2) as isize - 1;
    let mut matched_a = vec![false; la];
    let mut matched_b = vec![false; lb];
    let mut matches = 0usize;
    for (i, ch) in a.iter().enumerate() {
        let from = (i as isize - window).max(0) as usize;
        let to = ((i as isize + window + 1).max(0) as usize).min(lb);
        for j in from..to {
            if !matched_b[j] && b[j] == *ch {
                matched_a[i] = true;
                matched_b[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut k = 0;
    for i in 0..la {
        if matched_a[i] {
            while !matched_b[k] {
                k += 1;
            }
            transpositions += usize::from(a[i] != b[k]);
            k += 1;
        }
    }
    let m = matches as f64;
    let jaro = (m / la as f64 + m / lb as f64 + (m - transpositions as f64 / 2.0) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count();
    jaro + prefix as f64 * 0.1 * (1.0 - jaro)
}

/// Reads one figure of a score, as text.
type ScoreField = fn(&Score) -> String;

/// The score table as `score.py` lays it out, one column per folder.
pub fn render_table(scores: &[Score]) -> String {
    let mut out = String::new();
    let width = scores
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(8)
        .max(10);
    out.push_str(&format!("{:22}", "metric"));
    for score in scores {
        out.push_str(&format!(" {:>width$}", score.name));
    }
    out.push('\n');
    let rows: [(&str, ScoreField); 14] = [
        ("documents", |s| s.documents.to_string()),
        ("gold_claims", |s| s.gold_claims.to_string()),
        ("system_claims", |s| s.system_claims.to_string()),
        ("matched", |s| s.matched.to_string()),
        ("precision", |s| format!("{:.3}", s.precision)),
        ("recall", |s| format!("{:.3}", s.recall)),
        ("f1", |s| format!("{:.3}", s.f1)),
        ("qualifier_accuracy", |s| {
            format!("{:.3}", s.qualifier_accuracy)
        }),
        ("kind_accuracy", |s| format!("{:.3}", s.kind_accuracy)),
        ("attribution_accuracy", |s| {
            format!("{:.3}", s.attribution_accuracy)
        }),
        ("grouping_precision", |s| {
            format!("{:.3}", s.grouping_precision)
        }),
        ("grouping_recall", |s| format!("{:.3}", s.grouping_recall)),
        ("grouping_f1", |s| format!("{:.3}", s.grouping_f1)),
        ("errors_listed", |s| s.errors.len().to_string()),
    ];
    for (label, value) in rows {
        out.push_str(&format!("{label:22}"));
        for score in scores {
            out.push_str(&format!(" {:>width$}", value(score)));
        }
        out.push('\n');
    }
    for score in scores.iter().filter(|s| !s.errors.is_empty()) {
        out.push_str(&format!("\n{}:\n", score.name));
        for error in &score.errors {
            out.push_str(&format!(
                "  {} {} {:?} ({}): {}\n",
                error.doc, error.what, error.figure, error.detail, error.sentence
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaro_winkler_matches_score_py() {
        // Figures printed by ../shared/corpus/score.py's jaro_winkler.
        assert!((jaro_winkler("زيلنسكي", "زيلينسكي") - 0.9041666666666667).abs() < 1e-12);
        assert!((jaro_winkler("martha", "marhta") - 0.9611111111111111).abs() < 1e-12);
        assert_eq!(jaro_winkler("", "a"), 0.0);
        assert!(same_attribution(
            "South Korean intelligence officials",
            "South Korean intelligence"
        ));
        assert!(!same_attribution("", "United States"));
    }
}
