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

use std::cell::OnceCell;
use std::ops::Range;

use super::attribution::SentenceSources;
use super::lookups::SentenceLookups;
use crate::figures::{Figure, NounAfter};
use crate::lexicon::{Match, TokenView};
use crate::mentions::Mention;
use crate::model::Owner;
use crate::normalize::{NormalizedText, Punct};
use crate::places::PlaceMention;
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
/// [`super::article::document_scope`], [`super::article::topic_country`]).
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
                    super::article::document_scope(self, from.language, from.rules, from.sentences)
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
                    super::article::topic_country(
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
        self.written_at(self.span(start, end))
    }

    /// The bytes of the file at `span` (from [`Page::span`]): for a claim
    /// that keeps both the span and the text, one mapping back, not two.
    pub fn written_at(&self, [from, to]: [usize; 2]) -> &'a str {
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
    /// articles), or, when `None`, where asked (see [`super::kind::kind_of`]:
    /// not for a figure whose strict unit decides its kind).
    pub kind_cues: Option<&'a [Match<'a, String>]>,
    /// The sources the sentence names, found when its first figure asks
    /// and kept for the others; `None` to find them for this figure alone.
    pub sources: Option<&'a OnceCell<SentenceSources>>,
    /// What else its figures ask of the whole sentence, kept the same way;
    /// `None` to find it for this figure alone.
    pub lookups: Option<&'a SentenceLookups>,
}

impl Site<'_> {
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
