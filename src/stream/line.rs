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
    fields_until_group::<false>(claim, out)
}

/// A claim's opening brace and its fields up to its `"group":` key, in
/// serde's order: compact (`PRETTY` false: a line of `claims`) or as the
/// pretty printer writes a claim two levels deep (a report's `claims`).
/// One writer for both, so that a field added to [`Claim`] is added once.
pub(crate) fn fields_until_group<const PRETTY: bool>(
    claim: &Claim,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    out.push(b'{');
    first_key::<PRETTY>(out, "id");
    text(out, &claim.id)?;
    key::<PRETTY>(out, "doc");
    text(out, &claim.doc)?;
    key::<PRETTY>(out, "span");
    span::<PRETTY>(out, claim.span);
    key::<PRETTY>(out, "text");
    text(out, &claim.text)?;
    key::<PRETTY>(out, "value");
    value(out, &claim.value)?;
    key::<PRETTY>(out, "low");
    value(out, &claim.low)?;
    key::<PRETTY>(out, "high");
    value(out, &claim.high)?;
    key::<PRETTY>(out, "qualifier");
    value(out, &claim.qualifier)?;
    key::<PRETTY>(out, "vague");
    boolean(out, claim.vague);
    key::<PRETTY>(out, "kind");
    text(out, &claim.kind)?;
    key::<PRETTY>(out, "unit");
    text(out, &claim.unit)?;
    key::<PRETTY>(out, "subject");
    text(out, &claim.subject)?;
    key::<PRETTY>(out, "attribution");
    text(out, &claim.attribution)?;
    key::<PRETTY>(out, "attribution_text");
    text(out, &claim.attribution_text)?;
    key::<PRETTY>(out, "attribution_span");
    match claim.attribution_span {
        Some(pair) => span::<PRETTY>(out, pair),
        None => out.extend_from_slice(b"null"),
    }
    key::<PRETTY>(out, "modality");
    value(out, &claim.modality)?;
    key::<PRETTY>(out, "as_of");
    value(out, &claim.as_of)?;
    key::<PRETTY>(out, "as_of_basis");
    value(out, &claim.as_of_basis)?;
    key::<PRETTY>(out, "published");
    value(out, &claim.published)?;
    key::<PRETTY>(out, "source");
    text(out, &claim.source)?;
    key::<PRETTY>(out, "sentence");
    text(out, &claim.sentence)?;
    key::<PRETTY>(out, "part_of");
    boolean(out, claim.part_of);
    // Written only when set, as `skip_serializing_if` says.
    for (name, field) in [
        ("grade", &claim.grade),
        ("site", &claim.site),
        ("event", &claim.event),
    ] {
        if !field.is_empty() {
            key::<PRETTY>(out, name);
            text(out, field)?;
        }
    }
    key::<PRETTY>(out, "language");
    text(out, &claim.language)?;
    key::<PRETTY>(out, "group");
    Ok(())
}

/// The first key of a claim's object, after its brace: `"id":`, or, two
/// levels deep in a report, on a line of its own.
fn first_key<const PRETTY: bool>(out: &mut Vec<u8>, name: &str) {
    if PRETTY {
        out.extend_from_slice(b"\n      ");
    }
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(if PRETTY { b"\": " } else { b"\":" });
}

/// A further key of a claim's object: `,"name":`, or `,` then the key on a
/// line of its own, indented six spaces, as in a report. The names are
/// plain ASCII: nothing in them to escape.
#[inline]
pub(crate) fn key<const PRETTY: bool>(out: &mut Vec<u8>, name: &str) {
    out.push(b',');
    first_key::<PRETTY>(out, name);
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

/// `[start,end]`, as `serde_json` writes a pair of integers; pretty, each
/// on a line of its own, three levels deep.
fn span<const PRETTY: bool>(out: &mut Vec<u8>, [start, end]: [usize; 2]) {
    out.extend_from_slice(if PRETTY { b"[\n        " } else { b"[" });
    integer(out, start);
    out.extend_from_slice(if PRETTY { b",\n        " } else { b"," });
    integer(out, end);
    out.extend_from_slice(if PRETTY { b"\n      ]" } else { b"]" });
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

/// Figures and texts for [`with_odd_fields`]: escapes of every kind, text
/// outside ASCII, and numbers serde_json writes in odd forms.
#[cfg(test)]
pub(crate) const ODD_FIELDS: &[(Option<f64>, &str)] = &[
    (None, "plain"),
    (Some(f64::NAN), "a \"quote\" and a \\ backslash"),
    (Some(-0.0), "controls \u{0}\u{8}\u{c}\n\r\t\u{1f}\u{7f} end"),
    (Some(1e21), "long text past sixteen bytes, \u{2028} and é"),
    (Some(2.5), ""),
    (Some(1e-7), "ünïcödé 数字 🙂"),
    (Some(123456789.125), "\u{1b}[0m"),
    (Some(f64::MAX), "x"),
    (Some(f64::MIN_POSITIVE), "y"),
    (Some(0.1 + 0.2), "z"),
];

/// Sets every field of `claim` the writers' tests compare with serde_json
/// to something odd: `value` as its figures, `text` in its texts, spans at
/// their extremes.
#[cfg(test)]
pub(crate) fn with_odd_fields(claim: &mut Claim, value: Option<f64>, text: &str) {
    use crate::model::{DateBasis, Modality, Qualifier};
    claim.value = value;
    claim.low = value.map(|v| v / 3.0);
    claim.high = Some(f64::NEG_INFINITY);
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
    claim.modality = Modality::Denied;
    claim.qualifier = Qualifier::AtLeast;
    claim.vague = value.is_none();
    claim.part_of = value.is_some();
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for &(value, text) in ODD_FIELDS {
            with_odd_fields(&mut claim, value, text);
            claim.high = Some(f64::INFINITY);
            assert_eq!(
                String::from_utf8(by_hand(&claim)).unwrap(),
                String::from_utf8(by_serde(&claim)).unwrap()
            );
        }
    }
}
