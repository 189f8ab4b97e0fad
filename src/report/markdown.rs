//! The Markdown rendering of a report, for people.
//!
//! Input: a [`Report`]. Output: Markdown text: the documents read, then each
//! quantity with its consensus line, its claims as a table (figure, modality,
//! origin, outlet, date, quote), the outlets that relayed an origin, what was
//! set aside and why, timelines and contradictions with their quotes.
//!
//! Invariant: it shows nothing the JSON form lacks; numbers are printed the
//! same way on every machine ([`format_number`]).

use std::collections::HashMap;
use std::fmt::Write;

use jiff::civil::Date;

use super::{DocumentSummary, GroupReport, Report, SkippedRecord, format_number};
use crate::model::{Claim, DateBasis, Denial, Qualifier};
use crate::reconcile::{self, Consensus};

/// A claim's figure as a reader says it: "about 12,000", "10,000–12,000".
pub fn figure_of(claim: &Claim) -> String {
    let value = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    let figure = match claim.qualifier {
        Qualifier::Range => format!("{}–{}", value(claim.low), value(claim.high)),
        Qualifier::Exact => value(claim.value),
        Qualifier::About => format!("about {}", value(claim.value)),
        Qualifier::AtLeast => format!("at least {}", value(claim.value)),
        Qualifier::AtMost => format!("up to {}", value(claim.value)),
    };
    if claim.vague {
        format!("{figure} (vague)")
    } else {
        figure
    }
}

/// The bytes [`escape`] keeps as they are wherever they stand: printable
/// ASCII but the marks it escapes (`_` and `#` only in some places).
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut byte = 0x20;
    while byte < 0x7f {
        plain[byte] = true;
        byte += 1;
    }
    let marks = b"\\`*[]<>|~&$@_#";
    let mut at = 0;
    while at < marks.len() {
        plain[marks[at] as usize] = false;
        at += 1;
    }
    plain
};

/// Text from the inputs (article text, front matter, file names, table
/// fields, names from the rules), made inert in Markdown: it renders as
/// written and can neither open markup nor leave its line or table cell.
///
/// - Line breaks and other control characters become spaces.
/// - Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
///   U+2066–U+2069) are dropped, so a quote cannot reorder the text around
///   it; the marks U+200E, U+200F and U+061C stay.
/// - Characters that open inline markup are escaped with a backslash: `\`,
///   `` ` ``, `*`, `[`, `]`, `<`, `>`, `|`, `~`, `&`, `$` and `@` (no emphasis,
///   link, image, raw HTML such as `<script>` or `<img onerror>`, entity, math
///   or e-mail autolink can form), `_` unless it stands between two letters
///   or digits, and `#` after a space or at the start.
///
/// With `[`, `<` and `@` escaped, the only links a renderer can still make of
/// the text are bare `http://`, `https://` and `www.` addresses.
pub fn escape(text: &str) -> String {
    // Most text is plain: ASCII with no mark to escape and no control.
    if text.bytes().all(|b| PLAIN[b as usize]) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        let next = chars.peek().copied();
        match ch {
            _ if is_bidi_control(ch) => continue,
            _ if ch.is_control() => out.push(' '),
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '@' => {
                out.push('\\');
                out.push(ch);
            }
            '_' if !(previous.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            '#' if previous.is_none_or(char::is_whitespace) => out.push_str("\\#"),
            _ => out.push(ch),
        }
        previous = Some(ch);
    }
    out
}

/// An id or a path in a code span when it holds nothing but letters, digits
/// and plain punctuation (as ids made from the rules do); anything else
/// (`<`, `&`, backticks, controls...) is shown as [`escape`]d text instead,
/// so nothing markup-like ever stands raw in the Markdown.
pub fn code(text: &str) -> String {
    let plain = text
        .chars()
        .all(|ch| ch.is_alphanumeric() || " -_.,:;/#+()=%'\"".contains(ch));
    if plain && !text.is_empty() {
        format!("`{text}`")
    } else {
        escape(text)
    }
}

/// Explicit bidirectional formatting: embeddings, overrides and isolates.
fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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

/// The claims and denials of a report, by id.
pub(super) struct Lookup<'r> {
    claims: HashMap<&'r str, &'r Claim>,
    denials: HashMap<&'r str, &'r Denial>,
}

impl<'r> Lookup<'r> {
    pub(super) fn new(claims: &'r [Claim], denials: &'r [Denial]) -> Lookup<'r> {
        Lookup {
            claims: claims.iter().map(|c| (c.id.as_str(), c)).collect(),
            denials: denials.iter().map(|d| (d.id.as_str(), d)).collect(),
        }
    }

    /// "about 12,000 (South Korean intelligence, via Outlet, 2024-10-24): «quote»"
    fn quote(&self, id: &str, origins: &HashMap<&str, &str>) -> String {
        if let Some(claim) = self.claims.get(id) {
            let origin = origins.get(id).copied().unwrap_or("");
            let mut text = format!(
                "{} — {}, via {}, as of {}",
                figure_of(claim),
                escape(or_unknown(origin)),
                escape(or_unknown(&claim.source)),
                date_or_unknown(claim.as_of),
            );
            if !claim.sentence.is_empty() {
                let _ = write!(text, ": «{}»", escape(&claim.sentence));
            }
            return text;
        }
        if let Some(denial) = self.denials.get(id) {
            return format!(
                "denial — {}, via {}, as of {}: «{}»",
                escape(or_unknown(&denial.attribution)),
                escape(or_unknown(&denial.source)),
                date_or_unknown(denial.as_of),
                escape(&denial.sentence)
            );
        }
        escape(id)
    }
}

