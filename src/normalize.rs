//! Normalising text: one spelling for what readers see as the same thing.
//!
//! Input: the body of a document as stored. Output: a [`NormalizedText`] whose
//! string has Arabic-Indic and Persian digits folded to ASCII, Arabic diacritics
//! and tatweel removed, hamza forms of alef folded, Latin letters lower-cased and
//! typographic punctuation simplified, plus a map from every byte of it back to
//! the original bytes, so that every span we report points into the file as stored.
//! [`tokenize`] then cuts the normalised text into words, numbers and punctuation
//! marks, each mark with its [`Punct`] class (comma, quote, dash...), so that no
//! later stage lists the characters of a class again.

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
        for (start, ch) in original.char_indices() {
            let end = start + ch.len_utf8();
            let mut push = |out: char| {
                let before = text.len();
                text.push(out);
                for _ in before..text.len() {
                    origin_start.push(start as u32);
                    origin_end.push(end as u32);
                }
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
        // Zero-width and bidirectional controls, byte-order mark.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
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
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => Folded::One(' '),
        _ if ch.is_uppercase() => Folded::Lower(ch),
        _ => Folded::One(ch),
    }
}

/// Normalises a short phrase from a rule file the same way as document text.
pub fn normalize_phrase(phrase: &str) -> String {
    NormalizedText::new(phrase, 0).text
}

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
/// digits continues a number ("14 000" in French and Russian).
pub fn tokenize_with(text: &str, space_groups: bool) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space_before = true;
    let mut newline_before = false;
    while let Some(&(start, ch)) = chars.peek() {
        if ch.is_whitespace() {
            space_before = true;
            newline_before |= ch == '\n';
            chars.next();
            continue;
        }
        let kind;
        let mut end = start + ch.len_utf8();
        chars.next();
        if ch.is_ascii_digit() {
            kind = TokenKind::Number;
            end = scan_number(text, end, space_groups);
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
        } else if is_word_char(ch) {
            kind = TokenKind::Word;
            while let Some(&(i, c)) = chars.peek() {
                if is_word_char(c) && !c.is_ascii_digit() {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        } else {
            kind = TokenKind::Punct(Punct::of(ch));
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
    tokens
}

fn is_word_char(ch: char) -> bool {
    if ch.is_ascii() {
        return ch.is_ascii_alphabetic();
    }
    ch.is_alphabetic() || ch.is_alphanumeric()
}

/// The end of a digit run that starts before `from`: separators count only with
/// a digit on both sides, so "14,000" is one token and "2022, the" is not.
fn scan_number(text: &str, from: usize, space_groups: bool) -> usize {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut end = from;
    let mut group_start = from - 1;
    loop {
        while digit_at(end) {
            end += 1;
        }
        let separator = matches!(bytes.get(end), Some(b',' | b'.'));
        if separator && digit_at(end + 1) {
            end += 1;
            group_start = end;
            continue;
        }
        // "14 000": a space, exactly three digits, then no digit; the group
        // before it is at most three digits long ("in 2022 100" stays apart).
        let spaced = space_groups
            && bytes.get(end) == Some(&b' ')
            && end - group_start <= 3
            && (1..=3).all(|k| digit_at(end + k))
            && !digit_at(end + 4);
        if spaced {
            end += 1;
            group_start = end;
            continue;
        }
        return end;
    }
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
