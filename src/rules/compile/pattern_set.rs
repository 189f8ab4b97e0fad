//! The exclusion patterns as one set, built for what they are asked: does
//! a word match any of them.
//!
//! The regex crate's `RegexSet` builds every engine it may use, a reverse
//! compilation of every pattern among them, for finding where a match
//! starts; on a one-line document that was a millisecond of start-up. A
//! word is only asked whether any pattern matches, which the forward lazy
//! DFA alone answers, as quickly as the set did. So the set is that DFA
//! (`regex-automata`'s, the engine `RegexSet` wraps, configured as it
//! configures it), and the regex crate's set is built only if the DFA
//! cannot answer (it gives up on a Unicode word boundary beside a
//! non-ASCII letter, or when its cache thrashes) or cannot be built.
//! Invariant: a word matches exactly when it matches `regex::RegexSet`.

use std::sync::{Arc, OnceLock};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind};

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// A set of patterns; a word matches when any of them does.
#[derive(Clone)]
pub struct PatternSet {
    patterns: Arc<[String]>,
    /// The forward lazy DFA of all the patterns, and a cache per thread
    /// searching it; none when it could not be built.
    dfa: Option<Arc<(DFA, CachePool)>>,
    /// The regex crate's set, built only when the DFA cannot answer.
    full: Arc<OnceLock<Option<regex::RegexSet>>>,
}

impl std::fmt::Debug for PatternSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatternSet")
            .field("patterns", &self.patterns)
            .finish()
    }
}

/// `regex::RegexSet`'s own limits (regex 1.x, `builders.rs`).
const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);
const CACHE_CAPACITY: usize = 2 * (1 << 20);

impl PatternSet {
    /// The set of `patterns`; an error where `regex::RegexSet::new` gives one.
    pub fn new(patterns: &[&str]) -> Result<PatternSet, regex::Error> {
        let patterns: Arc<[String]> = patterns.iter().map(|p| p.to_string()).collect();
        let full = Arc::new(OnceLock::new());
        let Some(dfa) = lazy_dfa(&patterns) else {
            // What the DFA cannot be built for, the regex crate's set
            // builds, or refuses, itself.
            let set = regex::RegexSet::new(patterns.iter())?;
            return Ok(PatternSet {
                patterns,
                dfa: None,
                full: Arc::new(OnceLock::from(Some(set))),
            });
        };
        Ok(PatternSet {
            patterns,
            dfa: Some(Arc::new(dfa)),
            full,
        })
    }

    /// True when `text` matches any of the patterns.
    pub fn is_match(&self, text: &str) -> bool {
        if let Some(dfa) = &self.dfa {
            let (dfa, pool) = &**dfa;
            let mut cache = pool.get();
            if let Ok(found) = dfa.try_search_fwd(&mut cache, &Input::new(text).earliest(true)) {
                return found.is_some();
            }
        }
        self.full
            .get_or_init(|| regex::RegexSet::new(self.patterns.iter()).ok())
            .as_ref()
            .is_some_and(|set| set.is_match(text))
    }

    /// The number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True for a set of no pattern.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// The forward lazy DFA of the patterns as `regex::RegexSet` would build
/// it, with a pool of caches; none when it cannot be built (a pattern
/// that does not parse, a set past the size limit, a cache too small).
fn lazy_dfa(patterns: &[String]) -> Option<(DFA, CachePool)> {
    let config = DFA::config()
        .match_kind(MatchKind::All)
        .unicode_word_boundary(true)
        .cache_capacity(CACHE_CAPACITY)
        .minimum_cache_clear_count(Some(3))
        .minimum_bytes_per_state(Some(10));
    let dfa = DFA::builder()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true))
        .thompson(
            thompson::Config::new()
                .which_captures(thompson::WhichCaptures::None)
                .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
        )
        .build_many(patterns)
        .ok()?;
    let for_caches = dfa.clone();
    let pool: CachePool = Pool::new(Box::new(move || for_caches.create_cache()));
    Some((dfa, pool))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The set matches the words `regex::RegexSet` matches, and refuses
    /// what it refuses.
    #[test]
    fn the_set_matches_as_the_regex_crate_s() {
        let patterns = [
            "^#",
            r"^\d+(st|nd|rd|th)$",
            r"^\+?\d+([-/]\d+){2,}\D?$",
            r"^\d+(م|ام|مین|امین)$",
            "://",
            r"^(19|20)\d{2}/\d{2}$",
            r"\bkn-\d+\b",
        ];
        let ours = PatternSet::new(&patterns).unwrap();
        let theirs = regex::RegexSet::new(patterns).unwrap();
        for word in [
            "5,000",
            "#6tshd",
            "4th",
            "٤th",
            "1990/12",
            "+1-222-555-0100",
            "۷۵مین",
            "75مین",
            "http://x",
            "",
            "kn-23",
            "ékn-23",
            "kn-23é",
            "2024/05",
        ] {
            assert_eq!(ours.is_match(word), theirs.is_match(word), "{word}");
        }
        assert_eq!(ours.len(), theirs.len());
        assert!(PatternSet::new(&["(unclosed"]).is_err());
        assert!(PatternSet::new(&[r"\w{1000}{1000}"]).is_err());
    }
}
