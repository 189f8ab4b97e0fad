//! Normalising text: one spelling for what readers see as the same thing.
//!
//! Input: the body of a document as stored. Output: a [`NormalizedText`] whose
//! string has Arabic-Indic and Persian digits folded to ASCII, Arabic diacritics
//! and tatweel removed, hamza forms of alef folded, Latin letters lower-cased and
//! typographic punctuation simplified, plus a map from every byte of it back to
//! the original bytes, so that every span we report points into the file as stored.
//! [`tokenize`] (in `tokens.rs` beside this file) then cuts the normalised text into
//! words, numbers and punctuation marks, each mark with its [`Punct`] class
//! (comma, quote, dash...), so that no later stage lists the characters of a
//! class again.

mod tokens;

pub use tokens::{
    Punct, Token, TokenKind, Tokens, groups_digits_with_spaces, soft_line_breaks, tokenize,
    tokenize_capped, tokenize_with,
};

/// Text after normalisation, with a way back to the original offsets.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    /// The normalised string; what tokens and rule phrases are matched in.
    pub text: String,
    /// For each byte of `text`, the start of the original character it came from.
    origin_start: Vec<u32>,
    /// For each byte of `text`, the end of the original character it came from.
    origin_end: Vec<u32>,
    /// Added to every original offset: where the normalised part starts in the file.
    base: usize,
}

impl NormalizedText {
    /// Normalises `original`, whose first byte sits at `base` in the file.
    pub fn new(original: &str, base: usize) -> NormalizedText {
        let mut text = String::with_capacity(original.len());
        let mut origin_start = Vec::with_capacity(original.len());
        let mut origin_end = Vec::with_capacity(original.len());
        let bytes = original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Most characters of most texts: ASCII folds to its lower case, a
            // run of it at once (see `push_ascii`), found by its bytes.
            let ascii_end = ascii_end(bytes, at);
            push_ascii(
                &original[at..ascii_end],
                at,
                (&mut text, &mut origin_start, &mut origin_end),
            );
            at = ascii_end;
            // Then the characters outside ASCII, up to the next ASCII one
            // (a byte outside ASCII starts a character in UTF-8 text). Those
            // of two bytes (Latin-1 to Arabic, most letters outside ASCII of
            // the packs' scripts) that stay as they are or are dropped are
            // told by a table, without working out their fold.
            let folds = two_byte_folds();
            while at < bytes.len() && !bytes[at].is_ascii() {
                let (start, first) = (at as u32, bytes[at]);
                if first & 0xE0 == 0xC0 {
                    let code = (usize::from(first & 0x1F) << 6) | usize::from(bytes[at + 1] & 0x3F);
                    match folds[code] {
                        TWO_BYTES_KEPT => {
                            text.push_str(&original[at..at + 2]);
                            origin_start.extend_from_slice(&[start, start]);
                            origin_end.extend_from_slice(&[start + 2, start + 2]);
                            at += 2;
                            continue;
                        }
                        TWO_BYTES_DROPPED => {
                            at += 2;
                            continue;
                        }
                        _ => {}
                    }
                }
                let Some(ch) = original[at..].chars().next() else {
                    break;
                };
                at += ch.len_utf8();
                let end = at as u32;
                let mut push = |out: char| {
                    let before = text.len();
                    text.push(out);
                    let added = text.len() - before;
                    origin_start.extend(std::iter::repeat_n(start, added));
                    origin_end.extend(std::iter::repeat_n(end, added));
                };
                match fold_char(ch) {
                    Folded::Drop => {}
                    Folded::One(out) => push(out),
                    Folded::Lower(c) => {
                        for out in c.to_lowercase() {
                            push(out);
                        }
                    }
                }
            }
        }
        NormalizedText {
            text,
            origin_start,
            origin_end,
            base,
        }
    }

    /// The original byte span (in the file) of the normalised span `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || end > self.text.len() {
            let at = self.origin_start.get(start).copied().unwrap_or(0) as usize;
            return (self.base + at, self.base + at);
        }
        (
            self.base + self.origin_start[start] as usize,
            self.base + self.origin_end[end - 1] as usize,
        )
    }
}

/// The end of the run of ASCII bytes from `from`: eight bytes at a time,
/// their high bits tested at once, then the byte that has one.
fn ascii_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let high = word & 0x8080_8080_8080_8080;
        if high != 0 {
            // Little-endian: the lowest set bit is in the first such byte.
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .map_or(bytes.len(), |offset| at + offset)
}

/// Appends a run of ASCII text that starts at `start` in the original,
/// lower-cased, each byte from itself: a few bulk copies instead of three
/// pushes a byte.
fn push_ascii(
    run: &str,
    start: usize,
    (text, origin_start, origin_end): (&mut String, &mut Vec<u32>, &mut Vec<u32>),
) {
    if run.is_empty() {
        return;
    }
    let from = text.len();
    text.push_str(run);
    text[from..].make_ascii_lowercase();
    let start = start as u32;
    let end = start + run.len() as u32;
    origin_start.extend(start..end);
    origin_end.extend(start + 1..end + 1);
}

/// A character of two bytes that folds to itself.
const TWO_BYTES_KEPT: u8 = 0;
/// A character of two bytes that is dropped.
const TWO_BYTES_DROPPED: u8 = 1;
/// Any other character of two bytes: [`fold_char`] says what it becomes.
const TWO_BYTES_FOLDED: u8 = 2;

