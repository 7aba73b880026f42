//! GitHub Actions workflow commands (`::error file=…,line=…::message`): printed by a step, each
//! becomes an annotation on the file and line in the pull request.
//!
//! Levels: critical and high are `error`, medium `warning`, low and info `notice`. Suppressed
//! findings are not annotated. Incomplete-scan errors and policy notices are annotated too, so a
//! partial scan is visible on the PR.

use std::io::{self, Write};

use ward_core::{Finding, ScanReport, Severity};

/// Escapes a property value (`file`, `title`): `%`, CR, LF, `:` and `,` are encoded.
fn property(value: &str) -> String {
    data(value).replace(':', "%3A").replace(',', "%2C")
}

/// Longest message kept: annotations are for people, and a minified line is not.
const MAX_MESSAGE_CHARS: usize = 2_000;

/// Escapes a message: `%`, CR and LF are encoded; other control characters (ESC and friends)
/// become U+FFFD so they cannot reach the log viewer raw; very long text is cut.
fn data(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == MAX_MESSAGE_CHARS {
            out.push('…');
            break;
        }
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() => out.push(crate::text::REPLACEMENT),
            c => out.push(c),
        }
    }
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

fn annotation(finding: &Finding, blocks: Option<&str>) -> String {
    let span = finding.location.span;
    let mut props = vec![format!("file={}", property(&finding.location.path))];
    if span.start_line > 0 {
        props.push(format!("line={}", span.start_line));
        if span.end_line >= span.start_line {
            props.push(format!("endLine={}", span.end_line));
        }
        if span.start_column > 0 && span.end_line == span.start_line {
            props.push(format!("col={}", span.start_column));
            if span.end_column > span.start_column {
                props.push(format!("endColumn={}", span.end_column));
            }
        }
    }
    props.push(format!(
        "title={}",
        property(&format!("{} ({})", finding.title, finding.rule_id))
    ));
    let mut message = finding.message.clone();
    if let Some(reason) = blocks {
        message.push_str("\nBlocks the gate: ");
        message.push_str(reason);
    }
    if let Some(fix) = &finding.remediation {
        message.push_str("\nFix: ");
        message.push_str(fix);
    }
    format!(
        "::{} {}::{}",
        level(finding.severity),
        props.join(","),
        data(&message)
    )
}

pub(crate) fn render(report: &ScanReport, out: &mut dyn Write) -> io::Result<()> {
    let blocking = crate::text::blocking_fingerprints(report);
    for finding in report.active() {
        let blocks = blocking.get(finding.fingerprint.primary.as_str()).copied();
        writeln!(out, "{}", annotation(finding, blocks))?;
    }
    for error in &report.completeness.errors {
        let mut props = Vec::new();
        if let Some(path) = &error.path {
            props.push(format!("file={}", property(path)));
            if let Some(line) = error.line {
                props.push(format!("line={line}"));
            }
        }
        props.push("title=Ward could not scan this".to_owned());
        writeln!(
            out,
            "::warning {}::{}",
            props.join(","),
            data(&error.message)
        )?;
    }
    for notice in &report.notices {
        let text = match &notice.source {
            Some(source) => format!("{source}: {}", notice.message),
            None => notice.message.clone(),
        };
        writeln!(out, "::warning title=Ward policy::{}", data(&text))?;
    }
    let verdict = if report.gate.passed {
        "passed"
    } else {
        "failed"
    };
    writeln!(
        out,
        "::notice title=Ward::{} finding(s), gate {verdict}; {} files scanned",
        report.active().count(),
        report.completeness.files_scanned
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_as_github_requires() {
        assert_eq!(property("a,b:c%\nd"), "a%2Cb%3Ac%25%0Ad");
        assert_eq!(data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
        assert_eq!(data("\u{1b}[31mred"), "\u{FFFD}[31mred");
        assert_eq!(
            data(&"x".repeat(5_000)).chars().count(),
            MAX_MESSAGE_CHARS + 1
        );
    }
}
