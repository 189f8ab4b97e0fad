//! Grouping: claims that measure the same real-world quantity, across documents.
//!
//! Input: every claim of the run, in document order. Output: [`Group`]s, and
//! each claim's `group` field set. The key is the kind, the unit, the owner
//! (whose people or things are counted) and whether the figure is a part of
//! another. Claims are first blocked by kind and part, so a claim is only
//! compared with the groups of its own block, never with every other claim;
//! inside a block, owners whose names are spelled differently but match closely
//! (Jaro-Winkler, at least the rules' `[group] same-owner-similarity`) join the
//! same group. Documents play no part in the key.

use indexmap::IndexMap;

use crate::model::{Claim, Denial, Owner};
use crate::rules::RuleSet;

/// Claims that measure one quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Readable and unique: kind, owner and unit slugged
    /// ("personnel-north-korea-soldiers"), "-part" for parts, "-2" on a clash;
    /// a table's `quantity` as written.
    pub id: String,
    /// The kind every member counts.
    pub kind: String,
    /// The members' unit; `""` while none names one (a generic unit such as
    /// "people" gives way to the first specific one).
    pub unit: String,
    /// Whose people or things, as the first member names them; empty for a
    /// table's group.
    pub owner: Owner,
    /// The members are parts of a larger figure ("including 3,000").
    pub part_of: bool,
    /// Indexes into the claim list given to [`group_claims`], in order.
    pub members: Vec<usize>,
}

/// Puts every claim in a group and sets `Claim::group`.
pub fn group_claims(claims: &mut [Claim], rules: &RuleSet) -> Vec<Group> {
    let similarity = rules.group.same_owner_similarity;
    // Block key (kind, part) -> indexes into `groups`.
    let mut blocks: IndexMap<(String, bool), Vec<usize>> = IndexMap::new();
    let mut groups: Vec<Group> = Vec::new();
    // Claims that arrive with a group (from a table of claims) keep it.
    let mut explicit: IndexMap<String, usize> = IndexMap::new();
    for (index, claim) in claims.iter().enumerate() {
        if !claim.group.is_empty() {
            let next = groups.len();
            let g = *explicit.entry(claim.group.clone()).or_insert(next);
            if g == next {
                groups.push(Group {
                    id: claim.group.clone(),
                    kind: claim.kind.clone(),
                    unit: claim.unit.clone(),
                    owner: Owner::default(),
                    part_of: false,
                    members: Vec::new(),
                });
            }
            groups[g].members.push(index);
            continue;
        }
        let block_key = (claim.kind.clone(), claim.part_of);
        let block = blocks.entry(block_key).or_default();
        // A figure with no counted noun ("100 were killed", "100 people were
        // killed") joins the group of its kind and owner whatever it counts.
        // Where people are counted, "people" says no more than no noun at all.
        let counts_people = rules
            .kinds
            .get(&claim.kind)
            .is_some_and(|k| k.counts_people);
        let says_nothing =
            |unit: &str| unit.is_empty() || counts_people && rules.is_generic_unit(unit);
        let existing = block.iter().copied().find(|&g| {
            let group = &groups[g];
            // A part is known by its whole, which the text often leaves
            // unsaid ("another 1,500", "1,000 of them"): parts of one owner
            // are taken for one quantity only when they state the same figure.
            let same_part = !claim.part_of || same_figure(claims, group.members[0], index);
            same_part
                && same_owner(&group.owner, &claim.owner, similarity)
                && (group.unit == claim.unit
                    || says_nothing(&group.unit)
                    || says_nothing(&claim.unit))
        });
        match existing {
            Some(g) => {
                if says_nothing(&groups[g].unit) && !claim.unit.is_empty() {
                    groups[g].unit.clone_from(&claim.unit);
                }
                groups[g].members.push(index);
            }
            None => {
                block.push(groups.len());
                groups.push(Group {
                    id: String::new(),
                    kind: claim.kind.clone(),
                    unit: claim.unit.clone(),
                    owner: claim.owner.clone(),
                    part_of: claim.part_of,
                    members: vec![index],
                });
            }
        }
    }
    assign_ids(&mut groups);
    for group in &groups {
        for &member in &group.members {
            claims[member].group.clone_from(&group.id);
        }
    }
    groups
}

/// Puts each denial with the group of its kind and owner, when there is one,
/// and sets `Denial::group`; a denial no group matches keeps an empty group.
pub fn attach_denials(groups: &[Group], denials: &mut [Denial], rules: &RuleSet) {
    let similarity = rules.group.same_owner_similarity;
    for denial in denials.iter_mut() {
        let found = groups.iter().find(|g| {
            !g.part_of && g.kind == denial.kind && same_owner(&g.owner, &denial.owner, similarity)
        });
        if let Some(group) = found {
            denial.group.clone_from(&group.id);
        }
    }
}

