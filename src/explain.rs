//! Explaining one quantity: the reasoning behind its consensus, step by step.
//!
//! Input: a [`Report`] (read back from a file written by `report --format
//! json` with [`read_report`], or built from documents just now) and a group
//! id. Output: plain text that walks through the claims as intervals, the
//! origins, the periods, what each consensus used and set aside and why, and
//! the contradictions.
//!
//! Invariant: a saved report explains exactly as the run that wrote it; the
//! report is read into its own types, so a field renamed there is a compile
//! error here, not a silent blank.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::model::{Claim, ClaimId};
use crate::reconcile::Consensus;
use crate::report::{Report, format_count, format_number};

/// Why a quantity cannot be explained.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    /// The report file cannot be read (missing, unreadable).
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file given.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// The file is not JSON at all.
    #[error("{} is not a JSON report: {source}", path.display())]
    NotJson {
        /// The file given.
        path: PathBuf,
        /// Where and why parsing stopped.
        source: serde_json::Error,
    },
    /// JSON, but with no `groups`: some other file.
    #[error("this JSON is not a crosscheck report (no groups)")]
    NoGroups,
    /// JSON with groups whose fields are not those of a report.
    #[error("{} is not a crosscheck report: {source}", path.display())]
    NotAReport {
        /// The file given.
        path: PathBuf,
        /// The first field that does not match.
        source: serde_json::Error,
    },
    /// No group of the report has the id asked for.
    #[error("no quantity with id `{id}`; the report has: {}", known.join(", "))]
    UnknownGroup {
        /// The id asked for (`--group`).
        id: String,
        /// Every group id of the report, to choose from.
        known: Vec<String>,
    },
}

