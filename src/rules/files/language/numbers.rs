//! `[numbers]` of a language pack: how the language writes numbers.
//!
//! Input: the `[numbers]` table of a `lang/<code>.toml` file. Output: a
//! [`NumbersDef`], its words, scales, fractions, ordinals and the marks that
//! group and separate digits, as written (normalised and compiled by
//! `rules::compile`). Invariant: unknown keys are refused; every key but
//! `small-word-limit` defaults to empty or false.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// `[numbers]`: how the language writes numbers. Digits of every script are
/// folded to ASCII before matching and need no rules.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NumbersDef {
    /// `decimal-separators`: one-character marks between whole and fraction
    /// ("7.8", "٧٫٨").
    #[serde(default)]
    pub decimal_separators: Vec<String>,
    /// `group-separators`: one-character marks between thousands ("14,000",
    /// "14.000"); a separator followed by exactly three digits is grouping.
    #[serde(default)]
    pub group_separators: Vec<String>,
    /// `[numbers.words]`: number words and their values; multi-word keys are
    /// allowed (`"اثنا عشر" = 12`).
    #[serde(default)]
    pub words: IndexMap<String, f64>,
    /// `[numbers.scales]`: words that multiply what comes before them
    /// (`"thousand" = 1000`: "12 ألف" is 12,000). A scale of two letters or
    /// fewer must be glued to its digits ("12k").
    #[serde(default)]
    pub scales: IndexMap<String, f64>,
    /// `joiners`: words that join number words ("and", "و": "مئة وثلاثين").
    #[serde(default)]
    pub joiners: Vec<String>,
    /// `unit-links`: words that may stand between a vague quantity and its
    /// counted noun ("thousands of troops").
    #[serde(default)]
    pub unit_links: Vec<String>,
    /// `[numbers.vague]`: vague quantities and the smallest figure each can
    /// mean (`"thousands" = 2000`); they become "at least" claims.
    #[serde(default)]
    pub vague: IndexMap<String, f64>,
    /// `small-word-limit` (default `1000`): a figure in words below this counts
    /// only with a counted noun right after it: "nine engineers" is a claim,
    /// "one of them" is not.
    #[serde(default = "default_small_word_limit")]
    pub small_word_limit: f64,
    /// `[numbers.fractions]`: fraction words that also stand alone ("half",
    /// "نصف") and their denominator: alone one part ("half" = 0.5), after a
    /// numerator that many ("three halves").
    #[serde(default)]
    pub fractions: IndexMap<String, f64>,
    /// `[numbers.denominators]`: denominators that need a numerator before
    /// them ("thirds", "Drittel"): "two thirds" = 2/3.
    #[serde(default)]
    pub denominators: IndexMap<String, f64>,
    /// `[numbers.ordinals]`: ordinal words and their number ("fifth" = 5):
    /// never a count; compounds join as numbers do ("twenty-first").
    #[serde(default)]
    pub ordinals: IndexMap<String, f64>,
    /// `ordinal-denominators`: an ordinal after a numerator is its
    /// denominator ("three fifths", "un centième").
    #[serde(default)]
    pub ordinal_denominators: bool,
    /// `articles`: words that mean one only before a scale or a fraction ("a
    /// hundred", "a fifth"), and nothing alone.
    #[serde(default)]
    pub articles: Vec<String>,
    /// `indefinite`: the numeral one that is also the indefinite article ("un",
    /// "une", "ein"): read as one, never a claim on its own.
    #[serde(default)]
    pub indefinite: Vec<String>,
    /// `negative`: words for minus before a number ("minus", "negative").
    #[serde(default)]
    pub negative: Vec<String>,
    /// `decimal-words`: words between a whole number and its decimals in words
    /// ("point", "coma", "virgule").
    #[serde(default)]
    pub decimal_words: Vec<String>,
    /// `fraction-links`: words that make a small number over a larger one a
    /// fraction ("one out of three", "1 على 21").
    #[serde(default)]
    pub fraction_links: Vec<String>,
    /// `percent`: words after a number that make it a percentage ("%", "per cent").
    #[serde(default)]
    pub percent: Vec<String>,
    /// `percent-before`: words before a number that make it a percentage ("percent of").
    #[serde(default)]
    pub percent_before: Vec<String>,
    /// `not-numbers`: phrases holding a number word that are not numbers ("the
    /// one", "un peu").
    #[serde(default)]
    pub not_numbers: Vec<String>,
    /// `ambiguous`: number words that are also common words ("نه", nine and
    /// "no"): alone they are numbers only before a counted noun.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// `compound-joiners`: joiners glued inside one word of number words ("und"
    /// in "einundzwanzig"): a word made only of number words and these is read
    /// from its pieces.
    #[serde(default)]
    pub compound_joiners: Vec<String>,
    /// `denominator-suffixes`: endings glued to number words that make them a
    /// denominator ("avos" in "veinticincoavos", "ésimos" in "dosmilésimos"):
    /// the word is read from its pieces and divides the numerator before it.
    #[serde(default)]
    pub denominator_suffixes: Vec<String>,
    /// `units-before-tens`: units come before tens in separate words ("واحد
    /// وعشرون" = 21), and tens end a group.
    #[serde(default)]
    pub units_before_tens: bool,
}

fn default_small_word_limit() -> f64 {
    1000.0
}
