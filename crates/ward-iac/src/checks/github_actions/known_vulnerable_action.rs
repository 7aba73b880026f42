//! `github-actions/known-vulnerable-action`: workflow uses an action version with a known compromise or vulnerability.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};

#[derive(Debug)]
pub struct KnownVulnerableAction;

static META: Meta = Meta {
    id: "github-actions/known-vulnerable-action",
    title: "Workflow uses an action version with a known compromise or vulnerability",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A step uses, by tag, a version of an action with a published advisory: \
        `tj-actions/changed-files` before v46.0.1 (CVE-2025-30066, supply-chain \
        compromise that dumped secrets into logs; before v41 also CVE-2023-51664, command \
        injection) or \
        `tj-actions/branch-names` before v7.0.7 (CVE-2023-49291, command injection).",
    rationale: "These versions leak the job's secrets or let a branch or file name run commands \
        in the job.",
    remediation: "Upgrade to a fixed version pinned by commit SHA, or replace the action (e.g. \
        with a `git diff --name-only` step).",
    example: "- uses: tj-actions/changed-files@v45   # reported\n# fixed:\n- uses: tj-actions/changed-files@<40-hex sha> # v46.0.5",
    cwe: &["CWE-1395"],
    checkov: &[],
};

/// Advisories of actions: name, first fixed version, advisory.
const VULNERABLE: &[(&str, (u32, u32, u32), &str)] = &[
    ("tj-actions/changed-files", (41, 0, 0), "CVE-2023-51664"),
    ("tj-actions/changed-files", (46, 0, 1), "CVE-2025-30066"),
    ("tj-actions/branch-names", (7, 0, 7), "CVE-2023-49291"),
];

/// A version tag (`v45`, `v7.0.2`, `44.5.1`); `None` for branches and commit SHAs.
fn parse_version(reference: &str) -> Option<(u32, u32, u32)> {
    let text = reference.strip_prefix('v').unwrap_or(reference);
    let mut parts = text.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().map_or(Some(0), |p| p.parse().ok())?;
    let patch = parts.next().map_or(Some(0), |p| p.parse().ok())?;
    if parts.next().is_some() {
        return None;
    }
    Some((major, minor, patch))
}

impl WorkflowCheck for KnownVulnerableAction {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        for job in &workflow.jobs {
            for step in &job.steps {
                let Some(node) = step.node.get("uses") else {
                    continue;
                };
                let Some((name, reference)) = node.as_str().and_then(|u| u.split_once('@')) else {
                    continue;
                };
                let Some(version) = parse_version(reference) else {
                    continue;
                };
                let matching: Vec<_> = VULNERABLE
                    .iter()
                    .filter(|(action, fixed, _)| {
                        action.eq_ignore_ascii_case(name) && version < *fixed
                    })
                    .collect();
                let Some(fixed) = matching.iter().map(|(_, fixed, _)| *fixed).max() else {
                    continue;
                };
                let advisory = matching
                    .iter()
                    .map(|(_, _, advisory)| *advisory)
                    .collect::<Vec<_>>()
                    .join(", ");
                sink.report(
                    &META,
                    node.span,
                    &workflow.resource(Some(job)),
                    &format!("{}.uses", step.path),
                    format!(
                        "Step `{}` uses {name}@{reference}, affected by {advisory} (fixed in v{}.{}.{}).",
                        step.label, fixed.0, fixed.1, fixed.2
                    ),
                );
            }
        }
    }
}
