//! Spelling variants: words of a list that a word is spelled almost like.
//!
//! Input: a list of words (people's one-word names), each with a payload, and
//! a word of text. Output: the words of the list whose Jaro-Winkler similarity
//! to it reaches a threshold, with that similarity, in list order.
//!
//! The similarity is computed only for the words an index selects: Jaro-Winkler
//! reaches `s` only when Jaro reaches `(s - 0.4) / 0.6` (the prefix bonus adds
//! at most `0.4 (1 - J)`), and Jaro is at most `(m/a + m/b + 1) / 3` for `m`
//! matching characters out of lengths `a` and `b`; `m` is at most the number
//! of characters the two words share, counted with repeats. The index counts
//! those shared characters for every word of the list at once, from the
//! characters of the word of text, so that a word shares too few with most of
//! the list to be compared at all. The words it lets through are compared as
//! before, so the result is the same as comparing with every word.

use crate::fxhash::FxHashMap;

/// A word as [`FuzzyIndex::most_similar`] remembers its answer by, when it
/// is short enough (nearly every word): its length and bytes in 28 bytes,
/// kept in the map's entry. With the answer in four bytes an entry is 32
/// bytes (56 before), two to a cache line: the map of thousands of words a thread
/// remembers is mostly out of cache, and reading an entry was over half of
/// the time spent on misspelt names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ShortWord([u8; SHORT_WORD]);

/// The bytes of a [`ShortWord`], its length first.
const SHORT_WORD: usize = 28;

impl ShortWord {
    /// `None` for a word longer than a short word holds.
    fn of(word: &str) -> Option<ShortWord> {
        let mut bytes = [0; SHORT_WORD];
        let short = bytes.get_mut(1..=word.len())?;
        short.copy_from_slice(word.as_bytes());
        bytes[0] = word.len() as u8;
        Some(ShortWord(bytes))
    }
}

/// The answers a thread remembers for one list and threshold: by short
/// word, else by the word itself. An answer is the index of the most
/// similar word of the list, or [`NO_WORD`].
#[derive(Default)]
struct Answers {
    short: FxHashMap<ShortWord, u32>,
    long: FxHashMap<Box<str>, u32>,
}

/// No word of the list is similar enough.
const NO_WORD: u32 = u32::MAX;

impl Answers {
    fn get(&self, word: &str) -> Option<u32> {
        match ShortWord::of(word) {
            Some(short) => self.short.get(&short).copied(),
            None => self.long.get(word).copied(),
        }
    }

    /// Keeps `answer`; past `limit` words, those kept before are forgotten.
    fn keep(&mut self, word: &str, answer: u32, limit: usize) {
        if self.short.len() + self.long.len() >= limit {
            self.short.clear();
            self.long.clear();
        }
        match ShortWord::of(word) {
            Some(short) => self.short.insert(short, answer),
            None => self.long.insert(word.into(), answer),
        };
    }
}

/// Words to compare text against, indexed by the characters they hold.
#[derive(Debug, Clone, Default)]
pub struct FuzzyIndex<T> {
    /// Tells this list from others in the answers each thread remembers
    /// (see [`FuzzyIndex::most_similar`]); a new list, or one pushed to,
    /// takes a new one.
    id: u64,
    /// The words, their length in characters and payload, in list order.
    words: Vec<(String, usize, T)>,
    /// For each character, the words holding it and how many times.
    by_char: FxHashMap<char, Vec<(u32, u32)>>,
}

impl<T> FuzzyIndex<T> {
    /// Indexes `words`, keeping their order.
    pub fn new(words: Vec<(String, T)>) -> FuzzyIndex<T> {
        let mut by_char: FxHashMap<char, Vec<(u32, u32)>> = FxHashMap::default();
        let words: Vec<(String, usize, T)> = words
            .into_iter()
            .map(|(word, payload)| {
                let length = word.chars().count();
                (word, length, payload)
            })
            .collect();
        for (index, (word, _, _)) in words.iter().enumerate() {
            for (ch, count) in char_counts(word) {
                by_char.entry(ch).or_default().push((index as u32, count));
            }
        }
        FuzzyIndex {
            id: next_id(),
            words,
            by_char,
        }
    }

    /// Adds a word at the end of the list.
    pub fn push(&mut self, word: String, payload: T) {
        let index = self.words.len() as u32;
        for (ch, count) in char_counts(&word) {
            self.by_char.entry(ch).or_default().push((index, count));
        }
        let length = word.chars().count();
        self.words.push((word, length, payload));
        self.id = next_id();
    }

