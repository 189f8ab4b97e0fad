//! The document as the claim stage reads it, and the places it reads from.
//!
//! Input: a document, its normalised text, the token view over that text and
//! the figures found in it. Output: a [`Page`], which answers what every part
//! of the stage asks of the text (where tokens lie in the file and what they
//! say as written, whether punctuation or another figure stands in a range);
//! a [`Sentence`], a range of tokens; and a [`Site`], one figure with what
//! surrounds it. Invariant: token indexes are into the view's tokens; spans
//! are byte offsets into the file as stored, front matter included, so that
//! `document.text[span]` is what was written (`Page::written`).

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::ops::Range;

use super::attribution::SentenceSources;
use super::introduced::introduced_body;
use crate::figures::{Figure, NounAfter};
use crate::lexicon::{Lexicon, Match, TokenView};
use crate::mentions::Mention;
use crate::model::Owner;
use crate::normalize::{NormalizedText, Punct};
use crate::places::{PlaceMention, find_places};
use crate::read::Document;
use crate::rules::{Language, RuleSet};

/// A document's text: the file as stored, its normalised form, its tokens,
/// and where its figures are.
pub(super) struct Page<'a> {
    /// The document, for its id and front matter; its text may be left
    /// out (a long document is read a section at a time): read `text`.
    pub document: &'a Document,
    /// The part of the file read (the body, or a section of it).
    text: &'a str,
    /// Where `text` starts in the file.
    text_start: usize,
    pub view: &'a TokenView<'a>,
    normalized: &'a NormalizedText,
    /// Where each figure starts, in text order.
    figure_starts: Vec<usize>,
    /// Where each figure's qualifier or range opener starts, in text order.
    figure_leads: Vec<usize>,
    /// Where each figure ends (the token after it), in text order.
    figure_ends: Vec<usize>,
    /// The unit word after each figure, as the figure reader found it.
    figure_nouns: Vec<Option<NounAfter>>,
    /// Starts, leads and ends each rise from figure to figure, so that a
    /// figure near a token is found by bisection (always so for figures
    /// found in text; checked, with a scan when not).
    sorted: bool,
    /// Where the article is, when its opening names a place below its
    /// country that no figure there is about ("Inside the RSF's El-Fasher
    /// massacre"): the place of tolls that name none. Given (a section
    /// after the first), or worked out when first asked (see
    /// [`Page::scope`]).
    scope: OnceCell<Option<Owner>>,
    /// What `scope` is worked out from, when not given.
    scope_from: Option<ScopeFrom<'a>>,
    /// The first country the article's opening names (not as a place
    /// something went to, nor as who struck): whose its figures are, and
    /// whose its bare bodies ("the health ministry") are, when nothing
    /// nearer says. Given (a section after the first), or worked out when
    /// first asked (see [`Page::topic`]).
    topic: OnceCell<Option<Owner>>,
    /// The years standing alone in the text, as the figure reader tells
    /// them ("in 1999"), each with the token it starts at, in text order.
    pub years: Vec<(usize, i16)>,
    /// The dates the text names, each as its tokens `(start, end)`, in
    /// text order.
    pub dates: Vec<(usize, usize)>,
}

/// What the document's scope and topic are worked out from: its language
/// pack, the rules, its sentences and its web address (see
/// [`super::owner::document_scope`], [`super::owner::topic_country`]).
#[derive(Clone, Copy)]
pub(super) struct ScopeFrom<'a> {
    pub language: &'a Language,
    pub rules: &'a RuleSet,
    pub sentences: &'a [Sentence],
    pub url: Option<&'a str>,
}

/// Where a figure stands among the tokens: its qualifier or opener
/// (`lead`), and its own words `start..end`; and the unit word after it
/// (`noun`, [`Figure::noun`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FigureAt {
    pub lead: usize,
    pub start: usize,
    pub end: usize,
    pub noun: Option<NounAfter>,
}

impl<'a> Page<'a> {
    pub fn new(
        document: &'a Document,
        (text, text_start): (&'a str, usize),
        normalized: &'a NormalizedText,
        view: &'a TokenView<'a>,
        figures: &[Figure],
    ) -> Page<'a> {
        let figure_starts: Vec<usize> = figures.iter().map(|f| f.start).collect();
        let figure_leads: Vec<usize> = figures.iter().map(|f| f.lead_start).collect();
        let figure_ends: Vec<usize> = figures.iter().map(|f| f.end).collect();
        let figure_nouns = figures.iter().map(|f| f.noun).collect();
        let rising = |list: &[usize]| list.windows(2).all(|w| w[0] <= w[1]);
        let sorted = rising(&figure_starts) && rising(&figure_leads) && rising(&figure_ends);
        Page {
            document,
            text,
            text_start,
            view,
            normalized,
            figure_starts,
            figure_leads,
            figure_ends,
            figure_nouns,
            sorted,
            scope: OnceCell::new(),
            scope_from: None,
            topic: OnceCell::new(),
            years: Vec::new(),
            dates: Vec::new(),
        }
    }

