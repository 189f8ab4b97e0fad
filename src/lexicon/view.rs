//! A text's tokens prepared for matching: every form each token is matched
//! as, worked out once, with its hash; and the memos stages keep with a text.

use super::hash::{filter_bit, word_hash};
use super::starts::{StartBits, StartIndex, StartSlot};
use crate::normalize::{Token, TokenKind};

/// One form of a token: where its text lies, the bytes of proclitic
/// stripped to get it, and its hash.
#[derive(Debug, Clone, Copy)]
pub(super) struct Form {
    pub(super) start: u32,
    pub(super) end: u32,
    /// The text is in the view's `arena` (a contraction rewritten), not in
    /// the normalised text.
    pub(super) rewritten: bool,
    pub(super) stripped: u32,
    pub(super) hash: u64,
    /// Its bit in a lexicon's filter of first bytes, worked out here so
    /// that a lexicon turns most forms away without reading their text.
    pub(super) filter_bit: u16,
}

/// What the stages above the lexicon work out once per text and ask for
/// again, one value of each type (see [`TokenView::memo`]); a clone of the
/// view starts without them.
#[derive(Default)]
struct Memos(std::cell::RefCell<Vec<Box<dyn std::any::Any>>>);

impl Clone for Memos {
    fn clone(&self) -> Self {
        Memos::default()
    }
}

impl std::fmt::Debug for Memos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memos")
    }
}

/// Tokens of a text prepared for matching.
#[derive(Debug, Clone)]
pub struct TokenView<'a> {
    /// The normalised text the tokens were cut from.
    pub text: &'a str,
    /// The tokens; every index into a view is an index into this list.
    pub tokens: &'a [Token],
    /// Every token's forms, token after token.
    forms: Vec<Form>,
    /// Where each token's forms start in `forms`; one more entry than tokens.
    form_starts: Vec<u32>,
    /// The text of forms that rewrite a contraction ("لل" read as "ال").
    arena: String,
    /// For each token, whether the original text writes it in capitals
    /// ("WHO"); empty when the original is not known.
    pub upper: Vec<bool>,
    /// For each token, whether the original text starts it with a capital
    /// ("Mandalay"); empty when the original is not known.
    pub initial_capital: Vec<bool>,
    /// The id of the [`StartIndex`] behind `start_bits`; 0 when none.
    start_index: u32,
    /// For each token, the registered lexicons that may have a phrase
    /// starting there; empty without an index.
    start_bits: Vec<StartBits>,
    memos: Memos,
}

