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

use crate::model::{Claim, DateBasis, Modality};

/// Appends `claim` as one compact JSON object, cut after its `"group":` key.
pub(super) fn write_until_group(claim: &Claim, out: &mut Vec<u8>) -> io::Result<()> {
    fields_until_group::<false>(claim, out)
}

/// A further key of a claim's object, its name known when compiled: one
/// copy of `,"name":` (or, pretty, of `,` and the key indented on a line
/// of its own) instead of three pieces checked for room each.
macro_rules! key {
    ($out:expr, $pretty:expr, $name:literal) => {
        $out.extend_from_slice(if $pretty {
            concat!(",\n      \"", $name, "\": ").as_bytes()
        } else {
            concat!(",\"", $name, "\":").as_bytes()
        })
    };
}

/// A claim's opening brace and its fields up to its `"group":` key, in
/// serde's order: compact (`PRETTY` false: a line of `claims`) or as the
/// pretty printer writes a claim two levels deep (a report's `claims`).
/// One writer for both, so that a field added to [`Claim`] is added once.
pub(crate) fn fields_until_group<const PRETTY: bool>(
    claim: &Claim,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    out.extend_from_slice(if PRETTY {
        b"{\n      \"id\": "
    } else {
        b"{\"id\":"
    });
    claim.id.with_text(|id| text(out, id))?;
    key!(out, PRETTY, "doc");
    text(out, &claim.doc)?;
    key!(out, PRETTY, "span");
    span::<PRETTY>(out, claim.span);
    key!(out, PRETTY, "text");
    text(out, &claim.text)?;
    key!(out, PRETTY, "value");
    figure(out, claim.value.get())?;
    key!(out, PRETTY, "low");
    figure(out, claim.low.get())?;
    key!(out, PRETTY, "high");
    figure(out, claim.high.get())?;
    key!(out, PRETTY, "qualifier");
    name(out, claim.qualifier.as_str());
    key!(out, PRETTY, "vague");
    boolean(out, claim.vague);
    key!(out, PRETTY, "kind");
    text(out, &claim.kind)?;
    key!(out, PRETTY, "unit");
    text(out, &claim.unit)?;
    key!(out, PRETTY, "subject");
    text(out, &claim.subject)?;
    key!(out, PRETTY, "attribution");
    text(out, &claim.attribution)?;
    key!(out, PRETTY, "attribution_text");
    text(out, &claim.attribution_text)?;
    key!(out, PRETTY, "attribution_span");
    match claim.attribution_span {
        Some(pair) => span::<PRETTY>(out, pair),
        None => out.extend_from_slice(b"null"),
    }
    key!(out, PRETTY, "modality");
    name(out, modality_name(claim.modality));
    key!(out, PRETTY, "as_of");
    date(out, claim.as_of)?;
    key!(out, PRETTY, "as_of_basis");
    match claim.as_of_basis {
        Some(basis) => name(out, basis_name(basis)),
        None => out.extend_from_slice(b"null"),
    }
    key!(out, PRETTY, "published");
    date(out, claim.published)?;
    key!(out, PRETTY, "source");
    text(out, &claim.source)?;
    key!(out, PRETTY, "sentence");
    text(out, &claim.sentence)?;
    key!(out, PRETTY, "part_of");
    boolean(out, claim.part_of);
    // Written only when set, as `skip_serializing_if` says.
    let narrowing = &claim.narrowing;
    if !narrowing.grade().is_empty() {
        key!(out, PRETTY, "grade");
        text(out, narrowing.grade())?;
    }
    if !narrowing.site().is_empty() {
        key!(out, PRETTY, "site");
        text(out, narrowing.site())?;
    }
    if !narrowing.event().is_empty() {
        key!(out, PRETTY, "event");
        text(out, narrowing.event())?;
    }
    key!(out, PRETTY, "language");
    text(out, &claim.language)?;
    key!(out, PRETTY, "group");
    Ok(())
}

/// A figure as `serde_json` writes an `Option<f64>`. A whole number of
/// less than fifteen digits (most figures) is its digits and `.0`, which
/// is what serde_json's float printer gives for it; the others go to it.
fn figure(out: &mut Vec<u8>, figure: Option<f64>) -> io::Result<()> {
    let Some(figure) = figure else {
        out.extend_from_slice(b"null");
        return Ok(());
    };
    if figure.fract() == 0.0 && figure.abs() < 1e15 {
        if figure.is_sign_negative() {
            out.push(b'-');
        }
        integer(out, figure.abs() as usize);
        out.extend_from_slice(b".0");
        return Ok(());
    }
    value(out, &figure)
}

/// A date as `serde_json` writes an `Option<jiff::civil::Date>`: a year of
/// four digits written here (`"2024-02-29"`), any other by jiff.
fn date(out: &mut Vec<u8>, date: Option<jiff::civil::Date>) -> io::Result<()> {
    let Some(date) = date else {
        out.extend_from_slice(b"null");
        return Ok(());
    };
    let Some(text) = crate::decimal::iso_date(date) else {
        return value(out, &date);
    };
    out.push(b'"');
    out.extend_from_slice(&text);
    out.push(b'"');
    Ok(())
}

