//! Bar charts drawn on the server: the geometry is computed here, in whole pixels of a fixed
//! view box, and `templates/macros.html` turns it into SVG (so every label is escaped like any
//! other text). Colours come from CSS classes.

use crate::metrics::Week;

const WIDTH: i32 = 640;
const HEIGHT: i32 = 260;
const LEFT: i32 = 44;
const RIGHT: i32 = 10;
const TOP: i32 = 30;
const BOTTOM: i32 = 30;

/// A chart ready to draw.
#[derive(Debug, Clone)]
pub struct Chart {
    pub title: String,
    pub width: i32,
    pub height: i32,
    /// Left and right ends of the plot area, and its baseline.
    pub left: i32,
    pub right: i32,
    pub baseline: i32,
    pub bars: Vec<Bar>,
    pub x_labels: Vec<Label>,
    pub gridlines: Vec<Gridline>,
    pub legend: Vec<LegendItem>,
    /// A one-line description for screen readers and the page's text.
    pub summary: String,
}

#[derive(Debug, Clone)]
pub struct Bar {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    pub class: &'static str,
    /// Shown on hover.
    pub tip: String,
}

#[derive(Debug, Clone)]
pub struct Label {
    pub x: i32,
    pub y: i32,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Gridline {
    pub y: i32,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct LegendItem {
    pub x: i32,
    pub class: &'static str,
    pub text: &'static str,
}

/// A count as pixels (charts hold a dozen weeks, far below `i32::MAX`).
fn px(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The smallest of 1, 2, 5, 10, 20, 50, ... at or above `value` (at least 1).
fn nice_ceiling(value: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if step * m >= value {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// `Nov 30` from `2026-11-30`.
fn short_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month: usize = iso.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let day: u32 = iso.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1);
    format!("{} {day}", MONTHS[month.clamp(1, 12) - 1])
}

struct Frame {
    /// The value of the top gridline: four round steps.
    max: u64,
    step: u64,
    slot: i32,
}

impl Frame {
    fn new(max_value: u64, slots: usize) -> Frame {
        let step = nice_ceiling(max_value.div_ceil(4));
        Frame {
            max: step * 4,
            step,
            slot: (WIDTH - LEFT - RIGHT) / px(slots.max(1)),
        }
    }

    fn plot_height() -> i32 {
        HEIGHT - TOP - BOTTOM
    }

    /// Pixels for `value` on the vertical axis.
    fn scale(&self, value: u64) -> i32 {
        (value as f64 / self.max as f64 * f64::from(Self::plot_height())).round() as i32
    }

    fn slot_x(&self, index: usize) -> i32 {
        LEFT + self.slot * px(index)
    }

    fn gridlines(&self) -> Vec<Gridline> {
        (0..=4)
            .map(|i| {
                let value = self.step * i;
                Gridline {
                    y: HEIGHT - BOTTOM - self.scale(value),
                    label: value.to_string(),
                }
            })
            .collect()
    }

    fn x_labels(&self, weeks: &[Week]) -> Vec<Label> {
        weeks
            .iter()
            .enumerate()
            // Every other week, so labels never overlap.
            .filter(|(i, _)| (weeks.len() - 1 - i).is_multiple_of(2))
            .map(|(i, week)| Label {
                x: self.slot_x(i) + self.slot / 2,
                y: HEIGHT - BOTTOM + 18,
                text: short_date(&week.week),
            })
            .collect()
    }
}

fn chart(title: &str, frame: &Frame, weeks: &[Week], bars: Vec<Bar>, summary: String) -> Chart {
    Chart {
        title: title.to_owned(),
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: WIDTH - RIGHT,
        baseline: HEIGHT - BOTTOM,
        bars,
        x_labels: frame.x_labels(weeks),
        gridlines: frame.gridlines(),
        legend: Vec::new(),
        summary,
    }
}

/// Open issues at the end of each week, stacked by severity (critical at the bottom).
pub fn open_by_severity(weeks: &[Week]) -> Chart {
    const STACK: [(&str, &str); 5] = [
        ("critical", "sev-critical"),
        ("high", "sev-high"),
        ("medium", "sev-medium"),
        ("low", "sev-low"),
        ("info", "sev-info"),
    ];
    let totals: Vec<u64> = weeks
        .iter()
        .map(|w| STACK.iter().map(|(s, _)| w.open.get(s)).sum())
        .collect();
    let frame = Frame::new(totals.iter().copied().max().unwrap_or(0), weeks.len());
    let width = (frame.slot * 3 / 5).max(2);
    let mut bars = Vec::new();
    for (i, week) in weeks.iter().enumerate() {
        let x = frame.slot_x(i) + (frame.slot - width) / 2;
        let mut below = 0;
        for (severity, class) in STACK {
            let count = week.open.get(severity);
            if count == 0 {
                continue;
            }
            // Stack by cumulative value so rounding never opens gaps between segments.
            let bottom = frame.scale(below);
            below += count;
            let top = frame.scale(below);
            bars.push(Bar {
                x,
                y: HEIGHT - BOTTOM - top,
                w: width,
                h: (top - bottom).max(1),
                class,
                tip: format!("week of {}: {count} {severity} open", week.week),
            });
        }
    }
    let last = totals.last().copied().unwrap_or(0);
    let mut chart = chart(
        "Open issues by severity",
        &frame,
        weeks,
        bars,
        format!("{last} issues open at the end of the latest week"),
    );
    chart.legend = STACK
        .iter()
        .enumerate()
        .map(|(i, (severity, class))| LegendItem {
            x: LEFT + 90 * px(i),
            class,
            text: severity,
        })
        .collect();
    chart
}

/// Issues introduced and fixed in each week, side by side.
pub fn introduced_vs_fixed(weeks: &[Week]) -> Chart {
    let max = weeks
        .iter()
        .map(|w| w.introduced.max(w.fixed))
        .max()
        .unwrap_or(0);
    let frame = Frame::new(max, weeks.len());
    let width = (frame.slot * 3 / 10).max(2);
    let mut bars = Vec::new();
    for (i, week) in weeks.iter().enumerate() {
        let start = frame.slot_x(i) + (frame.slot - 2 * width) / 2;
        for (offset, count, class, what) in [
            (0, week.introduced, "introduced", "introduced"),
            (width, week.fixed, "fixed", "fixed"),
        ] {
            if count == 0 {
                continue;
            }
            let h = frame.scale(count).max(1);
            bars.push(Bar {
                x: start + offset,
                y: HEIGHT - BOTTOM - h,
                w: width,
                h,
                class,
                tip: format!("week of {}: {count} {what}", week.week),
            });
        }
    }
    let introduced: u64 = weeks.iter().map(|w| w.introduced).sum();
    let fixed: u64 = weeks.iter().map(|w| w.fixed).sum();
    let mut chart = chart(
        "Introduced vs fixed per week",
        &frame,
        weeks,
        bars,
        format!(
            "{introduced} introduced and {fixed} fixed over {} weeks",
            weeks.len()
        ),
    );
    chart.legend = vec![
        LegendItem {
            x: LEFT,
            class: "introduced",
            text: "introduced",
        },
        LegendItem {
            x: LEFT + 110,
            class: "fixed",
            text: "fixed",
        },
    ];
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::SeverityCounts;

    fn week(date: &str, critical: u64, high: u64, introduced: u64, fixed: u64) -> Week {
        Week {
            week: date.to_owned(),
            open: SeverityCounts {
                critical,
                high,
                ..SeverityCounts::default()
            },
            introduced,
            fixed,
        }
    }

    #[test]
    fn axis_tops_are_round_numbers() {
        assert_eq!(nice_ceiling(0), 1);
        assert_eq!(nice_ceiling(3), 5);
        assert_eq!(nice_ceiling(17), 20);
        assert_eq!(nice_ceiling(100), 100);
        assert_eq!(nice_ceiling(101_000), 200_000);
    }

    #[test]
    fn gridlines_fall_on_round_numbers() {
        let labels = |max| {
            Frame::new(max, 12)
                .gridlines()
                .iter()
                .map(|g| g.label.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(labels(283), ["0", "100", "200", "300", "400"]);
        assert_eq!(labels(7), ["0", "2", "4", "6", "8"]);
        assert_eq!(labels(0), ["0", "1", "2", "3", "4"]);
    }

    #[test]
    fn stacked_bars_are_as_tall_as_their_counts_and_touch() {
        let weeks = [
            week("2026-11-23", 2, 3, 5, 0),
            week("2026-11-30", 10, 10, 20, 5),
        ];
        let chart = open_by_severity(&weeks);
        // Axis top 20: the second week's stack of 20 fills the plot height.
        let plot = HEIGHT - TOP - BOTTOM;
        let second: Vec<&Bar> = chart
            .bars
            .iter()
            .filter(|b| b.tip.contains("11-30"))
            .collect();
        assert_eq!(second.len(), 2);
        assert_eq!(second.iter().map(|b| b.h).sum::<i32>(), plot);
        assert_eq!(
            second[0].y,
            second[1].y + second[1].h,
            "critical sits under high"
        );
        assert_eq!(second[0].class, "sev-critical");
        let first_total: i32 = chart
            .bars
            .iter()
            .filter(|b| b.tip.contains("11-23"))
            .map(|b| b.h)
            .sum();
        assert_eq!(first_total, plot / 4);
        assert_eq!(chart.gridlines.last().unwrap().label, "20");
        assert_eq!(chart.x_labels.last().unwrap().text, "Nov 30");
    }

    #[test]
    fn introduced_and_fixed_stand_side_by_side() {
        let weeks = [
            week("2026-11-23", 0, 0, 0, 0),
            week("2026-11-30", 0, 0, 8, 2),
        ];
        let chart = introduced_vs_fixed(&weeks);
        let [introduced, fixed] = &chart.bars[..] else {
            panic!("two bars: {:?}", chart.bars)
        };
        assert_eq!(introduced.class, "introduced");
        assert_eq!(fixed.x, introduced.x + introduced.w);
        assert_eq!(introduced.h, 4 * fixed.h);
        assert_eq!(chart.summary, "8 introduced and 2 fixed over 2 weeks");
    }
}
