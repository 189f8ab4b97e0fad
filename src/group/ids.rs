//! Readable, unique group ids, made from what a group shows: its kind,
//! owner, site, unit, grade or part, and event ("personnel-north-korea-soldiers");
//! a table's quantity keeps the id it is written with.

use super::key::{EMPTY, FxIndexSet, Strings, Sym};
use crate::fxhash::FxHashMap;
use crate::model::Owner;

/// What a group shows besides its members; its id is made from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Facts {
    /// A table's quantity, the group's id as written; `EMPTY` otherwise.
    pub(super) explicit: Sym,
    pub(super) kind: Sym,
    /// The noun it is named by.
    pub(super) unit: Sym,
    /// Index into the owners; `None` when the key names none.
    pub(super) owner: Option<usize>,
    pub(super) part_of: bool,
    pub(super) grade: Sym,
    pub(super) site: Sym,
    pub(super) event: Sym,
}

/// Readable ids: kind, owner and unit ("personnel-north-korea-soldiers"),
/// made unique with a number where two groups would share one; a table's
/// quantity as written.
pub(super) fn assign_ids(
    groups: &[Facts],
    strings: &Strings,
    owners: &FxIndexSet<Owner>,
    owner_names: &[String],
) -> Vec<String> {
    let mut seen: FxHashMap<String, usize> = groups
        .iter()
        .filter(|g| g.explicit != EMPTY)
        .map(|g| (strings.get(g.explicit).to_string(), 1))
        .collect();
    // Many groups share their facts (every lone figure of one owner); their
    // slug is made once.
    let mut bases: FxHashMap<Facts, String> = FxHashMap::default();
    let mut ids = Vec::with_capacity(groups.len());
    for facts in groups {
        if facts.explicit != EMPTY {
            ids.push(strings.get(facts.explicit).to_string());
            continue;
        }
        let base = bases.entry(*facts).or_insert_with(|| {
            let mut parts = vec![strings.get(facts.kind)];
            if let Some(owner) = facts.owner
                && !owners[owner].is_empty()
            {
                parts.push(&owner_names[owner]);
            }
            for sym in [facts.site, facts.unit] {
                if sym != EMPTY {
                    parts.push(strings.get(sym));
                }
            }
            if facts.grade != EMPTY {
                parts.push(strings.get(facts.grade));
            } else if facts.part_of {
                parts.push("part");
            }
            if facts.event != EMPTY {
                parts.push(strings.get(facts.event));
            }
            slug(&parts.join(" "))
        });
        // Counted by the slug, not the facts: two sets of facts may slug alike.
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        let id = if *count == 1 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        ids.push(id);
    }
    ids
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
