//! Tokens: the normalised text cut into words, numbers and punctuation
//! marks, each mark with its [`Punct`] class; and where a run of digits is
//! one number.
//!
//! Input: a [`NormalizedText`]'s string. Output: [`Token`]s whose offsets are
//! into that string.

#[cfg(doc)]
use super::NormalizedText;
use super::{HARD_SPACE, count_byte_triples};
use crate::letters::ALPHANUMERIC;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters of any script, ended by a digit, a space or a mark.
    Word,
    /// Digits, possibly with separators inside ("14,000", "7.8").
    Number,
    /// A single punctuation mark, with its class.
    Punct(Punct),
}

impl TokenKind {
    /// True for a punctuation mark of any class.
    pub fn is_punct(self) -> bool {
        matches!(self, TokenKind::Punct(_))
    }
}

/// The class of a punctuation mark, decided once when the text is cut into
/// tokens, so that every stage agrees on what a comma or a quote is. The
/// typographic variants are folded before tokenisation (see [`NormalizedText`]:
/// “ ” „ « » become `"`, ’ becomes `'`, the dashes become `-`); the class still
/// names them, for text that was not normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punct {
    /// `,` and the Arabic `،`.
    Comma,
    /// `.`: it ends a sentence, except after an initial or inside a date.
    FullStop,
    /// `!`.
    Exclamation,
    /// `?` and the Arabic `؟`.
    Question,
    /// `;` and the Arabic `؛`.
    Semicolon,
    /// `:`.
    Colon,
    /// `"` and the typographic double quotes.
    Quote,
    /// `'` and the typographic apostrophes, inside names ("WHO's").
    Apostrophe,
    /// `-`, hyphens and dashes alike.
    Dash,
    /// `(` and `)`.
    Parenthesis,
    /// `[`, `]`, `{` and `}`.
    Bracket,
    /// `/`.
    Slash,
    /// Any other mark (`$`, `%`, `*`, `#`...).
    Other,
}

impl Punct {
    /// The class of a mark.
    pub fn of(ch: char) -> Punct {
        match ch {
            ',' | '\u{060C}' => Punct::Comma,
            '.' => Punct::FullStop,
            '!' => Punct::Exclamation,
            '?' | '\u{061F}' => Punct::Question,
            ';' | '\u{061B}' => Punct::Semicolon,
            ':' => Punct::Colon,
            '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => Punct::Quote,
            '\'' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' => Punct::Apostrophe,
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => Punct::Dash,
            '(' | ')' => Punct::Parenthesis,
            '[' | ']' | '{' | '}' => Punct::Bracket,
            '/' => Punct::Slash,
            _ => Punct::Other,
        }
    }

    /// `.`, `!`, `?` and `؟`: marks that may end a sentence.
    pub fn ends_sentence(self) -> bool {
        matches!(self, Punct::FullStop | Punct::Exclamation | Punct::Question)
    }
}

/// A token of normalised text; offsets are into [`NormalizedText::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Word, number or punctuation mark.
    pub kind: TokenKind,
    /// Byte offset of its first character in the normalised text.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// True when whitespace (or the start of the text) comes right before it.
    pub space_before: bool,
    /// True when a line break lies between this token and the previous one.
    pub newline_before: bool,
}

impl Token {
    /// The token's text in `text`, the normalised string it was cut from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// The class of a punctuation mark; `None` for words and numbers.
    pub fn punct(&self) -> Option<Punct> {
        match self.kind {
            TokenKind::Punct(class) => Some(class),
            TokenKind::Word | TokenKind::Number => None,
        }
    }

    /// True for a punctuation mark of any class.
    pub fn is_punct(&self) -> bool {
        self.kind.is_punct()
    }
}

/// Cuts normalised text into words, numbers and single punctuation marks.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with(text, false)
}

/// Like [`tokenize`]; with `space_groups`, a space followed by exactly three
/// digits continues a number ("14 000" in French and Russian). A hard space
/// (no-break, narrow no-break, thin) always does.
pub fn tokenize_with(text: &str, space_groups: bool) -> Vec<Token> {
    tokenize_capped(text, space_groups, usize::MAX).tokens
}

/// Tokens, and the byte ranges of the words and numbers left out for being
/// longer than the cap.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// Each word or number longer than the cap, left out of `tokens`.
    pub left_out: Vec<(usize, usize)>,
}

