//! A quantity and its summary item as pretty JSON, written field by field.
//!
//! Input: a [`GroupReport`] or a [`SummaryItem`]. Output: the bytes
//! `to_string_pretty` of the whole report prints for it where it sits (a
//! quantity two levels in, an item three), from its `{` to its `}`.
//! Invariant: the same bytes as serde_json (field names and order, escapes,
//! numbers), which the tests check. Why: a quantity's contradictions, origins
//! and intervals are most of a JSON report (three quarters of the Weather
//! table's quantities are contradictions), and serde's generic path escaped
//! every key and string byte by byte; strings with nothing to escape are
//! copied whole here. The fields whose share is small (periods, the
//! consensus, timelines) are still written by serde at their depth.

use std::io;

use serde::Serialize;

use super::GroupReport;
use super::nested_json::{line_start, write_nested};
use super::pairs::ContradictionSummary;
use super::summary::{Dispute, SummaryItem};
use crate::model::ClaimId;
use crate::reconcile::{Interval, Origin, SetAside};
use crate::stream::line::{boolean, integer, text, value};

/// Appends `group`, as printed two levels deep (an element of `groups`).
pub(super) fn write_group(group: &GroupReport, out: &mut Vec<u8>) -> io::Result<()> {
    const DEPTH: usize = 2;
    let mut object = Object::open(out, DEPTH);
    object.key(out, "id");
    text(out, &group.id)?;
    object.key(out, "kind");
    text(out, &group.kind)?;
    object.key(out, "unit");
    text(out, &group.unit)?;
    object.key(out, "owner");
    text(out, &group.owner)?;
    object.key(out, "subject");
    text(out, &group.subject)?;
    object.key(out, "running_total");
    boolean(out, group.running_total);
    object.key(out, "claims");
    ids(out, DEPTH + 1, &group.claims)?;
    object.key(out, "intervals");
    intervals(out, DEPTH + 1, group.intervals.iter())?;
    object.key(out, "origins");
    array(out, DEPTH + 1, &group.origins, origin)?;
    object.key(out, "periods");
    nested(out, &group.periods, DEPTH + 1)?;
    object.key(out, "consensus");
    nested(out, &group.consensus, DEPTH + 1)?;
    object.key(out, "set_aside");
    array(out, DEPTH + 1, &group.set_aside, set_aside)?;
    object.key(out, "contradictions");
    array(out, DEPTH + 1, &group.contradictions, contradiction)?;
    object.key(out, "timelines");
    nested(out, &group.timelines, DEPTH + 1)?;
    object.key(out, "denials");
    strings(out, DEPTH + 1, &group.denials)?;
    object.close(out);
    Ok(())
}

/// Appends `item`, as printed three levels deep (an element of the
/// summary's `items`).
pub(super) fn write_item(item: &SummaryItem, out: &mut Vec<u8>) -> io::Result<()> {
    const DEPTH: usize = 3;
    let mut object = Object::open(out, DEPTH);
    object.key(out, "group");
    text(out, &item.group)?;
    object.key(out, "subject");
    text(out, &item.subject)?;
    object.key(out, "sentence");
    text(out, &item.sentence)?;
    object.key(out, "consensus");
    nested(out, &item.consensus, DEPTH + 1)?;
    object.key(out, "origins");
    integer(out, item.origins);
    object.key(out, "claims");
    integer(out, item.claims);
    object.key(out, "disputes");
    array(out, DEPTH + 1, &item.disputes, dispute)?;
    object.close(out);
    Ok(())
}

/// An object being written: its depth, and whether a key was written yet.
struct Object {
    depth: usize,
    any: bool,
}

impl Object {
    fn open(out: &mut Vec<u8>, depth: usize) -> Object {
        out.push(b'{');
        Object { depth, any: false }
    }

    /// Starts the next key on a line of its own.
    fn key(&mut self, out: &mut Vec<u8>, name: &str) {
        push_line_start(out, self.any, self.depth + 1);
        self.any = true;
        out.push(b'"');
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\": ");
    }

    fn close(self, out: &mut Vec<u8>) {
        if self.any {
            push_line_start(out, false, self.depth);
        }
        out.push(b'}');
    }
}

fn push_line_start(out: &mut Vec<u8>, comma: bool, depth: usize) {
    // Writing to a Vec cannot fail.
    let _ = line_start(out, comma, depth);
}

