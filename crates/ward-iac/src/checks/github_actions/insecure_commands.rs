//! `github-actions/insecure-commands`: the deprecated `set-env`/`add-path` commands are enabled.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};
use crate::yaml::Node;

#[derive(Debug)]
pub struct InsecureCommands;

static META: Meta = Meta {
    id: "github-actions/insecure-commands",
    title: "Insecure workflow commands enabled",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `env:` block (workflow, job or step) sets `ACTIONS_ALLOW_UNSECURE_COMMANDS` \
        to true.",
    rationale: "It re-enables the `set-env` and `add-path` log commands, disabled because any \
        text printed to the log (a file's content, an issue title) could then set environment \
        variables such as `LD_PRELOAD` or `NODE_OPTIONS` and take over later steps.",
    remediation: "Remove the variable and write to `$GITHUB_ENV` and `$GITHUB_PATH` instead.",
    example: "env:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: true   # reported",
    cwe: &["CWE-77"],
    checkov: &["CKV_GHA_1"],
};

fn enabled(env: Option<&Node>) -> Option<&Node> {
    let value = env?.get("ACTIONS_ALLOW_UNSECURE_COMMANDS")?;
    (value.is_true()
        || value
            .as_str()
            .is_some_and(|s| s.eq_ignore_ascii_case("true")))
    .then_some(value)
}

impl WorkflowCheck for InsecureCommands {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        if let Some(value) = enabled(workflow.root.get("env")) {
            sink.report(
                &META,
                value.span,
                &workflow.resource(None),
                "env.ACTIONS_ALLOW_UNSECURE_COMMANDS",
                "The workflow enables insecure commands.",
            );
        }
        for job in &workflow.jobs {
            if let Some(value) = enabled(job.node.get("env")) {
                sink.report(
                    &META,
                    value.span,
                    &workflow.resource(Some(job)),
                    &format!("{}.env.ACTIONS_ALLOW_UNSECURE_COMMANDS", job.path),
                    format!("Job `{}` enables insecure commands.", job.id),
                );
            }
            for step in &job.steps {
                if let Some(value) = enabled(step.node.get("env")) {
                    sink.report(
                        &META,
                        value.span,
                        &workflow.resource(Some(job)),
                        &format!("{}.env.ACTIONS_ALLOW_UNSECURE_COMMANDS", step.path),
                        format!("Step `{}` enables insecure commands.", step.label),
                    );
                }
            }
        }
    }
}
