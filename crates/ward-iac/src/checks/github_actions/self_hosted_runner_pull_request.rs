//! `github-actions/self-hosted-runner-pull-request`: pull requests run on a self-hosted runner.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};
use crate::yaml::Node;

#[derive(Debug)]
pub struct SelfHostedRunnerPullRequest;

static META: Meta = Meta {
    id: "github-actions/self-hosted-runner-pull-request",
    title: "Pull requests run on a self-hosted runner",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "A workflow triggered by `pull_request` or `pull_request_target` runs a job on \
        a runner labelled `self-hosted`. In a public repository any fork's pull request can then \
        run code on that machine.",
    rationale: "Self-hosted runners are not wiped between jobs: code from a stranger's pull \
        request can persist on the machine, read later jobs' secrets, and reach the network the \
        runner sits in.",
    remediation: "Run pull request jobs on GitHub-hosted or ephemeral runners; in a public \
        repository require approval for fork workflows and keep self-hosted runners for \
        trusted events (`push` to protected branches).",
    example: "on: pull_request\njobs:\n  test:\n    runs-on: [self-hosted, linux]     # reported",
    cwe: &["CWE-829"],
    checkov: &[],
};

fn is_self_hosted(node: &Node) -> bool {
    node.as_str() == Some("self-hosted")
        || node
            .as_seq()
            .iter()
            .any(|n| n.as_str() == Some("self-hosted"))
        || node.get("labels").is_some_and(is_self_hosted)
}

impl WorkflowCheck for SelfHostedRunnerPullRequest {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        if !workflow.triggered_by(&["pull_request", "pull_request_target"]) {
            return;
        }
        for job in &workflow.jobs {
            if let Some(node) = job.node.get("runs-on")
                && is_self_hosted(node)
            {
                sink.report(
                    &META,
                    node.span,
                    &workflow.resource(Some(job)),
                    &format!("{}.runs-on", job.path),
                    format!(
                        "Job `{}` runs pull requests on a self-hosted runner.",
                        job.id
                    ),
                );
            }
        }
    }
}
