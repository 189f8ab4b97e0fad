//! Normalising text: one spelling for what readers see as the same thing.
//!
//! Input: the body of a document as stored. Output: a [`NormalizedText`] whose
//! string has Arabic-Indic and Persian digits folded to ASCII, Arabic diacritics
//! and tatweel removed, hamza forms of alef folded, Latin letters lower-cased and
//! typographic punctuation simplified, plus the places where it is not a copy
//! of the original, so that every span we report points into the file as stored.
//! [`tokenize`] (in `tokens.rs` beside this file) then cuts the normalised text into
//! words, numbers and punctuation marks, each mark with its [`Punct`] class
//! (comma, quote, dash...), so that no later stage lists the characters of a
//! class again; [`soft_line_breaks`] (in `lines.rs`) finds the newlines of
//! hard-wrapped prose.

mod lines;
mod tokens;

pub use lines::soft_line_breaks;
pub use tokens::{
    Punct, Token, TokenKind, Tokens, groups_digits_with_spaces, tokenize, tokenize_capped,
    tokenize_with,
};

/// Text after normalisation, with a way back to the original offsets.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    /// The normalised string; what tokens and rule phrases are matched in.
    pub text: String,
    /// Where the normalised text is not the original byte for byte (a
    /// character dropped, or folded to one of another length), in order;
    /// everywhere else a byte comes from the byte as far from the last
    /// change as it is. Most texts have none or a few, so a text costs no
    /// map of offsets a byte (two of them made every text's normalising
    /// several times dearer than copying it).
    changes: Vec<Change>,
    /// Added to every original offset: where the normalised part starts in the file.
    base: usize,
}

/// Normalised bytes `text_start..text_end` come from the original
/// character `start..end` (none when a character is dropped: then both
/// text offsets are where it would have been).
#[derive(Debug, Clone, Copy)]
struct Change {
    text_start: u32,
    text_end: u32,
    start: u32,
    end: u32,
}

impl NormalizedText {
    /// Normalises `original`, whose first byte sits at `base` in the file.
    pub fn new(original: &str, base: usize) -> NormalizedText {
        let bytes = original.as_bytes();
        let mut normalized = NormalizedText {
            text: String::with_capacity(original.len()),
            changes: Vec::new(),
            base,
        };
        let folds = two_byte_folds();
        // `original[..copied]` is in the text: the characters that stay as
        // they are (every ASCII one, most of the others) are copied a run
        // at a time, up to the next one that changes.
        let mut copied = 0;
        let mut at = 0;
        while at < bytes.len() {
            // A run of ASCII, found by its bytes; then a run of characters
            // of two bytes (Latin-1 to Arabic, most letters outside ASCII of
            // the packs' scripts) that stay as they are, told by a table.
            at = ascii_end(bytes, at);
            at = kept_pairs_end(bytes, at, folds);
            // Then the one character that ends both, if it is neither:
            // out of the loops above, which stay small.
            if at < bytes.len() && !bytes[at].is_ascii() {
                at = normalized.fold_one(original, at, &mut copied, folds);
            }
        }
        normalized.copy(&original[copied..]);
        // Lower-cased once, not a run at a time: what the folds wrote has no
        // ASCII capital (a lower-case mapping gives none).
        normalized.text.make_ascii_lowercase();
        normalized
    }

    /// Normalises the character at `at` (not ASCII, nor one of two bytes
    /// that stays as it is), copying the original up to it first if it
    /// changes; returns where the next character starts.
    #[inline(never)]
    fn fold_one(
        &mut self,
        original: &str,
        at: usize,
        copied: &mut usize,
        folds: &TwoByteFolds,
    ) -> usize {
        let bytes = original.as_bytes();
        if let Some(code) = crate::letters::two_byte_code(bytes, at) {
            match folds.kinds[code] {
                TWO_BYTES_DROPPED => {
                    self.copy(&original[*copied..at]);
                    self.fold(Folded::Drop, at, at + 2);
                    *copied = at + 2;
                    return at + 2;
                }
                // One character of two bytes for another (most folds in
                // Arabic script: `ة`, `أ`, `ى`, `ی`): written from the table,
                // and no change to note, as `fold` would find.
                TWO_BYTES_SWAPPED => {
                    self.copy(&original[*copied..at]);
                    self.text.push(folds.swaps[code]);
                    *copied = at + 2;
                    return at + 2;
                }
                _ => {}
            }
        }
        let Some(ch) = original[at..].chars().next() else {
            return bytes.len();
        };
        let end = at + ch.len_utf8();
        match fold_char(ch) {
            Folded::One(out) if out == ch => {}
            folded => {
                self.copy(&original[*copied..at]);
                self.fold(folded, at, end);
                *copied = end;
            }
        }
        end
    }

