//! Charts of a quantity, drawn as SVG for the HTML report.
//!
//! Input: a [`Chart`]: each claim as a [`Mark`] (its origin, its date, its
//! figure and the interval it allows, what the text does with it), each
//! period's consensus as a [`Band`], each denial with no figure of its own as
//! a [`DenialMark`]. Output: one `<svg>` element, written out here as text
//! (no chart crate): figures over time, one colour per origin, the consensus
//! band behind them.
//!
//! How a chart reads:
//! - x is time (the as-of dates); claims with no date stand in a column of
//!   their own on the right, "undated", never placed in time;
//! - y is the figure, from zero (or the lowest figure, when one is negative);
//! - a claim is a vertical line over the interval it allows (its rounding,
//!   "about" tolerance or range, capped at both ends) with a dot at its
//!   figure; an end left open ("at least", a vague "thousands") is an arrow
//!   up, "up to" an arrow down;
//! - a projection is a hollow dot on a dashed line; a figure reported as
//!   denied is a cross on a dashed line; a denial with no figure is a cross
//!   in a lane of its own at the top;
//! - each period's consensus is a grey band from low to high (to the top
//!   when open) with a line at best, behind the claims.
//!
//! Every mark carries a `<title>` (the claim's label, figure, origin and
//! date), which a browser shows on hover and a screen reader reads.
//!
//! Invariants: every text from the inputs goes through
//! [`super::html::escape`]; coordinates are printed with one decimal, so the
//! same report gives the same bytes on every machine; the SVG needs no
//! script, font or file from outside.

use std::fmt::Write;

use jiff::civil::Date;

use super::format_number;
use super::html::escape;

/// The drawing's size in SVG units; it scales to the width of the page.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 250.0;
/// Room for the figures on the left and the dates below.
const LEFT: f64 = 76.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;
/// The lane for denials with no figure, at the top, when there are any.
const DENIAL_LANE: f64 = 28.0;
/// The column for undated claims, at the right, when there are any.
const UNDATED: f64 = 96.0;
/// Room at both ends of the time axis, so marks at the first and last dates
/// stand clear of the edges.
const PAD: f64 = 42.0;
/// Colours cycle after this many origins (the stylesheet's `o0`...`o7`).
pub const PALETTE: usize = 8;

/// What the text does with a figure, as the chart draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Stated as a fact: a filled dot on a solid line.
    Asserted,
    /// A plan, forecast or possibility: a hollow dot on a dashed line.
    Projection,
    /// Reported as denied: a cross on a dashed line.
    Denied,
}

impl Style {
    fn class(self) -> &'static str {
        match self {
            Style::Asserted => "asserted",
            Style::Projection => "projection",
            Style::Denied => "denied",
        }
    }
}

/// One claim.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Its origin's place in the legend, from 0.
    pub origin: usize,
    /// Its as-of date; `None` puts it in the undated column.
    pub date: Option<Date>,
    /// The figure that stands for it (a range's middle).
    pub value: f64,
    /// The lowest value it allows.
    pub low: f64,
    /// The highest value it allows; `None` when open above.
    pub high: Option<f64>,
    /// "Up to": the low end is open (drawn as an arrow down).
    pub open_below: bool,
    /// Asserted, projection or denied.
    pub style: Style,
    /// What a hover shows: label, figure, origin, date.
    pub title: String,
}

/// A period's consensus.
#[derive(Debug, Clone)]
pub struct Band {
    /// The period's first date; `None` for the undated claims.
    pub from: Option<Date>,
    /// The period's last date.
    pub to: Option<Date>,
    /// The consensus low.
    pub low: f64,
    /// The consensus best.
    pub best: f64,
    /// The consensus high; `None` when open above.
    pub high: Option<f64>,
    /// What a hover shows.
    pub title: String,
}

/// A denial with no figure of its own.
#[derive(Debug, Clone)]
pub struct DenialMark {
    /// Its date; `None` puts it in the undated column.
    pub date: Option<Date>,
    /// What a hover shows: who denies, when.
    pub title: String,
}

