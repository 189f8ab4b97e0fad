//! The summary a reader sees first: each quantity in a sentence they can
//! quote (its consensus, how many origins back it, the origins in dispute),
//! and the facts the sentence states, as data for the JSON.
//!
//! Input: the report's groups, already in order of importance. Output: a
//! [`Summary`]. The renderers show the sentences as they are; the JSON keeps
//! the facts beside them.

use indexmap::IndexMap;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{GroupReport, format_count, format_number};
use crate::reconcile::{Confidence, ContradictionKind, Severity};

/// What a reader should see first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    /// How many quantities the report has.
    pub quantities: usize,
    /// How many of them have contradictions.
    pub with_contradictions: usize,
    /// One per quantity, in the order of `groups`; a report written as it is
    /// reconciled holds only those it shows (see `calm_not_held`).
    pub items: Vec<SummaryItem>,
    /// How many quantities without a dispute have no item in `items`: a
    /// summary shows the first few of them and only counts the rest, so a
    /// report written as it is reconciled keeps only those few.
    #[serde(skip)]
    pub calm_not_held: usize,
}

impl Summary {
    /// How many quantities have no dispute, held or not.
    pub fn calm_quantities(&self) -> usize {
        let held = self.items.iter().filter(|i| i.disputes.is_empty()).count();
        held + self.calm_not_held
    }
}

/// One quantity in a sentence, and the facts the sentence states.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SummaryItem {
    /// The group's id.
    pub group: String,
    /// The group's subject; `sentence` starts with it.
    pub subject: String,
    /// The quantity in a sentence a reader can quote: "North Korean soldiers
    /// deployed: best estimate 12,000, at least 10,800 (single origin, as of
    /// 2025-12-28). In dispute: ...".
    pub sentence: String,
    /// The headline consensus; `null` when no claim is asserted.
    pub consensus: Option<SummaryConsensus>,
    /// Independent origins.
    pub origins: usize,
    /// Claims.
    pub claims: usize,
    /// The pairs of origins in dispute, as in the group's `contradictions`.
    pub disputes: Vec<Dispute>,
}

/// The headline consensus of a quantity, as the summary states it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SummaryConsensus {
    /// As the group's `consensus.low`.
    pub low: f64,
    /// As the group's `consensus.best`.
    pub best: f64,
    /// As the group's `consensus.high`; `null` when open above.
    pub high: Option<f64>,
    /// How many of the origins agree.
    pub confidence: Confidence,
    /// Origins that agree.
    pub origins: usize,
    /// Origins with a figure in the period.
    pub origins_total: usize,
    /// The last date of the period it is about; `null` when undated.
    pub as_of: Option<Date>,
}

/// A pair of origins in dispute, without the claims (the group has them).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dispute {
    /// As the contradiction's `kind`.
    pub kind: ContradictionKind,
    /// As the contradiction's `origins`.
    pub origins: [String; 2],
    /// As the contradiction's `severity`.
    pub severity: Severity,
    /// As the contradiction's `count`.
    pub count: usize,
    /// As the contradiction's `origins_at_odds`: present for a summary of
    /// many origins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origins_at_odds: Option<usize>,
}

/// The summary of groups already in order of importance.
pub(super) fn summary_of(groups: &[GroupReport]) -> Summary {
    Summary {
        quantities: groups.len(),
        with_contradictions: groups
            .iter()
            .filter(|g| !g.contradictions.is_empty())
            .count(),
        items: groups.par_iter().map(summary_item).collect(),
        calm_not_held: 0,
    }
}

