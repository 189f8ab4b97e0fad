//! Text from the inputs made inert in Markdown ([`escape`]) or shown as code
//! ([`code`]). A report of a million lines calls these for every name and
//! id it writes, so each writes into the text being built, and text that
//! needs no escape (plain ASCII, as most names and ids are) is copied whole.

use super::text::inert_chars;

/// Text from the inputs (article text, front matter, file names, table
/// fields, names from the rules), made inert in Markdown: it renders as
/// written and can neither open markup nor leave its line or table cell.
///
/// - Line breaks and other control characters become spaces, and
///   bidirectional embeddings, overrides and isolates (U+202A–U+202E,
///   U+2066–U+2069) are dropped ([`inert_chars`]), so a quote cannot reorder
///   the text around it; the marks U+200E, U+200F and U+061C stay.
/// - Characters that open inline markup are escaped with a backslash: `\`,
///   `` ` ``, `*`, `[`, `]`, `<`, `>`, `|`, `~`, `&`, `$` and `@` (no emphasis,
///   link, image, raw HTML such as `<script>` or `<img onerror>`, entity, math
///   or e-mail autolink can form), `_` unless it stands between two letters
///   or digits, and `#` after a space or at the start.
///
/// With `[`, `<` and `@` escaped, the only links a renderer can still make of
/// the text are bare `http://`, `https://` and `www.` addresses.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// A byte that printable ASCII text copies as it is.
const PLAIN: u8 = 0;
/// A byte escaped wherever it stands, or `_` and `#`, escaped by where.
const MARK: u8 = 1;
/// A control byte, or one of a character outside ASCII: the general path.
const OTHER: u8 = 2;

/// Each byte's class, for the scan that tells most texts need no escape.
const BYTE_CLASS: [u8; 256] = {
    let mut classes = [OTHER; 256];
    let mut byte = 0x20;
    while byte < 0x7f {
        classes[byte] = PLAIN;
        byte += 1;
    }
    let marks = b"\\`*[]<>|~&$@_#";
    let mut at = 0;
    while at < marks.len() {
        classes[marks[at] as usize] = MARK;
        at += 1;
    }
    classes
};

/// [`escape`], appended to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let classes = bytes
        .iter()
        .fold(PLAIN, |any, &byte| any | BYTE_CLASS[usize::from(byte)]);
    if classes == PLAIN {
        // Most names and ids: nothing to escape, nothing to drop.
        out.push_str(text);
        return;
    }
    if classes & OTHER == 0 {
        // Printable ASCII: no control or bidirectional character to drop, so
        // the escapes are decided on bytes and the text between copied whole.
        let mut start = 0;
        for (at, &byte) in bytes.iter().enumerate() {
            let escaped = match byte {
                b'\\' | b'`' | b'*' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'&' | b'$'
                | b'@' => true,
                b'_' => {
                    !(at > 0
                        && bytes[at - 1].is_ascii_alphanumeric()
                        && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric))
                }
                b'#' => at == 0 || bytes[at - 1] == b' ',
                _ => false,
            };
            if escaped {
                out.push_str(&text[start..at]);
                out.push('\\');
                start = at;
            }
        }
        out.push_str(&text[start..]);
        return;
    }
    escape_chars_into(out, text);
}

/// [`escape_into`] character by character: what any text may need.
fn escape_chars_into(out: &mut String, text: &str) {
    let mut previous: Option<char> = None;
    let mut chars = inert_chars(text).peekable();
    while let Some(ch) = chars.next() {
        let next = chars.peek().copied();
        match ch {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '@' => {
                out.push('\\');
                out.push(ch);
            }
            '_' if !(previous.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            '#' if previous.is_none_or(char::is_whitespace) => out.push_str("\\#"),
            _ => out.push(ch),
        }
        previous = Some(ch);
    }
}

/// An id or a path in a code span when it holds nothing but letters, digits
/// and plain punctuation (as ids made from the rules do); anything else
/// (`<`, `&`, backticks, controls...) is shown as [`escape`]d text instead,
/// so nothing markup-like ever stands raw in the Markdown.
pub fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    code_into(&mut out, text);
    out
}

/// The punctuation a code span may hold besides letters and digits.
const PLAIN_MARKS: &str = " -_.,:;/#+()=%'\"";

/// The ASCII bytes a code span may hold: letters, digits, [`PLAIN_MARKS`].
const CODE_PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        plain[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    let marks = PLAIN_MARKS.as_bytes();
    let mut at = 0;
    while at < marks.len() {
        plain[marks[at] as usize] = true;
        at += 1;
    }
    plain
};

/// Whether a code span may hold `text` as it is (see [`code`]). The test
/// of ASCII bytes and that of characters agree on ASCII, so a text is plain
/// exactly when each of its pieces is.
///
/// One pass over the bytes for the usual text: bytes all plain are ASCII.
#[inline]
pub fn is_code_plain(text: &str) -> bool {
    text.bytes().all(is_code_plain_byte)
        || !text.is_ascii()
            && text
                .chars()
                .all(|ch| ch.is_alphanumeric() || PLAIN_MARKS.contains(ch))
}

