//! Labels a reader can tell documents and claims by.
//!
//! A document's id is its file name, and a corpus's file names are often
//! hashes (`001_013708df5556b795`): useless to a reader who wants to know
//! which article a claim came from. The label puts the outlet and the date in
//! their place (`arab-defense-2024-11-02#2`); the id stays in the JSON beside
//! it, as the key `explain` and scripts use.
//!
//! Invariant: labels are unique within a report and decided by the documents
//! in id order, so the same inputs give the same labels on every run.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use super::text;
use crate::model::claim_id::{digits_of, with_joined};
use crate::model::{ClaimId, DocumentClaims};

/// The label of each document, by id, unique within the report.
///
/// A document whose id reads as words (`wire-2024-11-05`, `reuters/update`)
/// keeps it. An id with a hash in it (a part of eight or more hexadecimal
/// digits with both letters and digits, as in `001_013708df5556b795`) is
/// replaced by the document's outlet and publication date, as known
/// (`arab-defense-2024-11-02`, `cnn`), what the id has besides the hash
/// standing for an unknown outlet (`002-2024-10-23`, `000`), else `document`. Where two documents would share
/// a label, the later ones (in id order) take `-2`, `-3`...
///
/// Only the labels that are not their document's id are in the map (see
/// [`label_in`]): a report holds the map while it is written, and a copy of
/// every id twice over was a few hundred bytes a document.
pub fn document_labels(documents: &[DocumentClaims]) -> HashMap<String, String> {
    let mut taken: HashSet<String> = documents
        .iter()
        .filter(|d| !has_hash(&d.id))
        .map(|d| d.id.clone())
        .collect();
    let mut labels = HashMap::new();
    for document in documents {
        if !has_hash(&document.id) {
            continue;
        }
        let remainder = document
            .id
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty() && !is_hash(part))
            .collect::<Vec<_>>()
            .join("-");
        let outlet = match text::slug(&document.source, 32) {
            outlet if outlet.is_empty() => remainder,
            outlet => outlet,
        };
        let date = document
            .published
            .map(|d| d.to_string())
            .unwrap_or_default();
        let mut base = [outlet, date]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if base.is_empty() {
            base = "document".to_string();
        }
        let mut label = base.clone();
        let mut n = 2;
        while !taken.insert(label.clone()) {
            label = format!("{base}-{n}");
            n += 1;
        }
        labels.insert(document.id.clone(), label);
    }
    labels
}

/// The label of document `id` in `labels` (as [`document_labels`] gives
/// them): its own, else the id.
pub fn label_in<'a>(labels: &'a HashMap<String, String>, id: &'a str) -> &'a str {
    labels.get(id).map_or(id, String::as_str)
}

/// A part of eight or more hexadecimal digits, with letters and digits both.
fn is_hash(part: &str) -> bool {
    part.len() >= 8
        && part.chars().all(|c| c.is_ascii_hexdigit())
        && part.chars().any(|c| c.is_ascii_digit())
        && part.chars().any(|c| c.is_ascii_alphabetic())
}

fn has_hash(id: &str) -> bool {
    id.split(|c: char| !c.is_alphanumeric()).any(is_hash)
}

/// A claim's label, in borrowed pieces: its document's label and what
/// follows the document id in the claim's id (`arab-defense-2024-11-02` and
/// `#2`), or the whole id; a claim's number is kept as a number, as its id
/// keeps it. Why: a report keeps every claim while it is written, and a
/// label copied for each claim was about a tenth of what it held (17 of 185
/// MB live on 64 MB of articles).
#[derive(Debug, Clone, Copy)]
pub struct Label<'r> {
    head: &'r str,
    tail: &'r str,
    /// The mark and number that end the id, when its id is made of parts.
    number: Option<(u8, u32)>,
}

