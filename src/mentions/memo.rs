//! The names found at each token of a text, kept with its view so that a
//! token is looked up once however many stretches ask about it.
//!
//! Input: a token index and a way to find its name. Output: the name, found
//! now or remembered. Invariant: what is remembered is what finding it again
//! would give (finding depends on the view and the rules alone), so
//! forgetting only costs time; memory stays flat however long the text.

use super::Hit;
use crate::rules::{EntityRef, Language, RuleSet};

/// The names found at each token of a text, kept with its view: stages ask
/// for the mentions of overlapping stretches (a sentence, the sentences
/// before it, the opening), and each token is looked up once.
#[derive(Default)]
pub(super) struct NameMemo {
    /// The language pack and rules the memo was made with.
    made_with: Option<(String, usize)>,
    /// How many bytes longer than its token a form of a token may be: a
    /// contraction whose replacement is longer than what it replaces (none
    /// in the packs) makes one.
    pub(super) form_growth: usize,
    /// By token, once asked: the longest name that starts there.
    pub(super) exact: DenseHits,
    /// By token, once asked: the person's name it is spelled almost like.
    pub(super) fuzzy: DenseHits,
}

/// What was found at the tokens of one stretch of the text, one slot per
/// token from `base` on: an index into a vector instead of a hash map's
/// probe (the maps were about 2% of `claims`). Stages ask about a sentence
/// and a window before it, moving forward, so the stretch is short.
#[derive(Default)]
pub(super) struct DenseHits {
    /// The token of `slots[0]`.
    base: usize,
    /// A packed hit, or [`NOT_ASKED`].
    slots: Vec<u64>,
}

/// The most slots made room for before any is needed (see
/// [`DenseHits::cover`]): 256 KB, whatever the length of the text.
const ROOM: usize = 1 << 15;

/// A slot not asked about yet. [`PackedHit::pack`] never sets bits 2 to 7,
/// so no hit packs to it.
const NOT_ASKED: u64 = u64::MAX;

impl DenseHits {
    fn get(&self, at: usize) -> Option<PackedHit> {
        let slot = *self.slots.get(at.checked_sub(self.base)?)?;
        (slot != NOT_ASKED).then_some(PackedHit(slot))
    }

    /// Keeps `packed` for token `at`; a token before the stretch kept is
    /// not kept (it is found again if asked again).
    fn keep(&mut self, at: usize, packed: PackedHit) {
        let Some(offset) = at.checked_sub(self.base) else {
            return;
        };
        if offset >= self.slots.len() {
            self.slots.resize(offset + 1, NOT_ASKED);
        }
        self.slots[offset] = packed.0;
    }

    /// Makes a slot for every token up to `end` at once, rather than one
    /// more each time a token further on is kept. The first time, room is
    /// made for the rest of the text's `tokens` (up to [`ROOM`] slots):
    /// stages ask about sentence after sentence, and growing the slots with
    /// each (a copy each time the room doubles) cost more than the asking.
    pub(super) fn cover(&mut self, end: usize, tokens: usize) {
        let wanted = end.saturating_sub(self.base);
        if wanted > self.slots.len() {
            if self.slots.capacity() == 0 {
                let room = tokens
                    .saturating_sub(self.base)
                    .clamp(wanted, wanted.max(ROOM));
                self.slots.reserve_exact(room);
            }
            self.slots.resize(wanted, NOT_ASKED);
        }
    }

    /// Forgets the tokens before `behind`, once there are at least `keep`
    /// of them: each move drops many slots, so moving costs little per token.
    fn forget_before(&mut self, behind: usize, keep: usize) {
        let dropped = behind.saturating_sub(self.base);
        if dropped < keep {
            return;
        }
        self.slots.drain(..dropped.min(self.slots.len()));
        self.base = behind;
    }
}

/// A name found at a token, or none, in eight bytes: the entity, and the
/// name's length in tokens and the proclitic's in bytes, both short.
#[derive(Clone, Copy)]
pub(super) struct PackedHit(u64);

