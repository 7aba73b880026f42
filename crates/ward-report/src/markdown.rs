//! The Markdown format: a summary to post as a pull-request comment.
//!
//! It shows messages only, never snippets: a comment is public to everyone who can read the
//! pull request, and a snippet may hold part of a secret.

use std::io::{self, BufWriter, Write};

use ward_core::{ScanReport, Severity, SuppressionKind};

use crate::text;

/// Rows of the findings table; a comment with thousands of rows helps no one (and platforms cap
/// comment sizes).
const MAX_ROWS: usize = 50;
/// Errors listed in the completeness section.
const MAX_ERRORS: usize = 50;
/// Findings listed under "Top risks".
const TOP_RISKS: usize = 5;
/// Table cells are cut at this many characters.
const MAX_CELL: usize = 300;

pub(crate) fn render(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    let mut w = BufWriter::new(out);
    // Suppressed findings are counted, not listed (JSON and SARIF list them).
    let total = report.active().count();
    let suppressed = report.suppressed_count();
    let gate = &report.gate;
    if gate.passed {
        let findings = if total == 0 {
            "no findings".to_owned()
        } else {
            format!(
                "{}, none blocking",
                text::count(total, "finding", "findings")
            )
        };
        writeln!(
            w,
            "## ✅ Ward: passed — {findings} {}",
            text::gate_detail(report)
        )?;
    } else {
        writeln!(w, "## ❌ Ward: failed {}", text::gate_detail(report))?;
    }
    writeln!(w)?;

    if !report.completeness.is_complete() {
        writeln!(
            w,
            "> ⚠️ **The scan is incomplete**: {} (see below). Findings may be missing.",
            text::count(report.completeness.errors.len(), "error", "errors")
        )?;
        writeln!(w)?;
    }

    if total == 0 {
        writeln!(w, "No findings.")?;
        writeln!(w)?;
        write_suppressed(&mut w, report, suppressed)?;
    } else {
        writeln!(w, "| Severity | Findings |")?;
        writeln!(w, "| --- | ---: |")?;
        for (severity, n) in report.counts_by_severity() {
            if n > 0 {
                writeln!(w, "| {} {severity} | {n} |", severity_icon(severity))?;
            }
        }
        writeln!(w, "| **Total** | **{total}** |")?;
        writeln!(w)?;
        write_suppressed(&mut w, report, suppressed)?;
        write_top_risks(&mut w, report)?;

        writeln!(w, "### Findings")?;
        writeln!(w)?;
        let blocking = text::blocking_fingerprints(report);
        writeln!(w, "| Severity | Risk | Rule | Location | Message | Gate |")?;
        writeln!(w, "| --- | ---: | --- | --- | --- | --- |")?;
        for finding in report.active().take(MAX_ROWS) {
            let location = if finding.location.path.is_empty() {
                String::new()
            } else {
                format!(
                    "{}:{}",
                    finding.location.path, finding.location.span.start_line
                )
            };
            let message = if finding.message.trim().is_empty() {
                &finding.title
            } else {
                &finding.message
            };
            let risk = finding
                .risk
                .as_ref()
                .map_or_else(String::new, |r| r.score.to_string());
            let gate = blocking
                .get(finding.fingerprint.primary.as_str())
                .map_or_else(String::new, |reason| format!("🚫 {}", cell(reason)));
            writeln!(
                w,
                "| {} {} | {risk} | {} | {} | {} | {gate} |",
                severity_icon(finding.severity),
                finding.severity,
                code(&finding.rule_id),
                code(&location),
                cell(message)
            )?;
        }
        if total > MAX_ROWS {
            writeln!(w)?;
            writeln!(
                w,
                "_… and {} more. The full list is in the JSON or SARIF report._",
                total - MAX_ROWS
            )?;
        }
        writeln!(w)?;
    }

    write_notices(&mut w, report)?;
    write_completeness(&mut w, report)?;

    let engines = if report.tool.engines.is_empty() {
        "none".to_owned()
    } else {
        report.tool.engines.join(", ")
    };
    writeln!(
        w,
        "<sub>{} {} · engines: {} · {}</sub>",
        inline(&report.tool.name),
        inline(&report.tool.version),
        inline(&engines),
        text::duration(report.duration_ms)
    )?;
    w.flush()
}

/// What is not counted in the table: new versus already in the baseline, and the other
/// suppressions by kind.
fn write_suppressed(w: &mut dyn Write, report: &ScanReport, suppressed: usize) -> io::Result<()> {
    if suppressed == 0 {
        return Ok(());
    }
    let of_kind = |kind: SuppressionKind| {
        report
            .findings
            .iter()
            .filter(|f| f.suppressed.as_ref().is_some_and(|s| s.kind == kind))
            .count()
    };
    let baseline = of_kind(SuppressionKind::Baseline);
    if baseline > 0 {
        writeln!(
            w,
            "**New: {}** not in the baseline · {} already in the baseline (not counted above).",
            report.active().count(),
            baseline
        )?;
        writeln!(w)?;
    }
    let mut parts = Vec::new();
    for (kind, label) in [
        (SuppressionKind::Inline, "by inline comments"),
        (SuppressionKind::IgnoreFile, "by the ignore file"),
        (
            SuppressionKind::Unchanged,
            "on lines not changed in this diff",
        ),
        (SuppressionKind::Vex, "by VEX statements"),
    ] {
        let n = of_kind(kind);
        if n > 0 {
            parts.push(format!("{n} {label}"));
        }
    }
    if !parts.is_empty() {
        writeln!(w, "Suppressed (not counted above): {}.", parts.join(", "))?;
        writeln!(w)?;
    }
    Ok(())
}