/// How each character of two bytes in UTF-8 (U+0080 to U+07FF) folds, by
/// its code: made once from [`fold_char`], so that the two always agree.
fn two_byte_folds() -> &'static [u8; 0x800] {
    static FOLDS: std::sync::OnceLock<Box<[u8; 0x800]>> = std::sync::OnceLock::new();
    FOLDS.get_or_init(|| {
        let mut folds = Box::new([TWO_BYTES_FOLDED; 0x800]);
        for (code, fold) in folds.iter_mut().enumerate().skip(0x80) {
            let Some(ch) = char::from_u32(code as u32) else {
                continue;
            };
            *fold = match fold_char(ch) {
                Folded::Drop => TWO_BYTES_DROPPED,
                Folded::One(out) if out == ch => TWO_BYTES_KEPT,
                Folded::One(_) | Folded::Lower(_) => TWO_BYTES_FOLDED,
            };
        }
        folds
    })
}

enum Folded {
    Drop,
    One(char),
    Lower(char),
}

fn fold_char(ch: char) -> Folded {
    match ch {
        // Arabic-Indic and Persian digits.
        '\u{0660}'..='\u{0669}' => Folded::One(char::from(b'0' + (ch as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Folded::One(char::from(b'0' + (ch as u32 - 0x06F0) as u8)),
        // Harakat, superscript alef, tatweel, Quranic marks: invisible to meaning.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => Folded::Drop,
        // Zero-width and bidirectional controls, word joiner and the other
        // invisible operators, byte-order mark, soft hyphen.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{00AD}' => Folded::Drop,
        // Hamza carriers of alef, and alef wasla.
        'أ' | 'إ' | 'آ' | 'ٱ' => Folded::One('ا'),
        'ى' => Folded::One('ي'),
        'ة' => Folded::One('ه'),
        // Persian letter forms, so one rule serves Arabic and Persian spellings.
        'ی' | 'ې' => Folded::One('ي'),
        'ک' => Folded::One('ك'),
        // Arabic separators.
        '\u{066C}' => Folded::One(','),
        '\u{066B}' => Folded::One('.'),
        '\u{060C}' => Folded::One('،'),
        // Typographic punctuation.
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' => Folded::One('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => Folded::One('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Folded::One('-'),
        // No-break, narrow no-break and thin spaces: the marks that group digits
        // ("40 000"), kept as one hard space so that a number can tell them from
        // a space between words; every stage sees them as white space.
        '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' => Folded::One(HARD_SPACE),
        // Every other Unicode space becomes an ASCII one, and every other line
        // break a newline.
        '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{205F}' | '\u{3000}' => Folded::One(' '),
        '\u{0085}' | '\u{2028}' | '\u{2029}' => Folded::One('\n'),
        // The rest of the Arabic block has no case: no look-up in the
        // tables of upper-case letters for most letters of Arabic texts.
        '\u{0600}'..='\u{06FF}' => Folded::One(ch),
        _ if ch.is_uppercase() => Folded::Lower(ch),
        _ => Folded::One(ch),
    }
}

/// The one character no-break, narrow no-break and thin spaces fold to: white
/// space to every stage, a thousands mark between digit groups ("40 000").
pub const HARD_SPACE: char = '\u{202F}';

/// Normalises a short phrase from a rule file the same way as document text.
pub fn normalize_phrase(phrase: &str) -> String {
    NormalizedText::new(phrase, 0).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_digits_and_keeps_original_spans() {
        let original = "قتل ١٤٬٠٠٠ جندي";
        let normalized = NormalizedText::new(original, 10);
        assert_eq!(normalized.text, "قتل 14,000 جندي");
        let start = normalized.text.find("14").unwrap();
        let end = start + "14,000".len();
        let (o_start, o_end) = normalized.original_span(start, end);
        assert_eq!(&original[o_start - 10..o_end - 10], "١٤٬٠٠٠");
    }

    #[test]
    fn drops_harakat_and_tatweel_and_folds_hamza() {
        assert_eq!(normalize_phrase("يومًا"), "يوما");
        assert_eq!(normalize_phrase("قُتل"), "قتل");
        assert_eq!(normalize_phrase("أكثر"), "اكثر");
        assert_eq!(normalize_phrase("جـنـود"), "جنود");
        assert_eq!(normalize_phrase("۱۴۰۰۰"), "14000");
        assert_eq!(normalize_phrase("The U.S."), "the u.s.");
    }

    #[test]
    fn an_ascii_run_ends_at_the_first_byte_outside_ascii() {
        let text = "abcdefghijklmnopqrstuvwxyzäABCDEFGH—ij";
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            let expected = bytes[from..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |offset| from + offset);
            assert_eq!(ascii_end(bytes, from), expected, "{from}");
        }
    }

    /// Found by the fuzz target: a figure after U+2028 cut a character in two.
    #[test]
    fn every_whitespace_is_folded_to_one_byte() {
        let text = normalize_phrase("\u{2028}1 \u{2029}2\u{0085}3\u{1680}4\u{205F}5\u{3000}6");
        assert_eq!(text, "\n1 \n2\n3 4 5 6");
        assert!(text.chars().all(|c| !c.is_whitespace() || c.is_ascii()));
    }
}
