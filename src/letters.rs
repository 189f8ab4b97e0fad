//! Which characters are letters and digits, as `char::is_alphabetic` and
//! `char::is_alphanumeric` say, without searching the Unicode tables for
//! every character of a text: ASCII and the two-byte range of UTF-8 (Latin-1
//! to Arabic, the scripts of the language packs) are looked up in a table
//! made once from the same functions; other characters ask them.

use std::sync::OnceLock;

/// The characters the table covers: U+0000 to U+07FF.
const COVERED: usize = 0x800;
const ALPHABETIC: u8 = 1;
const ALPHANUMERIC: u8 = 2;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library() {
        for code in 0..0x11000u32 {
            if let Some(ch) = char::from_u32(code) {
                assert_eq!(is_alphabetic(ch), ch.is_alphabetic(), "{code:x}");
                assert_eq!(is_alphanumeric(ch), ch.is_alphanumeric(), "{code:x}");
            }
        }
    }
}