/// The riskiest findings first, with their fix hints.
fn write_top_risks(w: &mut dyn Write, report: &ScanReport) -> io::Result<()> {
    let mut ranked: Vec<&ward_core::Finding> =
        report.active().filter(|f| f.risk.is_some()).collect();
    if ranked.is_empty() {
        return Ok(());
    }
    ranked.sort_by_key(|f| std::cmp::Reverse(f.risk.as_ref().map_or(0, |r| r.score)));
    writeln!(w, "### Top risks")?;
    writeln!(w)?;
    for finding in ranked.into_iter().take(TOP_RISKS) {
        let score = finding.risk.as_ref().map_or(0, |r| r.score);
        let fix = text::fix_hint(report, finding)
            .map(|hint| format!(" — fix: {}", inline(hint)))
            .unwrap_or_default();
        writeln!(
            w,
            "1. **{score}** {} at {}{fix}",
            code(&finding.rule_id),
            code(&format!(
                "{}:{}",
                finding.location.path, finding.location.span.start_line
            )),
        )?;
    }
    writeln!(w)
}

fn write_notices(w: &mut dyn Write, report: &ScanReport) -> io::Result<()> {
    if report.notices.is_empty() {
        return Ok(());
    }
    writeln!(w, "**Policy notices**")?;
    writeln!(w)?;
    for notice in &report.notices {
        let source = notice
            .source
            .as_deref()
            .map(|s| format!("`{}`: ", inline(s)))
            .unwrap_or_default();
        writeln!(w, "- {source}{}", inline(&notice.message))?;
    }
    writeln!(w)
}

fn write_completeness(w: &mut dyn Write, report: &ScanReport) -> io::Result<()> {
    let completeness = &report.completeness;
    let skipped = completeness.skipped_total();
    writeln!(
        w,
        "<details><summary>Scan coverage: {} of {} files scanned, {} skipped, {}</summary>",
        completeness.files_scanned,
        completeness.files_seen,
        skipped,
        text::count(completeness.errors.len(), "error", "errors")
    )?;
    writeln!(w)?;
    writeln!(w, "- Files seen: {}", completeness.files_seen)?;
    writeln!(
        w,
        "- Files scanned: {} ({})",
        completeness.files_scanned,
        text::bytes(completeness.bytes_scanned)
    )?;
    if skipped == 0 {
        writeln!(w, "- Files skipped: 0")?;
    } else {
        writeln!(
            w,
            "- Files skipped: {skipped} ({})",
            text::skipped_by_reason(completeness)
        )?;
    }
    let errors = &completeness.errors;
    writeln!(w, "- Errors: {}", errors.len())?;
    for error in errors.iter().take(MAX_ERRORS) {
        let place = match (&error.path, error.line) {
            (Some(path), Some(line)) => format!("{path}:{line}"),
            (Some(path), None) => path.clone(),
            (None, _) => String::new(),
        };
        let engine = error
            .engine
            .as_deref()
            .map_or_else(String::new, |engine| format!("[{}] ", inline(engine)));
        if place.is_empty() {
            writeln!(w, "  - {engine}{}", inline(&error.message))?;
        } else {
            writeln!(
                w,
                "  - {}: {engine}{}",
                code(&place),
                inline(&error.message)
            )?;
        }
    }
    if errors.len() > MAX_ERRORS {
        writeln!(
            w,
            "  - … and {} more (see the JSON report)",
            errors.len() - MAX_ERRORS
        )?;
    }
    writeln!(w)?;
    writeln!(w, "</details>")?;
    writeln!(w)
}

fn severity_icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "🟥",
        Severity::High => "🟧",
        Severity::Medium => "🟨",
        Severity::Low => "🟦",
        Severity::Info => "⬜",
    }
}

/// Text made safe for one line of Markdown, and for a table cell: control characters and line
/// breaks become spaces, Markdown and HTML syntax is escaped (a message could otherwise close
/// the `<details>` block, inject a link or break the table with `|`).
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in text::one_line(s).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A table cell of text, cut to a readable length.
fn cell(s: &str) -> String {
    inline(&text::truncate_cells(&text::one_line(s), MAX_CELL))
}

/// An inline code span. Backticks cannot be escaped inside one, so the fence is made longer
/// than any run of backticks in the text; `|` still needs its backslash inside a table.
fn code(s: &str) -> String {
    let s = text::truncate_cells(&text::one_line(s), MAX_CELL);
    if s.is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", s.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_the_page() {
        assert_eq!(inline("a|b\nc"), "a\\|b c");
        assert_eq!(inline("</details>"), "\\</details\\>");
        assert_eq!(code("src/a|b.py:3"), "`src/a\\|b.py:3`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code(""), "");
    }
}