impl<'a> TokenView<'a> {
    /// `contractions` are (prefix, replacement) pairs: a word starting with the
    /// prefix is also tried with the replacement in its place.
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        proclitics: &[String],
        contractions: &[(String, String)],
    ) -> TokenView<'a> {
        let mut view = TokenView {
            text,
            tokens,
            forms: Vec::with_capacity(tokens.len() + tokens.len() / 4),
            form_starts: Vec::with_capacity(tokens.len() + 1),
            arena: String::new(),
            upper: Vec::new(),
            initial_capital: Vec::new(),
            start_index: 0,
            start_bits: Vec::new(),
            memos: Memos::default(),
        };
        let heads = PrefixHeads::of(contractions.iter().map(|(p, _)| p).chain(proclitics));
        for token in tokens {
            view.form_starts.push(view.forms.len() as u32);
            view.push_forms(token, proclitics, contractions, &heads);
        }
        view.form_starts.push(view.forms.len() as u32);
        view
    }

    /// The forms of one token: the word as written; with a contraction
    /// rewritten; without each proclitic it may carry (each text once).
    fn push_forms(
        &mut self,
        token: &Token,
        proclitics: &[String],
        contractions: &[(String, String)],
        heads: &PrefixHeads,
    ) {
        let text = self.text;
        let word = token.text(text);
        let first = self.forms.len();
        self.forms.push(Form {
            start: token.start as u32,
            end: token.end as u32,
            rewritten: false,
            stripped: 0,
            hash: word_hash(word.as_bytes()),
            filter_bit: filter_bit(word.as_bytes()) as u16,
        });
        if token.kind != TokenKind::Word || !heads.may_start(word.as_bytes()) {
            return;
        }
        // Most words start with none of the prefixes: their first two bytes
        // (the first letter of an Arabic word) are compared before the
        // whole prefix is (a call to memcmp each).
        let head = |bytes: &[u8]| (bytes.first().copied(), bytes.get(1).copied());
        let (word_first, word_second) = head(word.as_bytes());
        let may_start = |prefix: &str| match head(prefix.as_bytes()) {
            (None, _) => true,
            (first, None) => first == word_first,
            (first, second) => first == word_first && second == word_second,
        };
        for (prefix, replacement) in contractions {
            if !may_start(prefix) {
                continue;
            }
            if let Some(rest) = word.strip_prefix(prefix.as_str())
                && has_two_chars(rest)
            {
                let start = self.arena.len();
                self.arena.push_str(replacement);
                self.arena.push_str(rest);
                let end = self.arena.len();
                self.forms.push(Form {
                    start: start as u32,
                    end: end as u32,
                    rewritten: true,
                    stripped: prefix.len() as u32,
                    hash: word_hash(&self.arena.as_bytes()[start..end]),
                    filter_bit: filter_bit(&self.arena.as_bytes()[start..end]) as u16,
                });
            }
        }
        for proclitic in proclitics {
            if !may_start(proclitic) {
                continue;
            }
            if let Some(rest) = word.strip_prefix(proclitic.as_str())
                && has_two_chars(rest)
            {
                let hash = word_hash(rest.as_bytes());
                let seen = self.forms[first..]
                    .iter()
                    .any(|f| f.hash == hash && self.form_text(f) == rest);
                if !seen {
                    let start = token.start + proclitic.len();
                    self.forms.push(Form {
                        start: start as u32,
                        end: token.end as u32,
                        rewritten: false,
                        stripped: proclitic.len() as u32,
                        hash,
                        filter_bit: filter_bit(rest.as_bytes()) as u16,
                    });
                }
            }
        }
    }

    pub(super) fn form_text(&self, form: &Form) -> &str {
        let (start, end) = (form.start as usize, form.end as usize);
        if form.rewritten {
            &self.arena[start..end]
        } else {
            &self.text[start..end]
        }
    }

    pub(super) fn forms_of(&self, at: usize) -> &[Form] {
        let start = self.form_starts[at] as usize;
        let end = self.form_starts[at + 1] as usize;
        &self.forms[start..end]
    }

    /// The forms token `at` is matched as, each with the bytes of proclitic
    /// stripped to get it: the word itself first (0 bytes stripped).
    pub fn forms(&self, at: usize) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.forms_of(at)
            .iter()
            .map(|form| (self.form_text(form), form.stripped as usize))
    }

    /// Records which tokens the original text writes in capitals.
    pub fn with_upper(mut self, upper: Vec<bool>) -> TokenView<'a> {
        self.upper = upper;
        self
    }

    /// Records which tokens the original text starts with a capital.
    pub fn with_initial_capitals(mut self, capitals: Vec<bool>) -> TokenView<'a> {
        self.initial_capital = capitals;
        self
    }

    /// Works out, for every token, which of `index`'s lexicons may have a
    /// phrase starting there: they then pass over the others at once.
    pub fn with_start_index(mut self, index: &StartIndex) -> TokenView<'a> {
        let bits: Vec<StartBits> = (0..self.len()).map(|at| index.bits_at(&self, at)).collect();
        self.start_bits = bits;
        self.start_index = index.id();
        self
    }

    /// False when the lexicon of `slot` has no phrase starting at token
    /// `at`; true when it may have one, or when this view cannot tell.
    #[inline]
    pub(super) fn may_start(&self, slot: StartSlot, at: usize) -> bool {
        slot.index != self.start_index || self.start_bits[at] & (1 << slot.bit) != 0
    }

    /// The first token of `from..end` where the lexicon of `slot` may have
    /// a phrase starting; `end` when there is none; `from` when this view
    /// cannot tell.
    pub(super) fn next_possible_start(&self, slot: StartSlot, from: usize, end: usize) -> usize {
        if slot.index != self.start_index || from >= end {
            return from;
        }
        let bit: StartBits = 1 << slot.bit;
        self.start_bits[from..end]
            .iter()
            .position(|bits| bits & bit != 0)
            .map_or(end, |offset| from + offset)
    }

    /// Lends `f` this text's memo of type `M`, empty the first time: what a
    /// stage found at each token, kept for the next time it is asked. A memo
    /// asked for again inside `f` starts empty and is not kept.
    pub fn memo<M: Default + 'static, R>(&self, f: impl FnOnce(&mut M) -> R) -> R {
        let taken = {
            let mut memos = self.memos.0.borrow_mut();
            memos
                .iter()
                .position(|memo| memo.is::<M>())
                .map(|at| memos.swap_remove(at))
        };
        let mut memo: Box<M> = taken
            .and_then(|memo| memo.downcast::<M>().ok())
            .unwrap_or_default();
        let result = f(&mut memo);
        self.memos.0.borrow_mut().push(memo);
        result
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The normalised text of token `index`; panics when out of range.
    pub fn token_text(&self, index: usize) -> &'a str {
        self.tokens[index].text(self.text)
    }
}

/// At least two characters.
/// The first two bytes of every prefix (contraction or proclitic) of a
/// pack: a word that starts with none of them has no form but itself, told
/// at once instead of by each of the prefixes (an Arabic pack has twenty, of
/// six first letters).
struct PrefixHeads {
    heads: Vec<[u8; 2]>,
    /// A prefix shorter than two bytes: every word is asked.
    any: bool,
}

impl PrefixHeads {
    fn of<'p>(prefixes: impl Iterator<Item = &'p String>) -> PrefixHeads {
        let mut heads = Vec::new();
        let mut any = false;
        for prefix in prefixes {
            match prefix.as_bytes() {
                [first, second, ..] => heads.push([*first, *second]),
                _ => any = true,
            }
        }
        heads.sort_unstable();
        heads.dedup();
        PrefixHeads { heads, any }
    }

    /// False when no prefix can start `word`.
    fn may_start(&self, word: &[u8]) -> bool {
        self.any
            || match word {
                [first, second, ..] => self.heads.contains(&[*first, *second]),
                _ => false,
            }
    }
}

fn has_two_chars(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some() && chars.next().is_some()
}