/// Like [`tokenize_with`], but a word or a number longer than `max_bytes`
/// bytes is left out (the token after it counts as after a space): no word or
/// figure is that long, and matching it would cost in proportion to its
/// length squared.
pub fn tokenize_capped(text: &str, space_groups: bool, max_bytes: usize) -> Tokens {
    // About one token in every five bytes of prose: room for most texts'
    // tokens at once, not grown (and copied) a doubling at a time.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 8);
    let mut left_out = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut space_before = true;
    let mut newline_before = false;
    // The end of a run of digit groups that is not one number: each of its
    // groups is a number of its own ("22,24,26,31", "192.168.1.2").
    let mut broken_run_end = 0;
    let classes = crate::letters::classes();
    while at < bytes.len() {
        let start = at;
        let byte = bytes[at];
        // Most characters are ASCII: classed by their byte, not decoded;
        // most white space is one space between two words.
        if byte == b' ' {
            space_before = true;
            at += 1;
            continue;
        }
        let (kind, first_len);
        let mut end;
        if byte.is_ascii() {
            first_len = 1;
            end = start + 1;
            match byte {
                b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => {
                    space_before = true;
                    newline_before |= byte == b'\n';
                    at = end;
                    continue;
                }
                b'0'..=b'9' => {
                    kind = TokenKind::Number;
                    if start < broken_run_end {
                        end = digits_end(bytes, start);
                    } else {
                        let (number_end, run_end) = scan_number(text, start, space_groups);
                        end = number_end;
                        if run_end > number_end {
                            broken_run_end = run_end;
                        }
                    }
                }
                b'a'..=b'z' | b'A'..=b'Z' => {
                    kind = TokenKind::Word;
                    end = word_end(text, end, classes);
                }
                _ => kind = TokenKind::Punct(Punct::of(char::from(byte))),
            }
        } else if let Some(code) = crate::letters::two_byte_code(bytes, at)
            && classes[code] & ALPHANUMERIC != 0
        {
            // A letter of two bytes (Latin-1 to Arabic: most words outside
            // ASCII start with one), told by the table without decoding it;
            // no white space is a letter.
            kind = TokenKind::Word;
            first_len = 2;
            end = word_end(text, start + 2, classes);
        } else {
            let ch = char_at(text, at);
            first_len = ch.len_utf8();
            end = start + first_len;
            if ch.is_whitespace() {
                space_before = true;
                newline_before |= ch == '\n';
                at = end;
                continue;
            }
            if is_word_char(ch) {
                kind = TokenKind::Word;
                end = word_end(text, end, classes);
            } else {
                kind = TokenKind::Punct(Punct::of(ch));
            }
        }
        // The next token starts at the first character from `end` on.
        at = end.max(start + first_len);
        while !text.is_char_boundary(at) {
            at += 1;
        }
        if end - start > max_bytes {
            left_out.push((start, end));
            space_before = true;
            continue;
        }
        tokens.push(Token {
            kind,
            start,
            end,
            space_before,
            newline_before,
        });
        space_before = false;
        newline_before = false;
    }
    Tokens { tokens, left_out }
}

/// The character that starts at byte `at` of `text` (a character boundary
/// before its end): an ASCII byte as it is, a character of two bytes (Latin-1
/// to Arabic) put together from them, any other decoded.
#[inline(always)]
fn char_at(text: &str, at: usize) -> char {
    let bytes = text.as_bytes();
    let first = bytes[at];
    if first.is_ascii() {
        return char::from(first);
    }
    if first & 0xE0 == 0xC0
        && let Some(&second) = bytes.get(at + 1)
    {
        let code = (u32::from(first & 0x1F) << 6) | u32::from(second & 0x3F);
        if let Some(ch) = char::from_u32(code) {
            return ch;
        }
    }
    text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The end of the run of ASCII digits from `from`.
fn digits_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|b| !b.is_ascii_digit())
        .map_or(bytes.len(), |offset| from + offset)
}

