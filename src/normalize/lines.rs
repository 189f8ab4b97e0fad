//! Where hard-wrapped prose has soft line breaks: the newlines of a text
//! cut into lines of a fixed width that fall inside a paragraph.
//!
//! Input: a [`NormalizedText`]'s string. Output: byte offsets of those
//! newlines in it.

#[cfg(doc)]
use super::NormalizedText;
use super::count_byte_triples;

/// The line breaks of hard-wrapped text that fall inside a paragraph, as byte
/// offsets of their `\n`, in order: a newline there is a space, not the end
/// of a sentence.
///
/// Text is hard-wrapped when it was cut into lines of a fixed width by a
/// greedy wrapper (a newline every 60 or 72 columns): then a line runs so
/// close to the width that the next line's first word would not have fitted
/// on it. The text is taken as hard-wrapped when at least three lines are
/// followed by another line of text, at least 60% of those pass that test
/// against the width most lines reach (between 40 and 200 characters), and
/// at most half of the lines passing it end with sentence punctuation (a
/// document of one paragraph per line mostly does). In such text, only the
/// lines that pass are joined to the next: a blank line, a short line (a
/// headline, a dateline, a paragraph's last line) and a line that opens a
/// list item, a table row, a heading or a quote still break.
pub fn soft_line_breaks(text: &str) -> Vec<usize> {
    // Most texts (a paragraph a line, blank lines between) have fewer than
    // three lines of prose followed by another: told first, from the bytes
    // around each newline, then without keeping the lines.
    if newlines_inside_text(text.as_bytes()) < 3 || !three_prose_pairs(text) {
        return Vec::new();
    }
    let lines: Vec<Line> = lines_of(text).collect();
    // Lines followed by another line of prose: where a newline may be a wrap.
    let candidates: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| is_prose(&lines[i]) && is_prose(&lines[i + 1]))
        .collect();
    if candidates.len() < 3 {
        return Vec::new();
    }
    // Widths in characters, counted only now: most texts (a paragraph a
    // line, blank lines between) have too few candidates to need them.
    let widths_of: Vec<usize> = lines
        .iter()
        .map(|line| line.content.chars().count())
        .collect();
    let mut widths: Vec<usize> = candidates
        .iter()
        .flat_map(|&i| [widths_of[i], widths_of[i + 1]])
        .collect();
    widths.sort_unstable();
    let width = widths[(widths.len() - 1) * 9 / 10];
    if !(40..=200).contains(&width) {
        return Vec::new();
    }
    let wrapped: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| {
            let next_word = lines[i + 1]
                .content
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            widths_of[i] + 1 + next_word > width
        })
        .collect();
    let ending = wrapped
        .iter()
        .filter(|&&i| ends_with_sentence_mark(lines[i].content))
        .count();
    let hard_wrapped = wrapped.len() * 10 >= candidates.len() * 6 && ending * 2 <= wrapped.len();
    if !hard_wrapped {
        return Vec::new();
    }
    wrapped.iter().filter_map(|&i| lines[i].newline).collect()
}

/// A line that is neither blank nor the start of a block of its own.
fn is_prose(line: &Line) -> bool {
    let trimmed = line.content.trim_start();
    !trimmed.is_empty() && !opens_block(trimmed)
}

/// True when at least three lines of prose are followed by another.
fn three_prose_pairs(text: &str) -> bool {
    let mut pairs = 0;
    let mut after_prose = false;
    for line in lines_of(text) {
        let prose = is_prose(&line);
        pairs += usize::from(after_prose && prose);
        if pairs == 3 {
            return true;
        }
        after_prose = prose;
    }
    false
}

/// How many newlines have something other than a newline on both sides,
/// counted up to three (a block past it): a line of prose followed by
/// another meets at such a newline (a line of prose holds a character that
/// is not white space, so the byte before its newline is in it, and so is
/// the byte after the newline in the next line).
fn newlines_inside_text(bytes: &[u8]) -> usize {
    count_byte_triples(bytes, 3, |before, newline, after| {
        (before != b'\n') & (newline == b'\n') & (after != b'\n')
    })
}

