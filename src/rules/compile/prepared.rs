//! The embedded entities, merged and compiled by the build script.
//!
//! Input: the paths of the embedded entities files, in load order, and
//! every pack's code. Output: the entities part of the rule set and each
//! pack's names, read from `$OUT_DIR/entities.bin` (the names in place, see
//! `lexicon/bytes.rs`) when `build.rs` prepared it from those very files
//! and codes; `None` otherwise, and the run merges and compiles them itself.
//! Invariant: what is read is what `entities_part` and `names_lexicon` give
//! for the same files (a test compares them).

use super::entities::{EntitiesPart, EntityRef};
use super::packs::Names;
use crate::lexicon::{ByteReader, Lexicon};

const BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/entities.bin"));
static PREPARED: &[u8] = BYTES;

/// The number of entities prepared: the first four bytes.
const ENTITIES: usize = u32::from_le_bytes([BYTES[0], BYTES[1], BYTES[2], BYTES[3]]) as usize;

/// Every hit a prepared name can give, at the number `build.rs` writes for
/// it (the entity's index, doubled, plus one for its adjective): the
/// prepared names are read in place, and their payloads are these.
static EVERY_REF: [EntityRef; 2 * ENTITIES] = every_ref();

const fn every_ref() -> [EntityRef; 2 * ENTITIES] {
    let mut refs = [EntityRef {
        index: 0,
        as_demonym: false,
    }; 2 * ENTITIES];
    let mut at = 0;
    while at < refs.len() {
        refs[at] = EntityRef {
            index: at >> 1,
            as_demonym: at & 1 == 1,
        };
        at += 1;
    }
    refs
}

/// The prepared entities and names, when they were prepared from the
/// entities files at `paths` (in load order) for packs of `codes`.
pub(in crate::rules) fn prepared_entities(
    paths: &[&str],
    codes: &[String],
) -> Option<(EntitiesPart, Names)> {
    let mut reader = ByteReader::new(PREPARED, 4);
    let files = reader.u32()?;
    let prepared: Vec<&str> = (0..files).map(|_| reader.str()).collect::<Option<_>>()?;
    if prepared != paths {
        return None;
    }
    let count = reader.u32()?;
    let prepared: Vec<&str> = (0..count).map(|_| reader.str()).collect::<Option<_>>()?;
    let mut wanted: Vec<&str> = codes.iter().map(String::as_str).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if prepared != wanted {
        return None;
    }
    let part: EntitiesPart = serde_json::from_str(reader.str()?).ok()?;
    if part.entities.len() != ENTITIES {
        return None;
    }
    let mut names = Vec::new();
    for code in prepared {
        names.push((
            code.to_string(),
            Lexicon::read_bytes(&mut reader, &EVERY_REF)?,
        ));
    }
    Some((part, Names::Prepared(names)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_prepared_from_other_files_or_for_other_packs_are_not_read() {
        let files = ["rules/entities.toml", "rules/names/countries.toml"];
        let codes: Vec<String> = ["ar", "de", "en", "es", "fa", "fr", "ru"]
            .map(String::from)
            .to_vec();
        assert!(prepared_entities(&files[..1], &codes).is_none());
        assert!(prepared_entities(&files, &codes[1..]).is_none());
    }
}
