//! `github-actions/artifact-poisoning`: `workflow_run` job runs code after downloading the triggering run's artifacts.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};

#[derive(Debug)]
pub struct ArtifactPoisoning;

static META: Meta = Meta {
    id: "github-actions/artifact-poisoning",
    title: "workflow_run job runs code after downloading the triggering run's artifacts",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "A workflow triggered by `workflow_run` downloads artifacts of another run \
        (`actions/download-artifact` with `run-id`, or \
        `dawidd6/action-download-artifact`) and a later step of the same job runs \
        commands or a local action.",
    rationale: "The triggering run may come from a fork's pull request, so its artifacts are \
        attacker-made: unpacked into the workspace they can overwrite scripts, \
        configuration or `node_modules` that the privileged job then executes with its \
        write token and secrets.",
    remediation: "Treat artifacts as data: extract them into `${{ runner.temp }}`, validate their \
        content, and never execute or source anything from them; keep build steps in the \
        unprivileged `pull_request` workflow.",
    example: "on: workflow_run\n...\n  - uses: actions/download-artifact@v4\n    with:\n      run-id: ${{ github.event.workflow_run.id }}   # reported\n  - run: ./scripts/publish.sh",
    cwe: &["CWE-829"],
    checkov: &[],
};

impl WorkflowCheck for ArtifactPoisoning {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        if !workflow.triggered_by(&["workflow_run"]) {
            return;
        }
        for job in &workflow.jobs {
            for (i, step) in job.steps.iter().enumerate() {
                let foreign = (step.uses_action("actions/download-artifact")
                    && step.with("run-id").is_some())
                    || step.uses_action("dawidd6/action-download-artifact");
                if !foreign {
                    continue;
                }
                let runs_code = job.steps[i + 1..].iter().any(|later| {
                    later.node.get("run").is_some()
                        || later.uses().is_some_and(|u| u.starts_with("./"))
                });
                if !runs_code {
                    continue;
                }
                let at = step.node.get("uses").unwrap_or(step.node);
                sink.report(
                    &META,
                    at.span,
                    &workflow.resource(Some(job)),
                    &format!("{}.uses", step.path),
                    format!(
                        "Step `{}` downloads another run's artifacts, then the job runs code.",
                        step.label
                    ),
                );
            }
        }
    }
}