    /// Where the article is (see `scope`). Worked out from the opening only
    /// when a toll asks: most tolls name their own place, and reading the
    /// headline's names and places for nothing cost about 5% of `claims`.
    pub fn scope(&self) -> Option<&Owner> {
        self.scope
            .get_or_init(|| {
                self.scope_from.and_then(|from| {
                    super::owner::document_scope(self, from.language, from.rules, from.sentences)
                })
            })
            .as_ref()
    }

    /// The first country the article's opening names (see `topic`).
    /// Worked out only when a figure asks: most articles' figures name
    /// their own countries, and reading the opening's names for nothing
    /// cost about 2% of `claims`.
    pub fn topic(&self) -> Option<&Owner> {
        self.topic
            .get_or_init(|| {
                self.scope_from.and_then(|from| {
                    let (language, rules) = (from.language, from.rules);
                    super::owner::topic_country(
                        self.view,
                        language,
                        rules,
                        from.sentences,
                        from.url,
                    )
                })
            })
            .as_ref()
    }

    /// Gives the scope: a section after the first takes the first one's.
    pub fn set_scope(&mut self, scope: Option<Owner>) {
        self.scope = OnceCell::from(scope);
    }

    /// Gives the topic: a section after the first takes the first one's.
    pub fn set_topic(&mut self, topic: Option<Owner>) {
        self.topic = OnceCell::from(topic);
    }

    /// Has the scope and the topic worked out from `from` when first asked.
    pub fn find_scope_with(&mut self, from: ScopeFrom<'a>) {
        self.scope = OnceCell::new();
        self.topic = OnceCell::new();
        self.scope_from = Some(from);
    }

    /// The bytes of the file that tokens `start..end` (not empty) come from.
    pub fn span(&self, start: usize, end: usize) -> [usize; 2] {
        let tokens = self.view.tokens;
        let (from, to) = self
            .normalized
            .original_span(tokens[start].start, tokens[end - 1].end);
        [from, to]
    }

