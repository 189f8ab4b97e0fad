//! Grouping on what a claim's group depends on, and nothing more: its kind,
//! unit, owner, part, grade, site, event and (for a table's row) its
//! quantity, with every string interned, plus the figure of a part. A run of
//! millions of claims keeps a few bytes per claim here, so `claims` can write
//! each claim out long before every group is known (see [`crate::stream`]).
//!
//! The group of a claim depends on the whole run: owners spelled alike are
//! read as the first in name order, people counted with no noun join a side
//! only where every other whole agrees, parts join by overlapping figures,
//! and ids are numbered in order of first claim. Each of these is worked out
//! once per distinct profile (the tuple of interned fields), not per claim.

use indexmap::{IndexMap, IndexSet};

use super::ids::{Facts, assign_ids};
use crate::fxhash::{FxBuildHasher, FxHashMap};
use crate::model::{Claim, Owner, SharedText};
use crate::rules::RuleSet;

/// A set in order of insertion, hashed with Fx: the grouper's sets hold a
/// run's distinct strings, owners and profiles, and are probed once for each
/// claim, where SipHash cost more than the look-up. The order, hence every
/// output, does not depend on the hasher.
pub(super) type FxIndexSet<T> = IndexSet<T, FxBuildHasher>;

/// An interned string: its index in [`Strings`]; 0 is `""`.
pub(super) type Sym = u32;

pub(super) const EMPTY: Sym = 0;

/// Strings interned in order of first use, `""` first. The keys come from the
/// input (a table's quantities), hence the standard, keyed hasher.
pub(super) struct Strings(FxIndexSet<String>);

impl Strings {
    fn new() -> Strings {
        let mut strings = FxIndexSet::default();
        strings.insert(String::new());
        Strings(strings)
    }

    fn sym(&mut self, text: &str) -> Sym {
        let index = match self.0.get_index_of(text) {
            Some(index) => index,
            None => self.0.insert_full(text.to_string()).0,
        };
        sym(index)
    }

    pub(super) fn get(&self, sym: Sym) -> &str {
        &self.0[sym as usize]
    }
}

fn sym(index: usize) -> u32 {
    u32::try_from(index).expect("fewer than 2^32 distinct values")
}

/// What the group of a claim is worked out from, the figure of a part aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Profile {
    kind: Sym,
    unit: Sym,
    /// Index into [`Grouper::owners`].
    owner: u32,
    part_of: bool,
    grade: Sym,
    site: Sym,
    event: Sym,
    /// A table's quantity; `EMPTY` for an extracted claim.
    group: Sym,
}

/// What grouping reads of a claim: the fields of its profile and, for a
/// part, its figure. Taken out of a claim once its record is written, it
/// lets the rest of the claim go: a few dozen bytes and six short texts
/// instead of the whole claim, for every claim waiting to be grouped.
#[derive(Debug, Clone, Default)]
pub struct GroupFacts {
    owner: Owner,
    kind: SharedText,
    unit: SharedText,
    grade: SharedText,
    site: SharedText,
    event: SharedText,
    group: SharedText,
    part_of: bool,
    /// The figure as an interval; read only for a part.
    figure: (f64, f64),
}

impl GroupFacts {
    /// Moves what grouping reads out of `claim`.
    pub fn take_from(claim: &mut Claim) -> GroupFacts {
        use std::mem::take;
        let [grade, site, event] = claim.narrowing.take();
        GroupFacts {
            figure: figure_of(claim),
            owner: take(&mut claim.owner),
            kind: take(&mut claim.kind),
            unit: take(&mut claim.unit),
            grade,
            site,
            event,
            group: take(&mut claim.group),
            part_of: claim.part_of,
        }
    }
}

/// A claim's figure as an interval, its value at both ends when it has no
/// range; not a number when it has neither.
fn figure_of(claim: &Claim) -> (f64, f64) {
    let low = claim.low.get().or(claim.value.get()).unwrap_or(f64::NAN);
    let high = claim.high.get().or(claim.value.get()).unwrap_or(f64::NAN);
    (low, high)
}

