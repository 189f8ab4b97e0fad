//! The exclusion patterns as one set, built for what they are asked: does
//! a word match any of them.
//!
//! The regex crate's `RegexSet` builds every engine it may use, a lazy DFA
//! among them and, for it, every pattern compiled again in reverse; on a
//! one-line document that was a millisecond of start-up, for words of a
//! few bytes that the other engines read as fast. This is the same engine
//! (`regex-automata`'s meta regex, which `RegexSet` wraps), configured as
//! `RegexSet` configures it, with the DFAs left out: it matches the same
//! words, and fails to build on the same patterns (the DFAs are optional).

use regex_automata::MatchKind;
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

/// A set of patterns; a word matches when any of them does.
#[derive(Debug, Clone)]
pub struct PatternSet(meta::Regex);

impl PatternSet {
    /// The set of `patterns`, as `regex::RegexSet::new` reads them; an
    /// error where it gives one.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<PatternSet, Box<meta::BuildError>> {
        // `regex::RegexSet`'s own configuration (regex 1.x `builders.rs`),
        // the DFAs off.
        let config = meta::Config::new()
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20))
            .match_kind(MatchKind::All)
            .utf8_empty(true)
            .which_captures(WhichCaptures::None)
            .hybrid(false)
            .dfa(false);
        meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build_many(patterns)
            .map(PatternSet)
            .map_err(Box::new)
    }

    /// True when `text` matches any of the patterns.
    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }

    /// The number of patterns.
    pub fn len(&self) -> usize {
        self.0.pattern_len()
    }

    /// True for a set of no pattern.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
            "2024/05",
        ] {
            assert_eq!(ours.is_match(word), theirs.is_match(word), "{word}");
        }
        assert_eq!(ours.len(), theirs.len());
        assert!(
            PatternSet::new(&["(unclosed"]).is_err()
                && regex::RegexSet::new(["(unclosed"]).is_err()
        );
        assert!(PatternSet::new(&[r"\w{1000}{1000}"]).is_err());
        assert!(regex::RegexSet::new([r"\w{1000}{1000}"]).is_err());
    }
}
