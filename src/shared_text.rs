//! [`SharedText`]: a claim's text that many claims hold alike, held once.
//!
//! Why: a report holds every claim of its run at once, and most of a
//! claim's texts repeat. Its kind, unit, subject, source and quantity are a
//! few hundred values across a hundred thousand claims, and the claims of one
//! sentence share the sentence and the words naming its source. As a `String`
//! each was an allocation per claim: on 32 MB of articles about 40 of the
//! 125 MB the claims took. Shared, a copy is a count raised.
//!
//! It reads as a `str` (it dereferences to one, compares with `&str` and
//! `String`, and hashes and orders as its text does), and serialises as one.
//! The empty text holds nothing.
//!
//! It is one pointer (8 bytes, where an `Arc<str>` is 16 and a `String`
//! 24): the length is kept in the allocation, beside the count and the
//! letters (`triomphe::ThinArc`). A claim holds fourteen of them (its id
//! too, which reconciliation and the report name in many of their records).

use std::borrow::Borrow;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The letters of a text and their count, in one allocation with the
/// count of its holders.
type Letters = triomphe::ThinArc<(), u8>;

/// An immutable text, shared by its clones; `""` when empty.
///
/// Invariant: its letters were copied from a `str`, so they are UTF-8.
#[derive(Clone, Default)]
pub struct SharedText(Option<Letters>);

/// The texts [`SharedText::interned`] has given on this thread: kinds,
/// units, subjects, source names. They are few on one story, but an archive
/// of many stories keeps adding subjects and sources, and `claims` streams
/// its claims away: the set is emptied when it reaches [`INTERNED_AT_MOST`],
/// so that it holds at most a few megabytes however much a thread reads.
/// Texts already given stay shared by their holders.
type Interned = HashSet<SharedText, crate::fxhash::FxBuildHasher>;

/// How many texts a thread's [`Interned`] holds at most.
pub(crate) const INTERNED_AT_MOST: usize = 1 << 16;

thread_local! {
    static INTERNED: RefCell<Interned> = RefCell::new(Interned::default());
}

impl SharedText {
    /// The empty text.
    pub const EMPTY: SharedText = SharedText(None);

    /// `text`, in an allocation of its own: for a text few others hold
    /// (a sentence, which its own claims share by cloning it).
    pub fn new(text: &str) -> SharedText {
        if text.is_empty() {
            return SharedText::EMPTY;
        }
        SharedText(Some(Letters::from_header_and_slice((), text.as_bytes())))
    }

    /// `text`, shared with every other text of the same letters interned on
    /// this thread: for the texts of a small vocabulary that thousands of
    /// claims hold alike (a kind, a subject, a source's name).
    pub fn interned(text: &str) -> SharedText {
        if text.is_empty() {
            return SharedText::EMPTY;
        }
        INTERNED.with_borrow_mut(|set| {
            if let Some(held) = set.get(text) {
                return held.clone();
            }
            let held = SharedText::new(text);
            if set.len() >= INTERNED_AT_MOST {
                set.clear();
            }
            set.insert(held.clone());
            held
        })
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // SAFETY: the letters were copied from a `str` (`new` makes
            // every text), so they are UTF-8.
            Some(letters) => unsafe { std::str::from_utf8_unchecked(&letters.slice) },
            None => "",
        }
    }

    /// True for `""`.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> SharedText {
        SharedText::new(text)
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> SharedText {
        SharedText::new(&text)
    }
}

impl From<&String> for SharedText {
    fn from(text: &String) -> SharedText {
        SharedText::new(text)
    }
}

impl From<SharedText> for String {
    fn from(text: SharedText) -> String {
        text.as_str().to_string()
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        self == other.as_str()
    }
}

impl Hash for SharedText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As `str` hashes: `Borrow<str>` lets maps keyed by it be looked up
        // by a `&str`.
        self.as_str().hash(state);
    }
}

impl PartialOrd for SharedText {
    fn partial_cmp(&self, other: &SharedText) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedText {
    fn cmp(&self, other: &SharedText) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SharedText, D::Error> {
        // Claims read back (a saved report, a file of claims) are few
        // beside a run's: each text has its own allocation.
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(SharedText::new(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compares_and_hashes_as_its_text() {
        let text = SharedText::new("soldiers");
        assert_eq!(text, "soldiers");
        assert_eq!("soldiers", text);
        assert_eq!(text, "soldiers".to_string());
        assert_eq!(text.len(), 8);
        let set: HashSet<SharedText> = [text.clone()].into_iter().collect();
        assert!(set.contains("soldiers"));
        assert!(SharedText::new("a") < SharedText::new("b"));
        assert_eq!(format!("{text} {text:?}"), "soldiers \"soldiers\"");
    }

    #[test]
    fn empty_holds_nothing_and_equals_every_empty() {
        assert!(SharedText::new("").is_empty());
        assert_eq!(SharedText::new(""), SharedText::default());
        assert_eq!(SharedText::interned(""), SharedText::EMPTY);
        assert_eq!(SharedText::EMPTY.as_str(), "");
    }

    #[test]
    fn interned_texts_share_one_allocation() {
        let a = SharedText::interned("killed");
        // The same letters from another allocation.
        let owned = String::from("killed");
        let b = SharedText::interned(owned.as_str());
        let c = SharedText::new("killed");
        assert_eq!(a.as_str().as_ptr(), b.as_str().as_ptr());
        assert_ne!(a.as_str().as_ptr(), c.as_str().as_ptr());
        assert_eq!(a, c);
    }

    #[test]
    fn the_interned_set_stays_bounded() {
        let first = SharedText::interned("a text interned first");
        for n in 0..INTERNED_AT_MOST + 10 {
            SharedText::interned(&n.to_string());
        }
        INTERNED.with_borrow(|set| assert!(set.len() <= INTERNED_AT_MOST, "{}", set.len()));
        // Emptied once on the way: the first text is held by its holder
        // alone, and interning it again gives an equal text.
        assert_eq!(SharedText::interned("a text interned first"), first);
    }

    #[test]
    fn is_one_pointer() {
        assert_eq!(std::mem::size_of::<SharedText>(), 8);
    }

    #[test]
    fn keeps_every_letter() {
        for text in [
            "a",
            "نفى الكرملين",
            "North Korean soldiers deployed",
            "\u{0}x",
        ] {
            let shared = SharedText::new(text);
            assert_eq!(shared.as_str(), text);
            assert_eq!(shared.clone().as_str(), text);
            assert_eq!(SharedText::interned(text).as_str(), text);
        }
    }

    #[test]
    fn serialises_as_a_string() {
        let text = SharedText::new("North Korean soldiers");
        let json = serde_json::to_string(&text).unwrap();
        assert_eq!(json, "\"North Korean soldiers\"");
        let back: SharedText = serde_json::from_str(&json).unwrap();
        assert_eq!(back, text);
        let escaped: SharedText = serde_json::from_str("\"a\\\"b\"").unwrap();
        assert_eq!(escaped, "a\"b");
    }
}
