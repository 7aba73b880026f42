//! `github-actions/secrets-to-json`: workflow serialises every secret.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck, expressions};
use crate::check::{Meta, Sink};
use crate::yaml::{Node, Value};

#[derive(Debug)]
pub struct SecretsToJson;

static META: Meta = Meta {
    id: "github-actions/secrets-to-json",
    title: "Workflow serialises every secret",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A workflow expression calls `toJSON(secrets)`, e.g. to pass all secrets to a \
        step or a reusable workflow.",
    rationale: "Every secret of the repository and organisation, not only the ones the step \
        needs, is handed to the step (and to every action it runs); one compromised \
        dependency or a debug print then leaks them all.",
    remediation: "Pass the individual secrets the step needs: `env: { API_KEY: ${{ secrets.API_KEY \
        }} }`.",
    example: "env:\n  ALL: ${{ toJSON(secrets) }}   # reported",
    cwe: &["CWE-200"],
    checkov: &[],
};

/// The scalars below `node` with an expression calling `toJSON(secrets)`.
fn collect<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match &node.value {
        Value::Scalar { text, .. } => {
            let serialises = expressions(text).iter().any(|(_, _, inner)| {
                let compact: String = inner
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                compact.contains("tojson(secrets)")
            });
            if serialises {
                out.push(node);
            }
        }
        Value::Seq(items) => items.iter().for_each(|item| collect(item, out)),
        Value::Map(entries) => entries.iter().for_each(|(_, value)| collect(value, out)),
    }
}

impl WorkflowCheck for SecretsToJson {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        for job in &workflow.jobs {
            let mut hits = Vec::new();
            collect(job.node, &mut hits);
            for node in hits {
                sink.report(
                    &META,
                    node.span,
                    &workflow.resource(Some(job)),
                    &job.path,
                    format!("Job `{}` passes every secret with toJSON(secrets).", job.id),
                );
            }
        }
    }
}
