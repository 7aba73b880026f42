//! The terminal format: findings grouped by file, each with a code frame and a fix hint, then a
//! summary of counts, coverage, engines, duration and the gate's verdict.

use std::io::{self, BufWriter, Write};

use owo_colors::Style;
use ward_core::{Finding, ScanReport, Severity, Span};

use crate::RenderOptions;
use crate::text::{self, Glyph};

/// Assumed when the terminal width is unknown.
const DEFAULT_WIDTH: usize = 100;
/// Narrower than this a frame cannot show a useful piece of a line; the terminal wraps instead.
const MIN_WIDTH: usize = 40;
/// A frame never shows more lines than this, so a finding over a whole file stays short.
const MAX_SNIPPET_LINES: usize = 8;
/// Errors listed in the summary; the rest are counted (the JSON report has them all).
const MAX_ERRORS: usize = 20;
/// Messages are not wrapped, but a runaway one is cut.
const MAX_MESSAGE_CELLS: usize = 500;
const INDENT: &str = "    ";

/// Applies styles only when colour is on, so plain output holds no escape sequence.
struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, text: &str, style: Style) -> String {
        if self.color {
            style.style(text).to_string()
        } else {
            text.to_owned()
        }
    }

    fn dim(&self, text: &str) -> String {
        self.paint(text, Style::new().dimmed())
    }

    fn bold(&self, text: &str) -> String {
        self.paint(text, Style::new().bold())
    }
}

/// The severity label: critical stands out on a red background.
fn label_style(severity: Severity) -> Style {
    match severity {
        Severity::Critical => Style::new().bright_white().on_red().bold(),
        other => severity_style(other),
    }
}

/// Severity colours for text: counts, underlines.
fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Critical => Style::new().bright_red().bold(),
        Severity::High => Style::new().red().bold(),
        Severity::Medium => Style::new().yellow(),
        Severity::Low => Style::new().blue(),
        Severity::Info => Style::new().dimmed(),
    }
}