/// Collects the claims of a run, one at a time and in order, keeping only
/// what grouping reads of each.
pub struct Grouper {
    strings: Strings,
    owners: FxIndexSet<Owner>,
    profiles: FxIndexSet<Profile>,
    /// The profile of each claim, in order.
    claims: Vec<u32>,
    /// Each part's claim index and figure as an interval, in claim order:
    /// parts known only by their figure join where their figures overlap.
    parts: Vec<(u32, f64, f64)>,
    /// The last symbol of each field of [`Grouper::add`].
    last: [Sym; 6],
    /// The last claim's owner, as an index into `owners` (`u32::MAX`
    /// before the first claim).
    last_owner: u32,
}

impl Default for Grouper {
    fn default() -> Grouper {
        Grouper::new()
    }
}

impl Grouper {
    /// A grouper that has seen no claim.
    pub fn new() -> Grouper {
        Grouper {
            strings: Strings::new(),
            owners: FxIndexSet::default(),
            profiles: FxIndexSet::default(),
            claims: Vec::new(),
            parts: Vec::new(),
            last: [EMPTY; 6],
            last_owner: u32::MAX,
        }
    }

    /// The next claim of the run.
    pub fn add(&mut self, claim: &Claim) {
        let texts = [
            claim.kind.as_str(),
            &claim.unit,
            claim.narrowing.grade(),
            claim.narrowing.site(),
            claim.narrowing.event(),
            &claim.group,
        ];
        self.add_fields(&claim.owner, texts, claim.part_of, figure_of(claim));
    }

    /// Adds a claim by what grouping reads of it: the same as adding the claim.
    pub fn add_facts(&mut self, facts: &GroupFacts) {
        let texts = [
            facts.kind.as_str(),
            &facts.unit,
            &facts.grade,
            &facts.site,
            &facts.event,
            &facts.group,
        ];
        self.add_fields(&facts.owner, texts, facts.part_of, facts.figure);
    }

    /// `texts` are the kind, unit, grade, site, event and group.
    fn add_fields(&mut self, owner: &Owner, texts: [&str; 6], part_of: bool, figure: (f64, f64)) {
        let [kind, unit, grade, site, event, group] = texts;
        let owner = self.owner(owner);
        let profile = Profile {
            kind: self.field(0, kind),
            unit: self.field(1, unit),
            owner,
            part_of,
            grade: self.field(2, grade),
            site: self.field(3, site),
            event: self.field(4, event),
            group: self.field(5, group),
        };
        if part_of {
            let (low, high) = figure;
            self.parts.push((sym(self.claims.len()), low, high));
        }
        let (index, _) = self.profiles.insert_full(profile);
        self.claims.push(sym(index));
    }

    /// The index of `owner` among the owners seen, added if new. The claims
    /// of a document are often lent one owner, whose names are then the
    /// same shared strings: the last owner is compared (pointers first)
    /// before the set is hashed.
    fn owner(&mut self, owner: &Owner) -> u32 {
        if self.owners.get_index(self.last_owner as usize) != Some(owner) {
            let index = match self.owners.get_index_of(owner) {
                Some(index) => index,
                None => self.owners.insert_full(owner.clone()).0,
            };
            self.last_owner = sym(index);
        }
        self.last_owner
    }

    /// The symbol of one field of a claim. Claims in a row tend to share a
    /// field (a document's kind, a table's empty grade), so the last symbol
    /// of each field is tried before the table of strings is hashed.
    fn field(&mut self, slot: usize, text: &str) -> Sym {
        if text.is_empty() {
            return EMPTY;
        }
        let last = self.last[slot];
        if self.strings.get(last) == text {
            return last;
        }
        let found = self.strings.sym(text);
        self.last[slot] = found;
        found
    }