/// Where a word that goes on at `from` ends: past its letters (a digit ends
/// it). ASCII letters, most letters of most words, are passed byte by byte
/// by a table of the 256 bytes, and so are the letters of the Arabic
/// alphabet by their two bytes; other characters of two bytes by the
/// letters' table (`classes`), without decoding them. (Eight ASCII bytes a
/// step was tried: words are too short for it to pay.)
#[inline(always)]
fn word_end(text: &str, from: usize, classes: &[u8; 0x800]) -> usize {
    let bytes = text.as_bytes();
    let mut end = from;
    while let Some(&byte) = bytes.get(end) {
        if ASCII_LETTERS[usize::from(byte)] {
            end += 1;
            continue;
        }
        // Any other ASCII byte ends the word.
        if byte.is_ascii() {
            return end;
        }
        if common_arabic_letter_at(bytes, end) {
            end += 2;
            continue;
        }
        if let Some(code) = crate::letters::two_byte_code(bytes, end) {
            if classes[code] & ALPHANUMERIC == 0 {
                return end;
            }
            end += 2;
            continue;
        }
        let c = char_at(text, end);
        if !is_word_char(c) {
            return end;
        }
        end += c.len_utf8();
    }
    end
}

/// Which bytes are ASCII letters: `u8::is_ascii_alphabetic` as one load
/// (its two range tests cost some 7 M instructions more on `many-4MB` in
/// this loop, which passes every letter of every word).
static ASCII_LETTERS: [bool; 256] = {
    let mut letters = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        letters[byte] = (byte as u8).is_ascii_alphabetic();
        byte += 1;
    }
    letters
};

/// True when a letter of the Arabic alphabet starts at `at`
/// ([`crate::letters::is_common_arabic_letter`]).
#[inline(always)]
fn common_arabic_letter_at(bytes: &[u8], at: usize) -> bool {
    let (Some(&first), Some(&second)) = (bytes.get(at), bytes.get(at.wrapping_add(1))) else {
        return false;
    };
    crate::letters::is_common_arabic_letter(first, second)
}

fn is_word_char(ch: char) -> bool {
    if ch.is_ascii() {
        return ch.is_ascii_alphabetic();
    }
    crate::letters::is_alphanumeric(ch)
}

/// True when the text groups digits with plain spaces in a way no other
/// reading explains: three groups or more ("1 234 567"), or a group beside a
/// hard space. A document that does so once is read as grouping with spaces
/// throughout ("40 000"), whatever its language's habit.
pub fn groups_digits_with_spaces(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Either needs a group after a plain space: most texts have no digit
    // after a space after a digit, told without reading their numbers.
    if !has_digit_space_digit(bytes) {
        return false;
    }
    let mut at = 0;
    let mut spaced_once = false;
    let mut hard = false;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() || at > 0 && bytes[at - 1].is_ascii_digit() {
            at += 1;
            continue;
        }
        let run = scan_digit_groups(text, at, true);
        let spaced = run.iter().filter(|g| g.mark == Some(' ')).count();
        hard |= run.iter().any(|g| g.mark == Some(HARD_SPACE));
        spaced_once |= spaced == 1;
        if spaced >= 2 || spaced_once && hard {
            return true;
        }
        at = run.last().map_or(at + 1, |g| g.end.max(at + 1));
    }
    false
}

/// True when a digit, a space and a digit follow each other somewhere in
/// `bytes`.
fn has_digit_space_digit(bytes: &[u8]) -> bool {
    let is_digit = |b: u8| b.wrapping_sub(b'0') < 10;
    count_byte_triples(bytes, 1, |first, space, second| {
        is_digit(first) & (space == b' ') & is_digit(second)
    }) > 0
}

/// One group of digits in a number, and the mark before it (`None` for the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DigitGroup {
    mark: Option<char>,
    start: usize,
    end: usize,
}

