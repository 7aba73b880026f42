//! Text helpers shared by the human-readable renderers.

use std::collections::BTreeMap;

use ward_core::{Completeness, Finding, ScanReport};

/// Whether a character would change how a terminal or editor shows the text around it: C0 and
/// C1 controls (ESC starts colour and cursor sequences) and the bidirectional overrides that
/// make code read differently from how it runs ("Trojan Source").
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Shown in place of a character that must not reach the terminal as is.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// Makes a message safe to print on one line: line breaks and tabs become spaces, other control
/// characters become U+FFFD.
pub(crate) fn one_line(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if is_unsafe(c) => REPLACEMENT,
            c => c,
        })
        .collect()
}

/// How a snippet character is drawn: the text and the terminal cells it takes.
pub(crate) fn display_char(c: char) -> (Glyph, usize) {
    match c {
        // A tab as four spaces keeps indentation readable and the caret arithmetic simple.
        '\t' => (Glyph::Tab, 4),
        c if is_unsafe(c) => (Glyph::Char(REPLACEMENT), 1),
        c => (Glyph::Char(c), char_cells(c)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Glyph {
    Tab,
    Char(char),
}

impl Glyph {
    pub(crate) fn push_to(self, out: &mut String) {
        match self {
            Glyph::Tab => out.push_str("    "),
            Glyph::Char(c) => out.push(c),
        }
    }
}

/// Terminal cells a character takes: 0 for combining marks and zero-width characters, 2 for
/// East Asian wide characters and emoji, 1 otherwise. An approximation of Unicode's East Asian
/// Width that covers what source code holds, without a table crate.
pub(crate) fn char_cells(c: char) -> usize {
    match u32::from(c) {
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x200B..=0x200D
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Terminal cells a string takes.
pub(crate) fn str_cells(s: &str) -> usize {
    s.chars().map(char_cells).sum()
}

/// Cuts `s` to at most `max` terminal cells, ending with `…` when something was cut. Cuts only
/// between characters.
pub(crate) fn truncate_cells(s: &str, max: usize) -> String {
    if str_cells(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cells = char_cells(c);
        if used + cells + 1 > max {
            break;
        }
        out.push(c);
        used += cells;
    }
    out.push('…');
    out
}

/// `1 finding`, `2 findings`.
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// `2 binary, 1 too-large`: skipped files per reason, in the order of [`ward_core::SkipReason`].
pub(crate) fn skipped_by_reason(completeness: &Completeness) -> String {
    completeness
        .skipped
        .iter()
        .filter(|&(_, &n)| n > 0)
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `850ms`, `1.23s`, `2m 05s`.
pub(crate) fn duration(ms: u64) -> String {
    if ms < 1_000 {
        format!("{ms}ms")
    } else if ms < 60_000 {
        format!("{}.{:02}s", ms / 1_000, (ms % 1_000) / 10)
    } else {
        let secs = ms / 1_000;
        format!("{}m {:02}s", secs / 60, secs % 60)
    }
}

/// `512 B`, `12.1 KiB`, `3.4 MiB`.
pub(crate) fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The fingerprints of the findings that block the gate, each with the reason.
pub(crate) fn blocking_fingerprints(report: &ScanReport) -> BTreeMap<&str, &str> {
    report
        .gate
        .blocking
        .iter()
        .map(|reason| (reason.fingerprint.as_str(), reason.reason.as_str()))
        .collect()
}

/// The one-line fix hint of a finding: its own remediation, else its rule's, first line only.
pub(crate) fn fix_hint<'a>(report: &'a ScanReport, finding: &'a Finding) -> Option<&'a str> {
    let text = finding
        .remediation
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            report
                .rule(&finding.rule_id)
                .map(|rule| rule.remediation.as_str())
        })?;
    text.lines().map(str::trim).find(|line| !line.is_empty())
}

/// The gate's verdict after the pass/fail word: `— 2 blocking findings (fail-on: high)`, or
/// just `(fail-on: high)` when no finding blocks.
pub(crate) fn gate_detail(report: &ScanReport) -> String {
    let gate = &report.gate;
    let mut fail_on = gate
        .fail_on
        .map_or_else(|| "fail-on: none".to_owned(), |s| format!("fail-on: {s}"));
    if let Some(risk) = gate.fail_on_risk {
        fail_on.push_str(", fail-on-risk: ");
        fail_on.push_str(&risk.to_string());
    }
    if gate.passed || gate.blocking.is_empty() {
        format!("({fail_on})")
    } else {
        format!(
            "— {} ({fail_on})",
            count(gate.blocking.len(), "blocking finding", "blocking findings")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_removes_controls() {
        assert_eq!(
            one_line(" a\nb\tc\u{1b}[31m\u{202E} "),
            "a b c\u{FFFD}[31m\u{FFFD}"
        );
    }

    #[test]
    fn truncation_respects_character_boundaries_and_width() {
        assert_eq!(truncate_cells("héllo", 10), "héllo");
        assert_eq!(truncate_cells("héllo wörld", 5), "héll…");
        assert_eq!(truncate_cells("日本語テキスト", 5), "日本…");
        assert_eq!(truncate_cells("abc", 0), "…");
    }

    #[test]
    fn durations_and_sizes() {
        assert_eq!(duration(0), "0ms");
        assert_eq!(duration(1_234), "1.23s");
        assert_eq!(duration(125_000), "2m 05s");
        assert_eq!(bytes(10), "10 B");
        assert_eq!(bytes(123_456), "120.6 KiB");
        assert_eq!(bytes(u64::MAX), "16777216.0 TiB");
    }
}