/// A name with nothing to escape (a unit variant's), between quotes.
fn name(out: &mut Vec<u8>, name: &str) {
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

/// A modality's name, as serde writes it (`snake_case`).
fn modality_name(modality: Modality) -> &'static str {
    match modality {
        Modality::Asserted => "asserted",
        Modality::Projection => "projection",
        Modality::Denied => "denied",
    }
}

/// How an as-of date was found, as serde writes it (`snake_case`).
fn basis_name(basis: DateBasis) -> &'static str {
    match basis {
        DateBasis::FrontMatter => "front_matter",
        DateBasis::PublicationCue => "publication_cue",
        DateBasis::Dateline => "dateline",
        DateBasis::LatestMentioned => "latest_mentioned",
        DateBasis::Stated => "stated",
        DateBasis::Relative => "relative",
        DateBasis::Published => "published",
    }
}

/// A further key of a claim's object: `,"name":`, or `,` then the key on a
/// line of its own, indented six spaces, as in a report. The names are
/// plain ASCII: nothing in them to escape.
#[inline]
pub(crate) fn key<const PRETTY: bool>(out: &mut Vec<u8>, name: &str) {
    out.extend_from_slice(if PRETTY { b",\n      \"" } else { b",\"" });
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(if PRETTY { b"\": " } else { b"\":" });
}

/// A JSON string: copied between quotes when no byte of it is escaped (a
/// quote, a backslash, a control character), else written by `serde_json`
/// (which copies the runs between escapes whole). Inlined: some fifteen
/// texts a claim, most a few bytes, where a call's own cost was a tenth
/// of the writing.
#[inline(always)]
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
/// of bytes at a time, without a branch per byte: sixteen bytes a step,
/// then the last sixteen (overlapping the blocks before: no copy); a text
/// shorter than that (a unit, an id, a name: most texts) as one or two
/// words of eight bytes.
fn needs_escape(bytes: &[u8]) -> bool {
    let length = bytes.len();
    if length >= 16 {
        let block_escapes = |block: &[u8]| {
            block.iter().fold(false, |any, &byte| {
                any | (byte < 0x20) | (byte == b'"') | (byte == b'\\')
            })
        };
        let mut blocks = bytes.chunks_exact(16);
        if blocks.by_ref().any(block_escapes) {
            return true;
        }
        return !blocks.remainder().is_empty() && block_escapes(&bytes[length - 16..]);
    }
    if length >= 8 {
        return word_escapes(word(&bytes[..8])) | word_escapes(word(&bytes[length - 8..]));
    }
    if length >= 4 {
        // Two overlapping halves, in one word.
        let half = |at: usize| {
            u64::from(u32::from_le_bytes([
                bytes[at],
                bytes[at + 1],
                bytes[at + 2],
                bytes[at + 3],
            ]))
        };
        return word_escapes(half(0) | half(length - 4) << 32);
    }
    bytes.iter().fold(false, |any, &byte| {
        any | (byte < 0x20) | (byte == b'"') | (byte == b'\\')
    })
}

