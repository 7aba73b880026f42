//! Inline suppression comments, shared by every engine.
//!
//! A finding is suppressed when its first line, or the comment line just above it, carries:
//! - `ward:ignore` (every rule) or `ward:ignore[RULE-ID, ...]` (those rules; an id may omit its
//!   `engine/` namespace), optionally followed by a reason;
//! - `gitleaks:allow` (secrets findings only, for users coming from gitleaks);
//! - `nosemgrep` or `nosemgrep: RULE-ID` (SAST findings only, for users coming from Semgrep).

use crate::{Finding, LineIndex, Suppression};

const COMMENT_STARTS: &[&str] = &[
    "#", "//", "--", "/*", "*", ";", "<!--", "%", "'", "rem ", "REM ",
];

fn rule_matches(listed: &str, rule_id: &str) -> bool {
    let listed = listed.trim();
    !listed.is_empty()
        && (listed == rule_id
            || rule_id
                .rsplit_once('/')
                .is_some_and(|(_, short)| short == listed))
}

/// The suppression a line gives a finding, if any.
pub fn suppression_on_line(line: &str, finding: &Finding) -> Option<Suppression> {
    if let Some(pos) = line.find("ward:ignore") {
        let rest = &line[pos + "ward:ignore".len()..];
        let (applies, reason) = if let Some(list) = rest.strip_prefix('[') {
            let end = list.find(']')?;
            let applies = list[..end]
                .split(',')
                .any(|id| rule_matches(id, &finding.rule_id));
            (applies, &list[end + 1..])
        } else {
            (true, rest)
        };
        if applies {
            let reason = reason
                .trim()
                .trim_start_matches([':', '-', '—'])
                .trim()
                .trim_end_matches("*/")
                .trim_end_matches("-->")
                .trim();
            return Some(Suppression::inline(
                (!reason.is_empty()).then(|| reason.to_owned()),
            ));
        }
    }
    if finding.engine == "secrets" && line.contains("gitleaks:allow") {
        return Some(Suppression::inline(Some("gitleaks:allow".to_owned())));
    }
    if finding.engine == "sast"
        && let Some(pos) = line.find("nosemgrep")
    {
        let rest = line[pos + "nosemgrep".len()..].trim_start();
        let applies = match rest.strip_prefix(':') {
            Some(ids) => ids
                .split(|c: char| c == ',' || c.is_whitespace())
                .any(|id| rule_matches(id, &finding.rule_id)),
            None => true,
        };
        if applies {
            return Some(Suppression::inline(Some("nosemgrep".to_owned())));
        }
    }
    None
}

/// Marks the findings of one file that an inline comment suppresses.
pub fn apply_inline(findings: &mut [Finding], text: &[u8]) {
    if memchr::memmem::find(text, b"ward:ignore").is_none()
        && memchr::memmem::find(text, b"gitleaks:allow").is_none()
        && memchr::memmem::find(text, b"nosemgrep").is_none()
    {
        return;
    }
    let index = LineIndex::new(text);
    for finding in findings.iter_mut().filter(|f| f.suppressed.is_none()) {
        let line_no = finding.location.span.start_line;
        let line = String::from_utf8_lossy(index.line_text(line_no));
        let mut suppression = suppression_on_line(&line, finding);
        if suppression.is_none() && line_no > 1 {
            let above = String::from_utf8_lossy(index.line_text(line_no - 1));
            let trimmed = above.trim_start();
            if COMMENT_STARTS.iter().any(|c| trimmed.starts_with(c)) {
                suppression = suppression_on_line(trimmed, finding);
            }
        }
        finding.suppressed = suppression;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Confidence, Detail, Fingerprint, Location, Severity, Span};

    fn finding(engine: &str, rule: &str, line: u32) -> Finding {
        Finding {
            rule_id: rule.into(),
            engine: engine.into(),
            severity: Severity::High,
            confidence: Confidence::High,
            title: String::new(),
            message: String::new(),
            location: Location {
                path: "a".into(),
                span: Span::line(line, 1, 2),
                snippet: None,
            },
            cwe: vec![],
            owasp: vec![],
            remediation: None,
            references: vec![],
            fingerprint: Fingerprint::default(),
            detail: Detail::default(),
            suppressed: None,
            risk: None,
        }
    }

    fn suppressed(text: &str, engine: &str, rule: &str, line: u32) -> Option<Suppression> {
        let mut findings = [finding(engine, rule, line)];
        apply_inline(&mut findings, text.as_bytes());
        findings[0].suppressed.clone()
    }

    #[test]
    fn ward_ignore_on_the_line_with_a_reason() {
        let s = suppressed(
            "key = 'x'  # ward:ignore test fixture key\n",
            "secrets",
            "secrets/a",
            1,
        )
        .unwrap();
        assert_eq!(s.justification.as_deref(), Some("test fixture key"));
    }

    #[test]
    fn ward_ignore_with_rule_ids_only_suppresses_those() {
        let text = "x = 1 // ward:ignore[secrets/a, b] reviewed\n";
        assert!(suppressed(text, "secrets", "secrets/a", 1).is_some());
        assert!(suppressed(text, "secrets", "secrets/b", 1).is_some());
        assert!(suppressed(text, "secrets", "secrets/c", 1).is_none());
    }

    #[test]
    fn a_comment_line_above_suppresses() {
        let text = "    # ward:ignore[secrets/a] rotated in 2024\n    key = 'x'\n";
        assert!(suppressed(text, "secrets", "secrets/a", 2).is_some());
        // Code above (not a comment) does not suppress the next line.
        let text = "call() # ward:ignore\nkey = 'x'\n";
        assert!(suppressed(text, "secrets", "secrets/a", 2).is_none());
    }

    #[test]
    fn migration_markers_apply_to_their_engine_only() {
        assert!(suppressed("k = 'x' # gitleaks:allow\n", "secrets", "secrets/a", 1).is_some());
        assert!(suppressed("k = 'x' # gitleaks:allow\n", "sast", "python/a", 1).is_none());
        assert!(suppressed("eval(x) # nosemgrep\n", "sast", "python/eval", 1).is_some());
        assert!(
            suppressed(
                "eval(x) # nosemgrep: python/other\n",
                "sast",
                "python/eval",
                1
            )
            .is_none()
        );
        assert!(suppressed("eval(x) # nosemgrep: eval\n", "sast", "python/eval", 1).is_some());
    }
}