    /// Tokens `start..end` (not empty) as the file writes them.
    pub fn written(&self, start: usize, end: usize) -> &'a str {
        let [from, to] = self.span(start, end);
        &self.text[from - self.text_start..to - self.text_start]
    }

    /// True when a punctuation mark stands in `range`.
    pub fn has_punct(&self, range: Range<usize>) -> bool {
        range.into_iter().any(|at| self.view.tokens[at].is_punct())
    }

    /// True when a mark that can end a clause lies in `range`: any but the
    /// apostrophes, hyphens and quotes inside a name ("Sudan's", "el-Fasher").
    pub fn breaks_clause(&self, range: Range<usize>) -> bool {
        range.into_iter().any(|at| {
            self.view.tokens[at]
                .punct()
                .is_some_and(|mark| !matches!(mark, Punct::Apostrophe | Punct::Dash | Punct::Quote))
        })
    }

    /// True when a figure starts in `from..to`.
    pub fn has_figure_in(&self, from: usize, to: usize) -> bool {
        self.first_figure_in(from, to).is_some()
    }

    /// Where the first figure starting in `from..to` starts.
    pub fn first_figure_in(&self, from: usize, to: usize) -> Option<usize> {
        if self.sorted {
            let first = self.figure_starts.partition_point(|&s| s < from);
            return self.figure_starts.get(first).copied().filter(|&s| s < to);
        }
        self.figure_starts
            .iter()
            .copied()
            .filter(|&s| s >= from && s < to)
            .min()
    }

    /// Where the figure nearest to words at `start..end` starts (the earlier
    /// one at equal distance); `None` for a text with no figure.
    pub fn nearest_figure(&self, start: usize, end: usize) -> Option<usize> {
        let distance = |index: usize| {
            let (figure_start, figure_end) = (self.figure_starts[index], self.figure_ends[index]);
            let distance = if end <= figure_start {
                figure_start - end
            } else {
                start.saturating_sub(figure_end)
            };
            (distance, figure_start)
        };
        if !self.sorted {
            return (0..self.figure_starts.len())
                .map(distance)
                .min()
                .map(|(_, figure_start)| figure_start);
        }
        // The first figure at or after `end` is the nearest after; before it,
        // distances grow as figures lie further back, except that every
        // figure reaching the words is at distance 0 (the earliest wins).
        let after = self.figure_starts.partition_point(|&s| s < end);
        let mut best = (after < self.figure_starts.len()).then(|| distance(after));
        for index in (0..after).rev() {
            let candidate = distance(index);
            match best {
                Some(b) if candidate.0 > b.0 => break,
                Some(b) if candidate >= b => {}
                _ => best = Some(candidate),
            }
        }
        best.map(|(_, figure_start)| figure_start)
    }

    /// True when a figure's own words end right before token `at`.
    pub fn figure_ends_at(&self, at: usize) -> bool {
        self.figure_ends.contains(&at)
    }

    /// Where the date ending at token `end` starts, if one does.
    pub fn date_ending_at(&self, end: usize) -> Option<usize> {
        let after = self.dates.partition_point(|&(start, _)| start < end);
        self.dates[..after]
            .iter()
            .rev()
            .find(|&&(_, date_end)| date_end == end)
            .map(|&(start, _)| start)
    }

    /// The figures starting in `from..to`, each as its own words
    /// `(start, end)`, in text order.
    pub fn figures_in(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        // Sorted starts are bisected, so a long document stays linear.
        let first = if self.sorted {
            self.figure_starts.partition_point(|&s| s < from)
        } else {
            0
        };
        let mut found: Vec<(usize, usize)> = self.figure_starts[first..]
            .iter()
            .zip(&self.figure_ends[first..])
            .take_while(|&(&start, _)| !self.sorted || start < to)
            .filter(|&(&start, _)| start >= from && start < to)
            .map(|(&start, &end)| (start, end))
            .collect();
        if !self.sorted {
            found.sort_unstable();
        }
        found
    }

    /// Where the first figure at or after `from` starts; `usize::MAX` if none.
    pub fn next_figure_start(&self, from: usize) -> usize {
        first_at_or_after(&self.figure_starts, from, self.sorted)
    }

    /// Where the qualifier or opener of the first figure whose lead is at or
    /// after `from` starts; `usize::MAX` if none.
    pub fn next_figure_lead(&self, from: usize) -> usize {
        first_at_or_after(&self.figure_leads, from, self.sorted)
    }

    /// The first figure that starts at or after `from`.
    pub fn figure_from(&self, from: usize) -> Option<FigureAt> {
        let index = if self.sorted {
            Some(self.figure_starts.partition_point(|&at| at < from))
                .filter(|&i| i < self.figure_starts.len())
        } else {
            self.figure_starts.iter().position(|&at| at >= from)
        }?;
        Some(self.figure_at(index))
    }

    /// The last figure that ends at or before `to`.
    pub fn figure_until(&self, to: usize) -> Option<FigureAt> {
        let index = if self.sorted {
            self.figure_ends
                .partition_point(|&at| at <= to)
                .checked_sub(1)
        } else {
            self.figure_ends.iter().rposition(|&at| at <= to)
        }?;
        Some(self.figure_at(index))
    }

    fn figure_at(&self, index: usize) -> FigureAt {
        FigureAt {
            lead: self.figure_leads[index],
            start: self.figure_starts[index],
            end: self.figure_ends[index],
            noun: self.figure_nouns[index],
        }
    }
}

fn first_at_or_after(positions: &[usize], from: usize, sorted: bool) -> usize {
    if sorted {
        let index = positions.partition_point(|&at| at < from);
        return positions.get(index).copied().unwrap_or(usize::MAX);
    }
    positions
        .iter()
        .copied()
        .find(|&at| at >= from)
        .unwrap_or(usize::MAX)
}

/// A sentence as a range of tokens, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sentence {
    pub start: usize,
    pub end: usize,
    /// The paragraph it belongs to, counted from 0: a line break that is no
    /// hard wrap starts a new one.
    pub paragraph: usize,
}

impl Sentence {
    pub fn contains(self, at: usize) -> bool {
        at >= self.start && at < self.end
    }

    /// The range as the date functions take it.
    pub fn bounds(self) -> (usize, usize) {
        (self.start, self.end)
    }
}

