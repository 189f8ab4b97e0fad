//! The report written as its quantities are reconciled, never held whole.
//!
//! Input: an [`Extraction`] (read and grouped), the rules and the run's
//! options. Output: the Markdown or JSON report, byte for byte what
//! [`super::write_markdown`] and [`super::to_json`] print of
//! [`super::build_report`]'s report of the same run.
//!
//! Why: a report of 360,000 claims in 30,000 quantities held whole took
//! 4 KB a claim (every contradiction's ids, origins and reasons as
//! strings). Here each batch of groups is reconciled, turned into its
//! report, rendered and dropped in parallel; what stays is the text of each
//! quantity, in a temporary file, and what ordering and the summary need
//! (its [`Weight`] and [`SummaryItem`]). Once every quantity is in, the
//! quantities are ordered by importance, the head and the summary written,
//! then the quantities copied from the file in that order.
//!
//! Invariant: the order of everything is the one `build_report` gives: the
//! batches do not depend on the number of threads, and the order of
//! importance is total (ties broken by id).

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::claim_json::write_claim;
use super::group_json::{write_group, write_item};
use super::markdown::{self, render_group};
use super::nested_json::{Array, write_nested};
use super::spill::Spill;
use super::summary::summary_item;
use super::view::{self, Index};
use super::{Frame, Summary, SummaryItem, Weight, group_report, members_of, report_frame};
use crate::rules::RuleSet;
use crate::{Extraction, RunOptions, RunParts, reconcile_parts_in_batches};

/// The forms of the report written this way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// As [`super::write_markdown`] prints it.
    Markdown,
    /// As [`super::to_json`] prints it.
    Json,
}

/// Why a streamed report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// Writing the output or the temporary file failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A value could not be serialised.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// One quantity, rendered and set down: where its text is in the temporary
/// file, and what ordering and the summary need of it.
struct Section {
    weight: Weight,
    id: String,
    /// Held for the Markdown; the JSON's is in the file, before the text.
    /// Boxed: most quantities have none by the time the head is written,
    /// and a section is held for each.
    item: Option<Box<SummaryItem>>,
    at: u64,
    /// The JSON summary item's length; 0 for the Markdown.
    item_len: usize,
    len: usize,
}

/// The summary items of the quantities without a dispute that the Markdown
/// summary shows: the first [`view::CALM_QUANTITIES_SHOWN`] in the report's
/// order, kept as the quantities are reconciled; the others are counted.
///
/// Why: every quantity's item was held until the head could be written,
/// after the last quantity, and the summary shows a few: what a report
/// holds grew with its quantities for lines it never writes (on
/// `report many-4MB`, 1,076 quantities and 30 disputed, the program held
/// 80 KB less at the end of reconciliation; its peak did not move).
#[derive(Default)]
struct ShownCalm {
    /// In the report's order: heaviest first, then by id, then as they came
    /// (the order of the sort of the sections, which is stable).
    kept: BTreeMap<(Reverse<Weight>, String, usize), SummaryItem>,
    /// How many calm quantities came.
    came: usize,
    /// How many were let go.
    not_held: usize,
}

impl ShownCalm {
    /// Takes `section`'s item when it has no dispute, and keeps it while it
    /// is among the first shown.
    fn take_from(&mut self, section: &mut Section) {
        let Some(item) = section.item.take_if(|item| item.disputes.is_empty()) else {
            return;
        };
        let place = (Reverse(section.weight), section.id.clone(), self.came);
        self.came += 1;
        self.kept.insert(place, *item);
        if self.kept.len() > view::CALM_QUANTITIES_SHOWN {
            self.kept.pop_last();
            self.not_held += 1;
        }
    }
}

/// A worker's buffer is kept for the next quantity up to this capacity; a
/// larger one (a quantity of many thousand claims) is given back.
const KEEP: usize = 16 << 20;

/// Drops `text`'s buffer when it grew past [`KEEP`].
fn keep_modest(text: &mut String) {
    if text.capacity() > KEEP {
        *text = String::new();
    }
}