/// Whether a code span may hold ASCII byte `byte` (see [`is_code_plain`]);
/// false for any other byte.
#[inline]
pub fn is_code_plain_byte(byte: u8) -> bool {
    CODE_PLAIN[usize::from(byte)]
}

/// [`code`], appended to `out`.
pub fn code_into(out: &mut String, text: &str) {
    if is_code_plain(text) && !text.is_empty() {
        out.push('`');
        out.push_str(text);
        out.push('`');
    } else {
        escape_into(out, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_plain_text_kept() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(
            escape("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(escape("a|b\nc\rd\te"), "a\\|b c d e");
        assert_eq!(
            escape("*bold* `code` ~x~ &amp; $5 a@b.c"),
            "\\*bold\\* \\`code\\` \\~x\\~ \\&amp; \\$5 a\\@b.c"
        );
        assert_eq!(escape("# 1 #2 x_y _z_"), "\\# 1 \\#2 x_y \\_z\\_");
        assert_eq!(escape("abc\u{202E}def\u{2066}g\u{200F}"), "abcdefg\u{200F}");
        // Ordinary text, of any script, stays as written.
        let plain = "South Korea's 11,000 soldiers (about 12.5%) — وقال 12 ألف جندي";
        assert_eq!(escape(plain), plain);
        assert_eq!(escape("001_013708df5556b795#2"), "001_013708df5556b795#2");
    }

    #[test]
    fn only_plain_ids_go_in_code_spans() {
        assert_eq!(
            code("personnel-north-korea-soldiers"),
            "`personnel-north-korea-soldiers`"
        );
        assert_eq!(code("fixtures/seeds/a.csv:8"), "`fixtures/seeds/a.csv:8`");
        assert_eq!(code("a`b<i>"), "a\\`b\\<i\\>");
        assert_eq!(code(""), "");
    }

    /// The scan for plain text, the path for printable ASCII and the general
    /// one agree, on texts made at random of marks, controls, letters of
    /// several scripts and bidirectional controls.
    #[test]
    fn every_path_escapes_as_the_general_one() {
        let pieces = [
            "a",
            "Z",
            "7",
            " ",
            "_",
            "#",
            "\\",
            "`",
            "*",
            "[",
            "]",
            "<",
            ">",
            "|",
            "~",
            "&",
            "$",
            "@",
            "-",
            ".",
            "\n",
            "\t",
            "\u{7f}",
            "\u{1}",
            "é",
            "ب",
            "\u{202E}",
            "\u{200F}",
            "—",
            "x_y",
            "weather_gov",
        ];
        let mut random = crate::test_random::TestRandom(31);
        for _ in 0..20_000 {
            let length = random.below(12) as usize;
            let text: String = (0..length).map(|_| random.pick(&pieces)).collect();
            let mut general = String::from("|");
            escape_chars_into(&mut general, &text);
            let mut fast = String::from("|");
            escape_into(&mut fast, &text);
            assert_eq!(fast, general, "{text:?}");
            let plain = text.is_ascii()
                && text
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || PLAIN_MARKS.as_bytes().contains(&b));
            let expected = if plain && !text.is_empty() {
                format!("`{text}`")
            } else {
                escape(&text)
            };
            if text.is_ascii() {
                assert_eq!(code(&text), expected, "{text:?}");
            }
        }
    }

    /// The fast path for plain ASCII and the general one agree.
    #[test]
    fn ascii_text_escapes_as_any_text() {
        let general = |text: &str| {
            // A character outside ASCII (and neither a letter nor a space)
            // sends the text down the general path; it is then cut off again.
            let mut out = String::new();
            escape_into(&mut out, &format!("{text}—"));
            out.strip_suffix('—').unwrap().to_string()
        };
        for text in [
            "weather_gov",
            "_x",
            "x_",
            "a_ b",
            "#1 a#2 a #3",
            "a|b",
            "\\`*[]<>|~&$@",
            "plain words, 12,000",
            "x__y",
            "_",
            "#",
            "",
        ] {
            assert_eq!(escape(text), general(text), "{text:?}");
        }
    }

    /// The one pass over the bytes reads a text as the test of its
    /// characters does: ASCII, other letters, and a mark among them.
    #[test]
    fn plainness_is_read_alike_by_bytes_and_by_characters() {
        let by_characters = |text: &str| {
            text.chars()
                .all(|ch| ch.is_alphanumeric() || PLAIN_MARKS.contains(ch))
        };
        for text in [
            "",
            "a",
            "a-b_c.d:1",
            "a<b",
            "`",
            "مرحبا",
            "مرحبا#12",
            "é<",
            "é",
            "a\u{200f}b",
            "東京:3",
        ] {
            assert_eq!(is_code_plain(text), by_characters(text), "{text:?}");
        }
        for byte in 0..=255u8 {
            let expected = byte.is_ascii() && by_characters(std::str::from_utf8(&[byte]).unwrap());
            assert_eq!(is_code_plain_byte(byte), expected, "{byte}");
        }
    }
}