/// Renders the report as Markdown.
pub fn render_markdown(report: &Report) -> String {
    let mut out = String::new();
    let lookup = Lookup::new(&report.claims, &report.denials);
    render_head(
        &mut out,
        &Head {
            documents_read: report.documents_read,
            documents_skipped: report.documents_skipped,
            rows_read: report.rows_read,
            claims: report.claims.len(),
            groups: report.groups.len(),
            skipped: &report.skipped,
            documents: &report.documents,
            reliability: report.reliability,
        },
    );
    for group in &report.groups {
        render_group(&mut out, group, &lookup);
    }
    render_tail(&mut out, &report.denials);
    out
}

/// What a report says before its quantities.
pub(super) struct Head<'a> {
    pub documents_read: usize,
    pub documents_skipped: usize,
    pub rows_read: usize,
    pub claims: usize,
    pub groups: usize,
    pub skipped: &'a [SkippedRecord],
    pub documents: &'a [DocumentSummary],
    pub reliability: bool,
}

/// Everything before the first quantity: counts, skipped files, how to
/// read it, the documents, and the heading of the quantities.
pub(super) fn render_head(out: &mut String, head: &Head) {
    let _ = writeln!(out, "# crosscheck report\n");
    let rows = if head.rows_read > 0 {
        format!(" Table rows read: {}.", head.rows_read)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "Documents read: {}; skipped: {}.{rows} Claims: {}. Quantities: {}.\n",
        head.documents_read, head.documents_skipped, head.claims, head.groups
    );
    for skipped in head.skipped {
        let _ = writeln!(
            out,
            "- skipped {}: {}",
            code(&skipped.path),
            escape(&skipped.reason)
        );
    }
    if !head.skipped.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "How to read it: each quantity groups the claims that measure the same thing across documents. \
         Each claim is read as an interval (a round figure as the range its rounding implies, \"about\" \
         with the tolerance in the rules, \"at least\" open above, \"up to\" down to zero). Each origin \
         (the source a text names, or the outlet itself, with copies relayed by several outlets counted \
         once) counts once, with its latest figure. Claims are compared only within the time window of \
         the rules. Consensus: the largest set of origins whose intervals share a point; low is {}, high \
         {}, best {}. Plans, forecasts and denials are shown but set aside.{}\n",
        reconcile::METHOD.low,
        reconcile::METHOD.high,
        reconcile::METHOD.best,
        if head.reliability {
            " Origins are weighted by how often their figures agree with the consensus of other quantities."
        } else {
            ""
        }
    );
    if !head.documents.is_empty() {
        render_documents(out, head.documents);
    }
    let _ = writeln!(out, "## Quantities\n");
}

/// Everything after the last quantity: denials no quantity matches.
pub(super) fn render_tail(out: &mut String, denials: &[Denial]) {
    let unmatched: Vec<&Denial> = denials.iter().filter(|d| d.group.is_empty()).collect();
    if !unmatched.is_empty() {
        let _ = writeln!(out, "## Denials with no figure to contradict\n");
        for denial in unmatched {
            let _ = writeln!(
                out,
                "- {} ({}): {}, via {}: «{}»",
                escape(&denial.id),
                escape(&denial.subject),
                escape(or_unknown(&denial.attribution)),
                escape(or_unknown(&denial.source)),
                escape(&denial.sentence)
            );
        }
        out.push('\n');
    }
}

fn render_documents(out: &mut String, documents: &[DocumentSummary]) {
    let _ = writeln!(out, "## Documents\n");
    let _ = writeln!(out, "| document | language | outlet | published | claims |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for document in documents {
        let published = match (&document.published, document.published_basis) {
            (Some(date), Some(basis)) => format!("{date} ({})", basis_label(basis)),
            _ => "unknown".to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&document.id),
            cell(&document.language),
            cell(or_unknown(&document.source)),
            published,
            document.claims
        );
    }
    out.push('\n');
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

