//! `github-actions/github-env-injection`: attacker-controlled text written to `GITHUB_ENV` or `GITHUB_PATH`.

use std::collections::BTreeMap;

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck, expressions};
use crate::check::{Meta, Sink};
use crate::checks::github_actions::template_injection::ATTACKER_CONTROLLED;
use crate::yaml::Node;

#[derive(Debug)]
pub struct GithubEnvInjection;

static META: Meta = Meta {
    id: "github-actions/github-env-injection",
    title: "Attacker-controlled text written to GITHUB_ENV or GITHUB_PATH",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "In a workflow triggered by `pull_request_target`, `workflow_run`, \
        `issue_comment`, `issues`, `pull_request_review_comment` or \
        `discussion(_comment)`, a `run:` step appends to `$GITHUB_ENV` or `$GITHUB_PATH` \
        text an outsider controls: a `${{ }}` expression over titles, bodies, branch \
        names or commit messages, or an `env:` variable set from one.",
    rationale: "Lines written to `GITHUB_ENV` become environment variables of every later step: \
        a crafted value with a newline sets `LD_PRELOAD`, `NODE_OPTIONS` or `BASH_ENV` \
        and runs the attacker's code with the job's write token and secrets; \
        `GITHUB_PATH` puts the attacker's directory first on the `PATH`.",
    remediation: "Do not copy untrusted values into `GITHUB_ENV`; pass them to the steps that need \
        them through `env:` and quote them, or validate them strictly (e.g. a number) \
        before writing.",
    example: "on: issue_comment\n...\n  - env:\n      BODY: ${{ github.event.comment.body }}\n    run: echo \"MSG=$BODY\" >> \"$GITHUB_ENV\"   # reported",
    cwe: &["CWE-94"],
    checkov: &[],
};

/// Triggers whose runs have a write token or secrets while handling outsiders' input.
const PRIVILEGED: &[&str] = &[
    "pull_request_target",
    "workflow_run",
    "issue_comment",
    "issues",
    "pull_request_review_comment",
    "discussion",
    "discussion_comment",
];

/// The `env:` variables of a workflow, job or step whose value an outsider controls, with the
/// context they come from.
fn tainted_env(scope: &Node) -> Vec<(String, String)> {
    let Some(env) = scope.get("env") else {
        return Vec::new();
    };
    env.as_map()
        .iter()
        .filter_map(|(key, value)| {
            let hit = ATTACKER_CONTROLLED.find(value.as_str()?)?;
            Some((key.as_str()?.to_owned(), hit.as_str().to_owned()))
        })
        .collect()
}

impl WorkflowCheck for GithubEnvInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        let Some(trigger) = workflow.trigger_among(PRIVILEGED) else {
            return;
        };
        for job in &workflow.jobs {
            for step in &job.steps {
                let Some(run) = step.node.get("run") else {
                    continue;
                };
                let Some(text) = run.as_str() else { continue };
                let mut tainted = BTreeMap::new();
                for scope in [workflow.root, job.node, step.node] {
                    tainted.extend(tainted_env(scope));
                }
                // Each line that appends to the files, with what it writes.
                let found = text
                    .lines()
                    .filter(|line| line.contains("GITHUB_ENV") || line.contains("GITHUB_PATH"))
                    .find_map(|line| {
                        let direct = expressions(line).into_iter().find_map(|(_, _, inner)| {
                            ATTACKER_CONTROLLED
                                .find(inner)
                                .map(|m| m.as_str().to_owned())
                        });
                        direct
                            .or_else(|| {
                                tainted.iter().find_map(|(name, source)| {
                                    (line.contains(&format!("${name}"))
                                        || line.contains(&format!("${{{name}}}")))
                                    .then(|| format!("${name} ({source})"))
                                })
                            })
                            .map(|what| (line, what))
                    });
                let Some((line, what)) = found else {
                    continue;
                };
                sink.report(
                    &META,
                    sink.locate(run.span, line.trim()),
                    &workflow.resource(Some(job)),
                    &format!("{}.run", step.path),
                    format!(
                        "Step `{}` writes {what} to the job's environment in a workflow triggered by {trigger}.",
                        step.label
                    ),
                );
            }
        }
    }
}