/// Two claims whose figures agree: equal values, or overlapping ranges.
fn same_figure(claims: &[Claim], a: usize, b: usize) -> bool {
    let bounds = |claim: &Claim| {
        let low = claim.low.or(claim.value).unwrap_or(f64::NAN);
        let high = claim.high.or(claim.value).unwrap_or(f64::NAN);
        (low, high)
    };
    let ((a_low, a_high), (b_low, b_high)) = (bounds(&claims[a]), bounds(&claims[b]));
    a_low <= b_high && b_low <= a_high
}

/// Owners named alike: the same, or spelled closely enough (Jaro-Winkler on
/// their names as displayed, at least `similarity`: "North Korea" and "North
/// Korean"). An owner no text named matches only another such.
fn same_owner(a: &Owner, b: &Owner, similarity: f64) -> bool {
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    let (a, b) = (a.to_string().to_lowercase(), b.to_string().to_lowercase());
    a == b || strsim::jaro_winkler(&a, &b) >= similarity
}

/// Readable ids: kind, owner and unit ("personnel-north-korea-soldiers"),
/// made unique with a number where two groups would share one.
fn assign_ids(groups: &mut [Group]) {
    let mut seen: IndexMap<String, usize> = groups
        .iter()
        .filter(|g| !g.id.is_empty())
        .map(|g| (g.id.clone(), 1))
        .collect();
    for group in groups.iter_mut().filter(|g| g.id.is_empty()) {
        let mut parts = vec![group.kind.clone()];
        if !group.owner.is_empty() {
            parts.push(group.owner.to_string());
        }
        if !group.unit.is_empty() {
            parts.push(group.unit.clone());
        }
        if group.part_of {
            parts.push("part".to_string());
        }
        let base = slug(&parts.join(" "));
        let count = seen.entry(base.clone()).or_insert(0);
        *count += 1;
        group.id = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::test_claim;
    use crate::model::Qualifier;

    fn rules() -> RuleSet {
        crate::rules::load_default().expect("embedded rules load")
    }

    fn claim(doc: &str, kind: &str, unit: &str, owner: &str) -> Claim {
        let mut claim = test_claim(doc, 1.0, Qualifier::Exact);
        claim.kind = kind.to_string();
        claim.unit = unit.to_string();
        claim.owner = if owner.is_empty() {
            Owner::default()
        } else {
            Owner::of_countries([owner])
        };
        claim
    }

    #[test]
    fn same_quantity_across_documents_shares_a_group() {
        let mut claims = vec![
            claim("a", "personnel", "soldiers", "North Korea"),
            claim("b", "casualties", "soldiers", "North Korea"),
            claim("c", "personnel", "soldiers", "North Korea"),
            claim("c", "killed", "soldiers", "North Korea"),
            claim("d", "personnel", "soldiers", "North Korean"),
        ];
        let groups = group_claims(&mut claims, &rules());
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].members, [0, 2, 4]);
        assert_eq!(claims[0].group, "personnel-north-korea-soldiers");
        assert_eq!(claims[3].group, "killed-north-korea-soldiers");
    }

    #[test]
    fn owner_spellings_join_as_closely_as_the_rules_say() {
        let claims = || {
            vec![
                claim("a", "personnel", "soldiers", "North Korea"),
                claim("b", "personnel", "soldiers", "North Korean"),
            ]
        };
        assert_eq!(group_claims(&mut claims(), &rules()).len(), 1);
        let mut strict = rules();
        strict.group.same_owner_similarity = 1.0;
        assert_eq!(group_claims(&mut claims(), &strict).len(), 2);
    }

    #[test]
    fn different_units_and_owners_stay_apart() {
        let mut claims = vec![
            claim("a", "wounded", "police officers", "Ukraine"),
            claim("a", "wounded", "civilians", "Ukraine"),
            claim("a", "wounded", "civilians", "Syria"),
            claim("b", "wounded", "", "Syria"),
        ];
        let groups = group_claims(&mut claims, &rules());
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[2].members, [2, 3]);
    }

    #[test]
    fn people_join_a_group_of_any_noun_but_nouns_stay_apart() {
        let mut claims = vec![
            claim("a", "killed", "people", "North Korea"),
            claim("b", "killed", "soldiers", "North Korea"),
            claim("c", "killed", "workers", "North Korea"),
            claim("d", "killed", "people", "North Korea"),
        ];
        let groups = group_claims(&mut claims, &rules());
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].members, [0, 1, 3]);
        // The group is named by what it turned out to count.
        assert_eq!(claims[0].group, "killed-north-korea-soldiers");
    }

    #[test]
    fn parts_join_only_when_they_state_the_same_figure() {
        let part = |doc: &str, value: f64| {
            let mut claim = claim(doc, "personnel", "soldiers", "North Korea");
            claim.value = Some(value);
            claim.part_of = true;
            claim
        };
        let mut claims = vec![part("a", 6000.0), part("b", 1500.0), part("c", 6000.0)];
        let groups = group_claims(&mut claims, &rules());
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].members, [0, 2]);
    }
}