impl<'r> Label<'r> {
    /// A label held whole.
    pub fn whole(label: &'r str) -> Label<'r> {
        Label {
            head: label,
            tail: "",
            number: None,
        }
    }

    /// The label of the claim `id` of document `doc`: as [`Label::of`] gives
    /// it of the id's text, the id's base being `doc` (a claim's document).
    pub fn of_claim(id: &'r ClaimId, doc: &str, labels: &'r HashMap<String, String>) -> Label<'r> {
        let (base, number) = id.parts();
        Label {
            number,
            ..Label::of(base, doc, labels)
        }
    }

    /// The label of the claim `id` of document `doc`, as [`label_of`]
    /// gives it: the whole id when the document's label is its id.
    pub fn of(id: &'r str, doc: &str, labels: &'r HashMap<String, String>) -> Label<'r> {
        match (labels.get(doc), id.strip_prefix(doc)) {
            (Some(label), Some(rest)) => Label {
                head: label,
                tail: rest,
                number: None,
            },
            _ => Label::whole(id),
        }
    }

    /// Calls `f` with the label's text, written out on the stack when it is
    /// in pieces.
    pub fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R {
        let mut digits = [0u8; 20];
        match self.number {
            None if self.tail.is_empty() => f(self.head),
            None => with_joined(&[self.head.as_bytes(), self.tail.as_bytes()], f),
            Some((mark, number)) => {
                let number = digits_of(number, &mut digits);
                with_joined(
                    &[self.head.as_bytes(), self.tail.as_bytes(), &[mark], number],
                    f,
                )
            }
        }
    }

    /// The label's pieces: a head, a tail, then a mark and a number when it
    /// ends as a claim's id made of parts does.
    pub fn pieces(self) -> (&'r str, &'r str, Option<(u8, u32)>) {
        (self.head, self.tail, self.number)
    }

    /// The label of a claim that is its own id.
    pub fn of_id(id: &'r ClaimId) -> Label<'r> {
        let (base, number) = id.parts();
        Label {
            number,
            ..Label::whole(base)
        }
    }

    /// True when the label reads as claim id `id` does: its pieces are the
    /// id's, or write the same text.
    pub fn is_id(self, id: &ClaimId) -> bool {
        match id.parts() {
            (base, Some(numbered)) if self.number == Some(numbered) => {
                base.len() == self.head.len() + self.tail.len()
                    && base.starts_with(self.head)
                    && base.ends_with(self.tail)
            }
            _ => id.with_text(|id| self.is(id)),
        }
    }

    /// The label as one text, copied only when it is in pieces.
    pub fn text(self) -> Cow<'r, str> {
        if self.tail.is_empty() && self.number.is_none() {
            Cow::Borrowed(self.head)
        } else {
            Cow::Owned(self.to_string())
        }
    }

    /// True when the label reads `text`.
    pub fn is(self, text: &str) -> bool {
        let mut digits = [0u8; 20];
        let number: &[u8] = match self.number {
            Some((_, number)) => digits_of(number, &mut digits),
            None => &[],
        };
        let mark = usize::from(self.number.is_some());
        let rest = text
            .strip_prefix(self.head)
            .and_then(|rest| rest.strip_prefix(self.tail));
        rest.is_some_and(|rest| {
            rest.len() == mark + number.len()
                && self.number.is_none_or(|(m, _)| rest.as_bytes()[0] == m)
                && rest.as_bytes().ends_with(number)
        })
    }
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.head)?;
        f.write_str(self.tail)?;
        if let Some((mark, number)) = self.number {
            write!(f, "{}{number}", char::from(mark))?;
        }
        Ok(())
    }
}

impl Serialize for Label<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_text(|text| serializer.serialize_str(text))
    }
}