/// Everything one chart shows.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    /// The chart in a sentence, for screen readers (the SVG's `<title>`).
    pub description: String,
    /// How many origins the legend has (for spreading marks of one date).
    pub origins: usize,
    /// The claims.
    pub marks: Vec<Mark>,
    /// The consensus of each period.
    pub bands: Vec<Band>,
    /// The denials with no figure.
    pub denials: Vec<DenialMark>,
}

/// The horizontal layout: where time and the undated column go.
struct Layout {
    /// First and last date, and the days between (at least 1).
    dates: Option<(Date, f64)>,
    /// The days between the first and the last date (0 for one date).
    span_days: i64,
    /// Left edge and width of the dated area.
    dated: (f64, f64),
    /// Left edge and width of the undated column, when there is one.
    undated: Option<(f64, f64)>,
    /// Top of the figures' area (below the denial lane).
    top: f64,
    /// Baseline of the figures' area.
    bottom: f64,
    /// Lowest and highest figure of the scale, and the step between ticks.
    scale: (f64, f64, f64),
    /// How far apart marks of one date are spread, per origin.
    spread: f64,
    origins: usize,
}

impl Layout {
    fn of(chart: &Chart) -> Layout {
        let dates: Vec<Date> = chart
            .marks
            .iter()
            .map(|m| m.date)
            .chain(chart.bands.iter().flat_map(|b| [b.from, b.to]))
            .chain(chart.denials.iter().map(|d| d.date))
            .flatten()
            .collect();
        let any_undated = chart.marks.iter().any(|m| m.date.is_none())
            || chart.denials.iter().any(|d| d.date.is_none())
            || chart.bands.iter().any(|b| b.from.is_none());
        let first = dates.iter().min().copied();
        let last = dates.iter().max().copied();
        let span_days = first.zip(last).map_or(0, |(first, last)| {
            i64::from((last - first).get_days().max(0))
        });
        let dates = first.map(|first| (first, span_days.max(1) as f64));
        let plot_left = LEFT;
        let plot_width = WIDTH - LEFT - RIGHT;
        let (dated, undated) = match (dates.is_some(), any_undated) {
            (true, true) => (
                (plot_left, plot_width - UNDATED - 8.0),
                Some((plot_left + plot_width - UNDATED, UNDATED)),
            ),
            (false, _) => ((plot_left, 0.0), Some((plot_left, plot_width))),
            (true, false) => ((plot_left, plot_width), None),
        };
        let top = TOP
            + if chart.denials.is_empty() {
                0.0
            } else {
                DENIAL_LANE
            };
        let mut values: Vec<f64> = Vec::new();
        for mark in &chart.marks {
            values.extend([mark.value, mark.low]);
            values.extend(mark.high);
        }
        for band in &chart.bands {
            values.extend([band.low, band.best]);
            values.extend(band.high);
        }
        values.retain(|v| v.is_finite());
        let low = values.iter().copied().fold(0.0, f64::min);
        let high = values.iter().copied().fold(low, f64::max);
        let origins = chart.origins.max(1);
        Layout {
            dates,
            span_days,
            dated,
            undated,
            top,
            bottom: HEIGHT - BOTTOM,
            scale: nice_scale(low, high),
            spread: (48.0 / origins as f64).min(9.0),
            origins,
        }
    }

    /// Where a date (or the undated column) is, shifted for the origin.
    fn x(&self, date: Option<Date>, origin: Option<usize>) -> f64 {
        let shift = origin.map_or(0.0, |k| {
            (k % self.origins) as f64 * self.spread - (self.origins - 1) as f64 * self.spread / 2.0
        });
        let centre = match (date, self.dates) {
            (Some(date), Some((first, days))) => {
                let (left, width) = self.dated;
                let inner = (width - 2.0 * PAD).max(1.0);
                let offset = (date - first).get_days() as f64;
                if self.span_days == 0 {
                    left + width / 2.0
                } else {
                    left + PAD + inner * offset / days
                }
            }
            _ => {
                let (left, width) = self.undated.unwrap_or(self.dated);
                left + width / 2.0
            }
        };
        centre + shift
    }

    /// Where a figure is.
    fn y(&self, value: f64) -> f64 {
        let (low, high, _) = self.scale;
        let share = ((value - low) / (high - low)).clamp(0.0, 1.0);
        self.bottom - share * (self.bottom - self.top)
    }
}

