//! Reporting: the reconciliation report as JSON and as Markdown.
//!
//! Input: a finished [`Run`] and the rules. Output: a [`Report`] (serialisable,
//! the JSON form) and its Markdown rendering. Every figure the Markdown shows
//! is in the JSON too. Numbers are printed the same way on every machine.

use std::fmt::Write;

use serde::Serialize;

use crate::Run;
use crate::claims::{Claim, DocumentClaims, Modality};
use crate::dates::DateBasis;
use crate::reconcile::{Reconciliation, reconcile};
use crate::rules::RuleSet;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub documents_read: usize,
    pub documents_skipped: usize,
    pub skipped: Vec<SkippedRecord>,
    pub documents: Vec<DocumentSummary>,
    pub groups: Vec<GroupReport>,
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedRecord {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub path: String,
    pub language: String,
    pub source: String,
    pub published: Option<String>,
    pub published_basis: Option<DateBasis>,
    pub claims: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    pub id: String,
    pub kind: String,
    pub unit: String,
    pub owner: String,
    pub subject: String,
    pub running_total: bool,
    pub claims: Vec<String>,
    #[serde(flatten)]
    pub reconciliation: Reconciliation,
}

/// Reconciles every group of a run into a report.
pub fn build_report(run: &Run, rules: &RuleSet) -> Report {
    let groups = run
        .groups
        .iter()
        .map(|group| {
            let members: Vec<&Claim> = group.members.iter().map(|&i| &run.claims[i]).collect();
            GroupReport {
                id: group.id.clone(),
                kind: group.kind.clone(),
                unit: group.unit.clone(),
                owner: group.owner.clone(),
                subject: members
                    .first()
                    .map(|c| c.subject.clone())
                    .unwrap_or_default(),
                running_total: rules.kind_is_running_total(&group.kind),
                claims: members.iter().map(|c| c.id.clone()).collect(),
                reconciliation: reconcile(group, &run.claims, rules),
            }
        })
        .collect();
    Report {
        documents_read: run.documents.len(),
        documents_skipped: run.skipped.len(),
        skipped: run
            .skipped
            .iter()
            .map(|s| SkippedRecord {
                path: s.path.display().to_string(),
                reason: s.reason.to_string(),
            })
            .collect(),
        documents: run.documents.iter().map(summary_of).collect(),
        groups,
        claims: run.claims.clone(),
    }
}

fn summary_of(document: &DocumentClaims) -> DocumentSummary {
    DocumentSummary {
        id: document.id.clone(),
        path: document.path.clone(),
        language: document.language.clone(),
        source: document.source.clone(),
        published: document.published.clone(),
        published_basis: document.published_basis,
        claims: document.claim_count,
    }
}

/// Formats a figure with thousands separators: 14000 -> "14,000", 7.8 -> "7.8".
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "∞".to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc().abs() as u128;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let fraction = (rounded.abs() - whole as f64) * 100.0;
    let sign = if rounded < 0.0 { "-" } else { "" };
    if fraction.round() as u32 == 0 {
        format!("{sign}{grouped}")
    } else {
        let text = format!("{:02}", fraction.round() as u32);
        format!("{sign}{grouped}.{}", text.trim_end_matches('0'))
    }
}

fn figure_of(claim: &Claim) -> String {
    let value = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    match claim.qualifier {
        crate::rules::Qualifier::Range => format!("{}–{}", value(claim.low), value(claim.high)),
        crate::rules::Qualifier::Exact => value(claim.value),
        crate::rules::Qualifier::About => format!("about {}", value(claim.value)),
        crate::rules::Qualifier::AtLeast => format!("at least {}", value(claim.value)),
        crate::rules::Qualifier::AtMost => format!("up to {}", value(claim.value)),
    }
}

fn modality_label(modality: Modality) -> &'static str {
    match modality {
        Modality::Asserted => "asserted",
        Modality::Projection => "projection",
        Modality::Denied => "denied",
    }
}