pub(super) fn summary_item(group: &GroupReport) -> SummaryItem {
    let consensus = group.consensus.as_ref().map(|c| SummaryConsensus {
        low: c.low,
        best: c.best,
        high: c.high,
        confidence: c.confidence,
        origins: c.origins,
        origins_total: c.origins_total,
        as_of: group.headline_period().and_then(|p| p.to),
    });
    let disputes: Vec<Dispute> = group
        .contradictions
        .iter()
        .map(|c| Dispute {
            kind: c.kind,
            origins: c.origins.clone(),
            severity: c.severity,
            count: c.count,
            origins_at_odds: c.origins_at_odds,
        })
        .collect();
    let mut sentence = format!(
        "{}: {}",
        group.subject,
        consensus_phrase(consensus.as_ref())
    );
    if let Some(disputes) = disputes_phrase(&disputes) {
        sentence.push_str(" In dispute: ");
        sentence.push_str(&disputes);
    }
    SummaryItem {
        group: group.id.clone(),
        subject: group.subject.clone(),
        sentence,
        consensus,
        origins: group.origins.len(),
        claims: group.claims.len(),
        disputes,
    }
}

/// "best estimate 12,000, range 10,800 to 13,200 (single origin, as of 2024-10-23)."
fn consensus_phrase(consensus: Option<&SummaryConsensus>) -> String {
    let Some(c) = consensus else {
        return "no figure stated as a fact (only plans, forecasts or denials).".to_string();
    };
    let (low, best) = (format_number(c.low), format_number(c.best));
    let range = match c.high {
        Some(high) if high == c.low => best,
        Some(high) => format!(
            "best estimate {best}, range {low} to {}",
            format_number(high)
        ),
        None if c.low == c.best => format!("at least {low}"),
        None => format!("best estimate {best}, at least {low}"),
    };
    let support = match c.confidence {
        Confidence::SingleOrigin => "single origin".to_string(),
        Confidence::Corroborated => format!("all {} origins agree", format_count(c.origins_total)),
        Confidence::Contested => format!(
            "{} of {} origins agree",
            format_count(c.origins),
            format_count(c.origins_total)
        ),
        Confidence::Disputed => format!(
            "disputed: {} of {} origins agree",
            format_count(c.origins),
            format_count(c.origins_total)
        ),
    };
    let when = c
        .as_of
        .map_or_else(|| "undated".to_string(), |date| format!("as of {date}"));
    format!("{range} ({support}, {when}).")
}

/// How many disagreeing pairs of origins a summary sentence names.
const PAIRS_NAMED: usize = 3;

/// "the West and South Korean intelligence officials disagree; Kremlin
/// denies the figures of South Korean officials and 2 others."
fn disputes_phrase(disputes: &[Dispute]) -> Option<String> {
    if disputes.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let disagreements: Vec<&Dispute> = disputes
        .iter()
        .filter(|d| d.kind != ContradictionKind::Denial)
        .collect();
    for dispute in disagreements.iter().take(PAIRS_NAMED) {
        let [a, b] = &dispute.origins;
        let how = match dispute.kind {
            ContradictionKind::TotalFell => " (a running total that fell)",
            _ => "",
        };
        match dispute.origins_at_odds {
            Some(n) => parts.push(format!(
                "{} origins disagree{how}, {a} and {b} furthest apart",
                format_count(n)
            )),
            None => parts.push(format!("{a} and {b} disagree{how}")),
        }
    }
    let rest = disagreements.get(PAIRS_NAMED..).unwrap_or_default();
    let summaries = rest.iter().filter(|d| d.origins_at_odds.is_some()).count();
    if rest.len() > summaries {
        parts.push(format!(
            "{} more pairs of origins disagree",
            format_count(rest.len() - summaries)
        ));
    }
    if summaries > 0 {
        parts.push(format!(
            "{} more sets of many origins disagree",
            format_count(summaries)
        ));
    }
    let mut denied: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for dispute in disputes
        .iter()
        .filter(|d| d.kind == ContradictionKind::Denial)
    {
        denied
            .entry(dispute.origins[0].as_str())
            .or_default()
            .push(dispute.origins[1].as_str());
    }
    for (denier, whose) in denied {
        parts.push(format!(
            "{denier} denies the figures of {}",
            names_list(&whose)
        ));
    }
    Some(format!("{}.", parts.join("; ")))
}