/// One figure where it stands: its sentence, the names in that sentence, and
/// its counted noun.
pub(super) struct Site<'a> {
    pub figure: &'a Figure,
    pub sentence: Sentence,
    /// The entity mentions of the sentence.
    pub mentions: &'a [Mention],
    /// The places below the country the sentence names, when given;
    /// `None` to find them when first asked (see [`Site::places`]).
    pub places: Option<&'a [PlaceMention]>,
    /// The counted noun, an index into `RuleSet::units`.
    pub unit: Option<usize>,
    /// The token after the counted noun, or after the figure when it has none.
    pub unit_end: usize,
    /// The kind cues of the whole sentence, as `find_all` gives them: found
    /// once for all the figures of a sentence (1.7 on average in news
    /// articles), or, when `None`, where asked.
    pub kind_cues: Option<&'a [Match<'a, String>]>,
    /// The sources the sentence names, found when its first figure asks
    /// and kept for the others; `None` to find them for this figure alone.
    pub sources: Option<&'a OnceCell<SentenceSources>>,
    /// What else its figures ask of the whole sentence, kept the same way;
    /// `None` to find it for this figure alone.
    pub lookups: Option<&'a SentenceLookups>,
}

/// What every figure of a sentence asks of the whole sentence, found when
/// its first figure asks and kept for the others (1.7 figures a sentence in
/// news articles).
#[derive(Default)]
pub(super) struct SentenceLookups {
    /// The sentence denies (`denial`).
    denies: OnceCell<bool>,
    /// It names its source as the one before (`same-source`: "the same
    /// source").
    points_back: OnceCell<bool>,
    /// Its `nationwide` and `all-named` words, as token ranges.
    nationwide: OnceCell<Vec<(usize, usize)>>,
    all_named: OnceCell<Vec<(usize, usize)>>,
    /// The places below the country it names: found only when a figure
    /// asks (a toll, a reporting verb with no known subject).
    places: OnceCell<Vec<PlaceMention>>,
    /// Its counted nouns, each as its tokens and its unit (an index into
    /// `RuleSet::units`): asked only when a country may qualify one.
    units: OnceCell<Vec<(usize, usize, usize)>>,
    /// Its region words, each with its region (rarely any: copies).
    regions: OnceCell<Vec<(usize, usize, String)>>,
    /// Whether a mention names no owner, by (its first token, the kind
    /// counts people, it is counted by place), as answered so far.
    no_owner: RefCell<Vec<(usize, bool, bool, bool)>>,
    /// The body each person named at a token range was introduced with
    /// before the sentence, as asked so far: the sources of a sentence ask
    /// of the same words more than once.
    introduced: RefCell<Vec<Introduction>>,
}

/// A token range naming a person, and the body the person was introduced
/// with, if any.
type Introduction = ((usize, usize), Option<Mention>);

/// `find` once for the sentence when `cell` keeps it, else for this figure.
fn kept_flag(cell: Option<&OnceCell<bool>>, find: impl FnOnce() -> bool) -> bool {
    match cell {
        Some(cell) => *cell.get_or_init(find),
        None => find(),
    }
}

/// `find` once for the sentence when `cell` keeps it, else for this figure.
fn kept_list<'c, T: Clone>(
    cell: Option<&'c OnceCell<Vec<T>>>,
    find: impl FnOnce() -> Vec<T>,
) -> Cow<'c, [T]> {
    match cell {
        Some(cell) => Cow::Borrowed(cell.get_or_init(find)),
        None => Cow::Owned(find()),
    }
}

/// The countries a sentence names, and the article's: where a place name
/// that several countries have is most likely to be.
fn named_countries(rules: &RuleSet, mentions: &[Mention], topic: Option<&Owner>) -> Vec<String> {
    let mut countries: Vec<String> = mentions
        .iter()
        .flat_map(|m| m.country_names(rules))
        .map(str::to_string)
        .collect();
    countries.extend(
        topic
            .into_iter()
            .flat_map(|t| t.countries().iter().cloned()),
    );
    countries
}

/// The token ranges of `lexicon`'s matches in the sentence.
fn ranges<T>(view: &TokenView, lexicon: &Lexicon<T>, sentence: Sentence) -> Vec<(usize, usize)> {
    lexicon
        .find_all(view, sentence.start, sentence.end)
        .iter()
        .map(|hit| (hit.start, hit.end))
        .collect()
}