/// An array at `depth` of `items`, each written by `each` one level in;
/// `[]` when empty, as the pretty printer writes one.
fn array<T>(
    out: &mut Vec<u8>,
    depth: usize,
    items: &[T],
    each: impl Fn(&mut Vec<u8>, &T, usize) -> io::Result<()>,
) -> io::Result<()> {
    if items.is_empty() {
        out.extend_from_slice(b"[]");
        return Ok(());
    }
    out.push(b'[');
    for (at, item) in items.iter().enumerate() {
        push_line_start(out, at > 0, depth + 1);
        each(out, item, depth + 1)?;
    }
    push_line_start(out, false, depth);
    out.push(b']');
    Ok(())
}

/// An array of strings at `depth`.
fn strings<S: AsRef<str>>(out: &mut Vec<u8>, depth: usize, items: &[S]) -> io::Result<()> {
    array(out, depth, items, |out, item, _| text(out, item.as_ref()))
}

/// Claims' ids, as [`strings`] writes texts.
fn ids(out: &mut Vec<u8>, depth: usize, items: &[ClaimId]) -> io::Result<()> {
    array(out, depth, items, |out, item, _| id(out, item))
}

/// A claim's id, as [`text`] writes a text.
fn id(out: &mut Vec<u8>, id: &ClaimId) -> io::Result<()> {
    id.with_text(|id| text(out, id))
}

/// A value at `depth`, by serde.
fn nested<T: Serialize + ?Sized>(out: &mut Vec<u8>, item: &T, depth: usize) -> io::Result<()> {
    write_nested(out, item, depth).map_err(io::Error::from)
}

/// The intervals by claim id: an object at `depth` of `{low, high}` objects.
fn intervals<'i>(
    out: &mut Vec<u8>,
    depth: usize,
    intervals: impl ExactSizeIterator<Item = (&'i ClaimId, &'i Interval)>,
) -> io::Result<()> {
    if intervals.len() == 0 {
        out.extend_from_slice(b"{}");
        return Ok(());
    }
    let mut object = Object::open(out, depth);
    for (id, interval) in intervals {
        push_line_start(out, object.any, depth + 1);
        object.any = true;
        self::id(out, id)?;
        out.extend_from_slice(b": ");
        let mut bounds = Object::open(out, depth + 1);
        bounds.key(out, "low");
        value(out, &interval.low)?;
        bounds.key(out, "high");
        value(out, &interval.high)?;
        bounds.close(out);
    }
    object.close(out);
    Ok(())
}

fn origin(out: &mut Vec<u8>, origin: &Origin, depth: usize) -> io::Result<()> {
    let mut object = Object::open(out, depth);
    object.key(out, "name");
    text(out, &origin.name)?;
    object.key(out, "outlets");
    strings(out, depth + 1, &origin.outlets)?;
    object.key(out, "claims");
    ids(out, depth + 1, &origin.claims)?;
    object.key(out, "echo");
    boolean(out, origin.echo);
    object.key(out, "weight");
    value(out, &origin.weight)?;
    object.close(out);
    Ok(())
}

fn set_aside(out: &mut Vec<u8>, set_aside: &SetAside, depth: usize) -> io::Result<()> {
    let mut object = Object::open(out, depth);
    object.key(out, "claim");
    id(out, &set_aside.claim)?;
    object.key(out, "reason");
    text(out, &set_aside.reason)?;
    object.close(out);
    Ok(())
}

fn contradiction(out: &mut Vec<u8>, c: &ContradictionSummary, depth: usize) -> io::Result<()> {
    let mut object = Object::open(out, depth);
    object.key(out, "kind");
    quoted(out, c.kind.as_str());
    object.key(out, "origins");
    strings(out, depth + 1, &c.origins)?;
    object.key(out, "claims");
    ids(out, depth + 1, &c.claims)?;
    object.key(out, "count");
    integer(out, c.count);
    object.key(out, "severity");
    quoted(out, c.severity.as_str());
    object.key(out, "gap");
    value(out, &c.gap)?;
    object.key(out, "reason");
    text(out, &c.reason)?;
    if let Some(origins) = c.origins_at_odds {
        object.key(out, "origins_at_odds");
        integer(out, origins);
    }
    object.close(out);
    Ok(())
}

fn dispute(out: &mut Vec<u8>, d: &Dispute, depth: usize) -> io::Result<()> {
    let mut object = Object::open(out, depth);
    object.key(out, "kind");
    quoted(out, d.kind.as_str());
    object.key(out, "origins");
    strings(out, depth + 1, &d.origins)?;
    object.key(out, "severity");
    quoted(out, d.severity.as_str());
    object.key(out, "count");
    integer(out, d.count);
    if let Some(origins) = d.origins_at_odds {
        object.key(out, "origins_at_odds");
        integer(out, origins);
    }
    object.close(out);
    Ok(())
}