/// "A", "A and B", "A, B and C", "A, B and 3 others".
fn names_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [first @ .., last] if names.len() <= PAIRS_NAMED => {
            format!("{} and {last}", first.join(", "))
        }
        _ => format!(
            "{} and {} others",
            names[..PAIRS_NAMED - 1].join(", "),
            names.len() - (PAIRS_NAMED - 1)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consensus(low: f64, best: f64, high: Option<f64>) -> SummaryConsensus {
        SummaryConsensus {
            low,
            best,
            high,
            confidence: Confidence::SingleOrigin,
            origins: 1,
            origins_total: 1,
            as_of: "2024-10-23".parse().ok(),
        }
    }

    #[test]
    fn a_consensus_reads_as_a_phrase() {
        assert_eq!(
            consensus_phrase(Some(&consensus(10800.0, 12000.0, Some(13200.0)))),
            "best estimate 12,000, range 10,800 to 13,200 (single origin, as of 2024-10-23)."
        );
        assert_eq!(
            consensus_phrase(Some(&consensus(120.0, 120.0, Some(120.0)))),
            "120 (single origin, as of 2024-10-23)."
        );
        assert_eq!(
            consensus_phrase(Some(&consensus(9.0, 9.0, None))),
            "at least 9 (single origin, as of 2024-10-23)."
        );
        let disputed = SummaryConsensus {
            confidence: Confidence::Disputed,
            origins: 1,
            origins_total: 2,
            as_of: None,
            ..consensus(300.0, 300.0, Some(2100.0))
        };
        assert_eq!(
            consensus_phrase(Some(&disputed)),
            "best estimate 300, range 300 to 2,100 (disputed: 1 of 2 origins agree, undated)."
        );
        assert!(consensus_phrase(None).starts_with("no figure stated as a fact"));
        // Counts are grouped as the figures beside them are.
        let contested = SummaryConsensus {
            confidence: Confidence::Contested,
            origins: 12_000,
            origins_total: 16_000,
            as_of: None,
            ..consensus(300.0, 300.0, Some(300.0))
        };
        assert_eq!(
            consensus_phrase(Some(&contested)),
            "300 (12,000 of 16,000 origins agree, undated)."
        );
    }

    fn dispute(kind: ContradictionKind, a: &str, b: &str) -> Dispute {
        Dispute {
            kind,
            origins: [a.to_string(), b.to_string()],
            severity: Severity::High,
            count: 1,
            origins_at_odds: None,
        }
    }

    #[test]
    fn disputes_name_the_origins() {
        assert_eq!(disputes_phrase(&[]), None);
        let disputes = [
            dispute(ContradictionKind::Denial, "Kremlin", "South Korea"),
            dispute(ContradictionKind::Disjoint, "the West", "South Korea"),
            dispute(ContradictionKind::TotalFell, "governor", "civil defence"),
            dispute(ContradictionKind::Denial, "Kremlin", "the West"),
        ];
        assert_eq!(
            disputes_phrase(&disputes).unwrap(),
            "the West and South Korea disagree; governor and civil defence disagree \
             (a running total that fell); Kremlin denies the figures of South Korea and the West."
        );
        // Past PAIRS_NAMED, the rest are counted, not named.
        let many: Vec<Dispute> = (0..5)
            .map(|n| dispute(ContradictionKind::Disjoint, "A", &format!("B{n}")))
            .collect();
        assert!(
            disputes_phrase(&many)
                .unwrap()
                .ends_with("A and B2 disagree; 2 more pairs of origins disagree.")
        );
    }

    #[test]
    fn lists_of_names_are_cut_short() {
        assert_eq!(names_list(&["A"]), "A");
        assert_eq!(names_list(&["A", "B"]), "A and B");
        assert_eq!(names_list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(names_list(&["A", "B", "C", "D", "E"]), "A, B and 3 others");
    }
}