pub(crate) fn render(
    report: &ScanReport,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> io::Result<()> {
    let width = match options.width {
        0 => DEFAULT_WIDTH,
        w => w.max(MIN_WIDTH),
    };
    let painter = Painter {
        color: options.color,
    };
    let mut w = BufWriter::new(out);
    let blocking = text::blocking_fingerprints(report);

    // Suppressed findings are counted in the summary and listed in JSON and SARIF.
    let active: Vec<&Finding> = report.active().collect();
    if active.is_empty() {
        writeln!(
            w,
            "{}",
            painter.paint("No findings.", Style::new().green().bold())
        )?;
    }
    let mut current_path: Option<&str> = None;
    for (i, &finding) in active.iter().enumerate() {
        let path = finding.location.path.as_str();
        if current_path != Some(path) {
            current_path = Some(path);
            // The findings are sorted by path, so one file's findings are one run.
            let in_file = active[i..]
                .iter()
                .take_while(|f| f.location.path == path)
                .count();
            writeln!(
                w,
                "{} {}",
                painter.paint(&file_label(path), Style::new().bold().underline()),
                painter.dim(&format!(
                    "({})",
                    text::count(in_file, "finding", "findings")
                ))
            )?;
        }
        let blocks = blocking.get(finding.fingerprint.primary.as_str()).copied();
        write_finding(&mut w, report, finding, blocks, width, &painter)?;
    }
    write_summary(&mut w, report, &painter)?;
    w.flush()
}

fn file_label(path: &str) -> String {
    if path.is_empty() {
        "(no file)".to_owned()
    } else {
        text::one_line(path)
    }
}

fn write_finding(
    w: &mut dyn Write,
    report: &ScanReport,
    finding: &Finding,
    blocks: Option<&str>,
    width: usize,
    painter: &Painter,
) -> io::Result<()> {
    let rule_id = text::one_line(&finding.rule_id);
    let title = text::truncate_cells(&text::one_line(&finding.title), MAX_MESSAGE_CELLS);
    let mut rest = Vec::new();
    if !rule_id.is_empty() {
        rest.push(painter.bold(&rule_id));
    }
    if !title.is_empty() {
        rest.push(title.clone());
    }
    if let Some(risk) = &finding.risk {
        rest.push(painter.dim(&format!("risk {}", risk.score)));
    }
    if blocks.is_some() {
        rest.push(painter.paint("[blocks gate]", Style::new().red()));
    }
    let label = finding.severity.as_str().to_ascii_uppercase();
    if rest.is_empty() {
        writeln!(
            w,
            "  {}",
            painter.paint(&label, label_style(finding.severity))
        )?;
    } else {
        // Padded so that rule ids line up.
        writeln!(
            w,
            "  {}  {}",
            painter.paint(&format!("{label:<8}"), label_style(finding.severity)),
            rest.join("  ")
        )?;
    }

    let message = text::truncate_cells(&text::one_line(&finding.message), MAX_MESSAGE_CELLS);
    if !message.is_empty() && message != title {
        writeln!(w, "{INDENT}{message}")?;
    }
    let span = finding.location.span;
    writeln!(
        w,
        "{INDENT}{} {}:{}:{}",
        painter.dim("-->"),
        file_label(&finding.location.path),
        span.start_line,
        span.start_column
    )?;
    if let Some(snippet) = finding.location.snippet.as_deref() {
        write_frame(
            w,
            snippet,
            span,
            severity_style(finding.severity),
            width,
            painter,
        )?;
    }
    if let Some(revealed) = finding
        .detail
        .secret
        .as_ref()
        .and_then(|s| s.revealed.as_deref())
    {
        // Only present with --show-secrets on a terminal; JSON and SARIF never carry it.
        writeln!(
            w,
            "{INDENT}{} {}",
            painter.paint("secret:", Style::new().magenta().bold()),
            text::one_line(revealed)
        )?;
    }
    if let Some(reason) = blocks {
        writeln!(
            w,
            "{INDENT}{} {}",
            painter.paint("gate:", Style::new().red()),
            text::one_line(reason)
        )?;
    }
    if let Some(hint) = text::fix_hint(report, finding) {
        let room = width.saturating_sub(INDENT.len() + 5);
        writeln!(
            w,
            "{INDENT}{} {}",
            painter.paint("fix:", Style::new().cyan().bold()),
            text::truncate_cells(&text::one_line(hint), room)
        )?;
    }
    writeln!(w)
}

/// Draws the snippet with line numbers and underlines the span on its first line.
fn write_frame(
    w: &mut dyn Write,
    snippet: &str,
    span: Span,
    style: Style,
    width: usize,
    painter: &Painter,
) -> io::Result<()> {
    let mut lines: Vec<&str> = snippet
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    if lines.len() > 1 && lines.last() == Some(&"") {
        lines.pop();
    }
    if lines.iter().all(|line| line.trim().is_empty()) {
        return Ok(());
    }
    let shown = lines.len().min(MAX_SNIPPET_LINES);
    // Line 0 is not a line: show the frame without numbers rather than wrong ones.
    let first = u64::from(span.start_line);
    let number = |i: usize| (first > 0).then(|| first + i as u64);
    let gutter = number(shown - 1).map_or(1, |n| n.to_string().len());
    let room = width.saturating_sub(INDENT.len() + gutter + 3).max(20);
    let bar = painter.dim("│");
    let ellipsis = painter.dim("…");

    for (i, line) in lines.iter().take(shown).enumerate() {
        let glyphs: Vec<(Glyph, usize)> = line.chars().map(text::display_char).collect();
        let cells: Vec<usize> = glyphs.iter().map(|&(_, c)| c).collect();
        let underline = if i == 0 {
            underline_range(span, glyphs.len())
        } else {
            None
        };
        let window = Window::around(&cells, underline.map_or(0, |(start, _)| start), room);

        let mut body = String::new();
        for &(glyph, _) in &glyphs[window.start..window.end] {
            glyph.push_to(&mut body);
        }
        let num = number(i).map_or_else(String::new, |n| n.to_string());
        let left = if window.start > 0 {
            ellipsis.as_str()
        } else {
            ""
        };
        let right = if window.end < glyphs.len() {
            ellipsis.as_str()
        } else {
            ""
        };
        let content = format!("{left}{body}{right}");
        // No space after the bar on an empty line: no trailing whitespace.
        let gap = if content.is_empty() { "" } else { " " };
        writeln!(
            w,
            "{INDENT}{} {bar}{gap}{content}",
            painter.dim(&format!("{num:>gutter$}"))
        )?;

        if let Some((start, end)) = underline {
            let lead = usize::from(window.start > 0);
            let offset = lead
                + cells[window.start..start.max(window.start)]
                    .iter()
                    .sum::<usize>();
            let underlined = cells[start.min(window.end)..end.min(window.end)]
                .iter()
                .sum::<usize>()
                .max(1);
            writeln!(
                w,
                "{INDENT}{:gutter$} {bar} {:offset$}{}",
                "",
                "",
                painter.paint(&"^".repeat(underlined), style)
            )?;
        }
    }
    if lines.len() > shown {
        let more = text::count(lines.len() - shown, "more line", "more lines");
        writeln!(
            w,
            "{INDENT}{:gutter$} {bar} {}",
            "",
            painter.dim(&format!("… {more}"))
        )?;
    }
    Ok(())
}

/// The characters of the first snippet line to underline, as `[start, end)` character indices,
/// or `None` when the span does not fall on the line. An empty or inverted span underlines one
/// character; a span that goes on to later lines underlines to the end of the first.
fn underline_range(span: Span, line_chars: usize) -> Option<(usize, usize)> {
    if span.start_column == 0 {
        return None;
    }
    let start = (span.start_column - 1) as usize;
    if start > line_chars {
        return None;
    }
    let end = if span.end_line == span.start_line && span.end_column > span.start_column {
        ((span.end_column - 1) as usize).min(line_chars)
    } else if span.end_line > span.start_line {
        line_chars
    } else {
        start
    };
    Some((start, end.max(start)))
}

/// The part of a line that fits the terminal: characters `[start, end)`, with an ellipsis drawn
/// on each side that was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    start: usize,
    end: usize,
}

