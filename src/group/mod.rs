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

mod ids;
mod key;

pub use key::{GroupFacts, Grouper, Grouping};

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
    let mut grouper = Grouper::new();
    for claim in claims.iter() {
        grouper.add(claim);
    }
    let grouping = grouper.group(rules);
    for (index, claim) in claims.iter_mut().enumerate() {
        // Shared with the group's other members, not copied.
        claim.group = grouping.id_of(index).clone();
    }
    grouping.into_groups()
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
        claim.kind = kind.into();
        claim.unit = unit.into();
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
            claim.narrowing = claim.narrowing.with_grade(grade.into());
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
        // A rate of the side's soldiers is no second side.
        let mut claims = vec![
            claim("a", "casualties", "", "North Korea"),
            claim("b", "casualties", "soldiers", "North Korea"),
            claim("c", "casualties", "soldiers per weekend", "North Korea"),
        ];
        group_claims(&mut claims, &rules());
        assert_eq!(claims[0].group, "casualties-north-korea-soldiers");
        assert_eq!(
            claims[2].group,
            "casualties-north-korea-soldiers-per-weekend"
        );
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
        claims[3].value = Some(38.0).into();
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
    fn civilians_singled_out_as_a_part_are_that_part_wherever_counted() {
        // "1,190 killed, including 436 civilians" in one report; "more than
        // 1,000 civilians killed" in another measures the civilians too.
        let mut claims = vec![
            claim("a", "killed", "", "Iran"),
            claim("a", "killed", "civilians", "Iran"),
            claim("b", "killed", "civilians", "Iran"),
            claim("c", "killed", "civilians", "Sudan"),
            claim("c", "killed", "", "Sudan"),
        ];
        claims[1].part_of = true;
        let groups = group_claims(&mut claims, &rules());
        let ids: Vec<&str> = claims.iter().map(|c| c.group.as_str()).collect();
        assert_eq!(
            ids,
            [
                "killed-iran-people",
                "killed-iran-civilians-part",
                "killed-iran-civilians-part",
                "killed-sudan-people",
                "killed-sudan-people"
            ]
        );
        assert_eq!(groups.len(), 3);
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
                claim.id = format!("c{i}").into();
            }
            claims
        };
        let partition = |claims: &mut Vec<Claim>| {
            group_claims(claims, &rules());
            let mut pairs: Vec<(String, String)> = claims
                .iter()
                .map(|c| (c.id.to_string(), c.group.to_string()))
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
            claim.value = Some(value).into();
            claim.part_of = true;
            claim
        };
        let mut claims = vec![part("a", 6000.0), part("b", 1500.0), part("c", 6000.0)];
        let groups = group_claims(&mut claims, &rules());
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].members, [0, 2]);
    }
}
