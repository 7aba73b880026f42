//! `github-actions/missing-permissions`: the token's permissions are left to the default.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};

#[derive(Debug)]
pub struct MissingPermissions;

static META: Meta = Meta {
    id: "github-actions/missing-permissions",
    title: "Workflow does not limit its token's permissions",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A workflow has no top-level `permissions:` and at least one job has none \
        either, so those jobs get the repository's or organisation's default token permissions.",
    rationale: "The default is read-write for repositories created before 2023 and for many \
        organisations. Without an explicit block, a workflow's token can push, release and \
        change issues whatever the job needs, and a later settings change silently widens it.",
    remediation: "Add `permissions: {contents: read}` (or `{}`) at the top of the workflow and \
        grant more per job where needed.",
    example: "on: push\njobs:\n  build:            # reported: no permissions anywhere\n# fixed:\non: push\npermissions:\n  contents: read",
    cwe: &["CWE-276"],
    checkov: &["CKV2_GHA_1"],
};

impl WorkflowCheck for MissingPermissions {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        if workflow.is_action || workflow.root.get("permissions").is_some() {
            return;
        }
        let open: Vec<&str> = workflow
            .jobs
            .iter()
            .filter(|job| job.node.get("permissions").is_none())
            .map(|job| job.id)
            .collect();
        if open.is_empty() {
            return;
        }
        let at = workflow.on_key.map_or(workflow.root.span, |k| k.span);
        sink.report(
            &META,
            at,
            &workflow.resource(None),
            "permissions",
            format!(
                "No permissions block for the workflow or for job(s) {}.",
                open.iter()
                    .map(|j| format!("`{j}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
}