impl DigitGroup {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Marks that may stand between two groups of digits inside one number.
fn inner_mark(ch: char) -> bool {
    matches!(ch, ',' | '.' | '\u{060C}' | HARD_SPACE)
}

/// A mark that only ever groups thousands: the digits after it come by three.
fn grouping_only(mark: char) -> bool {
    matches!(mark, ' ' | HARD_SPACE | '\u{060C}')
}

/// The digit groups of a run starting at `start` (a digit), before any check
/// that they form one number. A space or a grouping-only mark joins only a
/// group of exactly three digits to a run whose groups so far are spaced and
/// at most three digits long ("in 2022 100" stays apart).
/// A number's digit groups: a few, kept on the stack (every number of every
/// text is scanned, twice).
type DigitGroups = smallvec::SmallVec<[DigitGroup; 6]>;

fn scan_digit_groups(text: &str, start: usize, space_groups: bool) -> DigitGroups {
    let bytes = text.as_bytes();
    let digits_end = |from: usize| {
        let mut end = from;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        end
    };
    let mut groups: DigitGroups = smallvec::smallvec![DigitGroup {
        mark: None,
        start,
        end: digits_end(start),
    }];
    loop {
        let last = groups[groups.len() - 1];
        let Some(mark) = text[last.end..].chars().next() else {
            break;
        };
        if !(inner_mark(mark) || mark == ' ' && space_groups) {
            break;
        }
        let next = last.end + mark.len_utf8();
        if !bytes.get(next).is_some_and(u8::is_ascii_digit) {
            break;
        }
        let group = DigitGroup {
            mark: Some(mark),
            start: next,
            end: digits_end(next),
        };
        if grouping_only(mark) {
            let spaced_so_far = groups.iter().all(|g| g.mark.is_none_or(grouping_only));
            if group.len() != 3 || last.len() > 3 || !spaced_so_far {
                break;
            }
        }
        groups.push(group);
    }
    groups
}

/// True when the groups read as one number: grouping marks between groups
/// of three, and at most one decimal mark, last. "22,24,26,31" and
/// "192.168.1.2" are not one number.
fn one_number(groups: &[DigitGroup]) -> bool {
    let marked: Vec<(char, usize)> = groups
        .iter()
        .filter_map(|g| g.mark.filter(|&m| !grouping_only(m)).map(|m| (m, g.len())))
        .collect();
    let Some(&(last, _)) = marked.last() else {
        return true;
    };
    let before_last = &marked[..marked.len() - 1];
    let threes = |marks: &[(char, usize)]| marks.iter().all(|&(_, len)| len == 3);
    let leading_ok =
        groups[0].len() <= 3 || groups.len() > 1 && groups[1].mark.is_some_and(grouping_only);
    if before_last.is_empty() {
        return true;
    }
    if before_last.iter().all(|&(m, _)| m == last) {
        return threes(&marked) && leading_ok;
    }
    let other = before_last[0].0;
    before_last.iter().all(|&(m, _)| m == other) && threes(before_last) && leading_ok
}

/// The end of the number that starts at `start`, and the end of its run of
/// digit groups: the same when the groups read as one number; else the
/// number is its first group (with the spaced groups after it), and the
/// marks between the others separate numbers of their own.
fn scan_number(text: &str, start: usize, space_groups: bool) -> (usize, usize) {
    // Most numbers are one run of digits with no mark and digit after it
    // ("2023", "12 people"): one group, told without collecting the groups.
    let bytes = text.as_bytes();
    let end = digits_end(bytes, start);
    let mark = bytes.get(end).copied();
    if mark.is_none_or(|byte| byte.is_ascii() && !matches!(byte, b',' | b'.' | b' ')) {
        return (end, end);
    }
    scan_number_groups(text, start, space_groups)
}

/// [`scan_number`] by the digit groups, for any number.
fn scan_number_groups(text: &str, start: usize, space_groups: bool) -> (usize, usize) {
    let groups = scan_digit_groups(text, start, space_groups);
    let run_end = groups[groups.len() - 1].end;
    if one_number(&groups) {
        return (run_end, run_end);
    }
    let kept = groups
        .iter()
        .take_while(|g| g.mark.is_none_or(grouping_only))
        .count();
    (groups[kept.max(1) - 1].end, run_end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_phrase;

    /// A number that is one run of digits is told at once: the same ends as
    /// reading its groups, for digits followed by every kind of mark.
    #[test]
    fn the_one_run_number_ends_where_its_groups_do() {
        let pieces = [
            "1", "12", "123", "2024", ",", ".", " ", "\u{202F}", "\u{060C}", "-", "a", "ق", "%",
            "\n", "/", ":", "٣", ", ", ". ",
        ];
        let mut random = crate::test_random::TestRandom(13);
        for _ in 0..20_000 {
            let mut text = String::from("7");
            for _ in 0..random.below(8) {
                text.push_str(random.pick(&pieces));
            }
            for space_groups in [false, true] {
                assert_eq!(
                    scan_number(&text, 0, space_groups),
                    scan_number_groups(&text, 0, space_groups),
                    "{text:?}"
                );
            }
        }
    }

    /// The tokenizer as it was before it classed ASCII bytes without
    /// decoding them: every text must cut the same.
    fn reference_tokens(text: &str, space_groups: bool, max_bytes: usize) -> Tokens {
        let mut tokens = Vec::new();
        let mut left_out = Vec::new();
        let (mut at, mut space_before, mut newline_before) = (0, true, false);
        let mut broken_run_end = 0;
        while let Some(ch) = text[at..].chars().next() {
            let start = at;
            let mut end = start + ch.len_utf8();
            if ch.is_whitespace() {
                space_before = true;
                newline_before |= ch == '\n';
                at = end;
                continue;
            }
            let kind;
            if ch.is_ascii_digit() {
                kind = TokenKind::Number;
                if start < broken_run_end {
                    end = text[start..]
                        .find(|c: char| !c.is_ascii_digit())
                        .map_or(text.len(), |i| start + i);
                } else {
                    let (number_end, run_end) = scan_number(text, start, space_groups);
                    end = number_end;
                    if run_end > number_end {
                        broken_run_end = run_end;
                    }
                }
            } else if is_word_char(ch) {
                kind = TokenKind::Word;
                loop {
                    while text
                        .as_bytes()
                        .get(end)
                        .is_some_and(u8::is_ascii_alphabetic)
                    {
                        end += 1;
                    }
                    match text[end..].chars().next() {
                        Some(c) if !c.is_ascii() && is_word_char(c) => end += c.len_utf8(),
                        _ => break,
                    }
                }
            } else {
                kind = TokenKind::Punct(Punct::of(ch));
            }
            at = end.max(start + ch.len_utf8());
            while !text.is_char_boundary(at) {
                at += 1;
            }
            if end - start > max_bytes {
                left_out.push((start, end));
                space_before = true;
                continue;
            }
            tokens.push(Token {
                kind,
                start,
                end,
                space_before,
                newline_before,
            });
            space_before = false;
            newline_before = false;
        }
        Tokens { tokens, left_out }
    }

    #[test]
    fn every_script_cuts_as_the_reference_does() {
        let pieces = [
            "Officials said 1,234 people",
            " ",
            "\n",
            "\t",
            "\u{0B}",
            "\u{85}",
            "\u{2028}",
            "قتل ١٤٬٠٠٠ جندي",
            "وقتلوا",
            "14 000",
            "2 500 000",
            "été",
            "Ärzte",
            "убиты 12 человек",
            "کشته",
            "\u{202F}",
            "40\u{202F}000",
            "—",
            "«",
            "’s",
            "1.111,11",
            "22,24,26,31",
            "192.168.1.2",
            "İstanbul",
            "ß",
            "日本語",
            "😀",
            "x\u{0301}",
            "a1b2",
            "1\u{060C}234",
            "\u{00A0}",
            "\u{FFFD}",
            ".",
            "-",
            "a",
            "7",
            "\u{1680}",
            "\u{3000}",
            "Ω",
            "ǅ",
            "\r\n",
            "\u{0C}",
            "\u{1C}",
            "\0",
            "ـ",
            "ءغػـفيًپ",
            "Governorates",
            "abcdefghijklmnopqrstuvwxyzABCDEFGH",
            "آسیب‌دیدگان",
            "Überschwemmungen",
        ];
        let mut random = crate::test_random::TestRandom(7);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(random.0 % 12) {
                text.push_str(random.pick(&pieces));
            }
            random.step();
            for (spaces, cap) in [(false, usize::MAX), (true, 6), (true, usize::MAX)] {
                let new = tokenize_capped(&text, spaces, cap);
                let old = reference_tokens(&text, spaces, cap);
                assert_eq!(new.tokens, old.tokens, "{text:?}");
                assert_eq!(new.left_out, old.left_out, "{text:?}");
            }
        }
    }

    #[test]
    fn the_common_arabic_letters_are_word_characters() {
        for code in 0x0580..0x0700 {
            let ch = char::from_u32(code).unwrap();
            let mut bytes = [0; 4];
            let encoded = ch.encode_utf8(&mut bytes).as_bytes();
            if common_arabic_letter_at(encoded, 0) {
                assert!(is_word_char(ch), "{code:x}");
            }
            assert!(!common_arabic_letter_at(&encoded[..1], 0));
            assert!(!common_arabic_letter_at(encoded, 1));
        }
    }

    #[test]
    fn spaces_group_thousands_only_when_asked() {
        let text = "14 000 soldats et 2 500 000 euros en 2022 100 fois";
        let grouped: Vec<&str> = tokenize_with(text, true)
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.text(text))
            .collect();
        assert_eq!(grouped, ["14 000", "2 500 000", "2022", "100"]);
        assert_eq!(tokenize(text)[0].text(text), "14");
    }

