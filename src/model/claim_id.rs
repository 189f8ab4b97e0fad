//! [`ClaimId`]: a claim's id, `<doc>#<n>` (`<table>:<line>` for a table's
//! row), held as its parts.
//!
//! Why: a report holds every claim of its run, and each claim's id was a
//! text of its own, 50 to 70 bytes with the allocation's header, though all
//! but its number is the document's id, which the document's claims already
//! share. Held as that shared id, a mark and a number, an id is 16 bytes and
//! allocates nothing; it is written out only where it is printed.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::shared_text::SharedText;

/// A claim's id: the id of the document (or table) it is from, a mark and
/// its number there ("c00042-nk#12", "weather.csv:3"); or a text kept as
/// written (an id read back from a saved report, or set by a test). Either
/// way it reads, compares, orders, hashes and serialises as the text it
/// stands for, so two ids of the same text are equal whatever their form.
#[derive(Clone, Default)]
pub struct ClaimId {
    /// The document's or table's id; the whole id when `mark` is [`AS_WRITTEN`].
    base: SharedText,
    /// The claim's number in its document or table.
    number: u32,
    /// What stands between `base` and the number: `#` or `:`.
    mark: u8,
}

/// The mark of an id kept as written: its text is all in `base`.
const AS_WRITTEN: u8 = 0;

/// An id's text read as its parts: what ends in a mark and a number
/// (ASCII that is not a digit, then digits as a number is written: no
/// leading zero, at most 32 bits) is its base, mark and number; any other
/// text is a base alone. Each text has one reading, and a numbered id's
/// text reads as its own parts: ids compare and hash by their parts,
/// whatever their form, without writing them out.
type Parts<'a> = (&'a str, Option<(u8, u32)>);

/// Whether `mark` may stand between an id's base and its number.
fn is_mark(mark: u8) -> bool {
    mark.is_ascii() && !mark.is_ascii_digit() && mark != AS_WRITTEN
}

/// The parts `text` reads as (see [`Parts`]).
fn parts_of_text(text: &str) -> Parts<'_> {
    let bytes = text.as_bytes();
    let digits = bytes
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let start = bytes.len() - digits;
    let whole = (text, None);
    if digits == 0 || digits > 10 || start == 0 || digits > 1 && bytes[start] == b'0' {
        return whole;
    }
    let mark = bytes[start - 1];
    let number = bytes[start..]
        .iter()
        .fold(0u64, |n, &digit| n * 10 + u64::from(digit - b'0'));
    match u32::try_from(number) {
        // The mark is ASCII: the base ends on a character's boundary.
        Ok(number) if is_mark(mark) => (&text[..start - 1], Some((mark, number))),
        _ => whole,
    }
}

/// Calls `f` with the text of `pieces` put together, on the stack when it is
/// short (an id, a label), else in a vector of its own.
pub(crate) fn with_joined<R>(pieces: &[&[u8]], f: impl FnOnce(&str) -> R) -> R {
    let length: usize = pieces.iter().map(|piece| piece.len()).sum();
    let mut stack = [0u8; 160];
    let mut heap = Vec::new();
    let joined: &mut [u8] = if length <= stack.len() {
        &mut stack[..length]
    } else {
        heap.resize(length, 0);
        &mut heap
    };
    let mut at = 0;
    for piece in pieces {
        joined[at..at + piece.len()].copy_from_slice(piece);
        at += piece.len();
    }
    // Pieces of `str` and ASCII: never cut in a character.
    f(std::str::from_utf8(joined).unwrap_or_default())
}

/// `number`'s digits, at the end of `buffer`.
pub(crate) fn digits_of(number: u32, buffer: &mut [u8; 20]) -> &[u8] {
    crate::decimal::digits(u64::from(number), buffer)
}

impl ClaimId {
    /// The id of claim `number` of `base` (a document's id, shared by its
    /// claims), with `mark` between: `base#number` for `'#'`. The mark is
    /// ASCII and not a digit, so the text has one reading as parts. A number
    /// past 32 bits (never, for an article of at most 4 GiB), or another
    /// mark, is kept as written.
    pub fn numbered(base: &SharedText, mark: char, number: u64) -> ClaimId {
        match (u8::try_from(mark), u32::try_from(number)) {
            (Ok(mark), Ok(number)) if is_mark(mark) => ClaimId {
                base: base.clone(),
                number,
                mark,
            },
            _ => ClaimId::as_written(&format!("{base}{mark}{number}")),
        }
    }