thread_local! {
    /// Each worker's buffer for a quantity's Markdown.
    static MARKDOWN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    /// Each worker's buffer for a quantity's JSON.
    static JSON: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Claims are serialised this many to a buffer, [`PIECES`] buffers at a
/// time in parallel, the buffers kept from one batch to the next.
const CLAIMS_A_PIECE: usize = 256;

/// How many buffers of claims are written in parallel at a time.
const PIECES: usize = 16;

/// Reconciles `extraction`'s groups and writes the report in `format` to
/// `out`, as it goes. Returns what it held (claims, documents, denials):
/// freeing hundreds of thousands of claims takes time a process about to
/// end can spare itself by not freeing them.
pub fn write_report(
    extraction: Extraction,
    rules: &RuleSet,
    options: RunOptions,
    format: Format,
    out: &mut dyn Write,
) -> Result<Frame, StreamError> {
    let frame = report_frame(extraction, options.weighs_origins(rules));
    // Denials and documents only: each quantity is rendered with an index
    // of its own claims.
    let index =
        (format == Format::Markdown).then(|| Index::with_claims(&frame.report, std::iter::empty()));
    let spill = Spill::new()?;
    let mut sections: Vec<Section> = Vec::with_capacity(frame.groups.len());
    let parts = RunParts {
        claims: &frame.claims,
        groups: &frame.groups,
        denials: &frame.report.denials,
    };
    // Each quantity is rendered on its worker into that thread's buffer and
    // appended to the file from there: a fresh text per quantity, grown by
    // doubling and then freed, was a fifth of the JSON's time in clearing
    // the pages it was given.
    let render = |group: &crate::group::Group, quantity| -> Result<Section, StreamError> {
        let members = members_of(group, &frame.claims);
        let report = group_report(group, quantity, &members);
        let mut item = summary_item(&report);
        let weight = Weight::of(&report);
        let id = report.id.clone();
        let (item, item_len, at, len) = match &index {
            Some(index) => MARKDOWN.with_borrow_mut(|text| {
                text.clear();
                let claims = group.members.iter().map(|&i| frame.claim_ref(i));
                render_group(text, &report, &index.with_only(claims));
                // The Markdown summary reads only whether a quantity has
                // disputes; the sentence already names them. Held for every
                // quantity, they would be a tenth of the Markdown's size.
                item.disputes.truncate(1);
                item.disputes.shrink_to_fit();
                let at = spill.append(text.as_bytes())?;
                let len = text.len();
                keep_modest(text);
                Ok::<_, StreamError>((Some(Box::new(item)), 0, at, len))
            }),
            None => JSON.with_borrow_mut(|text| {
                // The summary item goes to the file too: with every pair of
                // origins in dispute, the JSON's items are a fifth of it.
                text.clear();
                write_item(&item, text)?;
                let item_len = text.len();
                write_group(&report, text)?;
                let at = spill.append(text)?;
                let len = text.len();
                if text.capacity() > KEEP {
                    *text = Vec::new();
                }
                Ok((None, item_len, at, len))
            }),
        }?;
        Ok(Section {
            weight,
            id,
            item,
            at,
            item_len,
            len,
        })
    };
    let mut shown_calm = ShownCalm::default();
    reconcile_parts_in_batches(parts, rules, options, render, |batch| {
        for section in batch {
            let mut section = section?;
            shown_calm.take_from(&mut section);
            sections.push(section);
        }
        Ok::<(), StreamError>(())
    })?;
    // The order of [`super::importance`]: the sort is stable and its ties
    // broken by id, as there.
    sections.par_sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.id.cmp(&b.id)));
    let with_contradictions = sections
        .iter()
        .filter(|s| s.weight.has_contradictions())
        .count();
    let quantities = sections.len();
    let mut items = Vec::with_capacity(quantities);
    let mut item_places = Vec::with_capacity(quantities);
    let mut group_places = Vec::with_capacity(quantities);
    // The disputed quantities' items in order, then the calm ones shown: the
    // summary lists them so.
    for section in sections {
        items.extend(section.item.map(|item| *item));
        item_places.push((section.at, section.item_len));
        let group_at = section.at + section.item_len as u64;
        group_places.push((group_at, section.len - section.item_len));
    }
    items.extend(shown_calm.kept.into_values());
    match &index {
        Some(index) => {
            let summary = Summary {
                quantities,
                with_contradictions,
                items,
                calm_not_held: shown_calm.not_held,
            };
            let facts = view::facts_sentence_of(
                &frame.report,
                frame.claims.len(),
                quantities,
                with_contradictions,
            );
            let head = markdown::head(&summary, &facts, quantities > 0);
            out.write_all(head.as_bytes())?;
            spill.each(&group_places, |text| out.write_all(text))?;
            let_go(spill);
            let many_at_odds = view::has_many_origins_at_odds(&summary);
            markdown::write_tail(out, &frame.report, index, many_at_odds)?;
        }
        None => {
            let places = Places {
                with_contradictions,
                items: &item_places,
                groups: &group_places,
            };
            write_json(&frame, places, spill, out)?;
        }
    }
    drop(index);
    Ok(frame)
}

