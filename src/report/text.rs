//! Text from the inputs, made safe to show: what every renderer does before
//! its own escaping (Markdown's backslashes, HTML's entities).
//!
//! Input: any string that came from a document, its front matter, a file
//! name, a table or the rules. Output: the same text with the characters
//! that could reorder or break the page around it removed or replaced
//! ([`inert_chars`]), and the facts a renderer needs to show it right: the
//! direction of its script ([`direction`]), whether a language code can be an
//! attribute ([`language_tag`]), whether a URL may be a link ([`web_url`]).
//!
//! Invariant: nothing here adds markup; each renderer escapes what these
//! functions return for its own syntax.

/// Explicit bidirectional formatting: embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069). Dropped from every text shown, so a quote
/// cannot reorder the text around it; the marks U+200E, U+200F and U+061C,
/// which change no order beyond their own place, stay.
pub fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The characters of `text` as a renderer may show them: bidirectional
/// controls dropped, line breaks and other control characters as spaces, so
/// no text leaves its line, cell or attribute.
pub fn inert_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|&ch| !is_bidi_control(ch))
        .map(|ch| if ch.is_control() { ' ' } else { ch })
}

/// Which way a text runs, from its first strongly directional letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Latin, Cyrillic... (and a text with no letter at all).
    LeftToRight,
    /// Arabic, Persian, Hebrew, Syriac, Thaana, N'Ko...
    RightToLeft,
}

impl Direction {
    /// The value of an HTML `dir` attribute: "ltr" or "rtl".
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

/// The direction of `text`: that of its first letter written right to left
/// or left to right (digits and punctuation are neutral), as the Unicode
/// bidirectional algorithm finds a paragraph's.
pub fn direction(text: &str) -> Direction {
    for ch in text.chars() {
        if is_right_to_left(ch) {
            return Direction::RightToLeft;
        }
        if ch.is_alphabetic() {
            return Direction::LeftToRight;
        }
    }
    Direction::LeftToRight
}

/// Letters of the scripts written right to left: Hebrew, Arabic, Syriac,
/// Thaana, N'Ko, Samaritan, Mandaic and their presentation forms.
fn is_right_to_left(ch: char) -> bool {
    matches!(ch,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
        && ch.is_alphabetic()
}

/// `code` when it can stand as an HTML `lang` attribute (a BCP 47 tag such
/// as "ar", "fa", "pt-BR"): letters, digits and hyphens, starting with two to
/// eight letters; `None` otherwise, and the attribute is left out.
pub fn language_tag(code: &str) -> Option<&str> {
    let mut parts = code.split('-');
    let first = parts.next()?;
    let first_ok = (2..=8).contains(&first.len()) && first.chars().all(|c| c.is_ascii_alphabetic());
    let rest_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (first_ok && rest_ok).then_some(code)
}

/// The URL, trimmed, when it may be a link: `http://` or `https://` (in any
/// case) followed by a host, with no space, control or bidirectional
/// character anywhere. Anything else (`javascript:`, `data:`, a relative
/// path, a URL with a line break in it) is shown as text, never linked.
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let host_ok = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '[');
    let clean = !url.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || is_bidi_control(c)
            || c == '\u{200E}'
            || c == '\u{200F}'
    });
    (host_ok && clean).then_some(url)
}

/// A short lower-case name made of the letters and digits of `text` (any
/// script), runs of anything else as one `-`, at most `max` characters:
/// "Al Jazeera" is "al-jazeera".
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut dash = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(ch.to_lowercase());
        } else {
            dash = true;
        }
        if out.chars().count() >= max {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_made_inert() {
        let shown: String = inert_chars("a\u{202E}b\nc\u{2066}d\u{200F}").collect();
        assert_eq!(shown, "ab cd\u{200F}");
    }

    #[test]
    fn the_first_strong_letter_decides_the_direction() {
        assert_eq!(direction("12 ألف جندي"), Direction::RightToLeft);
        assert_eq!(direction("«وقال» he said"), Direction::RightToLeft);
        assert_eq!(direction("1,500 soldiers, قال"), Direction::LeftToRight);
        assert_eq!(direction("بیست و یک"), Direction::RightToLeft);
        assert_eq!(direction("שלום"), Direction::RightToLeft);
        assert_eq!(direction("12,000"), Direction::LeftToRight);
        assert_eq!(direction("двадцать"), Direction::LeftToRight);
    }

    #[test]
    fn only_plain_language_codes_are_tags() {
        assert_eq!(language_tag("ar"), Some("ar"));
        assert_eq!(language_tag("pt-BR"), Some("pt-BR"));
        assert_eq!(language_tag(""), None);
        assert_eq!(language_tag("a"), None);
        assert_eq!(language_tag("en\" onmouseover=\"x"), None);
        assert_eq!(language_tag("ar-"), None);
    }

    #[test]
    fn only_http_and_https_urls_are_links() {
        assert_eq!(
            web_url(" https://example.com/a?b=1&c=2 "),
            Some("https://example.com/a?b=1&c=2")
        );
        assert_eq!(web_url("HTTP://Example.com"), Some("HTTP://Example.com"));
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//evil.example",
            "/relative",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/\u{202E}gnp",
            "http://example.com/\nx",
            "",
        ] {
            assert_eq!(web_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(slug("Al Jazeera", 40), "al-jazeera");
        assert_eq!(slug("  Arab Defense! ", 40), "arab-defense");
        assert_eq!(slug("الجزيرة نت", 40), "الجزيرة-نت");
        assert_eq!(slug("<script>", 40), "script");
        assert_eq!(slug("abcdef", 3), "abc");
        assert_eq!(slug("---", 40), "");
    }
}
