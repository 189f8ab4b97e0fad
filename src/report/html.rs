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
//! is http or https ([`super::text::web_url`]); `lang` takes only plain language
//! tags; ids and anchors in the page are made from positions, never from
//! input text. A Content-Security-Policy forbids every script and every load
//! from elsewhere, so a mistake here could still run nothing.
//!
//! Invariant: it shows nothing the JSON form lacks; the same report gives the
//! same bytes on every machine.

mod quantity;

use std::collections::HashMap;
use std::fmt::Write;

use super::Report;
use super::text::{direction, inert_chars, language_tag, web_url};
use super::view::{self, Index};
use crate::model::Denial;
use crate::reconcile;
use quantity::{denial_evidence, render_group};

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

/// The page's stylesheet, inline: a report must read the same with no
/// network and no file beside it.
const STYLE: &str = include_str!("html/report.css");

/// Renders the report as one self-contained HTML page.
pub fn render_html(report: &Report) -> String {
    let index = Index::new(report);
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"generator\" content=\"crosscheck\">\n\
         <title>crosscheck report</title>\n<style>\n",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>crosscheck report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"facts\">{}</p>\n</header>",
        view::facts_sentence(report)
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
    let calm_quantities = summary.calm_quantities();
    if calm_quantities > view::CALM_QUANTITIES_SHOWN {
        let _ = writeln!(
            out,
            "<p class=\"meta\">{} more quantities, none with a contradiction, are listed below.</p>",
            super::format_count(calm_quantities - view::CALM_QUANTITIES_SHOWN)
        );
    }
    out.push_str("</section>\n");
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
         with the claims behind them and how many pairs of claims disagree.{}{}</p>\n<p>Claims are \
         labelled by their document (its outlet and publication date when its file name is a hash) \
         and their number in it; the JSON report gives each claim's id beside its label. The \
         method is explained in full in <code>docs/reconciliation.md</code>.</p>\n</section>",
        escape(&reconcile::METHOD.low),
        escape(&reconcile::METHOD.high),
        escape(&reconcile::METHOD.best),
        if view::has_many_origins_at_odds(&report.summary) {
            " Where more origins are compared at once than the rules' \
             <code>pairwise-origins</code>, one record counts the origins at odds and names the \
             two furthest apart."
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
