//! `github-actions/oidc-token-untrusted-trigger`: oIDC token requested in a workflow that handles outside input.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};
use crate::yaml::Node;

#[derive(Debug)]
pub struct OidcTokenUntrustedTrigger;

static META: Meta = Meta {
    id: "github-actions/oidc-token-untrusted-trigger",
    title: "OIDC token requested in a workflow that handles outside input",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A workflow triggered by `pull_request_target`, `workflow_run` or `issue_comment` \
        grants `id-token: write`, at the workflow or job level.",
    rationale: "These triggers run with the base repository's privileges on events outsiders \
        create; any code or command injection in the job can mint an OIDC token and \
        exchange it for the cloud roles that trust the repository, often deployment \
        roles.",
    remediation: "Request `id-token: write` only in workflows triggered by trusted events (`push` \
        to protected branches, `release`, `workflow_dispatch`), and scope the cloud \
        trust policy to those refs and environments.",
    example: "on: pull_request_target\npermissions:\n  id-token: write   # reported",
    cwe: &["CWE-269"],
    checkov: &[],
};

/// The `permissions.id-token` of a workflow or job when it is `write`.
fn id_token_write(node: &Node) -> Option<&Node> {
    node.path(&["permissions", "id-token"])
        .filter(|p| p.as_str() == Some("write"))
}

impl WorkflowCheck for OidcTokenUntrustedTrigger {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        let Some(trigger) =
            workflow.trigger_among(&["pull_request_target", "workflow_run", "issue_comment"])
        else {
            return;
        };
        if let Some(node) = id_token_write(workflow.root) {
            sink.report(
                &META,
                node.span,
                &workflow.resource(None),
                "permissions.id-token",
                format!("The workflow, triggered by {trigger}, can request cloud OIDC tokens."),
            );
        }
        for job in &workflow.jobs {
            if let Some(node) = id_token_write(job.node) {
                sink.report(
                    &META,
                    node.span,
                    &workflow.resource(Some(job)),
                    &format!("{}.permissions.id-token", job.path),
                    format!(
                        "Job `{}`, triggered by {trigger}, can request cloud OIDC tokens.",
                        job.id
                    ),
                );
            }
        }
    }
}