    /// How many claims were added.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// True before the first claim.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// Puts every claim added in a group; see [`super::group_claims`].
    pub fn group(self, rules: &RuleSet) -> Grouping {
        let mut strings = self.strings;
        let owner_names: Vec<String> = self.owners.iter().map(Owner::to_string).collect();
        let canonical = canonical_owners(
            &self.owners,
            &owner_names,
            rules.group.same_owner_similarity,
        );
        let owner_key: Vec<Sym> = canonical
            .iter()
            .map(|&c| strings.sym(&owner_names[c]))
            .collect();
        let mut keys: Vec<Option<GroupKey>> = self
            .profiles
            .iter()
            .map(|p| (p.group == EMPTY).then(|| key_of(rules, &mut strings, p, &owner_key)))
            .collect();
        join_generic_nouns(rules, &mut strings, &self.profiles, &mut keys);
        join_named_parts(&self.profiles, &mut keys);
        let runs = split_parts_by_figure(&self.claims, &self.parts, &keys);
        let mut runs = runs.into_iter().peekable();
        let default_noun = strings.sym(&rules.default_noun);
        let mut groups: Vec<Facts> = Vec::new();
        let mut group_of: Vec<u32> = Vec::with_capacity(self.claims.len());
        let mut by_key: FxHashMap<GroupKey, u32> = FxHashMap::default();
        // Claims that arrive with a group (from a table of claims) keep it.
        let mut explicit: FxHashMap<Sym, u32> = FxHashMap::default();
        for (index, &profile) in self.claims.iter().enumerate() {
            let p = &self.profiles[profile as usize];
            let mut new_group = |facts: Facts| {
                groups.push(facts);
                sym(groups.len() - 1)
            };
            let g = match keys[profile as usize] {
                None => *explicit.entry(p.group).or_insert_with(|| {
                    new_group(Facts {
                        explicit: p.group,
                        kind: p.kind,
                        unit: p.unit,
                        owner: None,
                        part_of: false,
                        grade: EMPTY,
                        site: EMPTY,
                        event: EMPTY,
                    })
                }),
                Some(mut key) => {
                    if key.part == Some(PartKey::Figure(0))
                        && let Some((_, run)) = runs.next_if(|&(claim, _)| claim as usize == index)
                    {
                        key.part = Some(PartKey::Figure(run));
                    }
                    // Made only for a new group: most claims join one.
                    let facts = || Facts {
                        explicit: EMPTY,
                        kind: key.kind,
                        unit: display_noun(rules, &strings, &key, default_noun),
                        owner: (key.owner != EMPTY).then_some(canonical[p.owner as usize]),
                        part_of: key.part.is_some() || key.grade != EMPTY,
                        grade: key.grade,
                        site: key.site,
                        event: key.event,
                    };
                    if key.alone {
                        // A claim that can only be compared with itself.
                        new_group(facts())
                    } else {
                        *by_key.entry(key).or_insert_with(|| new_group(facts()))
                    }
                }
            };
            group_of.push(g);
        }
        // Each id is held once, and shared by its claims.
        let ids = assign_ids(&groups, &strings, &self.owners, &owner_names)
            .iter()
            .map(|id| SharedText::new(id))
            .collect();
        Grouping {
            group_of,
            groups,
            ids,
            strings,
            owners: self.owners,
        }
    }
}

/// What a run's grouping decided: each claim's group, and each group's id and
/// facts.
pub struct Grouping {
    /// The group of each claim added, in order: an index into the groups.
    group_of: Vec<u32>,
    groups: Vec<Facts>,
    ids: Vec<SharedText>,
    strings: Strings,
    owners: FxIndexSet<Owner>,
}

impl Grouping {
    /// The id of the group of the `index`-th claim added.
    pub fn id_of(&self, index: usize) -> &SharedText {
        &self.ids[self.group_of[index] as usize]
    }

    /// The groups, in order of first claim, each with its members.
    pub fn into_groups(self) -> Vec<super::Group> {
        let mut groups: Vec<super::Group> = self
            .groups
            .iter()
            .zip(self.ids)
            .map(|(facts, id)| super::Group {
                id: id.to_string(),
                kind: self.strings.get(facts.kind).to_string(),
                unit: self.strings.get(facts.unit).to_string(),
                owner: facts
                    .owner
                    .map(|o| self.owners[o].clone())
                    .unwrap_or_default(),
                part_of: facts.part_of,
                grade: self.strings.get(facts.grade).to_string(),
                site: self.strings.get(facts.site).to_string(),
                event: self.strings.get(facts.event).to_string(),
                members: Vec::new(),
            })
            .collect();
        for (index, &g) in self.group_of.iter().enumerate() {
            groups[g as usize].members.push(index);
        }
        groups
    }
}