    /// An id kept as `text` says it.
    pub fn as_written(text: &str) -> ClaimId {
        ClaimId::from(SharedText::new(text))
    }

    /// The claim's number after the document's id and `mark`, when the id
    /// was made so.
    pub fn number_after(&self, mark: char) -> Option<u32> {
        (self.mark != AS_WRITTEN && char::from(self.mark) == mark).then_some(self.number)
    }

    /// The id's base (its whole text when kept as written) and, when made
    /// of parts, its mark and number.
    pub fn parts(&self) -> (&str, Option<(u8, u32)>) {
        let numbered = (self.mark != AS_WRITTEN).then_some((self.mark, self.number));
        (&self.base, numbered)
    }

    /// The parts its text reads as (see [`Parts`]): its own, or those of
    /// the text it was kept as.
    fn reading(&self) -> Parts<'_> {
        match self.parts() {
            (text, None) => parts_of_text(text),
            numbered => numbered,
        }
    }

    /// The length of the id's text, in bytes.
    pub fn len(&self) -> usize {
        match self.parts() {
            (text, None) => text.len(),
            (base, Some((_, number))) => base.len() + 1 + digits_of(number, &mut [0; 20]).len(),
        }
    }

    /// True for the empty id.
    pub fn is_empty(&self) -> bool {
        self.mark == AS_WRITTEN && self.base.is_empty()
    }

    /// Calls `f` with the id's text, written out on the stack when it is
    /// held as its parts.
    pub fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        match self.parts() {
            (text, None) => f(text),
            (base, Some((mark, number))) => {
                let mut digits = [0u8; 20];
                let digits = digits_of(number, &mut digits);
                with_joined(&[base.as_bytes(), &[mark], digits], f)
            }
        }
    }

    /// Writes the id's text with `part`, a piece at a time (the base, then
    /// the mark and the number: ASCII).
    pub fn write_parts<E>(&self, mut part: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        let (base, numbered) = self.parts();
        part(base)?;
        if let Some((mark, number)) = numbered {
            let mut digits = [0u8; 20];
            let digits = digits_of(number, &mut digits);
            with_joined(&[&[mark], digits], part)?;
        }
        Ok(())
    }

    /// The id as a text of its own.
    pub fn to_shared(&self) -> SharedText {
        match self.parts() {
            (_, None) => self.base.clone(),
            _ => self.with_text(SharedText::new),
        }
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_parts(|part| f.write_str(part))
    }
}

impl fmt::Debug for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|text| fmt::Debug::fmt(text, f))
    }
}

/// Whether two texts are the same letters at the same place: a shared
/// base, known equal without reading it (a quantity's claims of one
/// document or table are compared and sorted by id).
fn same_place(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b)
}

impl PartialEq for ClaimId {
    fn eq(&self, other: &ClaimId) -> bool {
        let (mine, theirs) = (self.reading(), other.reading());
        mine.1 == theirs.1 && (same_place(mine.0, theirs.0) || mine.0 == theirs.0)
    }
}

impl Eq for ClaimId {}

impl PartialEq<str> for ClaimId {
    fn eq(&self, other: &str) -> bool {
        self.reading() == parts_of_text(other)
    }
}

impl PartialEq<&str> for ClaimId {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<String> for ClaimId {
    fn eq(&self, other: &String) -> bool {
        *self == **other
    }
}

/// Hashes the parts of an id's text (see [`Parts`]).
fn hash_parts<H: Hasher>((base, numbered): Parts<'_>, state: &mut H) {
    base.hash(state);
    if let Some((mark, number)) = numbered {
        state.write_u8(mark);
        state.write_u32(number);
    }
}

impl Hash for ClaimId {
    /// By the parts its text reads as: alike for both forms of one text.
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_parts(self.reading(), state);
    }
}

