//! A text's tokens prepared for matching: every form each token is matched
//! as, worked out once, with its hash; and the memos stages keep with a text.

use super::hash::{FILTER_BITS, filter_bit, word_hash};
use super::starts::{FormStarts, SHARED, StartBits, StartIndex, StartMask, StartSlot, WordStarts};
use crate::normalize::{Token, TokenKind};
use std::cell::Cell;

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
    /// starting there ([`StartBits`] in little-endian bytes, so that one
    /// lexicon's test reads one byte); empty without an index.
    start_bits: Vec<[u8; 16]>,
    /// For each form, where what the index found for it is in `found`,
    /// or in the index's shared entries (with [`SHARED`]); 0 for a form
    /// that starts nothing (most), whose entry is empty.
    found_at: Vec<u32>,
    found: Vec<FormStarts>,
    /// The index behind `start_bits`, which keeps the entries `found_at`
    /// shares.
    index: Option<&'a StartIndex>,
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
        let spare = Buffers::spare();
        let mut view = TokenView {
            text,
            tokens,
            forms: spare.forms,
            form_starts: spare.form_starts,
            arena: spare.arena,
            upper: Vec::new(),
            initial_capital: Vec::new(),
            start_index: 0,
            start_bits: spare.start_bits,
            found_at: spare.found_at,
            found: spare.found,
            index: None,
            memos: Memos::default(),
        };
        view.forms.reserve(tokens.len() + tokens.len() / 4);
        view.form_starts.reserve(tokens.len() + 1);
        let affixes = AffixHeads::of(proclitics, contractions);
        for token in tokens {
            view.form_starts.push(view.forms.len() as u32);
            view.push_forms(token, &affixes, proclitics, contractions);
        }
        view.form_starts.push(view.forms.len() as u32);
        view
    }

    /// The forms of one token: the word as written; with a contraction
    /// rewritten; without each proclitic it may carry (each text once).
    fn push_forms(
        &mut self,
        token: &Token,
        affixes: &AffixHeads,
        proclitics: &[String],
        contractions: &[(String, String)],
    ) {
        let text = self.text;
        // The word's bytes: its characters' boundaries are checked only
        // for the few words an affix may start.
        let bytes = &text.as_bytes()[token.start..token.end];
        let first = self.forms.len();
        let word_filter_bit = filter_bit(bytes);
        self.forms.push(Form {
            start: token.start as u32,
            end: token.end as u32,
            rewritten: false,
            stripped: 0,
            hash: word_hash(bytes),
            filter_bit: word_filter_bit as u16,
        });
        if token.kind != TokenKind::Word || !affixes.may_start(word_filter_bit) {
            return;
        }
        let word = &text[token.start..token.end];
        // The affixes whose first two bytes are the word's (the first
        // letter of an Arabic word), contractions first, each in its
        // order: the others cannot start it.
        for &(_, affix) in affixes.starting(word.as_bytes()) {
            match affix {
                Affix::Contraction(at) => {
                    let (prefix, replacement) = &contractions[at];
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
                Affix::Proclitic(at) => {
                    let proclitic = &proclitics[at];
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

    /// A form's bytes, without the character boundaries of
    /// [`TokenView::form_text`] checked (a form is whole characters).
    #[inline(always)]
    pub(super) fn form_bytes(&self, form: &Form) -> &[u8] {
        let source = if form.rewritten {
            self.arena.as_bytes()
        } else {
            self.text.as_bytes()
        };
        &source[form.start as usize..form.end as usize]
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
    pub fn with_start_index(mut self, index: &'a StartIndex) -> TokenView<'a> {
        let mut bits = std::mem::take(&mut self.start_bits);
        let mut found_at = std::mem::take(&mut self.found_at);
        let mut found = std::mem::take(&mut self.found);
        bits.clear();
        found_at.clear();
        found.clear();
        bits.reserve(self.tokens.len());
        found_at.reserve(self.forms.len());
        found.reserve(self.forms.len() / 8 + 1);
        found.push(FormStarts::default());
        // The word map's entries of all the forms first, in a loop that does
        // nothing else: its look-ups do not wait on one another, so their
        // misses into the map (a large table, its entries cold at each
        // text) overlap, where the loop below would take them one at a time.
        let words: Vec<Option<&WordStarts>> = (self.forms.iter())
            .map(|form| index.word_entry(form.hash))
            .collect();
        for (at, run) in self.form_starts.windows(2).enumerate() {
            let mut token: StartBits = 0;
            let (start, end) = (run[0] as usize, run[1] as usize);
            for (form, &word) in self.forms[start..end].iter().zip(&words[start..end]) {
                let (any, entry) = index.form_starts(&self, at, form, word, &mut found);
                token |= any;
                found_at.push(entry);
            }
            bits.push(token.to_le_bytes());
        }
        self.start_bits = bits;
        self.found_at = found_at;
        self.found = found;
        self.start_index = index.id();
        self.index = Some(index);
        self
    }

    /// The forms of the token after token `at`; none after the last.
    #[inline(always)]
    pub(super) fn next_forms(&self, at: usize) -> &[Form] {
        match self.form_starts.get(at + 2) {
            Some(&end) => &self.forms[self.form_starts[at + 1] as usize..end as usize],
            None => &[],
        }
    }

    /// The forms of token `at` that may start a phrase of some lexicon of
    /// the view's index, each with what the index found for it; only for a
    /// view with an index.
    pub(super) fn found_forms(&self, at: usize) -> impl Iterator<Item = (&Form, &FormStarts)> {
        let start = self.form_starts[at] as usize;
        let end = self.form_starts[at + 1] as usize;
        (self.forms[start..end].iter())
            .zip(&self.found_at[start..end])
            .filter(|(_, found)| **found != 0)
            .map(|(form, &found)| (form, self.found_entry(found)))
    }

    /// What `found_at` refers to: an entry of the view's own, or one the
    /// index shares.
    #[inline(always)]
    fn found_entry(&self, found_at: u32) -> &FormStarts {
        match self.index {
            Some(index) if found_at & SHARED != 0 => index.shared(found_at),
            _ => &self.found[found_at as usize],
        }
    }

    /// True when this view's start bits are those of `slot`'s index.
    #[inline]
    pub(super) fn indexed_by(&self, slot: StartSlot) -> bool {
        slot.index == self.start_index
    }

    /// False when the lexicon of `slot` has no phrase starting at token
    /// `at`; true when it may have one, or when this view cannot tell.
    #[inline(always)]
    pub(super) fn may_start(&self, slot: StartSlot, at: usize) -> bool {
        slot.index != self.start_index
            || self.start_bits[at][usize::from(slot.byte & 15)] & slot.mask != 0
    }

    /// [`TokenView::may_start`] for a lexicon's slot, if it has one, and
    /// false past the last token: the whole test a look-up makes before
    /// it looks (one bound checked, not two).
    #[inline(always)]
    pub(super) fn may_start_within(&self, slot: Option<StartSlot>, at: usize) -> bool {
        match slot {
            Some(slot) if slot.index == self.start_index => (self.start_bits.get(at))
                .is_some_and(|bits| bits[usize::from(slot.byte & 15)] & slot.mask != 0),
            _ => at < self.tokens.len(),
        }
    }

    /// False when none of `mask`'s lexicons has a phrase starting at token
    /// `at` (none past the last token); true when one may, or when this
    /// view cannot tell.
    #[inline]
    pub fn may_start_any(&self, mask: &StartMask, at: usize) -> bool {
        if mask.unknown || mask.index != self.start_index {
            return at < self.tokens.len();
        }
        (self.start_bits.get(at))
            .is_some_and(|bits| StartBits::from_le_bytes(*bits) & mask.bits != 0)
    }

    /// The first token of `from..end` where the lexicon of `slot` may have
    /// a phrase starting; `end` when there is none; `from` when this view
    /// cannot tell.
    pub(super) fn next_possible_start(&self, slot: StartSlot, from: usize, end: usize) -> usize {
        if slot.index != self.start_index || from >= end {
            return from;
        }
        // The lexicon's byte of each token's bits.
        let (byte, mask) = (usize::from(slot.byte & 15), slot.mask);
        let bits = &self.start_bits[from..end];
        // Eight tokens a step, their bytes or-ed without a branch each:
        // most of a sentence has none of the lexicon's bit (find_all scans
        // it for every lexicon asked).
        let mut offset = 0;
        for chunk in bits.chunks_exact(8) {
            if chunk.iter().fold(0, |any, bits| any | bits[byte]) & mask != 0 {
                break;
            }
            offset += 8;
        }
        bits[offset..]
            .iter()
            .position(|bits| bits[byte] & mask != 0)
            .map_or(end, |at| from + offset + at)
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

impl Drop for TokenView<'_> {
    fn drop(&mut self) {
        Buffers {
            forms: std::mem::take(&mut self.forms),
            form_starts: std::mem::take(&mut self.form_starts),
            arena: std::mem::take(&mut self.arena),
            start_bits: std::mem::take(&mut self.start_bits),
            found_at: std::mem::take(&mut self.found_at),
            found: std::mem::take(&mut self.found),
        }
        .keep();
    }
}

/// A view's vectors, kept by each thread from one view to the next: a
/// text's view needs a few of some kilobytes each, and allocating and
/// freeing them for every text cost more than reusing them (the
/// allocator's large bins, not its caches of small blocks).
#[derive(Default)]
struct Buffers {
    forms: Vec<Form>,
    form_starts: Vec<u32>,
    arena: String,
    start_bits: Vec<[u8; 16]>,
    found_at: Vec<u32>,
    found: Vec<FormStarts>,
}

thread_local! {
    static SPARE: Cell<Option<Buffers>> = const { Cell::new(None) };
}

impl Buffers {
    /// The most forms a kept set may have room for: the vectors of a long
    /// text are not held on to after it.
    const MOST_FORMS: usize = 1 << 16;

    /// The thread's kept vectors, empty; new ones when it has none.
    fn spare() -> Buffers {
        let mut buffers = SPARE
            .try_with(Cell::take)
            .ok()
            .flatten()
            .unwrap_or_default();
        buffers.forms.clear();
        buffers.form_starts.clear();
        buffers.arena.clear();
        buffers.start_bits.clear();
        buffers.found_at.clear();
        buffers.found.clear();
        buffers
    }

    /// Keeps these vectors for the thread's next view, unless they are
    /// large.
    fn keep(self) {
        if self.forms.capacity() <= Self::MOST_FORMS && self.found_at.capacity() <= Self::MOST_FORMS
        {
            // A view dropped while the thread's locals are being torn down
            // frees its vectors instead (`set` would panic there).
            let _ = SPARE.try_with(|spare| spare.set(Some(self)));
        }
    }
}

/// The first bytes of a language's proclitics and contractions, as a
/// filter of [`filter_bit`]s: a word whose first two bytes are no affix's
/// starts with none, and is not compared with each of them (most words of
/// a text; twenty comparisons each in Arabic). The affixes are also kept by
/// their first two bytes, so that a word that passes is compared only with
/// those that start as it does.
struct AffixHeads {
    bits: [u64; FILTER_BITS / 64],
    /// Some affix is shorter than two bytes: the filter cannot tell.
    unfiltered: bool,
    /// Every affix by its first two bytes, contractions before proclitics,
    /// each in its order: the order their forms are tried in.
    by_head: smallvec::SmallVec<[(u16, Affix); 32]>,
}

/// An affix, by its place among the language's contractions or proclitics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Affix {
    Contraction(usize),
    Proclitic(usize),
}

impl AffixHeads {
    fn of(proclitics: &[String], contractions: &[(String, String)]) -> AffixHeads {
        let mut heads = AffixHeads {
            bits: [0; FILTER_BITS / 64],
            unfiltered: false,
            by_head: smallvec::SmallVec::new(),
        };
        let affixes = (contractions.iter().enumerate())
            .map(|(at, (prefix, _))| (prefix, Affix::Contraction(at)))
            .chain(
                (proclitics.iter().enumerate())
                    .map(|(at, proclitic)| (proclitic, Affix::Proclitic(at))),
            );
        for (affix, which) in affixes {
            let bytes = affix.as_bytes();
            heads.unfiltered |= bytes.len() < 2;
            let bit = filter_bit(bytes);
            heads.bits[bit / 64] |= 1 << (bit % 64);
            heads.by_head.push((head(bytes).unwrap_or(0), which));
        }
        // Stable: contractions still before proclitics, each in its order.
        // With an affix of one byte (or none) every one is tried, in that
        // order.
        if !heads.unfiltered {
            heads.by_head.sort_by_key(|&(head, _)| head);
        }
        heads
    }

    /// False when no affix starts a word of this filter bit.
    #[inline]
    fn may_start(&self, bit: usize) -> bool {
        self.unfiltered || self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The affixes that may start `word`, in the order they are tried.
    fn starting(&self, word: &[u8]) -> &[(u16, Affix)] {
        if self.unfiltered {
            return &self.by_head;
        }
        let Some(head) = head(word) else {
            return &[];
        };
        let from = self.by_head.partition_point(|&(h, _)| h < head);
        let to = self.by_head.partition_point(|&(h, _)| h <= head);
        &self.by_head[from..to]
    }
}

/// The first two bytes of a word or an affix, as one number; `None` for
/// one shorter.
#[inline]
fn head(bytes: &[u8]) -> Option<u16> {
    match bytes {
        [first, second, ..] => Some(u16::from_le_bytes([*first, *second])),
        _ => None,
    }
}

/// At least two characters.
fn has_two_chars(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some() && chars.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::normalize::{NormalizedText, tokenize};
    use crate::test_random::TestRandom;

    /// The forms of a word as they were found before the affixes were kept
    /// by their first bytes: every contraction, then every proclitic, each
    /// in its order, a proclitic's form once.
    fn reference_forms(
        word: &str,
        proclitics: &[String],
        contractions: &[(String, String)],
    ) -> Vec<(String, usize)> {
        let mut forms = vec![(word.to_string(), 0)];
        for (prefix, replacement) in contractions {
            if let Some(rest) = word.strip_prefix(prefix.as_str())
                && has_two_chars(rest)
            {
                forms.push((format!("{replacement}{rest}"), prefix.len()));
            }
        }
        for proclitic in proclitics {
            if let Some(rest) = word.strip_prefix(proclitic.as_str())
                && has_two_chars(rest)
                && !forms.iter().any(|(form, _)| form == rest)
            {
                forms.push((rest.to_string(), proclitic.len()));
            }
        }
        forms
    }

    #[test]
    fn a_word_has_the_forms_every_affix_gives_in_their_order() {
        let text = "والقتلى وبالمدينة للجيش فللجنود بالبيت كالعادة ال و وال lhomme l'armée d'un \
                    dellarmata nell'ovest x xy";
        let tokens = tokenize(text);
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let arabic = strings(&[
            "وال", "و", "بال", "ب", "ال", "فال", "ف", "لل", "ل", "كال", "ك",
        ]);
        let contractions = vec![
            ("لل".to_string(), "ال".to_string()),
            ("فلل".to_string(), "فال".to_string()),
            ("dell".to_string(), "la".to_string()),
        ];
        let latin = strings(&["l'", "d'", "nell'"]);
        let short = strings(&["l", "و", "", "x"]);
        for proclitics in [&arabic, &latin, &short, &vec![]] {
            for contractions in [&contractions, &vec![]] {
                let view = TokenView::new(text, &tokens, proclitics, contractions);
                for (at, token) in tokens.iter().enumerate() {
                    let word = view.token_text(at);
                    let forms: Vec<(String, usize)> = view
                        .forms(at)
                        .map(|(form, stripped)| (form.to_string(), stripped))
                        .collect();
                    let expected = if token.kind == TokenKind::Word {
                        reference_forms(word, proclitics, contractions)
                    } else {
                        vec![(word.to_string(), 0)]
                    };
                    assert_eq!(forms, expected, "{word:?} {proclitics:?}");
                }
            }
        }
    }

    /// A view made with the vectors of the views before it (longer texts
    /// and shorter, with an index and without) has the forms and start
    /// bits of one made with new vectors.
    #[test]
    fn a_view_made_with_kept_vectors_is_one_made_with_new_ones() {
        let mut verbs = Lexicon::new();
        for (at, phrase) in ["kill*", "killed in", "according to", "El Fasher", "قتل*"]
            .iter()
            .enumerate()
        {
            verbs.insert(phrase, at);
        }
        let mut index = StartIndex::new();
        index.register(&mut verbs);
        let slot = verbs.start_slot.expect("registered");
        let pieces = [
            "killed",
            "in",
            "according",
            "to",
            "El",
            "Fasher",
            "وقتل",
            "للجيش",
            "said",
            "40",
            ",",
        ];
        let proclitics = vec!["و".to_string()];
        let contractions = vec![("لل".to_string(), "ال".to_string())];
        let mut random = TestRandom(15);
        let texts: Vec<String> = (0..60)
            .map(|_| NormalizedText::new(&random.words(&pieces, 80), 0).text)
            .collect();
        let describe = |at: usize| {
            let text = &texts[at];
            let tokens = tokenize(text);
            let view = TokenView::new(text, &tokens, &proclitics, &contractions);
            let view = if at.is_multiple_of(3) {
                view
            } else {
                view.with_start_index(&index)
            };
            (0..tokens.len())
                .map(|at| {
                    let forms: Vec<(&str, usize)> = view.forms(at).collect();
                    let found: Vec<String> = if view.start_index == 0 {
                        Vec::new()
                    } else {
                        (view.found_forms(at))
                            .map(|(form, starts)| format!("{} {starts:?}", view.form_text(form)))
                            .collect()
                    };
                    format!("{forms:?} {found:?} {}", view.may_start(slot, at))
                })
                .collect::<Vec<String>>()
        };
        let new: Vec<_> = (0..texts.len())
            .map(|at| {
                SPARE.take();
                describe(at)
            })
            .collect();
        for order in [false, true] {
            for at in 0..texts.len() {
                let at = if order { texts.len() - 1 - at } else { at };
                assert_eq!(describe(at), new[at], "{}", texts[at]);
            }
        }
    }
}
