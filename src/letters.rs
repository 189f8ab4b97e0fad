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
