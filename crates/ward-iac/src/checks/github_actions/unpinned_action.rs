//! `github-actions/unpinned-action`: a third-party action is not pinned to a commit.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};
use crate::yaml::Node;

#[derive(Debug)]
pub struct UnpinnedAction;

static META: Meta = Meta {
    id: "github-actions/unpinned-action",
    title: "Third-party action not pinned to a commit SHA",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A step's or job's `uses:` names an action or reusable workflow outside \
        GitHub's own `actions/` and `github/` organisations by a tag or branch instead of a full \
        40-character commit SHA, or with no ref at all; a `docker://` image without a digest. \
        Local actions (`./...`) are not reported.",
    rationale: "Tags and branches are mutable: whoever controls the action's repository (its \
        maintainer, or an attacker who took it over, as with tj-actions/changed-files in 2025) \
        can move them to code that steals the job's secrets, and every workflow using the tag \
        runs it at its next start.",
    remediation: "Pin the full commit SHA and keep the version in a comment \
        (`uses: owner/action@<40-hex sha> # v4.2.0`); let Dependabot or Renovate update it.",
    example: "- uses: someone/deploy-action@v2          # reported\n# fixed:\n- uses: someone/deploy-action@0123456789abcdef0123456789abcdef01234567 # v2.1.0",
    cwe: &["CWE-829"],
    checkov: &[],
};

fn is_full_sha(reference: &str) -> bool {
    reference.len() == 40 && reference.chars().all(|c| c.is_ascii_hexdigit())
}

/// Why a `uses:` value is not pinned, if it is not.
fn unpinned(uses: &str) -> Option<String> {
    let uses = uses.trim();
    if uses.starts_with("./") || uses.starts_with("../") {
        return None;
    }
    if let Some(image) = uses.strip_prefix("docker://") {
        return (!image.contains("@sha256:")).then(|| format!("image {image} has no digest"));
    }
    let (name, reference) = match uses.split_once('@') {
        Some((name, reference)) => (name, Some(reference)),
        None => (uses, None),
    };
    let owner = name
        .split('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match reference {
        None => Some(format!("{name} has no ref")),
        Some(r) if is_full_sha(r) => None,
        Some(_) if owner == "actions" || owner == "github" => None,
        Some(r) if r.contains("${{") => None,
        Some(r) => Some(format!("{name} is pinned to `{r}`, not a commit SHA")),
    }
}

impl WorkflowCheck for UnpinnedAction {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        for job in &workflow.jobs {
            let mut uses: Vec<(&Node, String, String)> = Vec::new();
            if let Some(node) = job.node.get("uses") {
                uses.push((
                    node,
                    format!("{}.uses", job.path),
                    format!("Job `{}`", job.id),
                ));
            }
            for step in &job.steps {
                if let Some(node) = step.node.get("uses") {
                    uses.push((
                        node,
                        format!("{}.uses", step.path),
                        format!("Step `{}`", step.label),
                    ));
                }
            }
            for (node, attribute, who) in uses {
                let Some(reason) = node.as_str().and_then(unpinned) else {
                    continue;
                };
                sink.report(
                    &META,
                    node.span,
                    &workflow.resource(Some(job)),
                    &attribute,
                    format!("{who}: {reason}."),
                );
            }
        }
    }
}
