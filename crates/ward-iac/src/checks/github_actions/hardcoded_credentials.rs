//! `github-actions/hardcoded-credentials`: credential written in the workflow.

use ward_core::{Confidence, Severity};

use crate::actions::{Workflow, WorkflowCheck};
use crate::check::{Meta, Sink};
use crate::util::{is_placeholder, is_secret_name};
use crate::yaml::Node;

#[derive(Debug)]
pub struct HardcodedCredentials;

static META: Meta = Meta {
    id: "github-actions/hardcoded-credentials",
    title: "Credential written in the workflow",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "A workflow sets a credential as literal text instead of a `${{ secrets.* }}` \
        reference: the `credentials.password` of a job container or service, a `with:` \
        input or an `env:` variable whose name says it holds a password, token, secret \
        or key.",
    rationale: "Workflow files are readable by everyone who can read the repository, its forks \
        and its history: the credential is disclosed for good, whatever is later \
        changed.",
    remediation: "Revoke the credential, store a new one as an encrypted secret and reference it \
        (`password: ${{ secrets.REGISTRY_PASSWORD }}`); prefer OIDC federation where the \
        target supports it.",
    example: "container:\n  image: registry.example.com/build:1.0\n  credentials:\n    username: ci\n    password: hunter2-literal   # reported",
    cwe: &["CWE-798"],
    checkov: &[],
};

/// Entries of an `env:` or `with:` mapping whose name says credential and whose value is
/// literal text rather than an expression.
fn literal_secrets(map: Option<&Node>) -> Vec<(&str, &Node)> {
    map.map(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|(key, value)| {
            let name = key.as_str()?;
            let text = value.as_str()?;
            (is_secret_name(name) && !is_placeholder(text)).then_some((name, value))
        })
        .collect()
}

impl WorkflowCheck for HardcodedCredentials {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, workflow: &Workflow<'_>, sink: &mut Sink<'_>) {
        let mut report = |node: &Node, path: String, job, what: &str| {
            sink.report(
                &META,
                node.span,
                &workflow.resource(job),
                &path,
                format!("{what} is written in the workflow as literal text."),
            );
        };
        for (name, value) in literal_secrets(workflow.root.get("env")) {
            report(value, format!("env.{name}"), None, &format!("`{name}`"));
        }
        for job in &workflow.jobs {
            for (name, value) in literal_secrets(job.node.get("env")) {
                report(
                    value,
                    format!("{}.env.{name}", job.path),
                    Some(job),
                    &format!("`{name}`"),
                );
            }
            let mut containers =
                vec![(job.node.get("container"), format!("{}.container", job.path))];
            for (key, service) in job
                .node
                .get("services")
                .map(Node::as_map)
                .unwrap_or_default()
            {
                let name = key.as_str().unwrap_or_default();
                containers.push((Some(service), format!("{}.services.{name}", job.path)));
            }
            for (container, path) in containers {
                let Some(password) = container.and_then(|c| c.path(&["credentials", "password"]))
                else {
                    continue;
                };
                if password.as_str().is_some_and(|p| !is_placeholder(p)) {
                    report(
                        password,
                        format!("{path}.credentials.password"),
                        Some(job),
                        "A registry password",
                    );
                }
            }
            for step in &job.steps {
                for (field, what) in [("with", "input"), ("env", "variable")] {
                    for (name, value) in literal_secrets(step.node.get(field)) {
                        report(
                            value,
                            format!("{}.{field}.{name}", step.path),
                            Some(job),
                            &format!("The {what} `{name}` of step `{}`", step.label),
                        );
                    }
                }
            }
        }
    }
}