/// Where the JSON's summary items and quantities are in the file, in the
/// order they are written, and how many quantities have contradictions.
struct Places<'p> {
    with_contradictions: usize,
    items: &'p [(u64, usize)],
    groups: &'p [(u64, usize)],
}

/// Closes the spill on a thread of its own: the kernel drops its pages
/// then (a gigabyte on a large table's JSON), which takes a while the rest
/// of the report need not wait for.
fn let_go(spill: Spill) {
    // A thread that cannot be started drops the spill here, with its closure.
    drop(std::thread::Builder::new().spawn(move || drop(spill)));
}

/// The JSON report, field by field in the order of [`Report`]'s fields, as
/// `to_string_pretty` prints it, with a final newline.
fn write_json(
    frame: &Frame,
    places: Places,
    spill: Spill,
    out: &mut dyn Write,
) -> Result<(), StreamError> {
    out.write_all(b"{\n")?;
    let report = &frame.report;
    field(out, "documents_read", &report.documents_read, true)?;
    field(out, "rows_read", &report.rows_read, false)?;
    field(out, "documents_skipped", &report.documents_skipped, false)?;
    // The summary as serde prints it, its items read back from the file.
    out.write_all(b",\n  \"summary\": {\n    \"quantities\": ")?;
    let mut text = Vec::new();
    write_nested(&mut text, &places.groups.len(), 2)?;
    text.extend_from_slice(b",\n    \"with_contradictions\": ");
    write_nested(&mut text, &places.with_contradictions, 2)?;
    text.extend_from_slice(b",\n    \"items\": ");
    out.write_all(&text)?;
    let mut items = Array::new(2);
    spill.each(places.items, |text| items.element(out, text))?;
    items.close(out)?;
    out.write_all(b"\n  }")?;
    field(out, "skipped", &report.skipped, false)?;
    field(out, "documents", &report.documents, false)?;
    field(out, "reliability", &report.reliability, false)?;
    out.write_all(b",\n  \"groups\": ")?;
    let mut groups = Array::new(1);
    spill.each(places.groups, |text| groups.element(out, text))?;
    groups.close(out)?;
    let_go(spill);
    out.write_all(b",\n  \"claims\": ")?;
    write_claims(frame, out)?;
    out.write_all(b",\n  \"denials\": ")?;
    let mut denials = Vec::new();
    write_nested(&mut denials, &report.denials, 1)?;
    out.write_all(&denials)?;
    out.write_all(b"\n}\n")?;
    Ok(())
}

