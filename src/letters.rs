//! Which characters are letters, digits and capitals, as
//! `char::is_alphabetic`, `char::is_alphanumeric` and `char::is_uppercase` say, without searching the Unicode tables for
//! every character of a text: ASCII and the two-byte range of UTF-8 (Latin-1
//! to Arabic, the scripts of the language packs) are looked up in a table
//! made once from the same functions; other characters ask them.

use std::sync::OnceLock;

/// The characters the table covers: U+0000 to U+07FF.
const COVERED: usize = 0x800;
const ALPHABETIC: u8 = 1;
/// The bit of [`classes`] for `char::is_alphanumeric`.
pub const ALPHANUMERIC: u8 = 2;
const UPPERCASE: u8 = 4;

/// The classes of the characters U+0000 to U+07FF, by code: a loop over
/// many characters of two bytes asks for the table once, not once each.
pub fn classes() -> &'static [u8; COVERED] {
    table()
}

fn table() -> &'static [u8; COVERED] {
    static TABLE: OnceLock<Box<[u8; COVERED]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([0u8; COVERED]);
        for (code, class) in table.iter_mut().enumerate() {
            let Some(ch) = char::from_u32(code as u32) else {
                continue;
            };
            if ch.is_alphabetic() {
                *class |= ALPHABETIC;
            }
            if ch.is_alphanumeric() {
                *class |= ALPHANUMERIC;
            }
            if ch.is_uppercase() {
                *class |= UPPERCASE;
            }
        }
        table
    })
}

/// The code of the character of two bytes in UTF-8 (U+0080 to U+07FF, the
/// range of [`classes`]) that starts at `at`, if one does: its bytes put
/// together without decoding (`at` is a character boundary).
#[inline(always)]
pub fn two_byte_code(bytes: &[u8], at: usize) -> Option<usize> {
    let first = *bytes.get(at)?;
    let second = *bytes.get(at + 1)?;
    (first & 0xE0 == 0xC0).then(|| (usize::from(first & 0x1F) << 6) | usize::from(second & 0x3F))
}

/// True when `first` and `second` are a letter of the Arabic alphabet
/// (hamza to ghain, feh to yeh: most letters of Arabic and Persian words,
/// known to be letters without a look-up), told from its two bytes as they
/// are: U+0621 to U+063A are `D8 A1` to `D8 BA`, U+0641 to U+064A `D9 81`
/// to `D9 8A`.
#[inline(always)]
pub fn is_common_arabic_letter(first: u8, second: u8) -> bool {
    match first {
        0xD8 => second.wrapping_sub(0xA1) <= 0xBA - 0xA1,
        0xD9 => second.wrapping_sub(0x81) <= 0x8A - 0x81,
        _ => false,
    }
}

/// `ch.is_alphabetic()`.
pub fn is_alphabetic(ch: char) -> bool {
    match table().get(ch as usize) {
        Some(class) => class & ALPHABETIC != 0,
        None => ch.is_alphabetic(),
    }
}

/// `ch.is_alphanumeric()`.
pub fn is_alphanumeric(ch: char) -> bool {
    match table().get(ch as usize) {
        Some(class) => class & ALPHANUMERIC != 0,
        None => ch.is_alphanumeric(),
    }
}

/// `ch.is_uppercase()`; an ASCII character without the table.
pub fn is_uppercase(ch: char) -> bool {
    if ch.is_ascii() {
        return ch.is_ascii_uppercase();
    }
    match table().get(ch as usize) {
        Some(class) => class & UPPERCASE != 0,
        None => ch.is_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A character's two bytes put together give its code; what is not
    /// the start of a character of two bytes gives none.
    #[test]
    fn two_byte_codes_are_the_characters_codes() {
        for code in 0x80..COVERED {
            let ch = char::from_u32(code as u32).unwrap();
            let mut bytes = [0; 4];
            let encoded = ch.encode_utf8(&mut bytes).as_bytes();
            assert_eq!(two_byte_code(encoded, 0), Some(code), "{code:x}");
            assert_eq!(two_byte_code(encoded, 1), None, "{code:x}");
            assert_eq!(two_byte_code(&encoded[..1], 0), None, "{code:x}");
        }
        assert_eq!(two_byte_code(b"ab", 0), None);
    }

    /// The Arabic letters told by their bytes are hamza to ghain and feh
    /// to yeh, each a letter to the standard library, for every lead byte
    /// and every byte that may follow one in UTF-8.
    #[test]
    fn common_arabic_letters_are_told_from_their_bytes() {
        let mut letters = 0;
        for first in 0..=255u8 {
            for second in 0x80..=0xBFu8 {
                let code = two_byte_code(&[first, second], 0);
                let expected =
                    code.is_some_and(|code| matches!(code, 0x0621..=0x063A | 0x0641..=0x064A));
                assert_eq!(is_common_arabic_letter(first, second), expected);
                if expected {
                    let ch = char::from_u32(code.unwrap() as u32).unwrap();
                    assert!(ch.is_alphabetic(), "{ch:?}");
                    letters += 1;
                }
            }
        }
        assert_eq!(letters, 26 + 10);
    }

    #[test]
    fn agrees_with_the_standard_library() {
        for code in 0..0x11000u32 {
            if let Some(ch) = char::from_u32(code) {
                assert_eq!(is_alphabetic(ch), ch.is_alphabetic(), "{code:x}");
                assert_eq!(is_alphanumeric(ch), ch.is_alphanumeric(), "{code:x}");
                assert_eq!(is_uppercase(ch), ch.is_uppercase(), "{code:x}");
            }
        }
    }
}
