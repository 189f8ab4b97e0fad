//! A claim as a line of `crosscheck claims`, written field by field.
//!
//! Input: a [`Claim`]. Output: the bytes `serde_json::to_writer` writes for
//! it, up to and including the key of its group (`..."group":`), the last
//! field. Invariant: the same bytes as `serde_json` (field names and order,
//! escapes, numbers), which the tests check; only what `serde_json` does
//! generically for every field is left out: the names are written as they
//! are, not escaped again for every claim, and a text with nothing to escape
//! is copied whole. The output holds some three bytes for each byte read, so
//! this is a good share of the run.

use std::io;

use serde::Serialize;

use crate::model::Claim;

/// Appends `claim` as one compact JSON object, cut after its `"group":` key.
pub(super) fn write_until_group(claim: &Claim, out: &mut Vec<u8>) -> io::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    text(out, &claim.id)?;
    out.extend_from_slice(b",\"doc\":");
    text(out, &claim.doc)?;
    out.extend_from_slice(b",\"span\":");
    span(out, claim.span);
    out.extend_from_slice(b",\"text\":");
    text(out, &claim.text)?;
    out.extend_from_slice(b",\"value\":");
    value(out, &claim.value)?;
    out.extend_from_slice(b",\"low\":");
    value(out, &claim.low)?;
    out.extend_from_slice(b",\"high\":");
    value(out, &claim.high)?;
    out.extend_from_slice(b",\"qualifier\":");
    value(out, &claim.qualifier)?;
    out.extend_from_slice(b",\"vague\":");
    boolean(out, claim.vague);
    out.extend_from_slice(b",\"kind\":");
    text(out, &claim.kind)?;
    out.extend_from_slice(b",\"unit\":");
    text(out, &claim.unit)?;
    out.extend_from_slice(b",\"subject\":");
    text(out, &claim.subject)?;
    out.extend_from_slice(b",\"attribution\":");
    text(out, &claim.attribution)?;
    out.extend_from_slice(b",\"attribution_text\":");
    text(out, &claim.attribution_text)?;
    out.extend_from_slice(b",\"attribution_span\":");
    match claim.attribution_span {
        Some(pair) => span(out, pair),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"modality\":");
    value(out, &claim.modality)?;
    out.extend_from_slice(b",\"as_of\":");
    value(out, &claim.as_of)?;
    out.extend_from_slice(b",\"as_of_basis\":");
    value(out, &claim.as_of_basis)?;
    out.extend_from_slice(b",\"published\":");
    value(out, &claim.published)?;
    out.extend_from_slice(b",\"source\":");
    text(out, &claim.source)?;
    out.extend_from_slice(b",\"sentence\":");
    text(out, &claim.sentence)?;
    out.extend_from_slice(b",\"part_of\":");
    boolean(out, claim.part_of);
    // Written only when set, as `skip_serializing_if` says.
    for (key, field) in [
        (b",\"grade\":".as_slice(), &claim.grade),
        (b",\"site\":", &claim.site),
        (b",\"event\":", &claim.event),
    ] {
        if !field.is_empty() {
            out.extend_from_slice(key);
            text(out, field)?;
        }
    }
    out.extend_from_slice(b",\"language\":");
    text(out, &claim.language)?;
    out.extend_from_slice(b",\"group\":");
    Ok(())
}

/// A JSON string: copied between quotes when no byte of it is escaped (a
/// quote, a backslash, a control character), else written by `serde_json`.
pub(crate) fn text(out: &mut Vec<u8>, text: &str) -> io::Result<()> {
    if needs_escape(text.as_bytes()) {
        return value(out, text);
    }
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
    Ok(())
}

/// True when `serde_json` would escape some byte of `bytes`. Tested a block
/// of bytes at a time, without a branch per byte.
fn needs_escape(bytes: &[u8]) -> bool {
    let escaped = |byte: &u8| *byte < 0x20 || *byte == b'"' || *byte == b'\\';
    let mut blocks = bytes.chunks_exact(16);
    let in_blocks = blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |any, byte| any | escaped(byte)));
    in_blocks || blocks.remainder().iter().any(escaped)
}