/// What makes two claims one quantity: the same kind, owner (country, region
/// and place), counted noun and part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct GroupKey {
    kind: Sym,
    /// The owner's canonical name as displayed.
    owner: Sym,
    /// The counted noun; `EMPTY` for people counted with no noun or a generic
    /// one ("people"), who are the whole.
    noun: Sym,
    /// For a part, what tells it apart; `None` for a whole.
    part: Option<PartKey>,
    /// How badly those counted were hurt ("serious"); `EMPTY` when the text
    /// does not say. Graded figures are subsets of the whole, whether or not a
    /// part cue introduced them.
    grade: Sym,
    /// The building or ground where they were counted ("hospital").
    site: Sym,
    /// The year of a past event ("1999"); `EMPTY` for the story's own.
    event: Sym,
    /// A claim that can only be compared with itself: a figure of the
    /// default kind that names nothing it counts ("57", "31 zones" unread).
    alone: bool,
}

/// How parts of one quantity are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum PartKey {
    /// A subset the text names by its own noun ("including 600 children"):
    /// every such part of one owner is one quantity.
    Named,
    /// A part known only by its figure ("another 1,500", "1,000 of them"):
    /// parts whose figures overlap are one quantity; this numbers them.
    Figure(u32),
}

fn key_of(rules: &RuleSet, strings: &mut Strings, p: &Profile, owner_key: &[Sym]) -> GroupKey {
    let kind = strings.get(p.kind);
    let unit = strings.get(p.unit);
    let counts_people = rules.kinds.get(kind).is_some_and(|k| k.counts_people);
    // A whole counted as "people" or "civilians" is everyone its owner lost;
    // a part so named ("including 436 civilians") is a subset of its own.
    let generic = if p.part_of {
        unit.is_empty() || unit == rules.default_noun
    } else {
        unit.is_empty() || rules.is_generic_unit(unit)
    };
    let noun = if generic && counts_people {
        EMPTY
    } else {
        p.unit
    };
    let alone = rules.is_default_kind(kind) && unit.is_empty();
    // A grade or a site tells a subset apart by itself, whether or not a
    // part cue introduced it ("including 8 in serious condition").
    let subset = p.grade != EMPTY || p.site != EMPTY;
    let part = (p.part_of && !subset).then(|| {
        if noun == EMPTY || is_side_noun(rules, strings.get(noun)) {
            PartKey::Figure(0)
        } else {
            PartKey::Named
        }
    });
    // A length of time is the length of an event ("the 12-day war"), whoever
    // the sentence names beside it.
    let measures_time = rules.kinds.get(kind).is_some_and(|k| k.measures_time);
    GroupKey {
        kind: p.kind,
        owner: if measures_time {
            EMPTY
        } else {
            owner_key[p.owner as usize]
        },
        noun,
        part,
        grade: p.grade,
        site: p.site,
        event: p.event,
        alone,
    }
}

