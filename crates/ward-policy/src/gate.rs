use std::fmt;
use std::str::FromStr;

use ward_core::{Finding, GateOutcome, GateReason, ParseLevelError, Severity};

/// The gate threshold: a severity, or `never` (findings are reported, never fail the run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl Default for FailOn {
    /// By default high and critical findings fail the gate.
    fn default() -> Self {
        FailOn::Severity(Severity::High)
    }
}

impl FromStr for FailOn {
    type Err = ParseLevelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("never") || s.eq_ignore_ascii_case("none") {
            return Ok(FailOn::Never);
        }
        s.parse().map(FailOn::Severity)
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FailOn::Severity(s) => s.fmt(f),
            FailOn::Never => f.write_str("never"),
        }
    }
}

/// Decides whether `findings` pass the gate; every blocking finding carries the reason.
pub fn gate(findings: &[Finding], fail_on: FailOn) -> GateOutcome {
    let threshold = match fail_on {
        FailOn::Severity(s) => Some(s),
        FailOn::Never => None,
    };
    let blocking: Vec<GateReason> = threshold
        .map(|threshold| {
            findings
                .iter()
                // Suppressed findings are reported as such and never block.
                .filter(|f| f.suppressed.is_none() && f.severity >= threshold)
                .map(|f| GateReason {
                    fingerprint: f.fingerprint.primary.clone(),
                    rule_id: f.rule_id.clone(),
                    reason: format!("severity {} is at or above fail-on {threshold}", f.severity),
                })
                .collect()
        })
        .unwrap_or_default();
    GateOutcome {
        fail_on: threshold,
        passed: blocking.is_empty(),
        blocking,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ward_core::{Confidence, Detail, Fingerprint, Location, Span};

    fn finding(severity: Severity) -> Finding {
        Finding {
            rule_id: format!("test/{severity}"),
            engine: "test".into(),
            severity,
            confidence: Confidence::High,
            title: "t".into(),
            message: "m".into(),
            location: Location {
                path: "a.txt".into(),
                span: Span::line(1, 1, 2),
                snippet: None,
            },
            cwe: vec![],
            owasp: vec![],
            remediation: None,
            references: vec![],
            fingerprint: Fingerprint {
                primary: format!("fp-{severity}"),
                content: String::new(),
            },
            detail: Detail::default(),
            suppressed: None,
        }
    }

    #[test]
    fn findings_at_or_above_the_threshold_block_with_a_reason() {
        let findings = [
            finding(Severity::Medium),
            finding(Severity::High),
            finding(Severity::Low),
        ];
        let outcome = gate(&findings, "medium".parse().unwrap());
        assert!(!outcome.passed);
        let blocked: Vec<_> = outcome
            .blocking
            .iter()
            .map(|b| b.rule_id.as_str())
            .collect();
        assert_eq!(blocked, ["test/medium", "test/high"]);
        assert_eq!(
            outcome.blocking[0].reason,
            "severity medium is at or above fail-on medium"
        );
    }

    #[test]
    fn suppressed_findings_never_block() {
        let mut suppressed = finding(Severity::Critical);
        suppressed.suppressed = Some(ward_core::Suppression::inline(None));
        assert!(gate(&[suppressed], FailOn::default()).passed);
    }

    #[test]
    fn below_the_threshold_passes_and_never_always_passes() {
        let findings = [finding(Severity::Medium)];
        assert!(gate(&findings, FailOn::default()).passed);
        let critical = [finding(Severity::Critical)];
        let outcome = gate(&critical, FailOn::Never);
        assert!(outcome.passed);
        assert_eq!(outcome.fail_on, None);
    }
}
