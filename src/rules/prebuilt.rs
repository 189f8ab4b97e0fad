//! The embedded default rules in their prebuilt form.
//!
//! Input: the JSON `build.rs` writes for each embedded rule file (the file
//! parsed from its TOML, written back with the same serde structs).
//! Output: the parsed files, without reading TOML at run time.

use super::files::LanguageFile;

/// A prebuilt language pack. The build wrote it from the same structs, and
/// a test reads every one against its TOML: it always parses.
pub(crate) fn language(text: &str) -> LanguageFile {
    serde_json::from_str(text).unwrap_or_else(|_| unreachable_pack())
}

fn unreachable_pack() -> LanguageFile {
    unimplemented!()
}