/// A line of text, its end's white space left out.
struct Line<'a> {
    /// Where its `\n` is; `None` for the last line.
    newline: Option<usize>,
    content: &'a str,
}

/// The lines of `text`, cut at each `\n`; the last is what follows the last
/// `\n` (empty when the text ends with one).
fn lines_of(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let start = from?;
        let newline = text[start..].find('\n').map(|i| start + i);
        let end = newline.unwrap_or(text.len());
        from = newline.map(|at| at + 1);
        Some(Line {
            newline,
            content: text[start..end].trim_end(),
        })
    })
}

/// A line that opens a block of its own in plain text or Markdown: a list
/// item, a table row, a heading, a quote, a rule.
fn opens_block(line: &str) -> bool {
    if line.starts_with(['|', '#', '>', '-', '*', '+', '•', '=', '_']) {
        return true;
    }
    // "1. ", "2) "
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(['.', ')']) && {
        let rest = &line[digits + 1..];
        rest.is_empty() || rest.starts_with(' ')
    }
}

/// True when a line ends a sentence: `.`, `!`, `?`, `؟` or `:`, maybe
/// followed by closing quotes or brackets.
fn ends_with_sentence_mark(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', ')', ']', '»', '”', '’']);
    trimmed.ends_with(['.', '!', '?', '؟', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(text: &str, width: usize) -> String {
        let mut out = String::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out + &line + "\n"
    }

    const PROSE: &str = "officials said on monday that about 11,000 soldiers had been \
        deployed to the region, and that at least 100 of them were killed in the fighting \
        last week. the agency told lawmakers that the government aims to deploy a total \
        of 15,000 troops by december, according to a member of the committee who spoke \
        on condition of anonymity.";

    /// The count of newlines inside text never turns away a text that has
    /// three lines of prose followed by another.
    #[test]
    fn newlines_inside_text_never_miss_prose_pairs() {
        let pieces = [
            "word",
            "two words",
            "\n",
            "\n\n",
            " \n",
            "\n ",
            "\r\n",
            "\t",
            " ",
            "- item",
            "1. one",
            "# head",
            "قتل",
            "\u{a0}",
            "\u{2028}",
            ".",
            "",
        ];
        let mut random = crate::test_random::TestRandom(7);
        let mut with_pairs = 0;
        for _ in 0..5_000 {
            let length = random.below(40);
            let text: String = (0..length).map(|_| random.pick(&pieces)).collect();
            if three_prose_pairs(&text) {
                with_pairs += 1;
                assert!(newlines_inside_text(text.as_bytes()) >= 3, "{text:?}");
            }
        }
        assert!(with_pairs > 100, "{with_pairs}");
    }

    #[test]
    fn hard_wrapped_prose_has_soft_breaks_and_keeps_its_headline() {
        let text = format!("quake toll rises\n\n{}", wrap(PROSE, 60));
        let soft = soft_line_breaks(&text);
        let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        // Every newline inside the paragraph, and none after the headline or at the end.
        assert_eq!(soft, newlines[2..newlines.len() - 1]);
    }

    #[test]
    fn one_paragraph_a_line_lists_and_tables_have_no_soft_breaks() {
        let paragraphs = "the ministry said 1,200 people were killed on monday.\n\
            rescue teams were still searching the rubble of the northern towns tonight.\n\
            the un said it would send aid.\n\
            officials expect the toll to rise as more bodies are recovered from buildings.\n";
        assert!(soft_line_breaks(paragraphs).is_empty());
        let list = "hatay 21,000 dead\nkahramanmaras 11,000 dead\nadiyaman 8,000 dead\n\
                    malatya 1,400 dead\n";
        assert!(soft_line_breaks(list).is_empty());
        let table = "| province | dead | injured |\n|---|---|---|\n| hatay | 21,000 | 30,000 |\n\
                     | kahramanmaras | 11,000 | 15,000 |\n| adiyaman | 8,000 | 9,000 |\n";
        assert!(soft_line_breaks(table).is_empty());
        let bullets = wrap(PROSE, 60)
            .lines()
            .map(|l| format!("- {l}\n"))
            .collect::<String>();
        assert!(soft_line_breaks(&bullets).is_empty());
    }
}