    /// Appends original text that stays as it is but for its ASCII letters
    /// ([`NormalizedText::new`] lower-cases them at the end).
    fn copy(&mut self, run: &str) {
        self.text.push_str(run);
    }

    /// Appends what the original character `start..end` folds to, and
    /// notes a change unless it is one character of the same length (whose
    /// bytes then come from its bytes, as a copy's do).
    fn fold(&mut self, folded: Folded, start: usize, end: usize) {
        let text_start = self.text.len();
        let same_length = match folded {
            Folded::Drop => false,
            Folded::One(out) => {
                self.text.push(out);
                out.len_utf8() == end - start
            }
            Folded::Lower(ch) => {
                let mut lower = ch.to_lowercase();
                let first = lower.next();
                self.text.extend(first);
                let alone = lower.len() == 0;
                self.text.extend(lower);
                alone && first.is_some_and(|c| c.len_utf8() == end - start)
            }
        };
        if same_length {
            return;
        }
        let (text_start, text_end) = (text_start as u32, self.text.len() as u32);
        // Dropped characters one after the other (harakat) are one change.
        if text_start == text_end
            && let Some(last) = self.changes.last_mut()
            && last.text_start == text_end
            && last.text_end == text_end
            && last.end as usize == start
        {
            last.end = end as u32;
            return;
        }
        self.changes.push(Change {
            text_start,
            text_end,
            start: start as u32,
            end: end as u32,
        });
    }

    /// The original byte span (in the file) of the normalised span `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        // Most spans asked one at a time (a figure's, a sentence's) lie in
        // one run of copied text: found by one search of the changes, both
        // ends are as far from the original's as the run's start.
        let text = &self.text;
        if start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
        {
            let changes = &self.changes;
            let after = changes.partition_point(|change| change.text_start as usize <= start);
            let (run_start, origin) = match after.checked_sub(1).map(|i| changes[i]) {
                Some(last) => (last.text_end as usize, last.end as usize),
                None => (0, 0),
            };
            let run_end = changes
                .get(after)
                .map_or(text.len(), |change| change.text_start as usize);
            if run_start <= start && end <= run_end {
                let shift = |at: usize| self.base + at - run_start + origin;
                return (shift(start), shift(end));
            }
        }
        self.spans_in_order().original_span(start, end)
    }

    /// False when the normalised character at byte `at` cannot come from a
    /// capital letter, nor stand after a change that starts at one: an ASCII
    /// byte other than a letter (digits, marks, white space) or a character
    /// of the Arabic block, which has no case. Such a token's original first
    /// character is no capital, known without mapping its span back (a test
    /// normalises every capital of Unicode and finds neither in what comes
    /// of it).
    #[inline(always)]
    pub fn may_start_capital(&self, at: usize) -> bool {
        self.text.as_bytes().get(at).is_some_and(|&byte| {
            byte.is_ascii_alphabetic() || !byte.is_ascii() && !(0xD8..=0xDB).contains(&byte)
        })
    }

    /// A way to ask the original spans of many normalised spans in text
    /// order (the tokens' spans, one after the other) without searching
    /// the changes for each.
    pub fn spans_in_order(&self) -> OriginalSpans<'_> {
        OriginalSpans {
            normalized: self,
            copied: 0..0,
            origin: 0,
        }
    }
}

/// See [`NormalizedText::spans_in_order`]. It keeps the run of copied text
/// (between two changes) the last offset asked fell in: the next one in
/// it is its original offset at once; any other is looked for among the
/// changes, so any order of questions gives the right answers.
#[derive(Debug, Clone)]
pub struct OriginalSpans<'a> {
    normalized: &'a NormalizedText,
    /// Text offsets copied from the original, one after the other.
    copied: std::ops::Range<usize>,
    /// The original offset of `copied.start`.
    origin: usize,
}

