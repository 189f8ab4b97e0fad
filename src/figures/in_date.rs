//! The tokens a text's dates cover, for the figure reader, which reads no
//! number inside a date.

use crate::dates::DateMention;

/// Which tokens the dates of a text cover, asked of the dates themselves
/// (a few a document) rather than of a flag per token made for each.
pub(super) struct InDate<'d> {
    /// Left to right, none overlapping.
    dates: &'d [DateMention],
    /// The number of tokens: a token past the last counts as in a date.
    len: usize,
}

impl InDate<'_> {
    /// The dates `dates` (as `find_dates` gives them: left to right, none
    /// overlapping) of a text of `len` tokens.
    pub(super) fn new(dates: &[DateMention], len: usize) -> InDate<'_> {
        InDate { dates, len }
    }

    /// The first date that ends after token `at`: the only one that can
    /// cover `at` or a token after it before the next.
    fn first_ending_after(&self, at: usize) -> Option<&DateMention> {
        let index = self.dates.partition_point(|date| date.end <= at);
        self.dates.get(index)
    }

    /// True when a date covers token `at`, or `at` is past the last token.
    pub(super) fn covers(&self, at: usize) -> bool {
        at >= self.len
            || self
                .first_ending_after(at)
                .is_some_and(|date| date.start <= at)
    }

    /// True when a date covers a token of `start..end`.
    pub(super) fn any_within(&self, start: usize, end: usize) -> bool {
        start < end
            && self
                .first_ending_after(start)
                .is_some_and(|date| date.start < end.min(self.len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dates asked of themselves (`InDate`) answer as a flag per token
    /// made from them does, for random texts' dates (left to right, none
    /// overlapping) at every token and every span, and past the end.
    #[test]
    fn tokens_in_dates_are_told_by_the_dates_as_by_flags() {
        let mut random = crate::test_random::TestRandom(15);
        for _ in 0..2000 {
            let len = random.below(40) as usize;
            let mut dates = Vec::new();
            let mut at = random.below(4) as usize;
            while at < len && random.below(3) > 0 {
                let end = (at + 1 + random.below(5) as usize).min(len + 2);
                dates.push(DateMention {
                    start: at,
                    end,
                    date: None,
                });
                at = end + random.below(4) as usize;
            }
            let mut flags = vec![false; len];
            for mention in &dates {
                for flag in &mut flags[mention.start.min(len)..mention.end.min(len)] {
                    *flag = true;
                }
            }
            let in_date = InDate { dates: &dates, len };
            for start in 0..len + 3 {
                let flag = flags.get(start).copied().unwrap_or(true);
                assert_eq!(in_date.covers(start), flag, "{dates:?} at {start}");
                for end in start..=len {
                    let any = flags[start.min(len)..end].iter().any(|&d| d);
                    assert_eq!(
                        in_date.any_within(start, end),
                        any,
                        "{dates:?} {start}..{end}"
                    );
                }
            }
        }
    }
}
