//! `github-actions/cache-poisoning`: `pull_request_target` workflow writes to the Actions cache.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};

#[derive(Debug)]
pub struct CachePoisoning;

static META: Meta = Meta {
    id: "github-actions/cache-poisoning",
    title: "pull_request_target workflow writes to the Actions cache",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A workflow triggered by `pull_request_target` uses `actions/cache` (or \
        `actions/cache/save`), or a setup action with its `cache` input turned on \
        (`actions/setup-node`, `setup-python`, `setup-java`, `setup-go`, ...).",
    rationale: "`pull_request_target` runs in the base branch's cache scope: a cache saved \
        there, from a workspace a pull request can influence, is restored by later runs \
        on the default branch, releases included, letting the pull request plant code in \
        them.",
    remediation: "Do not save caches in `pull_request_target` workflows (use \
        `actions/cache/restore` only, or turn the setup action's `cache` off); build \
        untrusted code in `pull_request` workflows, whose caches are isolated.",
    example: "on: pull_request_target\n...\n  - uses: actions/setup-node@v4\n    with:\n      cache: npm   # reported",
    cwe: &["CWE-349"],
    checkov: &[],
};

impl WorkflowCheck for CachePoisoning {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        if !workflow.triggered_by(&["pull_request_target"]) {
            return;
        }
        for job in &workflow.jobs {
            for step in &job.steps {
                let Some(uses) = step.node.get("uses") else {
                    continue;
                };
                let saves = step.uses_action("actions/cache")
                    || step.uses_action("actions/cache/save")
                    || (uses.as_str().is_some_and(|u| u.contains("/setup-"))
                        && step
                            .with("cache")
                            .and_then(crate::yaml::Node::as_str)
                            .is_some_and(|c| !c.is_empty() && c != "false"));
                if saves {
                    sink.report(
                        &META,
                        uses.span,
                        &workflow.resource(Some(job)),
                        &format!("{}.uses", step.path),
                        format!(
                            "Step `{}` saves a cache in a pull_request_target workflow.",
                            step.label
                        ),
                    );
                }
            }
        }
    }
}