    #[test]
    fn a_run_of_digits_is_one_number_only_when_its_marks_group_or_end_it() {
        let numbers = |text: &str, spaces: bool| -> Vec<String> {
            tokenize_with(text, spaces)
                .iter()
                .filter(|t| t.kind == TokenKind::Number)
                .map(|t| t.text(text).to_string())
                .collect()
        };
        assert_eq!(
            numbers("1,234,567.89 and 1.111,11", false),
            ["1,234,567.89", "1.111,11"]
        );
        assert_eq!(numbers("nrs 22,24,26,31.", false), ["22", "24", "26", "31"]);
        assert_eq!(numbers("at 192.168.1.2", false), ["192", "168", "1", "2"]);
        assert_eq!(
            numbers("1\u{060C}234\u{060C}567", false),
            ["1\u{060C}234\u{060C}567"]
        );
        let hard = format!("40{HARD_SPACE}000 and 40 000");
        assert_eq!(
            numbers(&hard, false),
            [format!("40{HARD_SPACE}000"), "40".into(), "000".into()]
        );
        assert!(groups_digits_with_spaces(&hard));
        assert!(groups_digits_with_spaces("1 234 567 people"));
        assert!(!groups_digits_with_spaces(
            "in 2022 100 people, 40 000 more"
        ));
    }