impl<'a> Site<'a> {
    /// The places below the country the sentence names: the ones given,
    /// else found when first asked, in the countries the sentence and the
    /// article name.
    pub fn places(
        &self,
        page: &Page,
        language: &Language,
        rules: &RuleSet,
    ) -> Cow<'a, [PlaceMention]> {
        if let Some(given) = self.places {
            return Cow::Borrowed(given);
        }
        let find = || {
            let countries = || named_countries(rules, self.mentions, page.topic());
            let sentence = self.sentence;
            let view = page.view;
            let mentions = self.mentions;
            find_places(
                view,
                language,
                rules,
                sentence.start,
                sentence.end,
                mentions,
                countries,
            )
        };
        match self.lookups {
            Some(lookups) => Cow::Borrowed(lookups.places.get_or_init(find)),
            None => Cow::Owned(find()),
        }
    }

    /// True when the sentence denies (the language's `denial` words).
    pub fn denies(&self, view: &TokenView, language: &Language) -> bool {
        let find = || {
            !language
                .denial
                .find_all(view, self.sentence.start, self.sentence.end)
                .is_empty()
        };
        kept_flag(self.lookups.map(|l| &l.denies), find)
    }

    /// True when the sentence names its source as the one before
    /// (`same-source`: "according to the same source").
    pub fn points_back(&self, view: &TokenView, language: &Language) -> bool {
        let find = || {
            !language
                .same_source
                .find_all(view, self.sentence.start, self.sentence.end)
                .is_empty()
        };
        kept_flag(self.lookups.map(|l| &l.points_back), find)
    }

    /// The sentence's `nationwide` words, as token ranges.
    pub fn nationwide(&self, view: &TokenView, language: &Language) -> Cow<'a, [(usize, usize)]> {
        let find = || ranges(view, &language.nationwide, self.sentence);
        kept_list(self.lookups.map(|l| &l.nationwide), find)
    }

    /// The sentence's `all-named` words ("in both countries"), as token ranges.
    pub fn all_named(&self, view: &TokenView, language: &Language) -> Cow<'a, [(usize, usize)]> {
        let find = || ranges(view, &language.all_named, self.sentence);
        kept_list(self.lookups.map(|l| &l.all_named), find)
    }

    /// The sentence's counted nouns, each as its tokens and its unit.
    pub fn units(&self, view: &TokenView, language: &Language) -> Cow<'a, [(usize, usize, usize)]> {
        let find = || {
            language
                .units
                .find_all(view, self.sentence.start, self.sentence.end)
                .into_iter()
                .map(|hit| (hit.start, hit.end, *hit.value))
                .collect()
        };
        kept_list(self.lookups.map(|l| &l.units), find)
    }

    /// The sentence's region words, each as its tokens and its region.
    pub fn regions(
        &self,
        view: &TokenView,
        language: &Language,
    ) -> Cow<'a, [(usize, usize, String)]> {
        let find = || {
            language
                .regions
                .find_all(view, self.sentence.start, self.sentence.end)
                .into_iter()
                .map(|hit| (hit.start, hit.end, hit.value.clone()))
                .collect()
        };
        kept_list(self.lookups.map(|l| &l.regions), find)
    }

    /// The body a person named at `words` was introduced with before the
    /// sentence (see [`introduced_body`]).
    pub fn introduced_body(
        &self,
        page: &Page,
        language: &Language,
        rules: &RuleSet,
        words: (usize, usize),
    ) -> Option<Mention> {
        let find = || introduced_body(page, language, rules, words, self.sentence.start);
        let Some(lookups) = self.lookups else {
            return find();
        };
        let known = lookups
            .introduced
            .borrow()
            .iter()
            .find(|(at, _)| *at == words)
            .map(|(_, body)| body.clone());
        known.unwrap_or_else(|| {
            let body = find();
            lookups.introduced.borrow_mut().push((words, body.clone()));
            body
        })
    }

    /// Whether `mention` names no owner for a figure whose kind counts
    /// people or not and is counted by place or not: `find`, asked once a
    /// sentence for each.
    pub fn names_no_owner(
        &self,
        mention: &Mention,
        (counts_people, by_place): (bool, bool),
        find: impl FnOnce() -> bool,
    ) -> bool {
        let Some(lookups) = self.lookups else {
            return find();
        };
        let key = (mention.start, counts_people, by_place);
        let known = lookups
            .no_owner
            .borrow()
            .iter()
            .find(|&&(start, people, place, _)| (start, people, place) == key)
            .map(|&(.., answer)| answer);
        known.unwrap_or_else(|| {
            let answer = find();
            lookups
                .no_owner
                .borrow_mut()
                .push((key.0, key.1, key.2, answer));
            answer
        })
    }

    /// The tokens between the figure (with its qualifier) and words at
    /// `start..end` before or after it.
    pub fn tokens_between(&self, start: usize, end: usize) -> Range<usize> {
        let figure = self.figure;
        if end <= figure.lead_start {
            end..figure.lead_start
        } else {
            figure.end..start
        }
    }

    /// How many tokens separate the figure's own words from words at `start..end`.
    pub fn distance(&self, start: usize, end: usize) -> usize {
        let figure = self.figure;
        if end <= figure.start {
            figure.start - end
        } else {
            start.saturating_sub(figure.end)
        }
    }
}