/// A claim's or a denial's label: its document's label, then what follows
/// the document id in its own id (`#2`, `#d1`); the id itself when its
/// document has no label (a row of a table).
pub fn label_of(id: &str, doc: &str, labels: &HashMap<String, String>) -> String {
    Label::of(id, doc, labels).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(id: &str, source: &str, published: &str) -> DocumentClaims {
        DocumentClaims {
            id: id.to_string(),
            path: format!("{id}.txt"),
            language: "ar".into(),
            source: source.into(),
            published: published.parse().ok(),
            published_basis: None,
            claims: Vec::new(),
            denials: Vec::new(),
            claim_count: 0,
            notes: Vec::new(),
        }
    }

    #[test]
    fn hashed_ids_become_outlet_and_date() {
        let labels = document_labels(&[
            document("001_013708df5556b795", "Arab Defense", "2024-11-02"),
            document("002_3c3e2ea9289a0a19", "", "2024-10-23"),
            document("000_e914831f6ceddee0", "", ""),
            document("e914831f6ceddee0", "", ""),
            document("wire-2024-11-05", "Wire", "2024-11-05"),
            // "deadbeef" has no digit, "20241105" no letter: neither is a hash.
            document("deadbeef", "", ""),
            document("20241105", "", ""),
        ]);
        assert_eq!(
            label_in(&labels, "001_013708df5556b795"),
            "arab-defense-2024-11-02"
        );
        assert_eq!(label_in(&labels, "002_3c3e2ea9289a0a19"), "002-2024-10-23");
        assert_eq!(label_in(&labels, "000_e914831f6ceddee0"), "000");
        assert_eq!(label_in(&labels, "e914831f6ceddee0"), "document");
        assert_eq!(label_in(&labels, "wire-2024-11-05"), "wire-2024-11-05");
        assert_eq!(label_in(&labels, "deadbeef"), "deadbeef");
        assert_eq!(label_in(&labels, "20241105"), "20241105");
        // A label that is its id is not held: the id stands for it.
        assert_eq!(labels.len(), 4);
    }

    #[test]
    fn labels_stay_unique() {
        let labels = document_labels(&[
            document("a1b2c3d4e5", "CNN", "2024-01-02"),
            document("b1b2c3d4e5", "CNN", "2024-01-02"),
            document("c1b2c3d4e5", "CNN", "2024-01-02"),
            // A plain id keeps its name; a hashed one gives way to it.
            document("cnn-2024-01-03", "CNN", "2024-01-03"),
            document("d1b2c3d4e5", "CNN", "2024-01-03"),
        ]);
        assert_eq!(label_in(&labels, "a1b2c3d4e5"), "cnn-2024-01-02");
        assert_eq!(label_in(&labels, "b1b2c3d4e5"), "cnn-2024-01-02-2");
        assert_eq!(label_in(&labels, "c1b2c3d4e5"), "cnn-2024-01-02-3");
        assert_eq!(label_in(&labels, "cnn-2024-01-03"), "cnn-2024-01-03");
        assert_eq!(label_in(&labels, "d1b2c3d4e5"), "cnn-2024-01-03-2");
    }

    #[test]
    fn claims_take_their_document_label() {
        let labels = HashMap::from([("a1b2c3d4e5".to_string(), "cnn".to_string())]);
        for (id, doc, label) in [
            ("a1b2c3d4e5#2", "a1b2c3d4e5", "cnn#2"),
            ("quake-tolls:3", "", "quake-tolls:3"),
            ("x#1", "x", "x#1"),
        ] {
            let pieces = Label::of(id, doc, &labels);
            assert_eq!(pieces.text(), label);
            assert_eq!(pieces.to_string(), label);
            assert!(pieces.is(label));
            assert!(!pieces.is(&format!("{label}0")));
            assert_eq!(
                serde_json::to_string(&pieces).unwrap(),
                format!("{label:?}")
            );
        }
        assert!(!Label::of("a1b2c3d4e5#2", "a1b2c3d4e5", &labels).is("cnn#3"));
        assert_eq!(label_of("a1b2c3d4e5#2", "a1b2c3d4e5", &labels), "cnn#2");
        assert_eq!(label_of("a1b2c3d4e5#d1", "a1b2c3d4e5", &labels), "cnn#d1");
        // A row of a table has no document label.
        assert_eq!(label_of("quake-tolls:3", "", &labels), "quake-tolls:3");
    }
}
