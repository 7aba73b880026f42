//! `github-actions/checkout-persist-credentials`: checkout leaves the token on disk.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};

#[derive(Debug)]
pub struct CheckoutPersistCredentials;

static META: Meta = Meta {
    id: "github-actions/checkout-persist-credentials",
    title: "Checkout persists the token in the working copy",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `actions/checkout` step does not set `persist-credentials: false`.",
    rationale: "By default checkout writes the job's token into `.git/config`, where every later \
        step and tool can read it, and where an uploaded artifact of the workspace carries it \
        out of the job.",
    remediation: "Add `with: {persist-credentials: false}` and give the token explicitly to the \
        one step that pushes, if any.",
    example: "- uses: actions/checkout@<sha>           # reported\n# fixed:\n- uses: actions/checkout@<sha>\n  with:\n    persist-credentials: false",
    cwe: &["CWE-522"],
    checkov: &[],
};

impl WorkflowCheck for CheckoutPersistCredentials {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        for job in &workflow.jobs {
            for step in &job.steps {
                if !step.uses_action("actions/checkout") {
                    continue;
                }
                let setting = step.with("persist-credentials");
                if setting
                    .is_some_and(|s| s.as_bool() == Some(false) || s.as_str() == Some("false"))
                {
                    continue;
                }
                let at = setting
                    .or_else(|| step.node.get("uses"))
                    .unwrap_or(step.node);
                sink.report(
                    &META,
                    at.span,
                    &workflow.resource(Some(job)),
                    &format!("{}.with.persist-credentials", step.path),
                    format!(
                        "Step `{}` leaves the job's token in .git/config.",
                        step.label
                    ),
                );
            }
        }
    }
}
