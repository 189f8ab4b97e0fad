//! The Markdown rendering of a report, for people.
//!
//! Input: a [`Report`]. Output: Markdown text: the run in one line, the
//! summary (each quantity in a sentence, those with contradictions first),
//! then each quantity in order of importance with its consensus line, its
//! claims as a table (label, figure, modality, origin, outlet, date, quote;
//! copies of one claim in one row), the outlets that relayed an origin, what
//! was set aside and why (one line per reason), timelines and contradictions
//! (one line per pair of origins, with the claims behind it and a count);
//! then the documents, what was skipped, and how to read the report.
//!
//! Invariant: it shows nothing the JSON form lacks; numbers are printed the
//! same way on every machine ([`format_number`]); every text from the inputs
//! goes through [`escape`] or [`code`].

use crate::fxhash::FxHashSet;
use std::borrow::Borrow;
use std::fmt::Write;

use jiff::civil::Date;
use rayon::prelude::*;

pub use super::md_escape::{code, code_into, escape, escape_into};
use super::md_escape::{is_code_plain, is_code_plain_byte};
use super::view::{self, Index, ReasonPart};
use super::{
    ContradictionSummary, GroupReport, Label, Report, Summary, format_count, format_number,
    format_number_into, push_count,
};
use crate::model::{Claim, ClaimId, DateBasis, Denial, Qualifier};
use crate::reconcile::{self, Consensus, ContradictionKind};

/// A claim's figure as a reader says it: "about 12,000", "10,000–12,000".
pub fn figure_of(claim: &Claim) -> String {
    let mut out = String::new();
    figure_of_into(&mut out, claim);
    out
}

/// [`figure_of`], appended to `out`.
pub fn figure_of_into(out: &mut String, claim: &Claim) {
    let value = |out: &mut String, v: Option<f64>| {
        if let Some(v) = v {
            format_number_into(out, v);
        }
    };
    match claim.qualifier {
        Qualifier::Range => {
            value(out, claim.low.get());
            out.push('–');
            value(out, claim.high.get());
        }
        Qualifier::Exact => value(out, claim.value.get()),
        Qualifier::About => {
            out.push_str("about ");
            value(out, claim.value.get());
        }
        Qualifier::AtLeast => {
            out.push_str("at least ");
            value(out, claim.value.get());
        }
        Qualifier::AtMost => {
            out.push_str("up to ");
            value(out, claim.value.get());
        }
    }
    if claim.vague {
        out.push_str(" (vague)");
    }
}

/// Appends `date` as its `Display` writes it (`2024-10-23`).
fn push_date(out: &mut String, date: Date) {
    match crate::decimal::iso_date(date) {
        Some(text) => out.push_str(std::str::from_utf8(&text).expect("digits and dashes")),
        None => {
            let _ = write!(out, "{date}");
        }
    }
}

/// A table cell: escaped text (pipes included).
fn cell(text: &str) -> String {
    escape(text)
}

fn date_or_unknown(date: Option<Date>) -> String {
    date.map_or_else(|| "unknown".to_string(), |d| d.to_string())
}

fn or_unknown(text: &str) -> &str {
    if text.is_empty() { "unknown" } else { text }
}

/// Ids as their labels in code spans, appended to `out`: at most [`view::IDS_SHOWN`], then how
/// many more.
fn id_list_into<T: Borrow<ClaimId>>(out: &mut String, ids: &[T], index: &Index) {
    let (shown, more) = view::shown(ids);
    for (n, id) in shown.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        index.with_id_label(id.borrow(), |label| code_label_into(out, label));
    }
    if more > 0 {
        out.push_str(" and ");
        push_count(out, more);
        out.push_str(" more");
    }
}

/// A label in a code span, as [`code_into`] writes its text, from its
/// pieces: the mark and digits of a claim's number are plain.
fn code_label_into(out: &mut String, label: Label<'_>) {
    let (head, tail, number) = label.pieces();
    // A report may write millions of labels (3.7 million on the Weather
    // table): each piece is looked at once.
    let mark_is_plain = number.is_none_or(|(mark, _)| is_code_plain_byte(mark));
    if !(mark_is_plain && is_code_plain(head) && (tail.is_empty() || is_code_plain(tail))) {
        return label.with_text(|text| code_into(out, text));
    }
    if head.is_empty() && tail.is_empty() && number.is_none() {
        return;
    }
    out.push('`');
    out.push_str(head);
    out.push_str(tail);
    if let Some((mark, number)) = number {
        out.push(char::from(mark));
        crate::decimal::push_integer(out, u64::from(number));
    }
    out.push('`');
}