/// An id's text, to look an id up by in a map of [`ClaimId`]s (a reason
/// names a claim by its id's text): it hashes and compares as that id.
#[derive(Debug, Clone, Copy)]
pub struct IdText<'a>(pub &'a str);

impl Hash for IdText<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_parts(parts_of_text(self.0), state);
    }
}

impl indexmap::Equivalent<&ClaimId> for IdText<'_> {
    fn equivalent(&self, key: &&ClaimId) -> bool {
        **key == *self.0
    }
}

impl Ord for ClaimId {
    /// As their texts order ("d#10" before "d#9"), written out only when
    /// one base is the start of the other.
    fn cmp(&self, other: &ClaimId) -> Ordering {
        let ((mine, my_number), (theirs, their_number)) = (self.reading(), other.reading());
        if same_place(mine, theirs) || mine == theirs {
            // What follows the base: nothing, or a mark and digits.
            return match (my_number, their_number) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (Some((my_mark, mine)), Some((their_mark, theirs))) => my_mark
                    .cmp(&their_mark)
                    .then_with(|| digits_cmp(mine, theirs)),
            };
        }
        let shorter = mine.len().min(theirs.len());
        match mine.as_bytes()[..shorter].cmp(&theirs.as_bytes()[..shorter]) {
            Ordering::Equal => self.with_text(|mine| other.with_text(|theirs| mine.cmp(theirs))),
            decided => decided,
        }
    }
}

/// How the decimal digits of `a` and `b` order as texts ("10" before "9"),
/// without writing them out.
fn digits_cmp(a: u32, b: u32) -> Ordering {
    let count = |n: u32| n.checked_ilog10().unwrap_or(0) + 1;
    let (a_digits, b_digits) = (count(a), count(b));
    match a_digits.cmp(&b_digits) {
        Ordering::Equal => a.cmp(&b),
        // The shorter against as many first digits of the longer; a text
        // that starts the other comes first.
        Ordering::Less => a
            .cmp(&(b / 10u32.pow(b_digits - a_digits)))
            .then(Ordering::Less),
        Ordering::Greater => (a / 10u32.pow(a_digits - b_digits))
            .cmp(&b)
            .then(Ordering::Greater),
    }
}

