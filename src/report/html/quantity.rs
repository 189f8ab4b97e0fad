//! One quantity's section of the HTML page: its consensus, its chart and
//! legend, its claims table, and its notes (what was set aside and why,
//! timelines, contradictions one line per pair of origins, denials).
//!
//! Everything from the inputs goes through the page's [`escape`] (or
//! [`bdi`], [`link`], [`lang_dir`], which escape too); anchors are made from
//! positions, never from input text.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write};

use indexmap::IndexMap;

use super::{anchor, bdi, date_text, escape, lang_dir, link, or_unknown};
use crate::model::{Claim, Denial, Modality, Qualifier};
use crate::reconcile::{ContradictionKind, point_of};
use crate::report::chart::{self, Band, Chart, DenialMark, Mark, Style};
use crate::report::markdown::{consensus_line, kind_label};
use crate::report::view::{self, Index, ReasonPart};
use crate::report::{GroupReport, figure_of, format_count, format_number};

/// The chart of a quantity: its claims, its periods' consensus, its denials.
fn chart_of(group: &GroupReport, index: &Index, legend: &[&str]) -> Chart {
    let place: HashMap<&str, usize> = legend.iter().enumerate().map(|(k, o)| (*o, k)).collect();
    // One mark per row of the claims table: copies of a claim would be drawn
    // on top of each other, and the page would grow with them.
    let mut marks = Vec::new();
    for row in view::claim_rows(group, index) {
        let claim = &row.claim;
        let Some(interval) = group.intervals.get(&claim.claim.id) else {
            continue;
        };
        let copies = match row.copies.len() {
            0 => String::new(),
            1 => " and 1 copy".to_string(),
            n => format!(" and {n} copies"),
        };
        marks.push(Mark {
            origin: place.get(row.origin).copied().unwrap_or(0),
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
                "{}{copies}: {} ({}) — {}, {}",
                claim.label,
                figure_of(claim),
                claim.modality.as_str(),
                or_unknown(row.origin),
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
    // Denials by who denies and when: copies of one denial are one cross.
    let mut denials: IndexMap<(Option<jiff::civil::Date>, &str), (String, usize)> = IndexMap::new();
    for denial in group
        .denials
        .iter()
        .filter_map(|id| index.denials.get(id.as_str()))
    {
        denials
            .entry((denial.as_of, denial.attribution.as_str()))
            .or_insert_with(|| (index.label(&denial.id), 0))
            .1 += 1;
    }
    let denials = denials
        .into_iter()
        .map(|((date, attribution), (label, count))| DenialMark {
            date,
            title: format!(
                "{label}{}: denied by {}, {}",
                match count {
                    1 => String::new(),
                    n => format!(" and {} more", format_count(n - 1)),
                },
                or_unknown(attribution),
                date_text(date)
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

pub(super) fn render_group(out: &mut String, group: &GroupReport, n: usize, index: &Index) {
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
        format_count(group.claims.len()),
        format_count(group.origins.len())
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
        let claim = &row.claim;
        let copies = match row.copies.len() {
            0 => String::new(),
            count => {
                let labels: Vec<Cow<str>> = row.copies.iter().map(|c| c.label.text()).collect();
                let (shown, more) = view::shown(&labels);
                let mut title = shown.join(", ");
                if more > 0 {
                    let _ = write!(title, " and {} more", format_count(more));
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
        let outlet = link(claim.url, &bdi(or_unknown(&claim.source)));
        let _ = writeln!(
            out,
            "<tr id=\"{}\" class=\"{}\"><td class=\"label\"><code>{}</code>{copies}</td><td class=\"figure\">{}</td>\
             <td>{}</td><td>{}{wording}</td><td>{outlet}</td><td class=\"date\">{}</td><td class=\"quote\">{}</td></tr>",
            row_anchor(n, k),
            claim.modality.as_str(),
            escape(&claim.label.text()),
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
fn quote(claim: &Claim) -> String {
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
/// Only the ids shown are written out (a line may name thousands).
fn id_links<T: fmt::Display>(ids: &[T], rows: &HashMap<String, String>, index: &Index) -> String {
    let (shown, more) = view::shown(ids);
    let mut text = shown
        .iter()
        .map(|id| {
            let id = id.to_string();
            let label = format!("<code>{}</code>", escape(&index.label(&id)));
            match rows.get(&id) {
                Some(anchor) => format!("<a href=\"#{anchor}\">{label}</a>"),
                None => label,
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    if more > 0 {
        let _ = write!(text, " and {} more", format_count(more));
    }
    text
}

pub(super) fn denial_evidence(denial: &Denial, index: &Index) -> String {
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
    // By the ids' texts: the page is built whole, and its ids are written out anyway.
    let mut rows: HashMap<String, String> = HashMap::new();
    for (k, row) in view::claim_rows(group, index).iter().enumerate() {
        for claim in std::iter::once(&row.claim).chain(&row.copies) {
            rows.insert(claim.claim.id.to_string(), row_anchor(n, k));
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
            escape(&view::names_shown(&origin.outlets))
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
                    id_links(&[id], &rows, index)
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
        let pairs = match contradiction.count {
            1 => String::new(),
            count => format!(", {} pairs of claims", format_count(count)),
        };
        let among = contradiction.origins_at_odds.map_or_else(String::new, |n| {
            format!("among {} origins, furthest apart ", format_count(n))
        });
        let mut line = format!(
            "<li class=\"contradiction {}\"><strong>{among}{} ↔ {}</strong> \
             <span class=\"badge {}\">{}, {} severity{pairs}</span> {}. Claims: {}.",
            contradiction.severity,
            bdi(a),
            bdi(b),
            contradiction.severity,
            kind_label(contradiction.kind),
            contradiction.severity,
            escape(&contradiction.reason),
            id_links(&contradiction.claims, &rows, index)
        );
        if contradiction.kind == ContradictionKind::Denial
            && let Some(denial) = (contradiction.claims.iter())
                .find_map(|id| id.with_text(|id| index.denials.get(id).copied()))
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