/// "«quote» — Kremlin, via CNN, as of 2024-10-23 (`cnn#d1`)"
fn denial_quote(denial: &Denial, index: &Index) -> String {
    format!(
        "«{}» — {}, via {}, as of {} ({})",
        escape(&denial.sentence),
        escape(or_unknown(&denial.attribution)),
        escape(or_unknown(&denial.source)),
        date_or_unknown(denial.as_of),
        code(&index.label(&denial.id))
    )
}

/// Renders the report as Markdown.
pub fn render_markdown(report: &Report) -> String {
    let mut out = Vec::new();
    write_markdown(report, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the report is text")
}

/// Quantities are rendered this many at a time, in parallel.
const GROUPS_A_BATCH: usize = 512;

/// [`render_markdown`], written to `writer` as it is rendered: a report of
/// hundreds of thousands of claims is never held whole. Quantities are
/// rendered in parallel, each on its own, and written in order.
pub fn write_markdown(report: &Report, writer: &mut dyn std::io::Write) -> std::io::Result<()> {
    let index = Index::new(report);
    let facts = view::facts_sentence(report);
    let head = head(&report.summary, &facts, !report.groups.is_empty());
    writer.write_all(head.as_bytes())?;
    for batch in report.groups.chunks(GROUPS_A_BATCH) {
        let rendered: Vec<String> = batch
            .par_iter()
            .map(|group| {
                // Room for a line a claim and the quantity's head, so that
                // most quantities are written without growing the text.
                let mut text = String::with_capacity(512 + 256 * group.claims.len());
                render_group(&mut text, group, &index);
                text
            })
            .collect();
        for text in rendered {
            writer.write_all(text.as_bytes())?;
        }
    }
    let many_at_odds = view::has_many_origins_at_odds(&report.summary);
    write_tail(writer, report, &index, many_at_odds)
}

/// What comes before the quantities: the title, the run in one line
/// (`facts`), the summary, and the quantities' heading when there are any.
pub(super) fn head(summary: &Summary, facts: &str, any_groups: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# crosscheck report\n");
    let _ = writeln!(out, "{facts}\n");
    render_summary(&mut out, summary);
    if any_groups {
        let _ = writeln!(out, "## Quantities\n");
    }
    out
}

/// What comes after the quantities: denials no quantity matches, the
/// documents, what was skipped, and how to read the report (`many_at_odds`:
/// whether a quantity has a contradiction among many origins, which the
/// method then explains). Written to `writer` as it is rendered: the
/// documents' table grows with the run (7.5 MB for 33,363 documents), and
/// need not be held whole.
pub(super) fn write_tail(
    writer: &mut dyn std::io::Write,
    report: &Report,
    index: &Index,
    many_at_odds: bool,
) -> std::io::Result<()> {
    let mut out = String::new();
    let unmatched: Vec<&Denial> = report
        .denials
        .iter()
        .filter(|d| d.group.is_empty())
        .collect();
    if !unmatched.is_empty() {
        let _ = writeln!(out, "## Denials with no figure to contradict\n");
        for denial in unmatched {
            let _ = writeln!(
                out,
                "- {}: {}",
                escape(&denial.subject),
                denial_quote(denial, index)
            );
        }
        out.push('\n');
    }
    if !report.documents.is_empty() {
        render_documents(&mut out, report, writer)?;
    }
    if !report.skipped.is_empty() {
        let _ = writeln!(out, "## Skipped\n");
        for skipped in &report.skipped {
            let _ = writeln!(
                out,
                "- {}: {}",
                code(&skipped.path),
                escape(&skipped.reason)
            );
        }
        out.push('\n');
    }
    render_method(&mut out, report, many_at_odds);
    writer.write_all(out.as_bytes())
}

/// The text rendered so far is written out once it holds this many bytes.
const TAIL_FLUSH: usize = 64 << 10;

/// The summary: the quantities with contradictions, each in its sentence,
/// then the first of the others.
fn render_summary(out: &mut String, summary: &Summary) {
    if summary.items.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Summary\n");
    let disputed = summary.items.iter().filter(|i| !i.disputes.is_empty());
    let calm: Vec<_> = summary
        .items
        .iter()
        .filter(|i| i.disputes.is_empty())
        .collect();
    let shown = disputed.chain(calm.iter().take(view::CALM_QUANTITIES_SHOWN).copied());
    for (n, item) in shown.enumerate() {
        let rest = item
            .sentence
            .strip_prefix(&format!("{}: ", item.subject))
            .unwrap_or(&item.sentence);
        let _ = writeln!(
            out,
            "{}. **{}** ({}): {}",
            n + 1,
            escape(&item.subject),
            code(&item.group),
            escape(rest)
        );
    }
    let calm_quantities = summary.calm_quantities();
    if calm_quantities > view::CALM_QUANTITIES_SHOWN {
        let _ = writeln!(
            out,
            "\n{} more quantities, none with a contradiction, are listed below.",
            format_count(calm_quantities - view::CALM_QUANTITIES_SHOWN)
        );
    }
    out.push('\n');
}

/// The documents' table, `out` written to `writer` each [`TAIL_FLUSH`] bytes.
fn render_documents(
    out: &mut String,
    report: &Report,
    writer: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let _ = writeln!(out, "## Documents\n");
    let _ = writeln!(
        out,
        "| document | label | language | outlet | published | claims | url |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for document in &report.documents {
        let published = match (&document.published, document.published_basis) {
            (Some(date), Some(basis)) => format!("{date} ({})", basis_label(basis)),
            _ => "unknown".to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&document.id),
            code(&document.label),
            cell(&document.language),
            cell(or_unknown(&document.source)),
            published,
            document.claims,
            cell(document.url.as_deref().unwrap_or(""))
        );
        if out.len() >= TAIL_FLUSH {
            writer.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    out.push('\n');
    Ok(())
}

/// Said in the method only of reports that have such a record.
const MANY_ORIGINS_AT_ODDS: &str = " Where more origins are compared at once than the \
     rules' `pairwise-origins`, one record counts the origins at odds and names the two furthest \
     apart.";

/// How to read the report: the method in a paragraph, at the end.
fn render_method(out: &mut String, report: &Report, many_at_odds: bool) {
    let _ = writeln!(out, "## How to read this report\n");
    let _ = writeln!(
        out,
        "Each quantity groups the claims that measure the same thing across documents; quantities \
         come in order of importance: those with contradictions first (the most severe first), then \
         by the number of independent origins, then of claims. Each claim is read as an interval (a \
         round figure as the range its rounding implies, \"about\" with the tolerance in the rules, \
         \"at least\" open above, \"up to\" down to zero). Each origin (the source a text names, or \
         the outlet itself, with copies relayed by several outlets counted once) counts once, with \
         its latest figure. Claims are compared only within the time window of the rules. \
         Consensus: the largest set of origins whose intervals share a point; low is {}, high {}, \
         best {}. Plans, forecasts and denials are shown but set aside. Contradictions are shown \
         once per pair of origins, with the claims behind them and how many pairs of claims \
         disagree.{}{} Claims are labelled by their document (its outlet and publication date when its \
         file name is a hash) and their number in it; the JSON report gives each claim's id beside \
         its label. docs/reconciliation.md explains the method.\n",
        reconcile::METHOD.low,
        reconcile::METHOD.high,
        reconcile::METHOD.best,
        if many_at_odds {
            MANY_ORIGINS_AT_ODDS
        } else {
            ""
        },
        if report.reliability {
            " Origins are weighted by how often their figures agree with the consensus of other quantities."
        } else {
            ""
        }
    );
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

/// "low 10,800, best 12,000, high open (single origin)", as Markdown and
/// `explain` print a consensus.
pub fn consensus_line(consensus: &Consensus) -> String {
    let high = consensus.high.map_or("open".to_string(), format_number);
    let support = match consensus.origins_total {
        1 => "single origin".to_string(),
        total => format!(
            "{}: {} of {} origins agree",
            consensus.confidence.label(),
            format_count(consensus.origins),
            format_count(total)
        ),
    };
    let mut line = format!(
        "low {}, best {}, high {} ({support})",
        format_number(consensus.low),
        format_number(consensus.best),
        high
    );
    if consensus.carried_forward {
        line.push_str(
            "; low and best carried forward from an earlier period, as a running total cannot fall",
        );
    }
    if let Some(unweighted) = consensus.unweighted_best {
        let _ = write!(
            line,
            "; reliability weights moved best from {}",
            format_number(unweighted)
        );
    }
    line
}

/// The name of a contradiction's kind for a reader.
pub fn kind_label(kind: ContradictionKind) -> &'static str {
    match kind {
        ContradictionKind::Disjoint => "disjoint figures",
        ContradictionKind::TotalFell => "a running total that fell",
        ContradictionKind::Denial => "denial",
    }
}

pub(super) fn render_group(out: &mut String, group: &GroupReport, index: &Index) {
    let _ = writeln!(
        out,
        "### {} ({})\n",
        escape(&group.subject),
        code(&group.id)
    );
    let kind_note = if group.running_total {
        "running total"
    } else {
        "level"
    };
    let disputes = disputes_note(&group.contradictions);
    let _ = writeln!(
        out,
        "Kind: {} ({kind_note}). Claims: {}. Independent origins: {}.{disputes}\n",
        escape(&group.kind),
        format_count(group.claims.len()),
        format_count(group.origins.len())
    );
    match &group.consensus {
        Some(consensus) => {
            let _ = writeln!(out, "**Consensus**: {}.\n", consensus_line(consensus));
        }
        None => {
            let _ = writeln!(out, "**Consensus**: none (no asserted figure).\n");
        }
    }
    if group.periods.len() > 1 {
        let _ = writeln!(out, "Periods (claims are compared only within one):\n");
        for period in &group.periods {
            let when = match (&period.from, &period.to) {
                (Some(from), Some(to)) if from == to => from.to_string(),
                (Some(from), Some(to)) => format!("{from} to {to}"),
                _ => "undated".to_string(),
            };
            let line = period
                .consensus
                .as_ref()
                .map_or("no consensus".to_string(), consensus_line);
            let _ = writeln!(out, "- {when}: {line}");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "| claim | figure | modality | origin | outlet | as of | quote |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for row in view::claim_rows(group, index) {
        let claim = &row.claim;
        out.push_str("| ");
        code_label_into(out, claim.label);
        match row.copies.len() {
            0 => {}
            1 => out.push_str(" and 1 copy"),
            n => {
                let _ = write!(out, " and {n} copies");
            }
        }
        out.push_str(" | ");
        figure_of_into(out, claim);
        out.push_str(" | ");
        out.push_str(claim.modality.as_str());
        out.push_str(" | ");
        escape_into(out, or_unknown(row.origin));
        out.push_str(" | ");
        escape_into(out, or_unknown(&claim.source));
        out.push_str(" | ");
        match claim.as_of {
            Some(date) => push_date(out, date),
            None => out.push_str("unknown"),
        }
        out.push_str(" | ");
        escape_into(out, &claim.sentence);
        out.push_str(" |\n");
    }
    out.push('\n');
    for origin in group.origins.iter().filter(|o| o.outlets.len() > 1) {
        let _ = writeln!(
            out,
            "- origin {}{} relayed by {} outlets: {}",
            escape(&origin.name),
            if origin.echo {
                " (the same unnamed copy)"
            } else {
                ""
            },
            origin.outlets.len(),
            escape(&view::names_shown(&origin.outlets))
        );
    }
    for line in view::set_aside_by_reason(group) {
        out.push_str("- set aside, ");
        for part in &line.reason {
            match part {
                ReasonPart::Text(text) => escape_into(out, text),
                ReasonPart::Claim(id) => code_into(out, &index.label_cow(id)),
                ReasonPart::Claims => out.push_str("another claim"),
            }
        }
        out.push_str(": ");
        id_list_into(out, &line.claims, index);
        out.push('\n');
    }
    for timeline in &group.timelines {
        out.push_str("- timeline of ");
        escape_into(out, &timeline.origin);
        out.push_str(": ");
        for (n, (id, date, value)) in timeline.entries.iter().enumerate() {
            if n > 0 {
                out.push_str(" → ");
            }
            format_number_into(out, *value);
            out.push_str(" on ");
            match date {
                Some(date) => push_date(out, *date),
                None => out.push_str("an unknown date"),
            }
            out.push_str(" (");
            index.with_id_label(id, |label| code_label_into(out, label));
            out.push(')');
        }
        out.push_str("; ");
        escape_into(out, &timeline.note);
        out.push('\n');
    }
    let mut quoted: FxHashSet<&str> = FxHashSet::default();
    for contradiction in &group.contradictions {
        let [a, b] = &contradiction.origins;
        match contradiction.origins_at_odds {
            Some(n) => {
                out.push_str("- **contradiction among ");
                push_count(out, n);
                out.push_str(" origins, furthest apart ");
            }
            None => out.push_str("- **contradiction, "),
        }
        escape_into(out, a);
        out.push_str(" ↔ ");
        escape_into(out, b);
        out.push_str("** (");
        out.push_str(kind_label(contradiction.kind));
        out.push_str(", ");
        out.push_str(contradiction.severity.as_str());
        out.push_str(" severity");
        if contradiction.count != 1 {
            out.push_str(", ");
            push_count(out, contradiction.count);
            out.push_str(" pairs of claims");
        }
        out.push_str("): ");
        escape_into(out, &contradiction.reason);
        out.push_str(". Claims: ");
        id_list_into(out, &contradiction.claims, index);
        out.push_str(".\n");
        // A denial's words, once per quantity: the first line naming it
        // quotes it (most quantities have no denial to look up).
        if index.denials.is_empty() {
            continue;
        }
        let denials: Vec<&Denial> = (contradiction.claims.iter())
            .filter_map(|id| id.with_text(|id| index.denials.get(id).copied()))
            .collect();
        if let Some(first) = denials.first()
            && quoted.insert(first.id.as_str())
        {
            let more = match denials.len() - 1 {
                0 => String::new(),
                n => format!(" (and {} more denials)", format_count(n)),
            };
            let _ = writeln!(out, "  - {}{more}", denial_quote(first, index));
        }
    }
    for id in view::lone_denials(group) {
        if let Some(denial) = index.denials.get(id) {
            let _ = writeln!(out, "- denial: {}", denial_quote(denial, index));
        }
    }
    // The table already ends with a blank line when no note follows it.
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// " Contradictions: 3 pairs of origins." for a quantity's heading; a
/// summary of many origins counts apart: " Contradictions: 1 among many
/// origins."
fn disputes_note(contradictions: &[ContradictionSummary]) -> String {
    let summaries = contradictions
        .iter()
        .filter(|c| c.origins_at_odds.is_some())
        .count();
    let mut parts = Vec::new();
    match contradictions.len() - summaries {
        0 => {}
        1 => parts.push("1 pair of origins".to_string()),
        n => parts.push(format!("{} pairs of origins", format_count(n))),
    }
    if summaries > 0 {
        parts.push(format!("{} among many origins", format_count(summaries)));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(" Contradictions: {}.", parts.join(" and "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentSummary;

    /// A writer that keeps each write apart.
    struct Pieces(Vec<Vec<u8>>);

    impl std::io::Write for Pieces {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.push(bytes.to_vec());
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_documents_table_is_written_in_bounded_pieces() {
        let documents: Vec<DocumentSummary> = (0..3000)
            .map(|n| DocumentSummary {
                id: format!("doc-{n:05}").into(),
                label: format!("outlet-2024-01-02-{n}").into(),
                path: format!("corpus/doc-{n:05}.txt"),
                url: None,
                language: "en".into(),
                source: "Outlet".into(),
                published: None,
                published_basis: None,
                claims: n,
            })
            .collect();
        let report = Report {
            documents_read: documents.len(),
            rows_read: 0,
            documents_skipped: 0,
            summary: Summary::default(),
            skipped: Vec::new(),
            documents,
            reliability: false,
            groups: Vec::new(),
            claims: Vec::new(),
            denials: Vec::new(),
        };
        let index = Index::new(&report);
        let mut pieces = Pieces(Vec::new());
        write_tail(&mut pieces, &report, &index, false).unwrap();
        assert!(pieces.0.len() > 2, "{}", pieces.0.len());
        // Each piece is the threshold and at most one more row.
        assert!(pieces.0.iter().all(|piece| piece.len() < TAIL_FLUSH + 256));
        let text = String::from_utf8(pieces.0.concat()).unwrap();
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| doc-")).collect();
        assert_eq!(rows.len(), 3000);
        for (n, row) in rows.iter().enumerate() {
            assert!(row.starts_with(&format!("| doc-{n:05} | `outlet-2024-01-02-{n}` |")));
        }
        assert_eq!(text.matches("## Documents").count(), 1);
        assert!(text.ends_with('\n') && text.contains("## How to read this report"));
    }
}