/// A name known to need no escape (a kind's, a severity's), in quotes.
fn quoted(out: &mut Vec<u8>, name: &str) {
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RunOptions;
    use crate::model::SharedText;
    use crate::reconcile::{ContradictionKind, Severity};
    use std::path::PathBuf;

    fn by_serde<T: Serialize>(value: &T, depth: usize) -> String {
        let mut bytes = Vec::new();
        write_nested(&mut bytes, value, depth).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn group_by_hand(group: &GroupReport) -> String {
        let mut bytes = Vec::new();
        write_group(group, &mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn item_by_hand(item: &SummaryItem) -> String {
        let mut bytes = Vec::new();
        write_item(item, &mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn reports() -> Vec<super::super::Report> {
        let rules = crate::rules::defaults_for_tests();
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut reports = Vec::new();
        for folder in ["seeds", "reconcile", "tables"] {
            for reliability in [false, true] {
                let inputs = [fixtures.join(folder)];
                let run = crate::run(&inputs, rules, RunOptions { reliability });
                reports.push(super::super::build_report(run));
            }
        }
        reports
    }

    /// Every quantity and item of the fixtures' reports, as serde prints them.
    #[test]
    fn quantities_and_items_are_the_bytes_serde_json_writes() {
        let reports = reports();
        assert!(
            reports
                .iter()
                .any(|r| r.groups.iter().any(|g| !g.contradictions.is_empty()))
        );
        for report in &reports {
            for group in &report.groups {
                assert_eq!(group_by_hand(group), by_serde(group, 2), "{}", group.id);
            }
            for item in &report.summary.items {
                assert_eq!(item_by_hand(item), by_serde(item, 3), "{}", item.group);
            }
        }
    }

    /// Escapes, odd numbers and empty lists, as serde prints them.
    #[test]
    fn escapes_numbers_and_empty_lists_as_serde_json_writes_them() {
        let reports = reports();
        let mut group = reports
            .iter()
            .flat_map(|r| &r.groups)
            .find(|g| !g.contradictions.is_empty() && !g.set_aside.is_empty())
            .cloned()
            .expect("a quantity with contradictions and claims set aside");
        let mut item = super::super::summary::summary_item(&group);
        let texts = [
            "a \"quote\" and a \\ backslash",
            "controls \u{0}\u{8}\u{c}\n\r\t\u{1f}\u{7f} end",
            "long text past sixteen bytes, \u{2028} and é 数字 🙂",
            "",
        ];
        let numbers = [
            f64::NAN,
            -0.0,
            1e21,
            1e-7,
            0.1 + 0.2,
            f64::INFINITY,
            123456789.125,
        ];
        for (n, odd) in texts.iter().enumerate() {
            let number = numbers[n % numbers.len()];
            group.id = odd.to_string();
            group.owner = odd.repeat(2);
            group.claims.push((*odd).into());
            group.intervals.insert(
                (*odd).into(),
                Interval {
                    low: number,
                    high: (n % 2 == 0).then_some(numbers[(n + 3) % numbers.len()]),
                },
            );
            for origin in &mut group.origins {
                origin.name = odd.to_string();
                origin.weight = number;
                origin.echo = n % 2 == 1;
                origin.outlets.clear();
            }
            for set_aside in &mut group.set_aside {
                set_aside.reason = odd.to_string();
            }
            for c in &mut group.contradictions {
                c.origins[1] = odd.to_string();
                c.gap = number;
                c.reason = odd.to_string();
                c.kind = [
                    ContradictionKind::Disjoint,
                    ContradictionKind::TotalFell,
                    ContradictionKind::Denial,
                ][n % 3];
                c.severity = [Severity::Low, Severity::Medium, Severity::High][n % 3];
                c.count = usize::MAX - n;
                c.origins_at_odds = (n % 2 == 0).then_some(usize::MAX - 2 * n);
            }
            group.denials = vec![SharedText::from(*odd); n];
            assert_eq!(group_by_hand(&group), by_serde(&group, 2));
            item.sentence = odd.to_string();
            item.subject = odd.to_string();
            for d in &mut item.disputes {
                d.origins[0] = odd.to_string();
                d.kind = ContradictionKind::Denial;
                d.severity = Severity::Medium;
                d.origins_at_odds = (n % 2 == 1).then_some(40 + n);
            }
            if let Some(consensus) = &mut item.consensus {
                consensus.best = number;
            }
            assert_eq!(item_by_hand(&item), by_serde(&item, 3));
        }
        group.intervals.clear();
        group.claims.clear();
        group.origins.clear();
        group.set_aside.clear();
        group.contradictions.clear();
        group.periods.clear();
        group.consensus = None;
        assert_eq!(group_by_hand(&group), by_serde(&group, 2));
        item.disputes.clear();
        item.consensus = None;
        assert_eq!(item_by_hand(&item), by_serde(&item, 3));
    }
}