impl OriginalSpans<'_> {
    /// The original byte span (in the file) of the normalised span `start..end`.
    #[inline(always)]
    pub fn original_span(&mut self, start: usize, end: usize) -> (usize, usize) {
        // Most spans (a token's) lie inside the run of copied text the span
        // before lay in: both ends are as far from the original's as the
        // run's start.
        let text = &self.normalized.text;
        if start < end
            && self.copied.start <= start
            && end <= self.copied.end
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
        {
            let shift = |at: usize| self.normalized.base + at - self.copied.start + self.origin;
            return (shift(start), shift(end));
        }
        self.original_span_looked_up(start, end)
    }

    #[inline(never)]
    fn original_span_looked_up(&mut self, start: usize, end: usize) -> (usize, usize) {
        let normalized = self.normalized;
        let base = normalized.base;
        if start >= end || end > normalized.text.len() {
            let at = if start < normalized.text.len() {
                self.origin_start(start)
            } else {
                0
            };
            return (base + at, base + at);
        }
        let start = self.origin_start(start);
        (base + start, base + self.origin_end(end - 1))
    }

    /// The start of the original character normalised byte `at` (inside
    /// the text) comes from.
    #[inline(always)]
    fn origin_start(&mut self, at: usize) -> usize {
        if self.copied.contains(&at) && self.normalized.text.is_char_boundary(at) {
            return at - self.copied.start + self.origin;
        }
        self.origin_start_looked_up(at)
    }

    /// The end of the original character normalised byte `at` (inside the
    /// text) comes from.
    #[inline(always)]
    fn origin_end(&mut self, at: usize) -> usize {
        if self.copied.contains(&at) && self.normalized.text.is_char_boundary(at + 1) {
            return at + 1 - self.copied.start + self.origin;
        }
        self.origin_end_looked_up(at)
    }

    #[inline(never)]
    fn origin_start_looked_up(&mut self, at: usize) -> usize {
        if let Some(change) = self.look_up(at) {
            return change.start as usize;
        }
        // A copied character: its first byte's.
        let mut first = at;
        while !self.normalized.text.is_char_boundary(first) {
            first -= 1;
        }
        first - self.copied.start + self.origin
    }

    #[inline(never)]
    fn origin_end_looked_up(&mut self, at: usize) -> usize {
        if let Some(change) = self.look_up(at) {
            return change.end as usize;
        }
        // A copied character: past its last byte's.
        let mut end = at + 1;
        while !self.normalized.text.is_char_boundary(end) {
            end += 1;
        }
        end - self.copied.start + self.origin
    }

    /// The change normalised byte `at` belongs to, if any; else none, and
    /// the run of copied text around it kept.
    fn look_up(&mut self, at: usize) -> Option<Change> {
        let changes = &self.normalized.changes;
        let after = changes.partition_point(|change| change.text_start as usize <= at);
        let last = after.checked_sub(1).map(|i| changes[i]);
        if let Some(last) = last
            && at < last.text_end as usize
        {
            return Some(last);
        }
        let next = changes
            .get(after)
            .map_or(self.normalized.text.len(), |change| {
                change.text_start as usize
            });
        (self.copied, self.origin) = match last {
            Some(last) => (last.text_end as usize..next, last.end as usize),
            None => (0..next, 0),
        };
        None
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

/// The end of the run of characters of two bytes from `from` that fold to
/// themselves (`folds` says which): a load of the table each, nothing else
/// asked of them.
#[inline(always)]
fn kept_pairs_end(bytes: &[u8], from: usize, folds: &TwoByteFolds) -> usize {
    let mut at = from;
    while at + 1 < bytes.len() {
        let (first, second) = (bytes[at], bytes[at + 1]);
        if first & 0xE0 != 0xC0 {
            break;
        }
        let code = (usize::from(first & 0x1F) << 6) | usize::from(second & 0x3F);
        if folds.kinds[code] != TWO_BYTES_KEPT {
            break;
        }
        at += 2;
    }
    at
}

/// A character of two bytes that folds to itself.
const TWO_BYTES_KEPT: u8 = 0;
/// A character of two bytes that is dropped.
const TWO_BYTES_DROPPED: u8 = 1;
/// A character of two bytes that folds to another of two bytes.
const TWO_BYTES_SWAPPED: u8 = 2;
/// Any other character of two bytes: [`fold_char`] says what it becomes.
const TWO_BYTES_FOLDED: u8 = 3;

/// How each character of two bytes in UTF-8 (U+0080 to U+07FF) folds, by
/// its code: made once from [`fold_char`], so that the two always agree.
struct TwoByteFolds {
    /// `TWO_BYTES_KEPT`, `_DROPPED`, `_SWAPPED` or `_FOLDED`.
    kinds: [u8; 0x800],
    /// What a character `TWO_BYTES_SWAPPED` becomes.
    swaps: [char; 0x800],
}

fn two_byte_folds() -> &'static TwoByteFolds {
    static FOLDS: std::sync::OnceLock<Box<TwoByteFolds>> = std::sync::OnceLock::new();
    FOLDS.get_or_init(|| {
        let mut folds = Box::new(TwoByteFolds {
            kinds: [TWO_BYTES_FOLDED; 0x800],
            swaps: ['\0'; 0x800],
        });
        for code in 0x80..0x800 {
            let Some(ch) = char::from_u32(code as u32) else {
                continue;
            };
            folds.kinds[code] = match fold_char(ch) {
                Folded::Drop => TWO_BYTES_DROPPED,
                Folded::One(out) if out == ch => TWO_BYTES_KEPT,
                Folded::One(out) if out.len_utf8() == 2 => {
                    folds.swaps[code] = out;
                    TWO_BYTES_SWAPPED
                }
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

/// At how many places `holds(bytes[i], bytes[i + 1], bytes[i + 2])`, counted
/// a block of 64 bytes at a time and no further once a block brings the count
/// to `enough`. Each block is read without a branch a byte, so that the
/// compiler reads many bytes a step; the count is a byte (a block has fewer
/// than 256 places), which it makes wide, where a `usize` sum cost six
/// instructions a byte.
#[inline(always)]
fn count_byte_triples(bytes: &[u8], enough: usize, holds: impl Fn(u8, u8, u8) -> bool) -> usize {
    const BLOCK: usize = 64;
    let mut count = 0;
    let mut from = 0;
    while from + 2 < bytes.len() && count < enough {
        let to = (from + BLOCK).min(bytes.len() - 2);
        let (first, second, third) = (
            &bytes[from..to],
            &bytes[from + 1..to + 1],
            &bytes[from + 2..to + 2],
        );
        let in_block = first
            .iter()
            .zip(second)
            .zip(third)
            .fold(0u8, |count, ((&a, &b), &c)| {
                count.wrapping_add(u8::from(holds(a, b, c)))
            });
        count += usize::from(in_block);
        from = to;
    }
    count
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

    /// Normalising as it was first written: two maps of offsets, an entry a
    /// byte of the text. The changes must give the same spans.
    fn reference(original: &str) -> (String, Vec<usize>, Vec<usize>) {
        let (mut text, mut starts, mut ends) = (String::new(), Vec::new(), Vec::new());
        for (start, ch) in original.char_indices() {
            let end = start + ch.len_utf8();
            let mut push = |out: char| {
                text.push(out);
                starts.extend(std::iter::repeat_n(start, out.len_utf8()));
                ends.extend(std::iter::repeat_n(end, out.len_utf8()));
            };
            match fold_char(ch) {
                Folded::Drop => {}
                Folded::One(out) => push(out.to_ascii_lowercase()),
                Folded::Lower(c) => c.to_lowercase().for_each(&mut push),
            }
        }
        (text, starts, ends)
    }

    #[test]
    fn every_span_maps_back_as_a_map_of_every_byte_would() {
        let pieces = [
            "The U.S. ",
            "قتل ",
            "١٤٬٠٠٠",
            "۱۴۰۰",
            "يومًا ",
            "جـنـود",
            "قُتِلَ",
            "\u{2019}s “q” — ",
            "40\u{00A0}000 ",
            "İstanbul ",
            "\u{212A}elvin ",
            "Straße ",
            "\u{FEFF}\u{200B}x",
            "ǅ ",
            "Москва ",
            "😀",
            "\u{2028}",
            "ÉCOLE ",
            "\u{00AD}",
            "أكثرة ",
            "ىیک",
            "Çà",
        ];
        let mut random = crate::test_random::TestRandom(11);
        for round in 0..400 {
            let mut original = String::new();
            for _ in 0..(round % 7 + 1) {
                original.push_str(random.pick(&pieces));
            }
            let normalized = NormalizedText::new(&original, 5);
            let (text, starts, ends) = reference(&original);
            assert_eq!(normalized.text, text, "{original:?}");
            let reference_span = |start: usize, end: usize| {
                if start >= end || end > text.len() {
                    let at = starts.get(start).copied().unwrap_or(0);
                    return (5 + at, 5 + at);
                }
                (5 + starts[start], 5 + ends[end - 1])
            };
            // Asked one at a time, and all with one cursor (in text order
            // but for each start's first end, and each start).
            let mut in_order = normalized.spans_in_order();
            for start in 0..=text.len() + 1 {
                for end in 0..=text.len() + 1 {
                    let expected = reference_span(start, end);
                    let context = format!("{original:?} {start}..{end}");
                    assert_eq!(normalized.original_span(start, end), expected, "{context}");
                    assert_eq!(in_order.original_span(start, end), expected, "{context}");
                }
            }
        }
    }

    /// Every character of two bytes (kept, dropped, swapped for another of
    /// two bytes, folded otherwise), alone and between letters of both
    /// cases, normalises and maps back as the reference does.
    #[test]
    fn every_two_byte_character_normalises_as_the_reference_does() {
        for code in 0x80..0x800u32 {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            for original in [
                format!("{ch}"),
                format!("A{ch}b{ch}{ch}C \u{0623}{ch}\u{0629}1"),
                format!("{ch}\u{064E}\u{06CC}Xy{ch}"),
            ] {
                let normalized = NormalizedText::new(&original, 3);
                let (text, starts, ends) = reference(&original);
                assert_eq!(normalized.text, text, "{code:x}");
                let mut in_order = normalized.spans_in_order();
                for (start, &origin) in starts.iter().enumerate() {
                    for end in start + 1..=text.len() {
                        let expected = (3 + origin, 3 + ends[end - 1]);
                        assert_eq!(in_order.original_span(start, end), expected, "{code:x}");
                    }
                }
            }
        }
    }

    /// Found by the fuzz target: a figure after U+2028 cut a character in two.
    #[test]
    fn no_capital_normalises_to_what_may_not_start_a_capital() {
        for code in 0..=0x10FFFFu32 {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            if !crate::letters::is_uppercase(ch) {
                continue;
            }
            for (text, from, to) in [
                (format!("{ch}"), 0, 0),
                (format!("x{ch}"), 1, 0),
                (format!("{ch}x"), 0, 1),
                (format!("x{ch} "), 1, 1),
            ] {
                let normalized = NormalizedText::new(&text, 0);
                let inner = &normalized.text[from..normalized.text.len() - to];
                assert!(!inner.is_empty(), "{code:x}");
                for (at, _) in inner.char_indices() {
                    assert!(normalized.may_start_capital(from + at), "{code:x}");
                }
            }
        }
        let normalized = NormalizedText::new("A 1,\u{0661} ق ß Я\u{00A0}.", 0);
        let starts: Vec<bool> = normalized
            .text
            .char_indices()
            .map(|(at, _)| normalized.may_start_capital(at))
            .collect();
        let expected = [
            true, false, false, false, false, false, false, false, true, false, true, true, false,
        ];
        assert_eq!(starts, expected);
    }

    #[test]
    fn every_whitespace_is_folded_to_one_byte() {
        let text = normalize_phrase("\u{2028}1 \u{2029}2\u{0085}3\u{1680}4\u{205F}5\u{3000}6");
        assert_eq!(text, "\n1 \n2\n3 4 5 6");
        assert!(text.chars().all(|c| !c.is_whitespace() || c.is_ascii()));
    }
}