/// Eight bytes as one word (in memory order: the order does not matter to
/// [`word_escapes`]).
#[inline]
fn word(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

/// True when some byte of `word` is below a space, a quote or a backslash.
/// Each test is the classic "has a byte below n" (`(x - n) & !x` in every
/// byte's high bit, n at most 128): a byte's borrow may mark the bytes
/// above it too, but only once some byte is already marked, so whether any
/// is marked is exact.
#[inline]
fn word_escapes(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES * 0x80;
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS;
    let control = below(word, 0x20);
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    (control | quote | backslash) != 0
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
fn span<const PRETTY: bool>(out: &mut Vec<u8>, [start, end]: [u32; 2]) {
    out.extend_from_slice(if PRETTY { b"[\n        " } else { b"[" });
    integer(out, start as usize);
    out.extend_from_slice(if PRETTY { b",\n        " } else { b"," });
    integer(out, end as usize);
    out.extend_from_slice(if PRETTY { b"\n      ]" } else { b"]" });
}

pub(crate) fn integer(out: &mut Vec<u8>, value: usize) {
    let mut buffer = [0; 20];
    out.extend_from_slice(crate::decimal::digits(value as u64, &mut buffer));
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
    claim.value = value.into();
    claim.low = value.map(|v| v / 3.0).into();
    claim.high = Some(f64::NEG_INFINITY).into();
    claim.text = text.into();
    claim.sentence = text.repeat(3).into();
    claim.narrowing =
        crate::model::Narrowing::new(text.into(), crate::model::SharedText::EMPTY, text.into());
    claim.span = [u32::MAX, 0];
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
        claim.group = crate::model::SharedText::EMPTY;
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

    fn by_serde_value<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    fn written(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_are_found_as_byte_by_byte() {
        let mut random = crate::test_random::TestRandom(3);
        let bytes = [
            b'a', b' ', b'"', b'\\', 0, 0x1f, 0x20, 0x7f, 0xc3, 0xa9, b'\n',
        ];
        for _ in 0..20_000 {
            let length = random.below(50) as usize;
            let text: Vec<u8> = (0..length)
                .map(|_| {
                    if random.below(8) == 0 {
                        bytes[random.below(11) as usize]
                    } else {
                        b'x'
                    }
                })
                .collect();
            let expected = text.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            assert_eq!(needs_escape(&text), expected, "{text:?}");
        }
    }

    /// Every byte value at every place of texts up to 40 bytes long, among
    /// bytes that need no escape (those just above or beside the ones that
    /// do, and bytes past ASCII, whose high bit the word test must not take
    /// for a borrow): found exactly where a test byte by byte finds it.
    #[test]
    fn every_byte_at_every_place_is_found_as_byte_by_byte() {
        let mut random = crate::test_random::TestRandom(16);
        let plain = [
            b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xa2, 0xdc, 0xff, b'x',
        ];
        for length in 1..=40 {
            for at in 0..length {
                let mut text: Vec<u8> = (0..length)
                    .map(|_| plain[random.below(plain.len() as u64) as usize])
                    .collect();
                assert!(!needs_escape(&text), "{text:?}");
                for value in 0..=255u8 {
                    text[at] = value;
                    let expected = value < 0x20 || value == b'"' || value == b'\\';
                    assert_eq!(needs_escape(&text), expected, "{text:?}");
                }
            }
        }
        assert!(!needs_escape(b""));
    }

    /// Whole figures written here and every other through serde_json: the
    /// same bytes as serde_json's for all of them.
    #[test]
    fn figures_are_written_as_serde_json_writes_them() {
        let mut random = crate::test_random::TestRandom(12);
        let mut figures: Vec<f64> = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1e14,
            1e15,
            1e16,
            1e17,
            1e21,
            1e22,
            123456789012345.0,
            999999999999999.0,
            1e15 - 1.0,
            1e15 + 1.0,
            9007199254740992.0,
            1e-7,
            2.5e-5,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        figures.extend((0..20_000).map(f64::from));
        figures.extend((0..16).map(|exponent| 10f64.powi(exponent)));
        figures.extend((0..16).map(|exponent| -(10f64.powi(exponent)) + 1.0));
        for _ in 0..20_000 {
            let whole = (random.step() % 1_000_000_000_000_000) as f64;
            let scale = 10f64.powi(random.below(12) as i32);
            figures.extend([whole, -whole, whole / scale, whole * scale]);
        }
        for figure in figures {
            assert_eq!(
                written(|out| super::figure(out, Some(figure))),
                by_serde_value(&Some(figure)),
                "{figure:?}"
            );
        }
        assert_eq!(written(|out| super::figure(out, None)), "null");
    }

    /// Dates of every year of four digits and some beyond, as serde_json
    /// writes them through jiff.
    #[test]
    fn dates_are_written_as_serde_json_writes_them() {
        let mut dates = vec![None];
        for year in (-9999..=9999).step_by(7).chain([-1, 0, 1, 999, 1000, 9999]) {
            for (month, day) in [(1, 1), (2, 28), (10, 9), (12, 31)] {
                dates.push(jiff::civil::Date::new(year, month, day).ok());
            }
        }
        dates.push(jiff::civil::Date::new(2024, 2, 29).ok());
        for date in dates {
            assert_eq!(
                written(|out| super::date(out, date)),
                by_serde_value(&date),
                "{date:?}"
            );
        }
    }

    /// Every variant of the enums a claim holds, named as serde names it.
    #[test]
    fn names_of_variants_are_serde_s() {
        use crate::model::Qualifier;
        for qualifier in [
            Qualifier::Exact,
            Qualifier::About,
            Qualifier::AtLeast,
            Qualifier::AtMost,
            Qualifier::Range,
        ] {
            let mut out = Vec::new();
            name(&mut out, qualifier.as_str());
            assert_eq!(String::from_utf8(out).unwrap(), by_serde_value(&qualifier));
        }
        for modality in [Modality::Asserted, Modality::Projection, Modality::Denied] {
            let mut out = Vec::new();
            name(&mut out, modality_name(modality));
            assert_eq!(String::from_utf8(out).unwrap(), by_serde_value(&modality));
        }
        for basis in [
            DateBasis::FrontMatter,
            DateBasis::PublicationCue,
            DateBasis::Dateline,
            DateBasis::LatestMentioned,
            DateBasis::Stated,
            DateBasis::Relative,
            DateBasis::Published,
        ] {
            let mut out = Vec::new();
            name(&mut out, basis_name(basis));
            assert_eq!(String::from_utf8(out).unwrap(), by_serde_value(&basis));
        }
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
            claim.high = Some(f64::INFINITY).into();
            assert_eq!(
                String::from_utf8(by_hand(&claim)).unwrap(),
                String::from_utf8(by_serde(&claim)).unwrap()
            );
        }
    }
}