    /// The test in blocks finds what a look at every three bytes finds,
    /// at every place in and across its blocks.
    #[test]
    fn a_digit_space_digit_is_found_wherever_it_stands() {
        for length in 0..140 {
            for at in 0..length.max(1) {
                for pattern in [&b"1 2"[..], b"1  2", b"a 2", b"1 b", b"9 0"] {
                    let mut bytes = vec![b'x'; length];
                    for (i, &b) in pattern.iter().enumerate() {
                        if let Some(slot) = bytes.get_mut(at + i) {
                            *slot = b;
                        }
                    }
                    let expected = bytes
                        .windows(3)
                        .any(|w| w[0].is_ascii_digit() && w[1] == b' ' && w[2].is_ascii_digit());
                    assert_eq!(has_digit_space_digit(&bytes), expected, "{length} {at}");
                }
            }
        }
    }

    #[test]
    fn numbers_keep_inner_separators_only() {
        let text = "in 2022, 14,000 and 7.8 or 10-12 و10";
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        assert_eq!(
            words,
            [
                "in", "2022", ",", "14,000", "and", "7.8", "or", "10", "-", "12", "و", "10"
            ]
        );
        assert_eq!(tokens[1].kind, TokenKind::Number);
        assert!(!tokens[11].space_before);
    }

    #[test]
    fn a_word_joiner_does_not_split_a_number() {
        let text = normalize_phrase("12\u{2060},\u{2060}000 soldiers and 3\u{2060}500");
        let numbers: Vec<&str> = tokenize(&text)
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.text(&text))
            .collect();
        assert_eq!(numbers, ["12,000", "3500"]);
    }

    #[test]
    fn tokens_past_the_cap_are_left_out_and_named() {
        let long_word = "a".repeat(300);
        let long_number = format!("1{}", ",000".repeat(100));
        let text = format!("killed {long_word} 1,200 people {long_number} on monday");
        let capped = tokenize_capped(&text, false, 128);
        let words: Vec<&str> = capped.tokens.iter().map(|t| t.text(&text)).collect();
        assert_eq!(words, ["killed", "1,200", "people", "on", "monday"]);
        assert_eq!(capped.left_out.len(), 2);
        assert_eq!(capped.left_out[0], (7, 307));
        assert!(capped.tokens[1].space_before);
        assert_eq!(tokenize(&text).len(), 7);
    }

    #[test]
    fn punctuation_is_classed_once_whatever_its_script_or_typography() {
        let text = normalize_phrase("a, b، c؟ «d» e— f’s (g) h; i: j/k.");
        let marks: Vec<Punct> = tokenize(&text).iter().filter_map(Token::punct).collect();
        assert_eq!(
            marks,
            [
                Punct::Comma,
                Punct::Comma,
                Punct::Question,
                Punct::Quote,
                Punct::Quote,
                Punct::Dash,
                Punct::Apostrophe,
                Punct::Parenthesis,
                Punct::Parenthesis,
                Punct::Semicolon,
                Punct::Colon,
                Punct::Slash,
                Punct::FullStop,
            ]
        );
        assert!(Punct::Question.ends_sentence() && !Punct::Comma.ends_sentence());
    }
}
