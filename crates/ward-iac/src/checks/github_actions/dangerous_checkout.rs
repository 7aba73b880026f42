//! `github-actions/dangerous-checkout`: a privileged trigger checks out untrusted code.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};

#[derive(Debug)]
pub struct DangerousCheckout;

static META: Meta = Meta {
    id: "github-actions/dangerous-checkout",
    title: "Privileged workflow checks out the pull request's code",
    severity: Severity::Critical,
    confidence: Confidence::Medium,
    description: "A workflow triggered by `pull_request_target` or `workflow_run` checks out the \
        pull request's head (`ref: ${{ github.event.pull_request.head.sha }}`, \
        `github.head_ref`, `refs/pull/...`, `github.event.workflow_run.head_sha`).",
    rationale: "These triggers run in the base repository's context, with its secrets and a \
        token that can write. Checking out the fork's code and then building, testing or even \
        installing it runs the attacker's code with those privileges (a \"pwn request\").",
    remediation: "Run untrusted code only under `pull_request` (no secrets, read-only token). If \
        a privileged step must follow, pass artifacts from the unprivileged run and treat them \
        as data, never as code.",
    example: "on: pull_request_target\njobs:\n  test:\n    steps:\n      - uses: actions/checkout@<sha>\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}   # reported\n      - run: npm test",
    cwe: &["CWE-829"],
    checkov: &[],
};

fn is_untrusted_ref(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    [
        "github.event.pull_request.head.sha",
        "github.event.pull_request.head.ref",
        "github.event.pull_request.merge_commit_sha",
        "github.head_ref",
        "github.event.workflow_run.head_sha",
        "github.event.workflow_run.head_branch",
        "github.event.workflow_run.head_commit.id",
        "refs/pull/",
    ]
    .iter()
    .any(|needle| compact.contains(needle))
}

impl WorkflowCheck for DangerousCheckout {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        if !workflow.triggered_by(&["pull_request_target", "workflow_run"]) {
            return;
        }
        for job in &workflow.jobs {
            for step in &job.steps {
                if !step.uses_action("actions/checkout") {
                    continue;
                }
                let Some(reference) = step.with("ref") else {
                    continue;
                };
                if reference.as_str().is_some_and(is_untrusted_ref) {
                    sink.report(
                        &META,
                        reference.span,
                        &workflow.resource(Some(job)),
                        &format!("{}.with.ref", step.path),
                        format!(
                            "Step `{}` checks out the pull request's code in a {} workflow.",
                            step.label,
                            workflow
                                .triggers
                                .iter()
                                .find(|t| *t == "pull_request_target" || *t == "workflow_run")
                                .map_or("privileged", String::as_str)
                        ),
                    );
                }
            }
        }
    }
}