/// Reads a report saved by `report --format json`.
pub fn read_report(path: &Path) -> Result<Report, ExplainError> {
    let text = std::fs::read_to_string(path).map_err(|source| ExplainError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_report(path, &text)
}

/// Parses the text of a saved report; `path` names it in errors. Text that is
/// not JSON, and JSON with no groups, are told apart from a report whose
/// fields do not match.
pub fn parse_report(path: &Path, text: &str) -> Result<Report, ExplainError> {
    let typed_error = match serde_json::from_str::<Report>(text) {
        Ok(report) => return Ok(report),
        Err(error) => error,
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|source| ExplainError::NotJson {
            path: path.to_path_buf(),
            source,
        })?;
    if !value.get("groups").is_some_and(serde_json::Value::is_array) {
        return Err(ExplainError::NoGroups);
    }
    Err(ExplainError::NotAReport {
        path: path.to_path_buf(),
        source: typed_error,
    })
}

/// Explains group `id` of `report`; the error lists the ids that exist.
pub fn explain_group(report: &Report, id: &str) -> Result<String, ExplainError> {
    let Some(group) = report.groups.iter().find(|g| g.id == id) else {
        return Err(ExplainError::UnknownGroup {
            id: id.to_string(),
            known: report.groups.iter().map(|g| g.id.clone()).collect(),
        });
    };
    let result = group;
    let claim = |claim_id: &ClaimId| {
        report
            .claims
            .iter()
            .find(|c| c.id == *claim_id)
            .map(|c| &c.claim)
    };
    let mut out = String::new();
    let _ = writeln!(out, "Quantity `{id}`: {}", group.subject);
    let _ = writeln!(
        out,
        "Kind: {} — {}.\n",
        group.kind,
        if group.running_total {
            "a running total: a later, larger figure is growth; a later, smaller one from another origin is a contradiction"
        } else {
            "a level: it may go up or down; figures are compared only within the time window"
        }
    );

    let _ = writeln!(out, "1. Each claim as an interval");
    for claim_id in &group.claims {
        let interval = result.intervals.get(claim_id);
        let high = interval
            .and_then(|i| i.high)
            .map_or("open".to_string(), format_number);
        let (figure, qualifier, modality, as_of) = match claim(claim_id) {
            Some(c) => (
                figure_text(c),
                c.qualifier.as_str().to_string(),
                c.modality.as_str().to_string(),
                c.as_of.map_or("undated".to_string(), |d| d.to_string()),
            ),
            None => (String::new(), String::new(), String::new(), String::new()),
        };
        let _ = writeln!(
            out,
            "   {claim_id}: {figure} ({qualifier}, {modality}, as of {as_of}) -> [{}, {high}]",
            format_number(interval.map_or(0.0, |i| i.low))
        );
    }

    let _ = writeln!(
        out,
        "\n2. Origins (each counts once, however many outlets relay it)"
    );
    for origin in &result.origins {
        let echo = if origin.echo {
            " — near-identical copy in several outlets"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "   {}: claims {}; outlets {}{echo}; weight {}",
            origin.name,
            joined(&origin.claims),
            origin.outlets.join(", "),
            format_number(origin.weight)
        );
    }

    let _ = writeln!(
        out,
        "\n3. Periods and consensus (claims are compared only within one period)"
    );
    for period in &result.periods {
        let when = match (&period.from, &period.to) {
            (Some(from), Some(to)) if from == to => from.to_string(),
            (Some(from), Some(to)) => format!("{from} to {to}"),
            _ => "undated".to_string(),
        };
        let _ = writeln!(out, "   Period {when}:");
        explain_consensus(&mut out, period.consensus.as_ref());
    }

    if !result.set_aside.is_empty() {
        let _ = writeln!(out, "\n4. Set aside");
        for aside in &result.set_aside {
            let _ = writeln!(out, "   {}: {}", aside.claim, aside.reason);
        }
    }
    if !result.contradictions.is_empty() {
        let many = result
            .contradictions
            .iter()
            .any(|c| c.origins_at_odds.is_some());
        let _ = writeln!(
            out,
            "\n5. Contradictions (one line per pair of origins{})",
            if many {
                "; among many origins, one per period"
            } else {
                ""
            }
        );
        for contradiction in &result.contradictions {
            let [a, b] = &contradiction.origins;
            let among = contradiction.origins_at_odds.map_or_else(String::new, |n| {
                format!("among {} origins, furthest apart ", format_count(n))
            });
            let _ = writeln!(
                out,
                "   {among}{a} / {b}: {} ({} severity, largest gap {:.0}%, {} pair{} of claims): {} [{}]",
                contradiction.kind.as_str(),
                contradiction.severity,
                contradiction.gap * 100.0,
                format_count(contradiction.count),
                if contradiction.count == 1 { "" } else { "s" },
                contradiction.reason,
                joined(&contradiction.claims)
            );
        }
    }
    for timeline in &result.timelines {
        let _ = writeln!(out, "\nTimeline of {}: {}", timeline.origin, timeline.note);
    }
    Ok(out)
}

fn explain_consensus(out: &mut String, consensus: Option<&Consensus>) {
    let Some(consensus) = consensus else {
        let _ = writeln!(out, "     no consensus: no asserted figure");
        return;
    };
    let method = &consensus.method;
    let high = consensus.high.map_or("open".to_string(), format_number);
    let _ = writeln!(
        out,
        "     {} of {} origins share a point: {} -> {}",
        format_count(consensus.origins),
        format_count(consensus.origins_total),
        joined(&consensus.used),
        consensus.confidence.label()
    );
    let _ = writeln!(
        out,
        "     low  {} = {}",
        format_number(consensus.low),
        method.low
    );
    let _ = writeln!(
        out,
        "     best {} = {}",
        format_number(consensus.best),
        method.best
    );
    let _ = writeln!(out, "     high {high} = {}", method.high);
    if consensus.carried_forward {
        let _ = writeln!(
            out,
            "     low and best carried forward from an earlier period: a running total cannot fall"
        );
    }
    if let Some(unweighted) = consensus.unweighted_best {
        let _ = writeln!(
            out,
            "     without reliability weights best would be {}",
            format_number(unweighted)
        );
    }
}

/// The figure as stated, without its qualifier: "12,000", "10,000–12,000".
fn figure_text(claim: &Claim) -> String {
    match (claim.value.get(), claim.low.get(), claim.high.get()) {
        (Some(value), ..) => format_number(value),
        (None, Some(low), Some(high)) => format!("{}–{}", format_number(low), format_number(high)),
        _ => String::new(),
    }
}

/// Claims' ids joined with commas.
fn joined(ids: &[ClaimId]) -> String {
    ids.iter()
        .map(ClaimId::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::GroupReport;

    fn report_with_groups(ids: &[&str]) -> Report {
        Report {
            documents_read: 0,
            rows_read: 0,
            documents_skipped: 0,
            skipped: Vec::new(),
            documents: Vec::new(),
            reliability: false,
            summary: Default::default(),
            groups: ids
                .iter()
                .map(|id| GroupReport {
                    id: id.to_string(),
                    kind: "killed".to_string(),
                    unit: String::new(),
                    owner: String::new(),
                    subject: String::new(),
                    running_total: true,
                    claims: Vec::new(),
                    intervals: Default::default(),
                    origins: Vec::new(),
                    periods: Vec::new(),
                    consensus: None,
                    set_aside: Vec::new(),
                    contradictions: Vec::new(),
                    timelines: Vec::new(),
                    denials: Vec::new(),
                })
                .collect(),
            claims: Vec::new(),
            denials: Vec::new(),
        }
    }

    #[test]
    fn an_unknown_group_lists_the_known_ones() {
        let report = report_with_groups(&["a", "b"]);
        let error = explain_group(&report, "c").unwrap_err().to_string();
        assert!(error.contains("a, b"), "{error}");
        let path = Path::new("report.json");
        assert!(parse_report(path, "{}").is_err());
    }

    #[test]
    fn a_saved_report_reads_back() {
        let report = report_with_groups(&["a"]);
        let text = serde_json::to_string(&report).unwrap();
        let path = Path::new("report.json");
        let read = parse_report(path, &text).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), text);
        assert!(explain_group(&read, "a").is_ok());
    }

    #[test]
    fn what_is_not_a_report_says_why() {
        let path = Path::new("r.json");
        let message = |text: &str| parse_report(path, text).unwrap_err().to_string();
        assert!(message("{\"a\": ").starts_with("r.json is not a JSON report: EOF"));
        assert_eq!(
            message("{\"a\": 1}"),
            "this JSON is not a crosscheck report (no groups)"
        );
        assert!(
            message("{\"groups\": [{\"id\": 1}]}")
                .starts_with("r.json is not a crosscheck report:")
        );
    }
}
