//! `github-actions/excessive-permissions`: the token gets every write permission.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};

#[derive(Debug)]
pub struct ExcessivePermissions;

static META: Meta = Meta {
    id: "github-actions/excessive-permissions",
    title: "Workflow token has write-all permissions",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A workflow or job sets `permissions: write-all`.",
    rationale: "Every step, and every action it uses, receives a token that can push code, \
        create releases, change issues and pull requests, and publish packages. One compromised \
        dependency or one injection then reaches the repository itself.",
    remediation: "Set `permissions: {}` or `contents: read` at the top of the workflow and grant \
        each job only the scopes it uses (`pull-requests: write`, `id-token: write`, ...).",
    example: "permissions: write-all        # reported\n# fixed:\npermissions:\n  contents: read",
    cwe: &["CWE-250"],
    checkov: &["CKV2_GHA_1"],
};

impl WorkflowCheck for ExcessivePermissions {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        if workflow.is_action {
            return;
        }
        if let Some(node) = workflow.root.get("permissions")
            && node.as_str() == Some("write-all")
        {
            sink.report(
                &META,
                node.span,
                &workflow.resource(None),
                "permissions",
                "The workflow's token has write-all permissions.",
            );
        }
        for job in &workflow.jobs {
            if let Some(node) = job.node.get("permissions")
                && node.as_str() == Some("write-all")
            {
                sink.report(
                    &META,
                    node.span,
                    &workflow.resource(Some(job)),
                    &format!("{}.permissions", job.path),
                    format!("Job `{}` has a write-all token.", job.id),
                );
            }
        }
    }
}