impl PackedHit {
    /// `None` when the hit does not fit, which no rule file comes near
    /// (names are a few tokens, proclitics a few bytes): it is not kept.
    fn pack(hit: Option<Hit>) -> Option<PackedHit> {
        let Some(hit) = hit else {
            return Some(PackedHit(0));
        };
        let tokens = hit.end - hit.start;
        let index = u32::try_from(hit.value.index).ok()?;
        if tokens > 0xff || hit.first_proclitic > 0xff {
            return None;
        }
        Some(PackedHit(
            1 | u64::from(hit.value.as_demonym) << 1
                | (tokens as u64) << 8
                | (hit.first_proclitic as u64) << 16
                | u64::from(index) << 32,
        ))
    }

    fn unpack(self, start: usize) -> Option<Hit> {
        (self.0 & 1 == 1).then(|| Hit {
            start,
            end: start + ((self.0 >> 8) & 0xff) as usize,
            first_proclitic: ((self.0 >> 16) & 0xff) as usize,
            value: EntityRef {
                index: (self.0 >> 32) as usize,
                as_demonym: self.0 & 2 == 2,
            },
        })
    }
}

impl NameMemo {
    /// Stages ask about a sentence and a window before it, so in a long
    /// document what lies far behind is not asked again (and if it is, it
    /// is found again): memory stays flat however long the document.
    pub(super) fn forget_behind(&mut self, from: usize) {
        const KEEP: usize = 1 << 14;
        let behind = from.saturating_sub(KEEP);
        self.exact.forget_before(behind, KEEP);
        self.fuzzy.forget_before(behind, KEEP);
    }

    pub(super) fn ready_for(&mut self, language: &Language, rules: &RuleSet) {
        let rules_at = std::ptr::from_ref(rules) as usize;
        let ready = self
            .made_with
            .as_ref()
            .is_some_and(|(code, at)| *code == language.code && *at == rules_at);
        if !ready {
            let growth = |(prefix, replacement): &(String, String)| {
                replacement.len().saturating_sub(prefix.len())
            };
            *self = NameMemo {
                made_with: Some((language.code.clone(), rules_at)),
                form_growth: language.contractions.iter().map(growth).max().unwrap_or(0),
                ..NameMemo::default()
            };
        }
    }
}

/// The hit at token `at`: the one kept in `memo`, else found and kept.
pub(super) fn remembered(
    memo: &mut DenseHits,
    at: usize,
    find: impl FnOnce() -> Option<Hit>,
) -> Option<Hit> {
    if let Some(packed) = memo.get(at) {
        return packed.unpack(at);
    }
    let hit = find();
    if let Some(packed) = PackedHit::pack(hit) {
        memo.keep(at, packed);
    }
    hit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit_at(start: usize) -> Option<Hit> {
        Some(Hit {
            start,
            end: start + 2,
            first_proclitic: 1,
            value: EntityRef {
                index: 7,
                as_demonym: true,
            },
        })
    }

    #[test]
    fn a_token_is_found_once_and_then_remembered() {
        let mut memo = DenseHits::default();
        let mut finds = 0;
        for _ in 0..3 {
            let hit = remembered(&mut memo, 5, || {
                finds += 1;
                hit_at(5)
            });
            assert_eq!(
                hit.map(|h| (h.start, h.end, h.value.index)),
                Some((5, 7, 7))
            );
        }
        assert_eq!(finds, 1);
        // No name is remembered too.
        assert!(remembered(&mut memo, 3, || None).is_none());
        assert!(remembered(&mut memo, 3, || hit_at(3)).is_none());
    }

    #[test]
    fn tokens_forgotten_far_behind_are_found_again() {
        let mut memo = DenseHits::default();
        remembered(&mut memo, 2, || hit_at(2));
        remembered(&mut memo, 40, || hit_at(40));
        memo.forget_before(30, 10);
        assert_eq!(memo.base, 30);
        assert!(memo.get(2).is_none());
        assert!(memo.get(40).is_some());
        // Asked again, the token is found again and not kept behind the stretch.
        let mut finds = 0;
        for _ in 0..2 {
            remembered(&mut memo, 2, || {
                finds += 1;
                hit_at(2)
            });
        }
        assert_eq!(finds, 2);
        // Fewer than `keep` tokens behind: nothing moves.
        memo.forget_before(35, 10);
        assert_eq!(memo.base, 30);
    }
}
