//! Grouping: claims that measure the same real-world quantity, across documents.
//!
//! Input: every claim of the run, in document order. Output: [`Group`]s, and
//! each claim's `group` field set. The key is the kind, the unit, the owner
//! (whose people or things are counted), whether the figure is a part of
//! another, its grade (how badly those counted were hurt), its site and the
//! year of a past event it counts. Claims are first blocked by kind and part, so a claim is only
//! compared with the groups of its own block, never with every other claim;
//! inside a block, owners whose names are spelled differently but match closely
//! (Jaro-Winkler, at least the rules' `[group] same-owner-similarity`) join the
//! same group. Documents play no part in the key.

use indexmap::IndexMap;

use crate::fxhash::FxHashMap;
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
    /// The members are parts of a larger figure ("including 3,000"), or a
    /// grade of one.
    pub part_of: bool,
    /// How badly those counted were hurt ("serious"); `""` when ungraded.
    pub grade: String,
    /// Where they were counted below the place ("hospital"); `""` for none.
    pub site: String,
    /// The year of the past event counted ("1999"); `""` for the story's own.
    pub event: String,
    /// Indexes into the claim list given to [`group_claims`], in order.
    pub members: Vec<usize>,
}

/// Puts every claim in a group and sets `Claim::group`. The groups are a
/// function of the set of claims: each claim's key is worked out from the
/// claim alone and from the keys around it, never from which claim came
/// first, so listing the documents in another order, or adding one, changes
/// no unrelated quantity.
pub fn group_claims(claims: &mut [Claim], rules: &RuleSet) -> Vec<Group> {
    let (owners, owner_of) = canonical_owners(claims, rules.group.same_owner_similarity);
    let mut keys: Vec<Option<GroupKey>> = claims
        .iter()
        .enumerate()
        .map(|(index, claim)| {
            claim
                .group
                .is_empty()
                .then(|| key_of(rules, claim, &owners[owner_of[index]].1, index))
        })
        .collect();
    join_generic_nouns(rules, claims, &mut keys);
    split_parts_by_figure(claims, &mut keys);
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: IndexMap<GroupKey, usize> = IndexMap::new();
    // Claims that arrive with a group (from a table of claims) keep it.
    let mut explicit: IndexMap<String, usize> = IndexMap::new();
    for (index, claim) in claims.iter().enumerate() {
        let slot = match &keys[index] {
            None => explicit.get(&claim.group).copied(),
            Some(key) => by_key.get(key).copied(),
        };
        let g = slot.unwrap_or_else(|| {
            let group = match &keys[index] {
                None => Group {
                    id: claim.group.clone(),
                    kind: claim.kind.clone(),
                    unit: claim.unit.clone(),
                    owner: Owner::default(),
                    part_of: false,
                    grade: String::new(),
                    site: String::new(),
                    event: String::new(),
                    members: Vec::new(),
                },
                Some(key) => Group {
                    id: String::new(),
                    kind: key.kind.clone(),
                    unit: display_noun(rules, key),
                    owner: if key.owner.is_empty() {
                        Owner::default()
                    } else {
                        owners[owner_of[index]].0.clone()
                    },
                    part_of: key.part.is_some() || !key.grade.is_empty(),
                    grade: key.grade.clone(),
                    site: key.site.clone(),
                    event: key.event.clone(),
                    members: Vec::new(),
                },
            };
            groups.push(group);
            match &keys[index] {
                None => explicit.insert(claim.group.clone(), groups.len() - 1),
                Some(key) => by_key.insert(key.clone(), groups.len() - 1),
            };
            groups.len() - 1
        });
        groups[g].members.push(index);
    }
    assign_ids(&mut groups);
    for group in &groups {
        for &member in &group.members {
            claims[member].group.clone_from(&group.id);
        }
    }
    groups
}

/// What makes two claims one quantity: the same kind, owner (country, region
/// and place), counted noun and part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct GroupKey {
    kind: String,
    owner: String,
    /// The counted noun; `""` for people counted with no noun or a generic
    /// one ("people"), who are the whole.
    noun: String,
    /// For a part, what tells it apart; `None` for a whole.
    part: Option<PartKey>,
    /// How badly those counted were hurt ("serious"); `""` when the text does
    /// not say. Graded figures are subsets of the whole, whether or not a
    /// part cue introduced them.
    grade: String,
    /// The building or ground where they were counted ("hospital"); `""`
    /// when the text names none.
    site: String,
    /// The year of a past event ("1999"); `""` for the story's own.
    event: String,
    /// A claim that can only be compared with itself: a figure of the
    /// default kind that names nothing it counts ("57", "31 zones" unread).
    alone: Option<usize>,
}

