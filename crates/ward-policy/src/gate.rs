use std::fmt;
use std::str::FromStr;

use ward_core::{
    Finding, GateOutcome, GateReason, Notice, NoticeKind, ParseLevelError, Severity,
    SuppressionKind,
};

use crate::policy::{Action, Override, Policy};
use crate::risk::{self, RiskInputs};

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

/// Lifts the inline suppressions (`ward:ignore`, `nosemgrep`, `gitleaks:allow`) that the policy
/// forbids for a class of findings (`policy.forbid_inline`), with a notice each. Run it before
/// the ignore file and the baseline, so that a reviewed ignore entry can still suppress them.
pub fn lift_forbidden_inline(findings: &mut [Finding], policy: &Policy) -> Vec<Notice> {
    let mut notices = Vec::new();
    if policy.forbid_inline.is_empty() {
        return notices;
    }
    for finding in findings.iter_mut() {
        let inline = finding
            .suppressed
            .as_ref()
            .is_some_and(|s| s.kind == SuppressionKind::Inline);
        if !inline {
            continue;
        }
        let inputs = RiskInputs::of(finding);
        if let Some(class) = policy
            .forbid_inline
            .iter()
            .find(|c| c.matches(finding, &inputs))
        {
            finding.suppressed = None;
            notices.push(Notice {
                kind: NoticeKind::ForbiddenInlineSuppression,
                message: format!(
                    "{} at {}:{}: inline suppression is not allowed for `{class}` findings (policy.forbid_inline); record the decision in .ward/ignore.toml with a reason, owner and expiry",
                    finding.rule_id, finding.location.path, finding.location.span.start_line
                ),
                source: Some(format!(
                    "{}:{}",
                    finding.location.path, finding.location.span.start_line
                )),
            });
        }
    }
    notices
}

/// Scores every finding and decides the gate.
///
/// The order of decision for a finding that is not suppressed, first match wins:
/// 1. a `block` class, or an override with `action = "block"`: blocks;
/// 2. a `warn` class, or an override with `action = "warn"`: reported as a warning, never blocks;
/// 3. severity at or above the effective `fail_on`: blocks;
/// 4. risk at or above the effective `fail_on_risk`: blocks.
///
/// The effective thresholds are the global ones, replaced by those of each matching override in
/// file order (the last one wins).
pub fn evaluate(findings: &mut [Finding], policy: &Policy) -> GateOutcome {
    let inputs: Vec<RiskInputs> = findings.iter().map(RiskInputs::of).collect();
    for (finding, inputs) in findings.iter_mut().zip(&inputs) {
        finding.risk = Some(risk::score(inputs, &policy.project));
    }

    let mut blocking = Vec::new();
    let mut warnings = Vec::new();
    for (finding, inputs) in findings
        .iter()
        .zip(&inputs)
        .filter(|(f, _)| f.suppressed.is_none())
    {
        let reason = |text: String| GateReason {
            fingerprint: finding.fingerprint.primary.clone(),
            rule_id: finding.rule_id.clone(),
            reason: text,
        };
        if let Some(class) = policy.block.iter().find(|c| c.matches(finding, inputs)) {
            blocking.push(reason(format!(
                "`{class}` findings always block (policy.block)"
            )));
            continue;
        }
        let matching: Vec<&Override> = policy
            .overrides
            .iter()
            .filter(|o| o.selects(finding))
            .collect();
        let action = matching
            .iter()
            .rev()
            .find_map(|o| o.action.map(|a| (a, *o)));
        if let Some((Action::Block, o)) = action {
            blocking.push(reason(format!("{} blocks its findings", o.describe())));
            continue;
        }
        if let Some(class) = policy.warn.iter().find(|c| c.matches(finding, inputs)) {
            warnings.push(reason(format!(
                "`{class}` findings are warn-only (policy.warn)"
            )));
            continue;
        }
        if let Some((Action::Warn, o)) = action {
            warnings.push(reason(format!(
                "{} makes its findings warn-only",
                o.describe()
            )));
            continue;
        }
        let fail_on = matching
            .iter()
            .rev()
            .find_map(|o| o.fail_on.map(|f| (f, Some(*o))))
            .unwrap_or((policy.fail_on, None));
        if let (FailOn::Severity(threshold), from) = fail_on
            && finding.severity >= threshold
        {
            let origin = from.map_or_else(|| "fail_on".to_owned(), Override::describe);
            blocking.push(reason(format!(
                "severity {} is at or above {threshold} ({origin})",
                finding.severity
            )));
            continue;
        }
        let fail_on_risk = matching
            .iter()
            .rev()
            .find_map(|o| o.fail_on_risk.map(|r| (r, Some(*o))))
            .or(policy.fail_on_risk.map(|r| (r, None)));
        if let (Some((threshold, from)), Some(risk)) = (fail_on_risk, &finding.risk)
            && risk.score >= threshold
        {
            let origin = from.map_or_else(|| "fail_on_risk".to_owned(), Override::describe);
            blocking.push(reason(format!(
                "risk {} is at or above {threshold} ({origin})",
                risk.score
            )));
        }
    }
    GateOutcome {
        fail_on: match policy.fail_on {
            FailOn::Severity(s) => Some(s),
            FailOn::Never => None,
        },
        fail_on_risk: policy.fail_on_risk,
        passed: blocking.is_empty(),
        blocking,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default policy with only `fail_on` set.
    fn gate(findings: &[Finding], fail_on: FailOn) -> GateOutcome {
        let policy = Policy {
            fail_on,
            ..Policy::default()
        };
        evaluate(&mut findings.to_vec(), &policy)
    }
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
            risk: None,
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
            "severity medium is at or above medium (fail_on)"
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