impl PartialOrd for ClaimId {
    fn partial_cmp(&self, other: &ClaimId) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A text kept as written, shared (a denial's id beside the claims' in a
/// contradiction's list).
impl From<SharedText> for ClaimId {
    fn from(text: SharedText) -> ClaimId {
        ClaimId {
            base: text,
            number: 0,
            mark: AS_WRITTEN,
        }
    }
}

impl From<&str> for ClaimId {
    fn from(text: &str) -> ClaimId {
        ClaimId::as_written(text)
    }
}

impl From<String> for ClaimId {
    fn from(text: String) -> ClaimId {
        ClaimId::as_written(&text)
    }
}

impl Serialize for ClaimId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClaimId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ClaimId, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(ClaimId::as_written(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    fn hash_of(value: &impl Hash) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn an_id_is_its_parts_written_out() {
        let doc = SharedText::new("c00042-nk");
        let id = ClaimId::numbered(&doc, '#', 12);
        assert_eq!(id.to_string(), "c00042-nk#12");
        assert_eq!(id, "c00042-nk#12");
        assert_eq!(format!("{id:?}"), "\"c00042-nk#12\"");
        assert_eq!(id.to_shared(), "c00042-nk#12");
        assert_eq!(id.number_after('#'), Some(12));
        assert_eq!(id.number_after(':'), None);
        assert_eq!(ClaimId::numbered(&SharedText::new("t"), ':', 5), "t:5");
        assert!(ClaimId::default().is_empty());
        assert_eq!(ClaimId::default().to_string(), "");
        assert!(!id.is_empty());
        assert_eq!(std::mem::size_of::<ClaimId>(), 16);
    }

    #[test]
    fn both_forms_of_one_text_are_one_id() {
        let numbered = ClaimId::numbered(&SharedText::new("d"), '#', 10);
        let written = ClaimId::as_written("d#10");
        assert_eq!(numbered, written);
        assert_eq!(written, numbered);
        assert_eq!(hash_of(&numbered), hash_of(&written));
        assert_eq!(hash_of(&numbered), hash_of(&IdText("d#10")));
        assert_ne!(hash_of(&numbered), hash_of(&IdText("d#9")));
        // Texts that do not end in a number, or not as one is written.
        for text in ["d", "d#", "d#01", "#1", "d#99999999999", "d1"] {
            let written = ClaimId::as_written(text);
            assert_eq!(written, text);
            assert_eq!(hash_of(&written), hash_of(&IdText(text)), "{text}");
        }
        // A digit cannot be a mark: the id is kept as the text it writes.
        let digit_mark = ClaimId::numbered(&SharedText::new("d"), '1', 1);
        assert_eq!(
            (digit_mark.number_after('1'), digit_mark.to_string()),
            (None, "d11".to_string())
        );
        assert_eq!(numbered.cmp(&written), Ordering::Equal);
        // A base that ends as another id does is not that id.
        assert_ne!(ClaimId::numbered(&SharedText::new("d#1"), '#', 0), numbered);
        assert_ne!(ClaimId::numbered(&SharedText::new("d"), ':', 10), numbered);
    }

    #[test]
    fn numbers_order_as_their_digits_do() {
        let numbers = [
            0,
            1,
            2,
            9,
            10,
            11,
            19,
            20,
            99,
            100,
            101,
            999,
            1000,
            12345,
            u32::MAX,
        ];
        for a in numbers {
            for b in numbers {
                assert_eq!(
                    digits_cmp(a, b),
                    a.to_string().cmp(&b.to_string()),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn ids_order_as_their_texts() {
        let id = |base: &str, n: u64| ClaimId::numbered(&SharedText::new(base), '#', n);
        let mut ids = [
            id("d", 9),
            id("d", 10),
            id("a-b", 1),
            id("a", 2),
            ClaimId::as_written("d#1"),
        ];
        ids.sort();
        let texts: Vec<String> = ids.iter().map(ClaimId::to_string).collect();
        let mut expected = texts.clone();
        expected.sort();
        assert_eq!(texts, expected);
        assert_eq!(texts, ["a#2", "a-b#1", "d#1", "d#10", "d#9"]);
    }

    #[test]
    fn every_pair_compares_hashes_and_orders_as_its_texts_do() {
        let bases = ["", "a", "a#1", "a-b", "a1", "b", "é", "a:"];
        let mut ids: Vec<ClaimId> = Vec::new();
        for base in bases {
            let shared = SharedText::new(base);
            for number in [0, 1, 2, 10, 19, 9, 100] {
                ids.push(ClaimId::numbered(&shared, '#', number));
                ids.push(ClaimId::numbered(&shared, ':', number));
            }
            ids.push(ClaimId::as_written(base));
        }
        for text in ["a#1", "a#01", "a#10", "a:", "#", "a#1#2", "a#4294967296"] {
            ids.push(ClaimId::as_written(text));
        }
        for a in &ids {
            for b in &ids {
                let (x, y) = (a.to_string(), b.to_string());
                assert_eq!(a.cmp(b), x.cmp(&y), "{x} {y}");
                assert_eq!(a == b, x == y, "{x} {y}");
                assert_eq!(*a == *y.as_str(), x == y, "{x} {y}");
                if x == y {
                    assert_eq!(hash_of(a), hash_of(b), "{x}");
                }
            }
            assert_eq!(hash_of(a), hash_of(&IdText(&a.to_string())), "{a}");
            assert_eq!(a.len(), a.to_string().len());
        }
    }

    #[test]
    fn an_id_serialises_as_its_text_and_reads_back_equal() {
        let id = ClaimId::numbered(&SharedText::new("w\"x"), ':', 3);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, r#""w\"x:3""#);
        let back: ClaimId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, id);
        let mut parts = Vec::new();
        id.write_parts(|part| {
            parts.push(part.to_string());
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(parts, ["w\"x", ":3"]);
    }

    #[test]
    fn a_number_past_32_bits_is_kept_as_written() {
        let id = ClaimId::numbered(&SharedText::new("d"), '#', u64::from(u32::MAX) + 1);
        assert_eq!(id, "d#4294967296");
        assert_eq!(id.number_after('#'), None);
    }
}