impl Window {
    /// Chooses the characters to show of a line whose characters take `cells`, so that the
    /// character at `focus` (the span start) is shown with some context before it, and the
    /// whole, ellipses included, takes at most `room` cells.
    fn around(cells: &[usize], focus: usize, room: usize) -> Window {
        let n = cells.len();
        if cells.iter().sum::<usize>() <= room {
            return Window { start: 0, end: n };
        }
        let focus = focus.min(n);
        // A third of the room goes to what comes before the focus.
        let mut start = focus;
        let mut used = 0;
        while start > 0 && used + cells[start - 1] <= room / 3 {
            start -= 1;
            used += cells[start];
        }
        // The rest goes to the focus and what follows, keeping a cell for each ellipsis.
        let mut budget = room.saturating_sub(usize::from(start > 0) + 1);
        let mut end = start;
        used = 0;
        while end < n && used + cells[end] <= budget {
            used += cells[end];
            end += 1;
        }
        if end + 1 == n && used + cells[end] <= budget + 1 {
            // The last character fits in the cell kept for the closing ellipsis.
            used += cells[end];
            end = n;
        }
        if end == n {
            // The line ends inside the window: give the unused room to more context before.
            budget += 1;
            while start > 0 && used + cells[start - 1] <= budget {
                start -= 1;
                used += cells[start];
            }
        }
        Window { start, end }
    }
}