/// The report's claims, as the array one level in that `to_string_pretty`
/// prints, each element after its separator and indent.
fn write_claims(frame: &Frame, out: &mut dyn Write) -> Result<(), StreamError> {
    let count = frame.claims.len();
    if count == 0 {
        out.write_all(b"[]")?;
        return Ok(());
    }
    let mut pieces: Vec<Vec<u8>> = vec![Vec::new(); PIECES];
    let mut start = 0;
    while start < count {
        let end = count.min(start + CLAIMS_A_PIECE * PIECES);
        pieces
            .par_iter_mut()
            .enumerate()
            .try_for_each(|(piece, text)| {
                text.clear();
                let from = end.min(start + piece * CLAIMS_A_PIECE);
                for index in from..end.min(from + CLAIMS_A_PIECE) {
                    text.extend_from_slice(if index == 0 { b"[\n    " } else { b",\n    " });
                    write_claim(&frame.claim_ref(index), text)?;
                }
                Ok::<(), io::Error>(())
            })?;
        for text in &pieces {
            out.write_all(text)?;
        }
        start = end;
    }
    out.write_all(b"\n  ]")?;
    Ok(())
}

/// `"name": value` one level in, after a comma unless it is the first.
fn field<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    name: &str,
    value: &T,
    first: bool,
) -> Result<(), StreamError> {
    let mut text = Vec::new();
    text.extend_from_slice(if first { b"  \"" } else { b",\n  \"" });
    text.extend_from_slice(name.as_bytes());
    text.extend_from_slice(b"\": ");
    write_nested(&mut text, value, 1)?;
    out.write_all(&text)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The streamed Markdown and JSON are the held report's, byte for byte.
    #[test]
    fn streamed_reports_print_as_the_held_report_does() {
        let rules = crate::rules::defaults_for_tests();
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        for folder in ["seeds", "reconcile", "tables"] {
            for reliability in [false, true] {
                let options = RunOptions { reliability };
                let inputs = [fixtures.join(folder)];
                let held = super::super::build_report(crate::run(&inputs, rules, options));
                for (format, expected) in [
                    (Format::Markdown, super::super::render_markdown(&held)),
                    (Format::Json, super::super::to_json(&held).unwrap()),
                ] {
                    let extraction = crate::extract(&inputs, rules);
                    let mut out = Vec::new();
                    write_report(extraction, rules, options, format, &mut out).unwrap();
                    let text = String::from_utf8(out).unwrap();
                    assert!(text == expected, "{folder} {reliability} {format:?}");
                }
            }
        }
    }

    /// A run of many quantities without a dispute: the streamed Markdown
    /// keeps only the calm items its summary shows, and shows the same ones,
    /// in the same order, as the held report; weights tie, so the ids and
    /// then the order of the quantities decide.
    #[test]
    fn the_calm_quantities_shown_are_the_held_reports() {
        let rules = crate::rules::defaults_for_tests();
        let folder = tempfile::tempdir().unwrap();
        let mut table =
            String::from("quantity,origin,outlet,as_of,value,low,high,qualifier,kind\n");
        for quantity in 0..3 * view::CALM_QUANTITIES_SHOWN {
            // Weights repeat every four quantities, out of the ids' order.
            for origin in 0..1 + (quantity * 7) % 4 {
                table.push_str(&format!(
                    "q{:02}-deaths,agency {origin},Wire {origin},2024-05-01,{},,,,killed\n",
                    (quantity * 13) % 30,
                    100 + quantity
                ));
            }
        }
        for (origin, value) in [(1, 100), (2, 900)] {
            table.push_str(&format!(
                "disputed-deaths,agency {origin},Wire {origin},2024-05-01,{value},,,,killed\n"
            ));
        }
        std::fs::write(folder.path().join("calm.csv"), table).unwrap();
        let inputs = [folder.path().to_path_buf()];
        let options = RunOptions { reliability: false };
        let held = super::super::build_report(crate::run(&inputs, rules, options));
        let expected = super::super::render_markdown(&held);
        let mut out = Vec::new();
        write_report(
            crate::extract(&inputs, rules),
            rules,
            options,
            Format::Markdown,
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text == expected, "{text}");
        let cut = 2 * view::CALM_QUANTITIES_SHOWN;
        assert!(text.contains(&format!("{cut} more quantities, none with a contradiction")));
    }
}