/// How parts of one quantity are told apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum PartKey {
    /// A subset the text names by its own noun ("including 600 children"):
    /// every such part of one owner is one quantity.
    Named,
    /// A part known only by its figure ("another 1,500", "1,000 of them"):
    /// parts whose figures overlap are one quantity; this numbers them.
    Figure(usize),
}

fn key_of(rules: &RuleSet, claim: &Claim, owner: &str, index: usize) -> GroupKey {
    let counts_people = rules
        .kinds
        .get(&claim.kind)
        .is_some_and(|k| k.counts_people);
    // A whole counted as "people" or "civilians" is everyone its owner lost;
    // a part so named ("including 436 civilians") is a subset of its own.
    let generic = if claim.part_of {
        claim.unit.is_empty() || claim.unit == rules.default_noun
    } else {
        claim.unit.is_empty() || rules.is_generic_unit(&claim.unit)
    };
    let noun = if generic && counts_people {
        String::new()
    } else {
        claim.unit.clone()
    };
    let alone = (rules.is_default_kind(&claim.kind) && claim.unit.is_empty()).then_some(index);
    // A grade or a site tells a subset apart by itself, whether or not a
    // part cue introduced it ("including 8 in serious condition").
    let subset = !claim.grade.is_empty() || !claim.site.is_empty();
    let part = (claim.part_of && !subset).then(|| {
        if noun.is_empty() || is_side_noun(rules, &noun) {
            PartKey::Figure(0)
        } else {
            PartKey::Named
        }
    });
    // A length of time is the length of an event ("the 12-day war"), whoever
    // the sentence names beside it.
    let measures_time = rules
        .kinds
        .get(&claim.kind)
        .is_some_and(|k| k.measures_time);
    GroupKey {
        kind: claim.kind.clone(),
        owner: if measures_time {
            String::new()
        } else {
            owner.to_string()
        },
        noun,
        part,
        grade: claim.grade.clone(),
        site: claim.site.clone(),
        event: claim.event.clone(),
        alone,
    }
}

/// The noun a group is named by: its key's, or the rules' default noun
/// ("people") for people counted as a whole.
fn display_noun(rules: &RuleSet, key: &GroupKey) -> String {
    let counts_people = rules.kinds.get(&key.kind).is_some_and(|k| k.counts_people);
    if key.noun.is_empty() && counts_people {
        rules.default_noun.clone()
    } else {
        key.noun.clone()
    }
}

/// A noun that counts a side's people, known by the army or body they
/// belong to ("soldiers", "workers"): its unit's kind is not told apart by
/// place.
fn is_side_noun(rules: &RuleSet, noun: &str) -> bool {
    rules.units.iter().any(|u| {
        u.name == noun
            && u.kind
                .as_deref()
                .is_some_and(|k| rules.kinds.get(k).is_some_and(|kind| !kind.by_place))
    })
}

/// People counted with no noun are the whole of what their owner's figures
/// count: where every other whole of that kind and owner counts one side's
/// people ("soldiers"), they are those ("100 North Koreans killed" beside
/// "1,000 North Korean soldiers killed"); where a figure counts civilians or
/// children, they stay the whole.
fn join_generic_nouns(rules: &RuleSet, claims: &[Claim], keys: &mut [Option<GroupKey>]) {
    let mut nouns: IndexMap<(String, String), Vec<String>> = IndexMap::new();
    for key in keys.iter().flatten() {
        if key.part.is_none() && key.alone.is_none() && !key.noun.is_empty() {
            let list = nouns
                .entry((key.kind.clone(), key.owner.clone()))
                .or_default();
            if !list.contains(&key.noun) {
                list.push(key.noun.clone());
            }
        }
    }
    for (claim, key) in claims.iter().zip(keys.iter_mut()) {
        let Some(key) = key else { continue };
        // Civilians are the whole, but never one side's soldiers.
        let may_be_a_side = claim.unit.is_empty() || claim.unit == rules.default_noun;
        if key.part.is_some() || key.alone.is_some() || !key.noun.is_empty() || !may_be_a_side {
            continue;
        }
        if let Some([only]) = nouns
            .get(&(key.kind.clone(), key.owner.clone()))
            .map(Vec::as_slice)
            && is_side_noun(rules, only)
        {
            key.noun.clone_from(only);
        }
    }
}

