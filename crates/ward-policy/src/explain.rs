//! `ward policy explain`: the effective policy in words, in the order the gate applies it.

use std::io::{self, Write};

use crate::gate::FailOn;
use crate::policy::{Class, Policy};
use crate::risk;

fn list(classes: &[Class]) -> String {
    if classes.is_empty() {
        "(none)".to_owned()
    } else {
        classes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Writes the policy; `source` says where it came from (a file, or the defaults).
pub fn explain(policy: &Policy, source: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Policy from {source}")?;
    writeln!(out)?;
    writeln!(
        out,
        "Gate: for each finding that is not suppressed, the first rule that matches decides."
    )?;
    writeln!(
        out,
        "  1. always block (policy.block):             {}",
        list(&policy.block)
    )?;
    let block_overrides: Vec<String> = policy
        .overrides
        .iter()
        .filter(|o| o.action == Some(crate::Action::Block))
        .map(crate::Override::describe)
        .collect();
    writeln!(
        out,
        "  2. overrides with action = \"block\":         {}",
        if block_overrides.is_empty() {
            "(none)".to_owned()
        } else {
            block_overrides.join("; ")
        }
    )?;
    writeln!(
        out,
        "  3. warn only (policy.warn; overrides with action = \"warn\"): {}",
        list(&policy.warn)
    )?;
    let fail_on = match policy.fail_on {
        FailOn::Severity(s) => format!("severity {s} or above"),
        FailOn::Never => "never (no severity fails)".to_owned(),
    };
    writeln!(
        out,
        "  4. fail_on:                                {fail_on}"
    )?;
    let risk_line = policy.fail_on_risk.map_or_else(
        || "not set".to_owned(),
        |r| format!("risk score {r} or above"),
    );
    writeln!(
        out,
        "  5. fail_on_risk:                           {risk_line}"
    )?;
    writeln!(out)?;
    if policy.overrides.is_empty() {
        writeln!(out, "Overrides: none")?;
    } else {
        writeln!(
            out,
            "Overrides (replace 4 and 5 for the findings they select; the last matching one wins):"
        )?;
        for o in &policy.overrides {
            let mut effects = Vec::new();
            if let Some(f) = o.fail_on {
                effects.push(format!("fail_on {f}"));
            }
            if let Some(r) = o.fail_on_risk {
                effects.push(format!("fail_on_risk {r}"));
            }
            if let Some(a) = o.action {
                effects.push(format!("action {a}"));
            }
            if effects.is_empty() {
                effects.push("no effect".to_owned());
            }
            writeln!(out, "  {} -> {}", o.describe(), effects.join(", "))?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Inline suppressions (ward:ignore, nosemgrep, gitleaks:allow) are not honoured for: {}",
        list(&policy.forbid_inline)
    )?;
    writeln!(
        out,
        "Suppressions from .ward/ignore.toml and baselines never block; expired entries do not suppress."
    )?;
    writeln!(out)?;
    let project = &policy.project;
    writeln!(
        out,
        "Project: criticality {}, exposure {} (context factor {:.2})",
        project.criticality,
        project.exposure,
        risk::context_factor(project)
    )?;
    writeln!(
        out,
        "Risk score = clamp(round((base × confidence × reachability + exploit + fix) × context), 0, 100)"
    )?;
    writeln!(
        out,
        "  base:         CVSS base score × 10, else by severity: critical 90, high 70, medium 45, low 20, info 5"
    )?;
    writeln!(out, "  confidence:   high 1.0, medium 0.85, low 0.6")?;
    writeln!(
        out,
        "  reachability: reachable 1.15, not reachable 0.5, unknown 1.0"
    )?;
    writeln!(
        out,
        "  exploit:      20 when listed in CISA KEV, else 20 × EPSS probability"
    )?;
    writeln!(out, "  fix:          5 when a fixed version exists")?;
    writeln!(
        out,
        "  context:      criticality (low 0.8, medium 1.0, high 1.1, critical 1.2) × exposure (internal 0.9, unspecified 1.0, internet 1.1)"
    )?;
    writeln!(out, "See docs/RISK.md for worked examples.")
}