    /// The words of the list, with their payloads, in list order.
    pub fn words(&self) -> impl Iterator<Item = (&str, &T)> {
        self.words
            .iter()
            .map(|(word, _, payload)| (word.as_str(), payload))
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Calls `found` with each word of the list whose Jaro-Winkler
    /// similarity to `word` is at least `threshold`, in list order, with the
    /// similarity (as `strsim::jaro_winkler` computes it).
    pub fn similar(&self, word: &str, threshold: f64, found: impl FnMut(f64, &T)) {
        self.similar_in_order(word, threshold, false, found);
    }

    /// The word of the list most similar to `word`, at least `threshold`,
    /// with the similarity: the last of the most similar in list order, as
    /// keeping the best of [`FuzzyIndex::similar`] with `>=` gives it. Each
    /// thread remembers the answers for the words it asked before: a text's
    /// words recur, and the list does not change.
    pub fn most_similar(&self, word: &str, threshold: f64) -> Option<(f64, &T)> {
        // Bounded: past this, the words remembered are forgotten at once.
        const REMEMBERED: usize = 1 << 16;
        // Lists a thread keeps answers for; past this, the first is forgotten.
        const LISTS: usize = 8;
        // By list and threshold, in a short list (a run asks of one or two;
        // a map's hashing and probe were a fifth of a remembered answer).
        thread_local! {
            static ANSWERS: std::cell::RefCell<Vec<((u64, u64), Answers)>> = Default::default();
        }
        let key = (self.id, threshold.to_bits());
        let known = ANSWERS.with(|answers| {
            let answers = answers.borrow();
            let kept = answers.iter().find(|(list, _)| *list == key);
            kept.and_then(|(_, answers)| answers.get(word))
        });
        let at = known.unwrap_or_else(|| {
            let mut best: Option<(f64, u32)> = None;
            self.similar_indexed(word, threshold, false, |similarity, at| {
                if best.is_none_or(|(b, _)| similarity.total_cmp(&b).is_ge()) {
                    best = Some((similarity, at as u32));
                }
            });
            let at = best.map_or(NO_WORD, |(_, at)| at);
            ANSWERS.with(|answers| {
                let mut answers = answers.borrow_mut();
                let kept = match answers.iter().position(|(list, _)| *list == key) {
                    Some(kept) => kept,
                    None => {
                        if answers.len() >= LISTS {
                            answers.remove(0);
                        }
                        answers.push((key, Answers::default()));
                        answers.len() - 1
                    }
                };
                answers[kept].1.keep(word, at, REMEMBERED);
            });
            at
        });
        // The similarity is not remembered but worked out again, the same
        // way: few words have an answer at all.
        let (other, _, payload) = self.words.get(at as usize)?;
        Some((strsim::jaro_winkler(word, other), payload))
    }

    /// As [`FuzzyIndex::similar`], with the word of the list as the first
    /// argument of `strsim::jaro_winkler` when `list_first`.
    pub fn similar_in_order(
        &self,
        word: &str,
        threshold: f64,
        list_first: bool,
        mut found: impl FnMut(f64, &T),
    ) {
        self.similar_indexed(word, threshold, list_first, |similarity, at| {
            found(similarity, &self.words[at].2);
        });
    }

    /// As [`FuzzyIndex::similar_in_order`], with each word's place in the list.
    fn similar_indexed(
        &self,
        word: &str,
        threshold: f64,
        list_first: bool,
        mut found: impl FnMut(f64, usize),
    ) {
        if self.words.is_empty() {
            return;
        }
        let length = word.chars().count();
        if length == 0 {
            return;
        }
        // Characters shared with each word of the list (on the stack for a short list).
        let mut small = [0u32; 64];
        let mut large = Vec::new();
        let shared: &mut [u32] = if self.words.len() <= small.len() {
            &mut small[..self.words.len()]
        } else {
            large.resize(self.words.len(), 0);
            &mut large
        };
        for (ch, count) in char_counts(word) {
            if let Some(list) = self.by_char.get(&ch) {
                for &(index, times) in list {
                    shared[index as usize] += count.min(times);
                }
            }
        }
        // Jaro needed for the threshold, and the matches that Jaro needs.
        // Above 0.7 the prefix bonus applies, and only to a Jaro above 0.7.
        let jaro = if threshold > 0.7 {
            ((threshold - 0.4) / 0.6).max(0.7)
        } else {
            threshold
        };
        let needed = 3.0 * jaro - 1.0 - 1e-9;
        for (index, (other, other_length, _)) in self.words.iter().enumerate() {
            let matches = f64::from(shared[index]);
            let bound = matches / length as f64 + matches / *other_length as f64;
            if bound < needed {
                continue;
            }
            let similarity = if list_first {
                strsim::jaro_winkler(other, word)
            } else {
                strsim::jaro_winkler(word, other)
            };
            if similarity >= threshold {
                found(similarity, index);
            }
        }
    }
}

/// A number no other list has had.
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Each character of `word` once, with how many times it occurs.
fn char_counts(word: &str) -> Vec<(char, u32)> {
    let mut chars: Vec<char> = word.chars().collect();
    chars.sort_unstable();
    let mut counts: Vec<(char, u32)> = Vec::with_capacity(chars.len());
    for ch in chars {
        match counts.last_mut() {
            Some((last, count)) if *last == ch => *count += 1,
            _ => counts.push((ch, 1)),
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_remembered_apart_short_or_long() {
        let long = "ا".repeat(20);
        assert!(ShortWord::of(&long).is_none());
        assert!(ShortWord::of(&"x".repeat(27)).is_some());
        assert!(ShortWord::of(&"x".repeat(28)).is_none());
        assert_ne!(ShortWord::of("a"), ShortWord::of("a\0"));
        assert_ne!(ShortWord::of("guterres"), ShortWord::of("guterre"));
        let index = FuzzyIndex::new(vec![("guterres".to_string(), 1), (long.clone(), 2)]);
        for _ in 0..2 {
            assert_eq!(
                index.most_similar("guterres", 0.9).map(|(_, v)| *v),
                Some(1)
            );
            assert_eq!(index.most_similar(&long, 0.9).map(|(_, v)| *v), Some(2));
            assert!(index.most_similar("nobody", 0.9).is_none());
        }
    }

    /// More lists than a thread keeps answers for, asked in turn: each
    /// answer is still its own list's, remembered or worked out again.
    #[test]
    fn answers_are_kept_apart_for_many_lists() {
        let names = ["guterres", "zelensky", "putin", "peskov", "kluge"];
        let lists: Vec<FuzzyIndex<usize>> = (0..12)
            .map(|at| FuzzyIndex::new(vec![(names[at % names.len()].to_string(), at)]))
            .collect();
        let words = [
            "guterrez",
            "zelenskiy",
            "putins",
            "peskow",
            "klugge",
            "nobody",
        ];
        for round in 0..3 {
            for (at, list) in lists.iter().enumerate() {
                for word in words {
                    let threshold = if round == 2 { 0.85 } else { 0.9 };
                    let mut best = None;
                    list.similar(word, threshold, |s, v| best = Some((s, *v)));
                    let most = list.most_similar(word, threshold).map(|(s, v)| (s, *v));
                    assert_eq!(most, best, "{word} in list {at}, round {round}");
                }
            }
        }
    }

    #[test]
    fn finds_what_comparing_with_every_word_finds() {
        let names = [
            "zelensky",
            "zelenskyy",
            "selenskyj",
            "putin",
            "guterres",
            "زيلينسكي",
            "بيسكوف",
        ];
        let index = FuzzyIndex::new(names.iter().map(|n| (n.to_string(), *n)).collect());
        let words = [
            "zelenskiy",
            "selensky",
            "zelensk",
            "putins",
            "guterrez",
            "زيلنسكي",
            "بيسكو",
            "kremlin",
            "peskov",
            "aaaaa",
            "ykslenez",
        ];
        for threshold in [0.9, 0.85, 0.95, 0.75] {
            for word in words {
                let mut found = Vec::new();
                index.similar(word, threshold, |s, name| found.push((s, *name)));
                let expected: Vec<(f64, &str)> = names
                    .iter()
                    .map(|n| (strsim::jaro_winkler(word, n), *n))
                    .filter(|(s, _)| *s >= threshold)
                    .collect();
                assert_eq!(found, expected, "{word} at {threshold}");
                // The last of the most similar, asked twice (the second
                // time remembered).
                let best = expected
                    .iter()
                    .fold(None, |best: Option<(f64, &str)>, &(s, n)| match best {
                        Some((b, _)) if s < b => best,
                        _ => Some((s, n)),
                    });
                for _ in 0..2 {
                    let most = index.most_similar(word, threshold).map(|(s, n)| (s, *n));
                    assert_eq!(most, best, "{word} at {threshold}");
                }
            }
        }
    }
}