/// The noun a group is named by: its key's, or the rules' default noun
/// ("people") for people counted as a whole.
fn display_noun(rules: &RuleSet, strings: &Strings, key: &GroupKey, default_noun: Sym) -> Sym {
    let counts_people = rules
        .kinds
        .get(strings.get(key.kind))
        .is_some_and(|k| k.counts_people);
    if key.noun == EMPTY && counts_people {
        default_noun
    } else {
        key.noun
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
/// children, they stay the whole. Which nouns a kind and owner has is a fact
/// of the set of profiles, so this runs on profiles, not claims.
fn join_generic_nouns(
    rules: &RuleSet,
    strings: &mut Strings,
    profiles: &FxIndexSet<Profile>,
    keys: &mut [Option<GroupKey>],
) {
    let mut nouns: FxHashMap<(Sym, Sym), Vec<Sym>> = FxHashMap::default();
    // A rate ("30 soldiers per weekend") counts no whole: it says nothing of
    // which side a whole counts.
    let is_rate = |noun: Sym| {
        let noun = strings.get(noun);
        crate::claims::without_rate(noun) != noun
    };
    for key in keys.iter().flatten() {
        if key.part.is_none() && !key.alone && key.noun != EMPTY && !is_rate(key.noun) {
            let list = nouns.entry((key.kind, key.owner)).or_default();
            if !list.contains(&key.noun) {
                list.push(key.noun);
            }
        }
    }
    let default_noun = strings.sym(&rules.default_noun);
    for (profile, key) in profiles.iter().zip(keys.iter_mut()) {
        let Some(key) = key else { continue };
        // Civilians are the whole, but never one side's soldiers.
        let may_be_a_side = profile.unit == EMPTY || profile.unit == default_noun;
        if key.part.is_some() || key.alone || key.noun != EMPTY || !may_be_a_side {
            continue;
        }
        if let Some(&[only]) = nouns.get(&(key.kind, key.owner)).map(Vec::as_slice)
            && is_side_noun(rules, strings.get(only))
        {
            key.noun = only;
        }
    }
}

/// Where the text singles out a generic noun as a part of a larger toll
/// ("1,190 killed, including 436 civilians"), that noun is not everyone its
/// owner lost: a whole counted by it ("more than 1,000 civilians killed")
/// measures the same part. Which parts exist is a fact of the set of
/// profiles, so this runs on profiles, not claims.
fn join_named_parts(profiles: &FxIndexSet<Profile>, keys: &mut [Option<GroupKey>]) {
    let named_parts: Vec<(Sym, Sym, Sym)> = keys
        .iter()
        .flatten()
        .filter(|key| key.part == Some(PartKey::Named) && !key.alone)
        .map(|key| (key.kind, key.owner, key.noun))
        .collect();
    if named_parts.is_empty() {
        return;
    }
    for (profile, key) in profiles.iter().zip(keys.iter_mut()) {
        let Some(key) = key else { continue };
        let whole_by_generic_noun = key.part.is_none()
            && !key.alone
            && key.noun == EMPTY
            && profile.unit != EMPTY
            && key.grade == EMPTY
            && key.site == EMPTY;
        if whole_by_generic_noun && named_parts.contains(&(key.kind, key.owner, profile.unit)) {
            key.noun = profile.unit;
            key.part = Some(PartKey::Named);
        }
    }
}

/// Parts known only by their figure are one quantity when their figures
/// overlap: each run of overlapping intervals, in value order, is numbered.
/// Returns each such part's claim index and run, in claim order.
fn split_parts_by_figure(
    claims: &[u32],
    parts: &[(u32, f64, f64)],
    keys: &[Option<GroupKey>],
) -> Vec<(u32, u32)> {
    let mut by_key: IndexMap<GroupKey, Vec<(f64, f64, u32)>> = IndexMap::new();
    for &(claim, low, high) in parts {
        if let Some(key) = keys[claims[claim as usize] as usize]
            && key.part == Some(PartKey::Figure(0))
            && !key.alone
        {
            by_key.entry(key).or_default().push((low, high, claim));
        }
    }
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for ordered in by_key.values_mut() {
        ordered.sort_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(a.1.total_cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        let mut run = 0;
        let mut reach = f64::NEG_INFINITY;
        for (position, &(low, high, claim)) in ordered.iter().enumerate() {
            if position > 0 && low > reach {
                run += 1;
            }
            reach = if position == 0 || low > reach {
                high
            } else {
                reach.max(high)
            };
            runs.push((claim, run));
        }
    }
    runs.sort_unstable();
    runs
}

/// Each owner's canonical owner (an index into `owners`): owners spelled
/// closely alike (at least `similarity`, Jaro-Winkler on their names as
/// displayed) are read as the first of them in name order, whatever order
/// the claims come in. `owners` are distinct and in order of first claim,
/// `names` their names as displayed.
fn canonical_owners(owners: &FxIndexSet<Owner>, names: &[String], similarity: f64) -> Vec<usize> {
    let mut distinct: Vec<usize> = (0..owners.len()).collect();
    // Stable: of owners displayed alike, the first claim's comes first.
    distinct.sort_by(|&a, &b| names[a].cmp(&names[b]));
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let mut representative: Vec<usize> = Vec::new();
    let mut chosen: FxHashMap<&str, usize> = FxHashMap::default();
    for &owner in &distinct {
        let named = |i: usize| (&owners[i], lower[i].as_str());
        let same = representative
            .iter()
            .find(|&&r| super::same_owner_named(named(r), named(owner), similarity))
            .copied();
        let canonical = same.unwrap_or_else(|| {
            representative.push(owner);
            owner
        });
        chosen.insert(names[owner].as_str(), canonical);
    }
    names.iter().map(|name| chosen[name.as_str()]).collect()
}