fn consensus_line(consensus: &Consensus) -> String {
    let high = consensus.high.map_or("open".to_string(), format_number);
    let support = match consensus.origins_total {
        1 => "single origin".to_string(),
        total => format!(
            "{}: {} of {total} origins agree",
            consensus.confidence.label(),
            consensus.origins
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

pub(super) fn render_group(out: &mut String, group: &GroupReport, lookup: &Lookup) {
    let result = &group.reconciliation;
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
    let _ = writeln!(
        out,
        "Kind: {} ({kind_note}). Claims: {}. Independent origins: {}.\n",
        escape(&group.kind),
        group.claims.len(),
        result.origins.len()
    );
    match &result.consensus {
        Some(consensus) => {
            let _ = writeln!(out, "**Consensus**: {}.\n", consensus_line(consensus));
        }
        None => {
            let _ = writeln!(out, "**Consensus**: none (no asserted figure).\n");
        }
    }
    if result.periods.len() > 1 {
        let _ = writeln!(out, "Periods (claims are compared only within one):\n");
        for period in &result.periods {
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
    let origin_of: HashMap<&str, &str> = result
        .origins
        .iter()
        .flat_map(|o| o.claims.iter().map(move |c| (c.as_str(), o.name.as_str())))
        .collect();
    let _ = writeln!(
        out,
        "| claim | figure | modality | origin | outlet | as of | quote |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for id in &group.claims {
        let Some(claim) = lookup.claims.get(id.as_str()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(id),
            figure_of(claim),
            claim.modality.as_str(),
            cell(or_unknown(
                origin_of.get(id.as_str()).copied().unwrap_or("")
            )),
            cell(or_unknown(&claim.source)),
            date_or_unknown(claim.as_of),
            cell(&claim.sentence)
        );
    }
    out.push('\n');
    let relayed: Vec<_> = result
        .origins
        .iter()
        .filter(|o| o.outlets.len() > 1)
        .collect();
    for origin in relayed {
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
            escape(&origin.outlets.join(", "))
        );
    }
    for aside in &result.set_aside {
        let _ = writeln!(
            out,
            "- set aside {}: {}",
            escape(&aside.claim),
            escape(&aside.reason)
        );
    }
    for timeline in &result.timelines {
        let steps: Vec<String> = timeline
            .entries
            .iter()
            .map(|(id, date, value)| {
                format!(
                    "{} on {} ({})",
                    format_number(*value),
                    date.map_or_else(|| "an unknown date".to_string(), |d| d.to_string()),
                    escape(id)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "- timeline of {}: {}; {}",
            escape(&timeline.origin),
            steps.join(" → "),
            escape(&timeline.note)
        );
    }
    for contradiction in &result.contradictions {
        let pairs = if contradiction.count > 1
            && contradiction.kind != reconcile::ContradictionKind::Denial
        {
            format!(
                " ({} pairs of claims)",
                format_number(contradiction.count as f64)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "- **contradiction** ({} severity): {}{pairs}",
            contradiction.severity,
            escape(&contradiction.reason)
        );
        // A denial quotes every figure it denies; between two origins, the
        // first claim of each is quoted and the others named.
        let mut quoted: Vec<&str> = Vec::new();
        let mut others: Vec<String> = Vec::new();
        for id in &contradiction.claims {
            let origin = origin_of.get(id.as_str()).copied();
            let first_of_origin = contradiction.kind == reconcile::ContradictionKind::Denial
                || origin.is_none()
                || !quoted.iter().any(|q| origin_of.get(q).copied() == origin);
            if first_of_origin {
                quoted.push(id);
                let _ = writeln!(out, "  - {}: {}", escape(id), lookup.quote(id, &origin_of));
            } else {
                others.push(escape(id));
            }
        }
        if !others.is_empty() {
            let _ = writeln!(out, "  - and {}", others.join(", "));
        }
    }
    let denied: std::collections::HashSet<&str> = result
        .contradictions
        .iter()
        .filter(|c| c.kind == reconcile::ContradictionKind::Denial)
        .flat_map(|c| c.claims.iter().map(String::as_str))
        .collect();
    for id in &result.denials {
        let already = denied.contains(id.as_str());
        if !already {
            let _ = writeln!(
                out,
                "- denial {}: {}",
                escape(id),
                lookup.quote(id, &origin_of)
            );
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_plain_text_kept() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            escape("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(escape("a|b\nc\rd\te"), "a\\|b c d e");
        assert_eq!(
            escape("*bold* `code` ~x~ &amp; $5 a@b.c"),
            "\\*bold\\* \\`code\\` \\~x\\~ \\&amp; \\$5 a\\@b.c"
        );
        assert_eq!(escape("# 1 #2 x_y _z_"), "\\# 1 \\#2 x_y \\_z\\_");
        assert_eq!(escape("abc\u{202E}def\u{2066}g\u{200F}"), "abcdefg\u{200F}");
        // Ordinary text, of any script, stays as written.
        let plain = "South Korea's 11,000 soldiers (about 12.5%) — وقال 12 ألف جندي";
        assert_eq!(escape(plain), plain);
        assert_eq!(escape("001_013708df5556b795#2"), "001_013708df5556b795#2");
    }

    #[test]
    fn only_plain_ids_go_in_code_spans() {
        assert_eq!(
            code("personnel-north-korea-soldiers"),
            "`personnel-north-korea-soldiers`"
        );
        assert_eq!(code("fixtures/seeds/a.csv:8"), "`fixtures/seeds/a.csv:8`");
        assert_eq!(code("a`b<i>"), "a\\`b\\<i\\>");
        assert_eq!(code(""), "");
    }
}
