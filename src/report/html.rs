//! The HTML rendering of a report: one self-contained page a fact-checker can
//! read, print and publish from.
//!
//! Input: a [`Report`]. Output: one HTML document with its stylesheet inline
//! and a chart per quantity drawn as inline SVG ([`super::chart`]): no script,
//! no font, no image or style from elsewhere, so it reads the same offline,
//! from a file, or on paper. In order: the run in one line; the summary (each
//! quantity in a sentence, those with contradictions first, linked to their
//! section); each quantity in order of importance, with its consensus, its
//! chart and legend, its claims table (label, figure, modality, origin with
//! the source's own words, outlet linked to the article, date, the quote in
//! its own language and direction with the figure marked), what was set
//! aside and why, and its contradictions, one line per pair of origins with
//! the claims behind it; then the documents, what was skipped, and how to
//! read the report.
//!
//! Safe with hostile text: article text, front matter, file names and table
//! fields are data. Every such string goes through [`escape`] (which also
//! drops bidirectional controls and control characters) before it reaches an
//! element or a double-quoted attribute; a URL becomes a link only when it
//! is http or https ([`text::web_url`]); `lang` takes only plain language
//! tags; ids and anchors in the page are made from positions, never from
//! input text. A Content-Security-Policy forbids every script and every load
//! from elsewhere, so a mistake here could still run nothing.
//!
//! Invariant: it shows nothing the JSON form lacks; the same report gives the
//! same bytes on every machine.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::chart::{self, Band, Chart, DenialMark, Mark, Style};
use super::markdown::{consensus_line, kind_label};
use super::text::{direction, inert_chars, language_tag, web_url};
use super::view::{self, Index, ReasonPart};
use super::{GroupReport, Report, ReportClaim, figure_of, format_number};
use crate::model::{Denial, Modality, Qualifier};
use crate::reconcile::{self, ContradictionKind, point_of};

/// Text from the inputs, safe in an HTML element or a double-quoted
/// attribute: `&`, `<`, `>`, `"` and `'` as character references, control
/// characters as spaces, bidirectional controls dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in inert_chars(text) {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// `lang="…" dir="…"` for a text in `language` (a pack code such as "ar"):
/// the language when it is a plain tag, the direction from the text itself.
fn lang_dir(language: &str, text: &str) -> String {
    let dir = direction(text).as_str();
    match language_tag(language) {
        Some(tag) => format!(" lang=\"{}\" dir=\"{dir}\"", escape(tag)),
        None => format!(" dir=\"{dir}\""),
    }
}

/// Text from the inputs in a `<bdi>`, so a name in a right-to-left script
/// cannot reorder the line around it.
fn bdi(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

/// A link to `url` around `inner` (already HTML) when the URL is http or
/// https; `inner` alone otherwise.
fn link(url: Option<&str>, inner: &str) -> String {
    match url.and_then(web_url) {
        Some(url) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{inner}</a>",
            escape(url)
        ),
        None => inner.to_string(),
    }
}

fn or_unknown(text: &str) -> &str {
    if text.is_empty() { "unknown" } else { text }
}