/// Any other value, as `serde_json` writes it.
pub(crate) fn value<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)
}

pub(crate) fn boolean(out: &mut Vec<u8>, value: bool) {
    out.extend_from_slice(if value { b"true" } else { b"false" });
}

/// `[start,end]`, as `serde_json` writes a pair of integers.
fn span(out: &mut Vec<u8>, [start, end]: [usize; 2]) {
    out.push(b'[');
    integer(out, start);
    out.push(b',');
    integer(out, end);
    out.push(b']');
}

pub(crate) fn integer(out: &mut Vec<u8>, mut value: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateBasis, Modality, Qualifier};

    /// What `serde_json` writes for `claim`, cut after its group's key.
    fn by_serde(claim: &Claim) -> Vec<u8> {
        let mut claim = claim.clone();
        claim.group = String::new();
        let mut bytes = serde_json::to_vec(&claim).unwrap();
        assert!(bytes.ends_with(b"\"\"}"));
        bytes.truncate(bytes.len() - 3);
        bytes
    }

    fn by_hand(claim: &Claim) -> Vec<u8> {
        let mut bytes = Vec::new();
        write_until_group(claim, &mut bytes).unwrap();
        bytes
    }

    #[test]
    fn lines_are_the_bytes_serde_json_writes() {
        let rules = crate::rules::defaults_for_tests();
        let text = "+++\npublished = \"2023-02-06\"\nlang = \"en\"\n+++\n\
            The quake killed 1,200 people in Turkey, the health ministry said on Monday.\n\n\
            \"At least 300\" were hurt\tin Gaziantep \\ Hatay, officials said; 2.5 million displaced.\n\n\
            Между тем 40 человек погибли. قتل 12 شخصا في حلب.\u{1}\n";
        let document = crate::read::Document::from_text("doc \"quoted\"", text).unwrap();
        let claims = crate::claims::extract(&document, rules).claims;
        assert!(claims.len() >= 3);
        for claim in &claims {
            assert_eq!(
                String::from_utf8(by_hand(claim)).unwrap(),
                String::from_utf8(by_serde(claim)).unwrap()
            );
        }
    }

    #[test]
    fn every_field_and_escape_as_serde_json_writes_it() {
        let rules = crate::rules::defaults_for_tests();
        let document =
            crate::read::Document::from_text("d", "Officials said 12 people died.").unwrap();
        let mut claim = crate::claims::extract(&document, rules).claims.remove(0);
        for (value, text) in [
            (None, "plain"),
            (Some(f64::NAN), "a \"quote\" and a \\ backslash"),
            (Some(-0.0), "controls \u{0}\u{8}\u{c}\n\r\t\u{1f}\u{7f} end"),
            (Some(1e21), "long text past sixteen bytes, \u{2028} and é"),
            (Some(2.5), ""),
        ] {
            claim.value = value;
            claim.low = value.map(|v| v / 3.0);
            claim.high = Some(f64::INFINITY);
            claim.text = text.to_string();
            claim.sentence = text.repeat(3);
            claim.grade = text.to_string();
            claim.site = String::new();
            claim.event = text.to_string();
            claim.span = [usize::MAX, 0];
            claim.attribution_span = value.map(|_| [7, 1234567]);
            claim.as_of = None;
            claim.as_of_basis = Some(DateBasis::Published);
            claim.published = jiff::civil::Date::new(2024, 2, 29).ok();
            claim.modality = Modality::Asserted;
            claim.qualifier = Qualifier::AtLeast;
            claim.vague = value.is_none();
            claim.part_of = value.is_some();
            assert_eq!(
                String::from_utf8(by_hand(&claim)).unwrap(),
                String::from_utf8(by_serde(&claim)).unwrap()
            );
        }
    }
}
