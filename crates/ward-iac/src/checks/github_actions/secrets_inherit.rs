//! `github-actions/secrets-inherit`: a reusable workflow gets every secret.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};

#[derive(Debug)]
pub struct SecretsInherit;

static META: Meta = Meta {
    id: "github-actions/secrets-inherit",
    title: "Reusable workflow called with `secrets: inherit`",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A job calling a reusable workflow passes `secrets: inherit`.",
    rationale: "Every secret of the caller, present and future, is handed to the called \
        workflow, whatever it needs: a compromise of that workflow, or of any action it uses, \
        exposes all of them.",
    remediation: "Pass the secrets the called workflow declares, by name: \
        `secrets: {NPM_TOKEN: ${{ secrets.NPM_TOKEN }}}`.",
    example: "jobs:\n  release:\n    uses: org/shared/.github/workflows/release.yml@<sha>\n    secrets: inherit          # reported",
    cwe: &["CWE-200"],
    checkov: &[],
};

impl WorkflowCheck for SecretsInherit {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        for job in &workflow.jobs {
            if let Some(node) = job.node.get("secrets")
                && node.as_str() == Some("inherit")
            {
                sink.report(
                    &META,
                    node.span,
                    &workflow.resource(Some(job)),
                    &format!("{}.secrets", job.path),
                    format!(
                        "Job `{}` passes every secret to the workflow it calls.",
                        job.id
                    ),
                );
            }
        }
    }
}