fn write_summary(w: &mut dyn Write, report: &ScanReport, painter: &Painter) -> io::Result<()> {
    let active = report.active().count();
    if active > 0 {
        let counts: Vec<String> = report
            .counts_by_severity()
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .map(|(severity, n)| {
                painter.paint(&format!("{n} {severity}"), severity_style(severity))
            })
            .collect();
        writeln!(
            w,
            "Found {}: {}",
            painter.bold(&text::count(active, "finding", "findings")),
            counts.join(", ")
        )?;
    }
    let suppressed = report.suppressed_count();
    if suppressed > 0 {
        writeln!(
            w,
            "Suppressed: {} (listed in --format json and sarif)",
            text::count(suppressed, "finding", "findings")
        )?;
        // A VEX statement is a claim about the product: show each one's justification, so a
        // reader can judge it without opening the VEX document.
        for finding in &report.findings {
            if let Some(suppression) = finding
                .suppressed
                .as_ref()
                .filter(|s| s.kind == ward_core::SuppressionKind::Vex)
            {
                writeln!(
                    w,
                    "  VEX {} {}: {}",
                    finding.rule_id.trim_start_matches("deps/"),
                    finding
                        .detail
                        .vulnerability
                        .as_ref()
                        .map(|v| format!("{}@{}", v.package.name, v.package.version))
                        .unwrap_or_default(),
                    suppression
                        .justification
                        .as_deref()
                        .unwrap_or("no justification")
                )?;
            }
        }
    }

    let completeness = &report.completeness;
    write!(
        w,
        "Files: {} seen, {} scanned ({})",
        completeness.files_seen,
        completeness.files_scanned,
        text::bytes(completeness.bytes_scanned)
    )?;
    let skipped = completeness.skipped_total();
    if skipped > 0 {
        write!(
            w,
            ", {skipped} skipped ({})",
            text::skipped_by_reason(completeness)
        )?;
    }
    writeln!(w)?;

    let errors = &completeness.errors;
    if errors.is_empty() {
        writeln!(w, "Errors: none")?;
    } else {
        writeln!(
            w,
            "Errors: {}",
            painter.paint(
                &format!("{}, the scan is incomplete", errors.len()),
                Style::new().yellow().bold()
            )
        )?;
        for error in errors.iter().take(MAX_ERRORS) {
            let line = text::one_line(&error.to_string());
            writeln!(w, "  {}", text::truncate_cells(&line, MAX_MESSAGE_CELLS))?;
        }
        if errors.len() > MAX_ERRORS {
            writeln!(
                w,
                "  ... and {} more (see --format json)",
                errors.len() - MAX_ERRORS
            )?;
        }
    }

    if !completeness.inconclusive.is_empty() {
        writeln!(
            w,
            "Inconclusive: {} that met unknown values (listed in --format json)",
            text::count(completeness.inconclusive.len(), "check", "checks")
        )?;
    }

    let engines = if report.tool.engines.is_empty() {
        "none".to_owned()
    } else {
        text::one_line(&report.tool.engines.join(", "))
    };
    for notice in &report.notices {
        let source = notice
            .source
            .as_deref()
            .map(|s| format!("{}: ", text::one_line(s)))
            .unwrap_or_default();
        writeln!(
            w,
            "{} {source}{}",
            painter.paint("Notice:", Style::new().yellow().bold()),
            text::one_line(&notice.message)
        )?;
    }
    writeln!(w, "Engines: {engines}")?;
    writeln!(w, "Duration: {}", text::duration(report.duration_ms))?;

    let verdict = if report.gate.passed {
        painter.paint("passed", Style::new().green().bold())
    } else {
        painter.paint("failed", Style::new().red().bold())
    };
    writeln!(w, "Gate: {verdict} {}", text::gate_detail(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ones(n: usize) -> Vec<usize> {
        vec![1; n]
    }

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(
            Window::around(&ones(10), 3, 20),
            Window { start: 0, end: 10 }
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_focus() {
        let window = Window::around(&ones(5_000), 4_000, 60);
        assert!(window.start < 4_000 && 4_000 < window.end, "{window:?}");
        // Both ellipses included, the window fills the room exactly.
        assert_eq!(window.end - window.start + 2, 60);
    }

    #[test]
    fn a_focus_near_the_end_gets_more_context_before_it() {
        let window = Window::around(&ones(1_000), 995, 50);
        assert_eq!(
            window,
            Window {
                start: 951,
                end: 1_000
            }
        );
        let window = Window::around(&ones(1_000), 2, 50);
        assert_eq!(window, Window { start: 0, end: 49 });
    }

    #[test]
    fn underline_handles_odd_spans() {
        assert_eq!(underline_range(Span::line(1, 3, 6), 10), Some((2, 5)));
        assert_eq!(underline_range(Span::line(1, 6, 3), 10), Some((5, 5)));
        assert_eq!(underline_range(Span::line(1, 0, 3), 10), None);
        assert_eq!(underline_range(Span::line(1, 12, 14), 10), None);
        assert_eq!(underline_range(Span::line(1, 11, 14), 10), Some((10, 10)));
        let multi = Span {
            start_line: 1,
            start_column: 4,
            end_line: 3,
            end_column: 2,
        };
        assert_eq!(underline_range(multi, 10), Some((3, 10)));
    }
}