/// Parts known only by their figure are one quantity when their figures
/// overlap: each run of overlapping intervals, in value order, is numbered.
fn split_parts_by_figure(claims: &[Claim], keys: &mut [Option<GroupKey>]) {
    let mut by_key: IndexMap<GroupKey, Vec<usize>> = IndexMap::new();
    for (index, key) in keys.iter().enumerate() {
        if let Some(key) = key
            && key.part == Some(PartKey::Figure(0))
        {
            by_key.entry(key.clone()).or_default().push(index);
        }
    }
    for members in by_key.values() {
        let mut ordered: Vec<(f64, f64, usize)> = members
            .iter()
            .map(|&i| {
                let (low, high) = bounds(&claims[i]);
                (low, high, i)
            })
            .collect();
        ordered.sort_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(a.1.total_cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        let mut run = 0;
        let mut reach = f64::NEG_INFINITY;
        for (position, &(low, high, index)) in ordered.iter().enumerate() {
            if position > 0 && low > reach {
                run += 1;
            }
            reach = if position == 0 || low > reach {
                high
            } else {
                reach.max(high)
            };
            if let Some(key) = &mut keys[index] {
                key.part = Some(PartKey::Figure(run));
            }
        }
    }
}

/// A claim's figure as an interval: its value, or its range.
fn bounds(claim: &Claim) -> (f64, f64) {
    let low = claim.low.or(claim.value).unwrap_or(f64::NAN);
    let high = claim.high.or(claim.value).unwrap_or(f64::NAN);
    (low, high)
}

/// Each claim's owner, with owners spelled closely alike (at least
/// `similarity`, Jaro-Winkler on their names as displayed) read as the
/// first of them in name order, whatever order the claims come in: the
/// owners so read, each with its name as displayed, and for each claim the
/// index of its own among them.
fn canonical_owners(claims: &[Claim], similarity: f64) -> (Vec<(Owner, String)>, Vec<usize>) {
    // Every name is displayed once, not at every comparison.
    let displayed: Vec<String> = claims.iter().map(|c| c.owner.to_string()).collect();
    let mut distinct: Vec<usize> = (0..claims.len()).collect();
    distinct.sort_by(|&a, &b| displayed[a].cmp(&displayed[b]));
    distinct.dedup_by(|a, b| claims[*a].owner == claims[*b].owner);
    let lower: FxHashMap<usize, String> = distinct
        .iter()
        .map(|&i| (i, displayed[i].to_lowercase()))
        .collect();
    let mut representative: Vec<usize> = Vec::new();
    let mut chosen: FxHashMap<&str, usize> = FxHashMap::default();
    for &owner in &distinct {
        let named = |i: usize| (&claims[i].owner, lower[&i].as_str());
        let same = representative
            .iter()
            .find(|&&r| same_owner_named(named(r), named(owner), similarity))
            .copied();
        let canonical = same.unwrap_or_else(|| {
            representative.push(owner);
            owner
        });
        chosen.insert(displayed[owner].as_str(), canonical);
    }
    let mut owners: Vec<(Owner, String)> = Vec::new();
    let mut slot_of: FxHashMap<usize, usize> = FxHashMap::default();
    let owner_of = displayed
        .iter()
        .map(|name| {
            let canonical = chosen[name.as_str()];
            *slot_of.entry(canonical).or_insert_with(|| {
                owners.push((
                    claims[canonical].owner.clone(),
                    displayed[canonical].clone(),
                ));
                owners.len() - 1
            })
        })
        .collect();
    (owners, owner_of)
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

/// Owners named alike: the same, or spelled closely enough (Jaro-Winkler on
/// their names as displayed, at least `similarity`: "North Korea" and "North
/// Korean"). An owner no text named matches only another such.
fn same_owner(a: &Owner, b: &Owner, similarity: f64) -> bool {
    let (lower_a, lower_b) = (a.to_string().to_lowercase(), b.to_string().to_lowercase());
    same_owner_named((a, &lower_a), (b, &lower_b), similarity)
}

/// [`same_owner`], with each owner's name as displayed, in lower case.
fn same_owner_named(a: (&Owner, &str), b: (&Owner, &str), similarity: f64) -> bool {
    if a.0.is_empty() || b.0.is_empty() {
        return a.0 == b.0;
    }
    a.1 == b.1 || strsim::jaro_winkler(a.1, b.1) >= similarity
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
        if !group.site.is_empty() {
            parts.push(group.site.clone());
        }
        if !group.unit.is_empty() {
            parts.push(group.unit.clone());
        }
        if !group.grade.is_empty() {
            parts.push(group.grade.clone());
        } else if group.part_of {
            parts.push("part".to_string());
        }
        if !group.event.is_empty() {
            parts.push(group.event.clone());
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
        crate::rules::defaults_for_tests().clone()
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
    fn each_grade_is_a_quantity_apart_from_the_whole() {
        let graded = |doc: &str, grade: &str, part_of: bool| {
            let mut claim = claim(doc, "wounded", "", "Israel");
            claim.grade = grade.to_string();
            claim.part_of = part_of;
            claim
        };
        let mut claims = vec![
            graded("a", "", false),
            graded("a", "serious", true),
            graded("b", "serious", false),
            graded("b", "moderate", false),
            graded("c", "", false),
        ];
        let groups = group_claims(&mut claims, &rules());
        let ids: Vec<&str> = claims.iter().map(|c| c.group.as_str()).collect();
        assert_eq!(
            ids,
            [
                "wounded-israel-people",
                "wounded-israel-people-serious",
                "wounded-israel-people-serious",
                "wounded-israel-people-moderate",
                "wounded-israel-people",
            ]
        );
        assert!(groups[1].part_of && !groups[0].part_of);
    }

    #[test]
    fn civilians_never_join_a_side_s_soldiers() {
        let mut claims = vec![
            claim("a", "killed", "soldiers", "Ukraine"),
            claim("b", "killed", "civilians", "Ukraine"),
            claim("c", "killed", "people", "Ukraine"),
        ];
        group_claims(&mut claims, &rules());
        assert_eq!(claims[0].group, "killed-ukraine-soldiers");
        assert_eq!(claims[1].group, "killed-ukraine-people");
        assert_eq!(claims[2].group, "killed-ukraine-soldiers");
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
    fn people_join_the_one_side_their_owners_figures_count() {
        let mut claims = vec![
            claim("a", "killed", "people", "North Korea"),
            claim("b", "killed", "soldiers", "North Korea"),
            claim("d", "killed", "", "North Korea"),
        ];
        let groups = group_claims(&mut claims, &rules());
        assert_eq!(groups.len(), 1);
        assert_eq!(claims[0].group, "killed-north-korea-soldiers");
        // With two sides counted, people counted with no noun are neither.
        let mut claims = vec![
            claim("a", "killed", "people", "North Korea"),
            claim("b", "killed", "soldiers", "North Korea"),
            claim("c", "killed", "workers", "North Korea"),
            claim("d", "killed", "people", "North Korea"),
        ];
        let groups = group_claims(&mut claims, &rules());
        let members: Vec<&[usize]> = groups.iter().map(|g| g.members.as_slice()).collect();
        assert_eq!(members, [&[0, 3][..], &[1], &[2]]);
    }

    #[test]
    fn civilians_are_the_whole_toll_but_a_named_part_is_a_quantity_of_its_own() {
        let mut claims = vec![
            claim("a", "killed", "civilians", "Sudan"),
            claim("b", "killed", "", "Sudan"),
            claim("c", "killed", "civilians", "Iran"),
            claim("d", "killed", "children", "Iran"),
        ];
        claims[2].part_of = true;
        claims[3].part_of = true;
        claims[3].value = Some(38.0);
        let groups = group_claims(&mut claims, &rules());
        let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "killed-sudan-people",
                "killed-iran-civilians-part",
                "killed-iran-children-part"
            ]
        );
    }

    #[test]
    fn groups_do_not_depend_on_the_order_of_the_claims() {
        let make = || {
            let mut claims = vec![
                claim("a", "killed", "people", "North Korea"),
                claim("b", "killed", "soldiers", "North Korea"),
                claim("c", "killed", "", "North Korea"),
                claim("d", "personnel", "soldiers", "North Korean"),
                claim("e", "personnel", "soldiers", "North Korea"),
                claim("f", "killed", "civilians", "Syria"),
            ];
            for (i, claim) in claims.iter_mut().enumerate() {
                claim.id = format!("c{i}");
            }
            claims
        };
        let partition = |claims: &mut Vec<Claim>| {
            group_claims(claims, &rules());
            let mut pairs: Vec<(String, String)> = claims
                .iter()
                .map(|c| (c.id.clone(), c.group.clone()))
                .collect();
            pairs.sort();
            pairs
        };
        let expected = partition(&mut make());
        for rotation in 1..6 {
            let mut claims = make();
            claims.rotate_left(rotation);
            claims.swap(0, 2);
            assert_eq!(partition(&mut claims), expected, "rotation {rotation}");
        }
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
