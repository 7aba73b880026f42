//! `github-actions/spoofable-bot-check`: privileged workflow trusts github.actor to identify a bot.

use std::sync::LazyLock;

use regex::Regex;
use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};
use crate::yaml::Node;

#[derive(Debug)]
pub struct SpoofableBotCheck;

static META: Meta = Meta {
    id: "github-actions/spoofable-bot-check",
    title: "Privileged workflow trusts github.actor to identify a bot",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "A workflow triggered by `pull_request_target` or `workflow_run` has a job or \
        step `if:` that compares `github.actor` (or `github.triggering_actor`) with a \
        bot account such as `dependabot[bot]`.",
    rationale: "`github.actor` is whoever caused the latest event, not who wrote the code: an \
        attacker can get the bot to act on their pull request (e.g. by making Dependabot \
        rebase it, or via a synchronize event) and pass the check, then the privileged \
        job runs with the attacker's changes.",
    remediation: "Check the pull request's author instead (`github.event.pull_request.user.login \
        == 'dependabot[bot]'`) and, for Dependabot, use `dependabot/fetch-metadata`; or \
        run such automation on `pull_request` with a minimal token.",
    example: "if: github.actor == 'dependabot[bot]'   # reported\n# fixed:\nif: github.event.pull_request.user.login == 'dependabot[bot]'",
    cwe: &["CWE-290"],
    checkov: &[],
};

/// `github.actor == '...[bot]'`, either way round.
static ACTOR_IS_BOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)
        github\.(?:actor|triggering_actor)\s*==\s*['"][^'"]*\[bot\]['"]
        | ['"][^'"]*\[bot\]['"]\s*==\s*github\.(?:actor|triggering_actor)\b"#,
    )
    .expect("valid regex")
});

impl WorkflowCheck for SpoofableBotCheck {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        let Some(trigger) = workflow.trigger_among(&["pull_request_target", "workflow_run"]) else {
            return;
        };
        let mut check = |node: &Node, path: String, job, who: String| {
            if node.as_str().is_some_and(|c| ACTOR_IS_BOT.is_match(c)) {
                sink.report(
                    &META,
                    node.span,
                    &workflow.resource(job),
                    &path,
                    format!("{who} trusts github.actor to identify a bot in a workflow triggered by {trigger}."),
                );
            }
        };
        for job in &workflow.jobs {
            if let Some(condition) = job.node.get("if") {
                check(
                    condition,
                    format!("{}.if", job.path),
                    Some(job),
                    format!("Job `{}`", job.id),
                );
            }
            for step in &job.steps {
                if let Some(condition) = step.node.get("if") {
                    check(
                        condition,
                        format!("{}.if", step.path),
                        Some(job),
                        format!("Step `{}`", step.label),
                    );
                }
            }
        }
    }
}