/// A scale from `low` to a round figure just above `high`, and its step: a
/// handful of ticks of 1, 2, 2.5 or 5 times a power of ten.
fn nice_scale(low: f64, high: f64) -> (f64, f64, f64) {
    let span = if high > low {
        high - low
    } else {
        low.abs().max(1.0)
    };
    let step = nice_step(span / 5.0);
    let bottom = (low / step).floor() * step;
    let top = ((low + span * 1.04) / step).ceil() * step;
    (bottom.min(low), top.max(bottom + step), step)
}

fn nice_step(rough: f64) -> f64 {
    let power = 10f64.powf(rough.log10().floor());
    let fraction = rough / power;
    let nice = [1.0, 2.0, 2.5, 5.0]
        .into_iter()
        .find(|&n| fraction <= n)
        .unwrap_or(10.0);
    nice * power
}

/// The ticks of the figure axis.
fn ticks(scale: (f64, f64, f64)) -> Vec<f64> {
    let (low, high, step) = scale;
    let mut ticks = Vec::new();
    let mut tick = (low / step).ceil() * step;
    while tick <= high + step * 1e-9 && ticks.len() < 12 {
        ticks.push(tick);
        tick += step;
    }
    ticks
}

/// Draws the chart as one `<svg>` element. `id` makes the ids inside it
/// unique in the page.
pub fn render_svg(chart: &Chart, id: &str) -> String {
    let layout = Layout::of(chart);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         role=\"img\" aria-labelledby=\"{id}-title\">\n<title id=\"{id}-title\">{}</title>\n",
        escape(&chart.description)
    );
    draw_axes(&mut svg, &layout, chart);
    for band in &chart.bands {
        draw_band(&mut svg, &layout, band);
    }
    for mark in &chart.marks {
        draw_mark(&mut svg, &layout, mark);
    }
    for denial in &chart.denials {
        let x = layout.x(denial.date, None);
        let y = TOP + DENIAL_LANE / 2.0;
        let _ = writeln!(
            svg,
            "<g class=\"denial\"><title>{}</title><path d=\"M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}\"/></g>",
            escape(&denial.title),
            x - 5.0,
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0,
            y + 5.0,
            x + 5.0,
            y - 5.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The narrowest room a date label takes on the time axis ("2024-10-23" at
/// the chart's font size, and a little air).
const LABEL_ROOM: f64 = 70.0;

/// Where the time axis is labelled, and with what: the first and the last
/// date in full, and between them round dates (month or year starts, or
/// days for a span of weeks) where they leave each label its room. Without
/// them, claims a year apart and claims a week apart look alike.
fn date_labels(layout: &Layout) -> Vec<(f64, String)> {
    let Some((first, days)) = layout.dates else {
        return Vec::new();
    };
    let last = first
        .checked_add(jiff::Span::new().days(days as i64))
        .unwrap_or(first);
    let mut labels = vec![(layout.x(Some(first), None), first.to_string())];
    if layout.span_days > 0 {
        labels.push((layout.x(Some(last), None), last.to_string()));
    }
    for (date, label) in round_dates(first, last) {
        let x = layout.x(Some(date), None);
        if labels
            .iter()
            .all(|(other, _)| (other - x).abs() >= LABEL_ROOM)
        {
            labels.push((x, label));
        }
    }
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    labels
}

/// At most about five round dates strictly between `first` and `last`, each
/// with its label: every day, 2, 7 or 14 days for a span of up to two
/// months; else month starts every 1, 2, 3 or 6 months ("2024-11"), or year
/// starts ("2025").
fn round_dates(first: Date, last: Date) -> Vec<(Date, String)> {
    let days = i64::from((last - first).get_days().max(0));
    let mut dates = Vec::new();
    if days <= 62 {
        let step = [1_i64, 2, 7, 14, 28]
            .into_iter()
            .find(|step| days / step <= 5)
            .unwrap_or(28);
        let mut date = first;
        while let Ok(next) = date.checked_add(jiff::Span::new().days(step)) {
            if next >= last {
                break;
            }
            dates.push((next, next.to_string()));
            date = next;
        }
        return dates;
    }
    let months = days / 30;
    let step = [1_i64, 2, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|step| months / step <= 5)
        .unwrap_or(120);
    let aligned = |date: Date| {
        if step < 12 {
            (i64::from(date.month()) - 1) % step == 0
        } else {
            date.month() == 1 && i64::from(date.year()) % (step / 12) == 0
        }
    };
    let mut date = first.first_of_month();
    // A bounded walk: the span is at most what a date can hold.
    for _ in 0..=(months + 2) {
        let Ok(next) = date.checked_add(jiff::Span::new().months(1)) else {
            break;
        };
        date = next;
        if date >= last {
            break;
        }
        if date > first && aligned(date) {
            let label = if step < 12 {
                format!("{:04}-{:02}", date.year(), date.month())
            } else {
                format!("{:04}", date.year())
            };
            dates.push((date, label));
        }
    }
    dates
}

fn draw_axes(svg: &mut String, layout: &Layout, chart: &Chart) {
    let right = WIDTH - RIGHT;
    svg.push_str("<g class=\"axis\">\n");
    for tick in ticks(layout.scale) {
        let y = layout.y(tick);
        let _ = writeln!(
            svg,
            "<line class=\"grid\" x1=\"{LEFT:.1}\" y1=\"{y:.1}\" x2=\"{right:.1}\" y2=\"{y:.1}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 6.0,
            y + 4.0,
            escape(&format_number(tick))
        );
    }
    let label_y = HEIGHT - BOTTOM + 16.0;
    for (x, label) in date_labels(layout) {
        let _ = writeln!(
            svg,
            "<line class=\"tick\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>\
             <text x=\"{x:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\">{label}</text>",
            layout.bottom,
            layout.bottom + 4.0
        );
    }
    if let Some((left, width)) = layout.undated {
        if layout.dates.is_some() {
            let _ = writeln!(
                svg,
                "<line class=\"divider\" x1=\"{:.1}\" y1=\"{TOP:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
                left - 4.0,
                left - 4.0,
                layout.bottom
            );
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\">undated</text>",
            left + width / 2.0
        );
    }
    if !chart.denials.is_empty() {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">denials</text>",
            LEFT - 6.0,
            TOP + DENIAL_LANE / 2.0 + 4.0
        );
    }
    let _ = writeln!(
        svg,
        "<line class=\"base\" x1=\"{LEFT:.1}\" y1=\"{:.1}\" x2=\"{right:.1}\" y2=\"{:.1}\"/>",
        layout.bottom, layout.bottom
    );
    svg.push_str("</g>\n");
}

fn draw_band(svg: &mut String, layout: &Layout, band: &Band) {
    let (left, right) = match (band.from, band.to) {
        (Some(from), to) => (
            layout.x(Some(from), None) - 14.0,
            layout.x(to.or(Some(from)), None) + 14.0,
        ),
        _ => {
            let (left, width) = layout.undated.unwrap_or(layout.dated);
            (left + 6.0, left + width - 6.0)
        }
    };
    let top = band.high.map_or(layout.top, |high| layout.y(high));
    let bottom = layout.y(band.low);
    let best = layout.y(band.best);
    let _ = writeln!(
        svg,
        "<g class=\"band\"><title>{}</title><rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{:.1}\" \
         height=\"{:.1}\"/><line x1=\"{left:.1}\" y1=\"{best:.1}\" x2=\"{right:.1}\" y2=\"{best:.1}\"/></g>",
        escape(&band.title),
        (right - left).max(1.0),
        (bottom - top).max(1.0)
    );
}

fn draw_mark(svg: &mut String, layout: &Layout, mark: &Mark) {
    let x = layout.x(mark.date, Some(mark.origin));
    let low = layout.y(mark.low);
    let high = mark.high.map_or(layout.top, |high| layout.y(high));
    let point = layout.y(mark.value);
    let _ = write!(
        svg,
        "<g class=\"mark o{} {}\"><title>{}</title>",
        mark.origin % PALETTE,
        mark.style.class(),
        escape(&mark.title)
    );
    let _ = write!(
        svg,
        "<line class=\"range\" x1=\"{x:.1}\" y1=\"{low:.1}\" x2=\"{x:.1}\" y2=\"{high:.1}\"/>"
    );
    // Closed ends get a cap, open ends an arrow.
    let cap = |svg: &mut String, y: f64| {
        let _ = write!(
            svg,
            "<line class=\"cap\" x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>",
            x - 4.0,
            x + 4.0
        );
    };
    let arrow = |svg: &mut String, y: f64, up: bool| {
        let back = if up { y + 7.0 } else { y - 7.0 };
        let _ = write!(
            svg,
            "<path class=\"arrow\" d=\"M{:.1} {back:.1}L{x:.1} {y:.1}L{:.1} {back:.1}\"/>",
            x - 4.5,
            x + 4.5
        );
    };
    if mark.high.is_some() {
        cap(svg, high);
    } else {
        arrow(svg, high, true);
    }
    if mark.open_below {
        arrow(svg, low, false);
    } else {
        cap(svg, low);
    }
    match mark.style {
        Style::Denied => {
            let _ = write!(
                svg,
                "<path class=\"point\" d=\"M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}\"/>",
                x - 4.5,
                point - 4.5,
                x + 4.5,
                point + 4.5,
                x - 4.5,
                point + 4.5,
                x + 4.5,
                point - 4.5
            );
        }
        _ => {
            let _ = write!(
                svg,
                "<circle class=\"point\" cx=\"{x:.1}\" cy=\"{point:.1}\" r=\"4.5\"/>"
            );
        }
    }
    svg.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<Date> {
        text.parse().ok()
    }

    fn mark(origin: usize, when: &str, value: f64, high: Option<f64>, style: Style) -> Mark {
        Mark {
            origin,
            date: date(when),
            value,
            low: value * 0.9,
            high,
            open_below: false,
            style,
            title: format!("claim {origin}"),
        }
    }

    fn chart() -> Chart {
        Chart {
            description: "a <quantity> & its figures".to_string(),
            origins: 2,
            marks: vec![
                mark(0, "2024-10-23", 12000.0, Some(13200.0), Style::Asserted),
                mark(1, "2024-11-02", 10000.0, Some(10000.0), Style::Projection),
                mark(0, "", 14000.0, None, Style::Asserted),
            ],
            bands: vec![Band {
                from: date("2024-10-23"),
                to: date("2024-10-23"),
                low: 10800.0,
                best: 12000.0,
                high: Some(13200.0),
                title: "consensus".to_string(),
            }],
            denials: vec![DenialMark {
                date: date("2024-10-23"),
                title: "Kremlin <denies>".to_string(),
            }],
        }
    }

    #[test]
    fn a_chart_has_each_mark_band_and_denial() {
        let svg = render_svg(&chart(), "q1");
        assert!(svg.starts_with("<svg class=\"chart\""));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<g class=\"mark ").count(), 3);
        assert_eq!(svg.matches("<g class=\"band\">").count(), 1);
        assert_eq!(svg.matches("<g class=\"denial\">").count(), 1);
        assert_eq!(svg.matches("class=\"mark o1 projection\"").count(), 1);
        // An open top is an arrow; the undated claim has its column.
        assert_eq!(svg.matches("class=\"arrow\"").count(), 1);
        assert!(svg.contains(">undated</text>"));
        assert!(svg.contains(">2024-10-23</text>") && svg.contains(">2024-11-02</text>"));
        assert!(svg.contains(">denials</text>"));
    }

    #[test]
    fn text_in_a_chart_is_escaped() {
        let svg = render_svg(&chart(), "q1");
        assert!(svg.contains("a &lt;quantity&gt; &amp; its figures"));
        assert!(svg.contains("Kremlin &lt;denies&gt;"));
        assert!(!svg.contains("<quantity>") && !svg.contains("<denies>"));
    }

    #[test]
    fn every_coordinate_lies_inside_the_drawing() {
        let mut wide = chart();
        wide.marks
            .push(mark(1, "2025-12-28", 3000.0, None, Style::Denied));
        wide.marks.push(Mark {
            open_below: true,
            low: 0.0,
            ..mark(1, "2025-01-01", 4000.0, Some(4000.0), Style::Asserted)
        });
        let svg = render_svg(&wide, "q");
        let numbers = svg
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter(|t| t.contains('.'))
            .filter_map(|t| t.parse::<f64>().ok());
        for n in numbers {
            assert!((-1.0..=WIDTH + 1.0).contains(&n), "{n} in {svg}");
        }
        assert_eq!(svg.matches("class=\"arrow\"").count(), 3);
    }

    fn labels_of(svg: &str) -> Vec<(f64, String)> {
        svg.split("<text x=\"")
            .skip(1)
            .filter(|t| t.contains("text-anchor=\"middle\""))
            .map(|t| {
                let x: f64 = t[..t.find('"').unwrap()].parse().unwrap();
                let label = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                (x, label.to_string())
            })
            .collect()
    }

    /// Over a year, the axis names the first and last dates and round dates
    /// between them, none on top of another.
    #[test]
    fn a_long_span_gets_round_dates_between_its_ends() {
        let chart = Chart {
            origins: 1,
            marks: vec![
                mark(0, "2024-10-23", 12000.0, Some(13200.0), Style::Asserted),
                mark(0, "2025-12-28", 3000.0, None, Style::Asserted),
            ],
            ..Chart::default()
        };
        let labels = labels_of(&render_svg(&chart, "q"));
        let names: Vec<&str> = labels.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(names.first(), Some(&"2024-10-23"));
        assert_eq!(names.last(), Some(&"2025-12-28"));
        assert!(names.contains(&"2025-01"), "{names:?}");
        for pair in labels.windows(2) {
            assert!(pair[1].0 - pair[0].0 >= LABEL_ROOM, "{labels:?}");
        }
    }

    #[test]
    fn round_dates_fit_the_span() {
        let day = |t: &str| t.parse::<Date>().unwrap();
        let names = |first: &str, last: &str| -> Vec<String> {
            round_dates(day(first), day(last))
                .into_iter()
                .map(|(_, l)| l)
                .collect()
        };
        assert_eq!(names("2024-06-10", "2024-06-12"), ["2024-06-11"]);
        assert_eq!(
            names("2024-03-01", "2024-03-29"),
            ["2024-03-08", "2024-03-15", "2024-03-22"]
        );
        assert_eq!(
            names("2024-01-15", "2024-07-15"),
            ["2024-03", "2024-05", "2024-07"]
        );
        assert_eq!(names("2019-05-01", "2025-05-01"), ["2020", "2022", "2024"]);
        assert!(names("2024-06-10", "2024-06-10").is_empty());
    }

    /// Two dates a day apart stand at the two ends of the axis, both named.
    #[test]
    fn two_dates_a_day_apart_are_both_placed() {
        let chart = Chart {
            origins: 1,
            marks: vec![
                mark(0, "2024-06-10", 10.0, Some(10.0), Style::Asserted),
                mark(0, "2024-06-11", 12.0, Some(12.0), Style::Asserted),
            ],
            ..Chart::default()
        };
        let labels = labels_of(&render_svg(&chart, "q"));
        assert_eq!(labels.len(), 2, "{labels:?}");
        assert!(labels[1].0 - labels[0].0 > 300.0, "{labels:?}");
    }

    #[test]
    fn scales_are_round() {
        assert_eq!(nice_scale(0.0, 14000.0), (0.0, 15000.0, 5000.0));
        assert_eq!(
            ticks(nice_scale(0.0, 14000.0)),
            [0.0, 5000.0, 10000.0, 15000.0]
        );
        assert_eq!(nice_scale(0.0, 4000.0), (0.0, 5000.0, 1000.0));
        let (low, high, _) = nice_scale(0.0, 0.0);
        assert!(low == 0.0 && high >= 1.0);
        let (low, high, _) = nice_scale(-12.0, 30.0);
        assert!(low <= -12.0 && high >= 30.0);
    }

    #[test]
    fn only_undated_claims_fill_the_width() {
        let chart = Chart {
            origins: 1,
            marks: vec![mark(0, "", 5.0, Some(5.0), Style::Asserted)],
            ..Chart::default()
        };
        let svg = render_svg(&chart, "q");
        assert!(svg.contains(">undated</text>"));
        assert!(!svg.contains("class=\"divider\""));
    }
}