fn date_text(date: Option<jiff::civil::Date>) -> String {
    date.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d2327; --muted: #5f6b73; --line: #d5dade; --soft: #f4f6f7; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", sans-serif; color: var(--ink); margin: 0 auto; max-width: 68rem; padding: 1.5rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
.facts, .meta { color: var(--muted); margin: .2rem 0; }
code { font: .85em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--soft); padding: 0 .25em; border-radius: 3px; }
#summary ol { padding-left: 1.6rem; }
#summary li { margin: .35rem 0; }
#summary li.disputed { border-left: 4px solid #c0392b; padding-left: .5rem; margin-left: -.9rem; }
section.quantity { border-top: 1px solid var(--line); padding-top: 1rem; margin-top: 1.5rem; }
.consensus { margin: .3rem 0; }
.badge { display: inline-block; font-size: .78rem; padding: 0 .45em; border-radius: 9px; background: var(--soft); border: 1px solid var(--line); margin-left: .3em; }
.badge.high { background: #fdecea; border-color: #e6a9a1; }
.badge.medium { background: #fff4e0; border-color: #e8c58a; }
figure { margin: .6rem 0; break-inside: avoid; }
svg.chart { width: 100%; height: auto; max-width: 52rem; display: block; }
svg.chart text { font: 11px system-ui, sans-serif; fill: var(--muted); }
svg.chart .grid { stroke: #eceff1; }
svg.chart .base, svg.chart .tick { stroke: #9aa5ad; }
svg.chart .divider { stroke: #9aa5ad; stroke-dasharray: 3 3; }
svg.chart .band rect { fill: #dfe4e8; }
svg.chart .band line { stroke: #6b7780; stroke-width: 2; }
svg.chart .mark { stroke-width: 2.2; fill: none; }
svg.chart .mark .range { stroke-linecap: round; }
svg.chart .mark.projection .range, svg.chart .mark.denied .range { stroke-dasharray: 5 3; }
svg.chart .mark.projection .point { fill: #fff; }
svg.chart .mark.denied .point { stroke-width: 2.6; }
svg.chart .denial path { stroke: #c0392b; stroke-width: 2.6; }
.o0 { stroke: #1f6fb2; fill: #1f6fb2; color: #1f6fb2; } .o1 { stroke: #d9711c; fill: #d9711c; color: #d9711c; }
.o2 { stroke: #2e8b3a; fill: #2e8b3a; color: #2e8b3a; } .o3 { stroke: #8e44ad; fill: #8e44ad; color: #8e44ad; }
.o4 { stroke: #b8860b; fill: #b8860b; color: #b8860b; } .o5 { stroke: #16a0a8; fill: #16a0a8; color: #16a0a8; }
.o6 { stroke: #c2185b; fill: #c2185b; color: #c2185b; } .o7 { stroke: #546e7a; fill: #546e7a; color: #546e7a; }
svg.chart .mark .point { stroke: inherit; }
ul.legend { list-style: none; padding: 0; margin: .2rem 0 .6rem; display: flex; flex-wrap: wrap; gap: .2rem 1rem; font-size: .85rem; }
ul.legend .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%; background: currentColor; margin-right: .35em; vertical-align: -.05em; }
ul.legend .key { color: var(--muted); }
ul.legend .name { color: var(--ink); }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; text-align: start; }
th { background: var(--soft); font-weight: 600; }
td.figure, td.label code { white-space: nowrap; }
td.quote { min-width: 18rem; }
.quote mark { background: #fff1a8; padding: 0 .1em; }
.wording { display: block; color: var(--muted); font-size: .85em; }
.copies { display: block; color: var(--muted); font-size: .85em; }
tr.projection td.figure, tr.denied td.figure { font-style: italic; }
ul.notes { padding-left: 1.2rem; }
ul.notes li { margin: .25rem 0; }
li.contradiction.high { list-style-type: "▲ "; }
.evidence { display: block; color: var(--muted); font-size: .88em; margin-top: .15rem; }
.url { overflow-wrap: anywhere; }
.unsafe { color: var(--muted); }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
a { color: #1f5f99; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
}
"#;

/// Renders the report as one self-contained HTML page.
pub fn render_html(report: &Report) -> String {
    let index = Index::new(report);
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"crosscheck\">\n\
         <title>crosscheck report</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>crosscheck report</h1>\n");
    let rows = if report.rows_read > 0 {
        format!(" Table rows read: {}.", report.rows_read)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<p class=\"facts\">Documents read: {}; skipped: {}.{rows} Claims: {}. Quantities: {}, {} with contradictions.</p>\n</header>",
        report.documents_read,
        report.documents_skipped,
        report.claims.len(),
        report.groups.len(),
        report.summary.with_contradictions
    );
    render_summary(&mut out, report);
    if !report.groups.is_empty() {
        out.push_str("<main id=\"quantities\">\n<h2>Quantities</h2>\n");
        for (n, group) in report.groups.iter().enumerate() {
            render_group(&mut out, group, n + 1, &index);
        }
        out.push_str("</main>\n");
    }
    render_unmatched_denials(&mut out, report, &index);
    render_documents(&mut out, report);
    render_skipped(&mut out, report);
    render_method(&mut out, report);
    out.push_str(
        "<footer>Written by crosscheck. Every figure here is in the JSON report too \
         (<code>crosscheck report --format json</code>).</footer>\n</body>\n</html>\n",
    );
    out
}

/// The anchor of the `n`-th quantity (from 1): made from its place, never
/// from its id, which comes from the inputs.
fn anchor(n: usize) -> String {
    format!("q{n}")
}

fn render_summary(out: &mut String, report: &Report) {
    let summary = &report.summary;
    if summary.items.is_empty() {
        return;
    }
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<ol>\n");
    let place: HashMap<&str, usize> = report
        .groups
        .iter()
        .enumerate()
        .map(|(n, g)| (g.id.as_str(), n + 1))
        .collect();
    let calm: Vec<_> = summary
        .items
        .iter()
        .filter(|i| i.disputes.is_empty())
        .collect();
    let shown = summary
        .items
        .iter()
        .filter(|i| !i.disputes.is_empty())
        .chain(calm.iter().take(view::CALM_QUANTITIES_SHOWN).copied());
    for item in shown {
        let rest = item
            .sentence
            .strip_prefix(&format!("{}: ", item.subject))
            .unwrap_or(&item.sentence);
        let class = if item.disputes.is_empty() {
            ""
        } else {
            " class=\"disputed\""
        };
        let n = place.get(item.group.as_str()).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "<li{class}><a href=\"#{}\"><strong>{}</strong></a>: {}</li>",
            anchor(n),
            bdi(&item.subject),
            escape(rest)
        );
    }
    out.push_str("</ol>\n");
    if calm.len() > view::CALM_QUANTITIES_SHOWN {
        let _ = writeln!(
            out,
            "<p class=\"meta\">{} more quantities, none with a contradiction, are listed below.</p>",
            calm.len() - view::CALM_QUANTITIES_SHOWN
        );
    }
    out.push_str("</section>\n");
}

/// The chart of a quantity: its claims, its periods' consensus, its denials.
fn chart_of(group: &GroupReport, index: &Index, legend: &[&str]) -> Chart {
    let origin_of = view::origins_by_claim(group);
    let place: HashMap<&str, usize> = legend.iter().enumerate().map(|(k, o)| (*o, k)).collect();
    let mut marks = Vec::new();
    for id in &group.claims {
        let (Some(claim), Some(interval)) =
            (index.claims.get(id.as_str()), group.intervals.get(id))
        else {
            continue;
        };
        let origin = origin_of.get(id.as_str()).copied().unwrap_or("");
        marks.push(Mark {
            origin: place.get(origin).copied().unwrap_or(0),
            date: claim.as_of,
            value: point_of(claim),
            low: interval.low,
            high: interval.high,
            open_below: claim.qualifier == Qualifier::AtMost,
            style: match claim.modality {
                Modality::Asserted => Style::Asserted,
                Modality::Projection => Style::Projection,
                Modality::Denied => Style::Denied,
            },
            title: format!(
                "{}: {} ({}) — {}, {}",
                claim.label,
                figure_of(claim),
                claim.modality.as_str(),
                or_unknown(origin),
                date_text(claim.as_of)
            ),
        });
    }
    let bands = group
        .periods
        .iter()
        .filter_map(|period| {
            let consensus = period.consensus.as_ref()?;
            Some(Band {
                from: period.from,
                to: period.to,
                low: consensus.low,
                best: consensus.best,
                high: consensus.high,
                title: format!("consensus: {}", consensus_line(consensus)),
            })
        })
        .collect();
    let denials = group
        .denials
        .iter()
        .filter_map(|id| index.denials.get(id.as_str()))
        .map(|denial| DenialMark {
            date: denial.as_of,
            title: format!(
                "{}: denied by {}, {}",
                index.label(&denial.id),
                or_unknown(&denial.attribution),
                date_text(denial.as_of)
            ),
        })
        .collect();
    let description = match &group.consensus {
        Some(consensus) => format!(
            "{}: each origin's figures over time; consensus {}",
            group.subject,
            consensus_line(consensus)
        ),
        None => format!(
            "{}: each origin's figures over time; no consensus",
            group.subject
        ),
    };
    Chart {
        description,
        origins: legend.len(),
        marks,
        bands,
        denials,
    }
}

fn render_group(out: &mut String, group: &GroupReport, n: usize, index: &Index) {
    let id = anchor(n);
    let _ = writeln!(
        out,
        "<section class=\"quantity\" id=\"{id}\">\n<h3>{} <code>{}</code>",
        bdi(&group.subject),
        escape(&group.id)
    );
    if let Some(severity) = group.worst_severity() {
        let _ = write!(
            out,
            "<span class=\"badge {severity}\">contradictions: {}, {severity} severity</span>",
            group.contradictions.len()
        );
    }
    out.push_str("</h3>\n");
    let kind_note = if group.running_total {
        "running total"
    } else {
        "level"
    };
    let _ = writeln!(
        out,
        "<p class=\"meta\">Kind: {} ({kind_note}). Claims: {}. Independent origins: {}.</p>",
        escape(&group.kind),
        group.claims.len(),
        group.origins.len()
    );
    match &group.consensus {
        Some(consensus) => {
            let _ = writeln!(
                out,
                "<p class=\"consensus\"><strong>Consensus</strong>: {}.</p>",
                escape(&consensus_line(consensus))
            );
        }
        None => out.push_str(
            "<p class=\"consensus\"><strong>Consensus</strong>: none (no asserted figure).</p>\n",
        ),
    }
    if group.periods.len() > 1 {
        out.push_str("<ul class=\"notes\">\n");
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
            let _ = writeln!(out, "<li>Period {when}: {}</li>", escape(&line));
        }
        out.push_str("</ul>\n");
    }
    let legend: Vec<&str> = group.origins.iter().map(|o| o.name.as_str()).collect();
    let chart = chart_of(group, index, &legend);
    out.push_str("<figure>\n");
    out.push_str(&chart::render_svg(&chart, &id));
    out.push_str("\n<figcaption><ul class=\"legend\">");
    for (k, origin) in legend.iter().enumerate() {
        let _ = write!(
            out,
            "<li class=\"o{}\"><span class=\"swatch\"></span><span class=\"name\">{}</span></li>",
            k % chart::PALETTE,
            bdi(or_unknown(origin))
        );
    }
    out.push_str(
        "<li class=\"key\">● asserted · ○ dashed: projection · ✕ dashed: reported as denied · \
         ✕ at the top: denial · ↑ open above · ↓ “up to” · grey band: consensus low to high, line at best</li>",
    );
    out.push_str("</ul></figcaption>\n</figure>\n");
    render_claims_table(out, group, n, index);
    render_notes(out, group, n, index);
    out.push_str("</section>\n");
}

/// The anchor of a claim's row: the quantity's place and the row's.
fn row_anchor(n: usize, row: usize) -> String {
    format!("q{n}-c{}", row + 1)
}

fn render_claims_table(out: &mut String, group: &GroupReport, n: usize, index: &Index) {
    out.push_str(
        "<table class=\"claims\">\n<thead><tr><th>claim</th><th>figure</th><th>modality</th>\
         <th>origin</th><th>outlet</th><th>as of</th><th>quote</th></tr></thead>\n<tbody>\n",
    );
    for (k, row) in view::claim_rows(group, index).iter().enumerate() {
        let claim = row.claim;
        let copies = match row.copies.len() {
            0 => String::new(),
            count => {
                let labels: Vec<&str> = row.copies.iter().map(|c| c.label.as_str()).collect();
                let (shown, more) = view::shown(&labels);
                let mut title = shown.join(", ");
                if more > 0 {
                    let _ = write!(title, " and {more} more");
                }
                format!(
                    "<span class=\"copies\" title=\"{}\">and {count} cop{}</span>",
                    escape(&title),
                    if count == 1 { "y" } else { "ies" }
                )
            }
        };
        let wording = if !claim.attribution_text.is_empty() && claim.attribution_text != row.origin
        {
            format!(
                "<span class=\"wording\">as written: <bdi{}>{}</bdi></span>",
                lang_dir(&claim.language, &claim.attribution_text),
                escape(&claim.attribution_text)
            )
        } else {
            String::new()
        };
        let outlet = link(claim.url.as_deref(), &bdi(or_unknown(&claim.source)));
        let _ = writeln!(
            out,
            "<tr id=\"{}\" class=\"{}\"><td class=\"label\"><code>{}</code>{copies}</td><td class=\"figure\">{}</td>\
             <td>{}</td><td>{}{wording}</td><td>{outlet}</td><td>{}</td><td class=\"quote\">{}</td></tr>",
            row_anchor(n, k),
            claim.modality.as_str(),
            escape(&claim.label),
            escape(&figure_of(claim)),
            claim.modality.as_str(),
            bdi(or_unknown(row.origin)),
            date_text(claim.as_of),
            quote(claim)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The claim's sentence in its language and direction, its figure marked.
fn quote(claim: &ReportClaim) -> String {
    let sentence = &claim.sentence;
    let attributes = lang_dir(&claim.language, sentence);
    let marked = match sentence.find(claim.text.as_str()) {
        Some(at) if !claim.text.is_empty() => format!(
            "{}<mark>{}</mark>{}",
            escape(&sentence[..at]),
            escape(&claim.text),
            escape(&sentence[at + claim.text.len()..])
        ),
        _ => escape(sentence),
    };
    format!("<span{attributes}>{marked}</span>")
}

/// Ids as links to their rows (or as labels, for denials), at most
/// [`view::IDS_SHOWN`], then how many more.
fn id_links(ids: &[&str], rows: &HashMap<&str, String>, index: &Index) -> String {
    let (shown, more) = view::shown(ids);
    let mut text = shown
        .iter()
        .map(|id| {
            let label = format!("<code>{}</code>", escape(&index.label(id)));
            match rows.get(id) {
                Some(anchor) => format!("<a href=\"#{anchor}\">{label}</a>"),
                None => label,
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    if more > 0 {
        let _ = write!(text, " and {more} more");
    }
    text
}

fn denial_evidence(denial: &Denial, index: &Index) -> String {
    format!(
        "<span class=\"evidence\">«<bdi{}>{}</bdi>» — {}, via {}, {} (<code>{}</code>)</span>",
        lang_dir("", &denial.sentence),
        escape(&denial.sentence),
        bdi(or_unknown(&denial.attribution)),
        bdi(or_unknown(&denial.source)),
        date_text(denial.as_of),
        escape(&index.label(&denial.id))
    )
}

/// Relayed origins, set-aside claims by reason, timelines, contradictions
/// (one line per pair of origins) and denials no contradiction names.
fn render_notes(out: &mut String, group: &GroupReport, n: usize, index: &Index) {
    let mut rows: HashMap<&str, String> = HashMap::new();
    for (k, row) in view::claim_rows(group, index).iter().enumerate() {
        for claim in std::iter::once(&row.claim).chain(&row.copies) {
            rows.insert(claim.claim.id.as_str(), row_anchor(n, k));
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for origin in group.origins.iter().filter(|o| o.outlets.len() > 1) {
        lines.push(format!(
            "<li>Origin {}{} relayed by {} outlets: {}</li>",
            bdi(&origin.name),
            if origin.echo {
                " (the same unnamed copy)"
            } else {
                ""
            },
            origin.outlets.len(),
            escape(&origin.outlets.join(", "))
        ));
    }
    for line in view::set_aside_by_reason(group) {
        let reason: String = line
            .reason
            .iter()
            .map(|part| match part {
                ReasonPart::Text(text) => escape(text),
                ReasonPart::Claim(id) => id_links(&[id], &rows, index),
                ReasonPart::Claims => "another claim".to_string(),
            })
            .collect();
        lines.push(format!(
            "<li>Set aside, {reason}: {}</li>",
            id_links(&line.claims, &rows, index)
        ));
    }
    for timeline in &group.timelines {
        let steps: Vec<String> = timeline
            .entries
            .iter()
            .map(|(id, date, value)| {
                format!(
                    "{} on {} ({})",
                    format_number(*value),
                    date_text(*date),
                    id_links(&[id.as_str()], &rows, index)
                )
            })
            .collect();
        lines.push(format!(
            "<li>Timeline of {}: {}; {}</li>",
            bdi(&timeline.origin),
            steps.join(" → "),
            escape(&timeline.note)
        ));
    }
    let mut quoted: HashSet<&str> = HashSet::new();
    for contradiction in &group.contradictions {
        let [a, b] = &contradiction.origins;
        let ids: Vec<&str> = contradiction.claims.iter().map(String::as_str).collect();
        let pairs = match contradiction.count {
            1 => String::new(),
            count => format!(", {count} pairs of claims"),
        };
        let mut line = format!(
            "<li class=\"contradiction {}\"><strong>{} ↔ {}</strong> \
             <span class=\"badge {}\">{}, {} severity{pairs}</span> {}. Claims: {}.",
            contradiction.severity,
            bdi(a),
            bdi(b),
            contradiction.severity,
            kind_label(contradiction.kind),
            contradiction.severity,
            escape(&contradiction.reason),
            id_links(&ids, &rows, index)
        );
        if contradiction.kind == ContradictionKind::Denial
            && let Some(denial) = ids.iter().find_map(|id| index.denials.get(id))
            && quoted.insert(denial.id.as_str())
        {
            line.push_str(&denial_evidence(denial, index));
        }
        line.push_str("</li>");
        lines.push(line);
    }
    for id in view::lone_denials(group) {
        if let Some(denial) = index.denials.get(id) {
            lines.push(format!(
                "<li>Denial: {}</li>",
                denial_evidence(denial, index)
            ));
        }
    }
    if !lines.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str("</ul>\n");
    }
}

fn render_unmatched_denials(out: &mut String, report: &Report, index: &Index) {
    let unmatched: Vec<&Denial> = report
        .denials
        .iter()
        .filter(|d| d.group.is_empty())
        .collect();
    if unmatched.is_empty() {
        return;
    }
    out.push_str("<section id=\"denials\">\n<h2>Denials with no figure to contradict</h2>\n<ul class=\"notes\">\n");
    for denial in unmatched {
        let _ = writeln!(
            out,
            "<li>{}: {}</li>",
            bdi(&denial.subject),
            denial_evidence(denial, index)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn render_documents(out: &mut String, report: &Report) {
    if report.documents.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"documents\">\n<h2>Documents</h2>\n<table>\n<thead><tr><th>document</th>\
         <th>label</th><th>language</th><th>outlet</th><th>published</th><th>claims</th>\
         <th>source URL</th></tr></thead>\n<tbody>\n",
    );
    for document in &report.documents {
        let published = match (&document.published, document.published_basis) {
            (Some(date), Some(basis)) => format!(
                "{date} ({})",
                serde_json::to_value(basis)
                    .ok()
                    .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
                    .unwrap_or_default()
            ),
            _ => "unknown".to_string(),
        };
        let url = match document.url.as_deref() {
            Some(url) if web_url(url).is_some() => {
                format!(
                    "<span class=\"url\">{}</span>",
                    link(Some(url), &escape(url))
                )
            }
            Some(url) => format!(
                "<span class=\"url unsafe\">{} (not a web address; not linked)</span>",
                escape(url)
            ),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{url}</td></tr>",
            escape(&document.id),
            escape(&document.label),
            escape(&document.language),
            bdi(or_unknown(&document.source)),
            published,
            document.claims
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn render_skipped(out: &mut String, report: &Report) {
    if report.skipped.is_empty() {
        return;
    }
    out.push_str("<section id=\"skipped\">\n<h2>Skipped</h2>\n<ul class=\"notes\">\n");
    for skipped in &report.skipped {
        let _ = writeln!(
            out,
            "<li><code>{}</code>: {}</li>",
            escape(&skipped.path),
            escape(&skipped.reason)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn render_method(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<section id=\"method\">\n<h2>How to read this report</h2>\n<p>Each quantity groups the \
         claims that measure the same thing across documents; quantities come in order of \
         importance: those with contradictions first (the most severe first), then by the number \
         of independent origins, then of claims. Each claim is read as an interval (a round figure \
         as the range its rounding implies, “about” with the tolerance in the rules, “at least” open \
         above, “up to” down to zero). Each origin (the source a text names, or the outlet itself, \
         with copies relayed by several outlets counted once) counts once, with its latest figure. \
         Claims are compared only within the time window of the rules. Consensus: the largest set \
         of origins whose intervals share a point; low is {}, high {}, best {}. Plans, forecasts \
         and denials are shown but set aside. Contradictions are shown once per pair of origins, \
         with the claims behind them and how many pairs of claims disagree.{}</p>\n<p>Claims are \
         labelled by their document (its outlet and publication date when its file name is a hash) \
         and their number in it; the JSON report gives each claim's id beside its label. The \
         method is explained in full in <code>docs/reconciliation.md</code>.</p>\n</section>",
        escape(&reconcile::METHOD.low),
        escape(&reconcile::METHOD.high),
        escape(&reconcile::METHOD.best),
        if report.reliability {
            " Origins are weighted by how often their figures agree with the consensus of other quantities."
        } else {
            ""
        }
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_become_references() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{202E}b\nc\u{2067}d"), "ab cd");
        let plain = "وقال 12 ألف جندي — South Korea's";
        assert_eq!(escape(plain), "وقال 12 ألف جندي — South Korea&#39;s");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            link(Some("https://example.com/?a=1&b=\"2\""), "x"),
            "<a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer nofollow\">x</a>"
        );
        assert_eq!(link(Some("javascript:alert(1)"), "x"), "x");
        assert_eq!(link(Some("JAVASCRIPT:alert(1)"), "x"), "x");
        assert_eq!(link(None, "x"), "x");
    }

    #[test]
    fn quotes_carry_their_language_and_direction() {
        assert_eq!(lang_dir("ar", "12 ألف"), " lang=\"ar\" dir=\"rtl\"");
        assert_eq!(lang_dir("en", "12,000 troops"), " lang=\"en\" dir=\"ltr\"");
        assert_eq!(lang_dir("x\"y", "troops"), " dir=\"ltr\"");
    }

    #[test]
    fn the_page_stands_alone() {
        let report = Report {
            documents_read: 0,
            rows_read: 0,
            documents_skipped: 0,
            summary: Default::default(),
            skipped: Vec::new(),
            documents: Vec::new(),
            reliability: false,
            groups: Vec::new(),
            claims: Vec::new(),
            denials: Vec::new(),
        };
        let page = render_html(&report);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("default-src 'none'"));
        for outside in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
            assert!(!page.contains(outside), "{outside}");
        }
    }
}