/// Keeps table cells on one line and free of pipes.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Renders the report as Markdown.
pub fn render_markdown(report: &Report) -> String {
    let mut out = String::new();
    let claims: std::collections::HashMap<&str, &Claim> =
        report.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let _ = writeln!(out, "# crosscheck report\n");
    let _ = writeln!(
        out,
        "Documents read: {}; skipped: {}. Claims: {}. Quantities: {}.\n",
        report.documents_read,
        report.documents_skipped,
        report.claims.len(),
        report.groups.len()
    );
    for skipped in &report.skipped {
        let _ = writeln!(out, "- skipped `{}`: {}", skipped.path, skipped.reason);
    }
    if !report.skipped.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "How to read it: each quantity groups the claims that measure the same thing across documents. \
         Each claim is read as an interval (a bare figure as itself, \"about\" with the tolerance in the rules, \
         \"at least\" open above, \"up to\" down to zero). Each origin (the source a text names, or the outlet \
         itself) counts once, with its latest figure. Consensus low is the highest lower bound, high the lowest \
         upper bound, best the median of the origins' figures kept inside that range. Plans, forecasts and \
         denials are shown but set aside.\n"
    );
    let _ = writeln!(out, "## Documents\n");
    let _ = writeln!(out, "| document | language | outlet | published | claims |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for document in &report.documents {
        let published = match (&document.published, document.published_basis) {
            (Some(date), Some(basis)) => format!("{date} ({})", basis_label(basis)),
            _ => "unknown".to_string(),
        };
        let outlet = if document.source.is_empty() {
            "unknown"
        } else {
            &document.source
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&document.id),
            document.language,
            cell(outlet),
            published,
            document.claims
        );
    }
    out.push('\n');
    let _ = writeln!(out, "## Quantities\n");
    for group in &report.groups {
        render_group(&mut out, group, &claims);
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn basis_label(basis: DateBasis) -> &'static str {
    match basis {
        DateBasis::FrontMatter => "front matter",
        DateBasis::PublicationCue => "publication line",
        DateBasis::Dateline => "dateline",
        DateBasis::LatestMentioned => "latest date mentioned",
        DateBasis::Stated => "stated",
        DateBasis::Relative => "relative",
        DateBasis::Published => "publication date",
    }
}

fn render_group(
    out: &mut String,
    group: &GroupReport,
    claims: &std::collections::HashMap<&str, &Claim>,
) {
    let _ = writeln!(out, "### {} (`{}`)\n", group.subject, group.id);
    let kind_note = if group.running_total {
        "running total"
    } else {
        "level"
    };
    let _ = writeln!(
        out,
        "Kind: {} ({kind_note}). Claims: {}. Origins: {}.\n",
        group.kind,
        group.claims.len(),
        group.reconciliation.origins.len()
    );
    if let Some(consensus) = &group.reconciliation.consensus {
        let high = consensus.high.map_or("open".to_string(), format_number);
        let support = match consensus.confidence {
            "single origin" => "from a single origin".to_string(),
            confidence => format!("{confidence}, {} origins", consensus.origins),
        };
        let _ = write!(
            out,
            "Consensus: low {}, best {}, high {} ({support}).",
            format_number(consensus.low),
            format_number(consensus.best),
            high,
        );
        if consensus.confidence == "disputed" {
            let _ = write!(out, " {}.", capitalise(&consensus.method));
        }
        out.push_str("\n\n");
    } else {
        let _ = writeln!(out, "Consensus: none (no asserted figure).\n");
    }
    let _ = writeln!(
        out,
        "| claim | figure | modality | origin | outlet | as of | quote |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for id in &group.claims {
        let Some(claim) = claims.get(id.as_str()) else {
            continue;
        };
        let origin = crate::reconcile::origin_of(claim);
        let outlet = if claim.source.is_empty() {
            "unknown"
        } else {
            &claim.source
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(id),
            figure_of(claim),
            modality_label(claim.modality),
            cell(origin),
            cell(outlet),
            claim.as_of.as_deref().unwrap_or("unknown"),
            cell(&claim.sentence)
        );
    }
    out.push('\n');
    for aside in &group.reconciliation.set_aside {
        let _ = writeln!(out, "- set aside {}: {}", aside.claim, aside.reason);
    }
    for contradiction in &group.reconciliation.contradictions {
        let [a, b] = &contradiction.claims;
        let _ = writeln!(
            out,
            "- **contradiction** ({}) between {a} and {b}: {}",
            contradiction.severity, contradiction.reason
        );
    }
    if !group.reconciliation.set_aside.is_empty() || !group.reconciliation.contradictions.is_empty()
    {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(format_number(14000.0), "14,000");
        assert_eq!(format_number(425_000_000.0), "425,000,000");
        assert_eq!(format_number(7.8), "7.8");
        assert_eq!(format_number(999.0), "999");
        assert_eq!(format_number(10800.0), "10,800");
    }
}
