//! `kubernetes/secret-in-env`: a credential is written in a container's environment.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};
use crate::util::{is_placeholder, is_secret_name};

#[derive(Debug)]
pub struct SecretInEnv;

static META: Meta = Meta {
    id: "kubernetes/secret-in-env",
    title: "Credential written in a container's environment",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "A container's `env` entry whose name says it holds a credential \
        (`*_PASSWORD`, `*_TOKEN`, `API_KEY`, ...) has a literal `value` instead of `valueFrom`. \
        The value is never shown in the finding.",
    rationale: "The manifest is stored in git, in the cluster's etcd without Secret encryption, \
        and shown to anyone who can read the workload (`kubectl get deploy -o yaml`): the \
        credential reaches far more people than those allowed to use it.",
    remediation: "Put the value in a Secret (or an external secret store) and reference it with \
        `valueFrom.secretKeyRef`; rotate the credential that was committed.",
    example: "env:\n  - name: DB_PASSWORD\n    value: s3cr3t-value          # reported\n# fixed:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}",
    cwe: &["CWE-798"],
    checkov: &[],
};

impl KubernetesCheck for SecretInEnv {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            let Some(env) = container.node.get("env") else {
                return;
            };
            for (i, entry) in env.as_seq().iter().enumerate() {
                let Some(name) = entry.get("name").and_then(|n| n.as_str()) else {
                    continue;
                };
                let Some(value) = entry.get("value") else {
                    continue;
                };
                let Some(text) = value.as_str() else { continue };
                if !is_secret_name(name) || is_placeholder(text) {
                    continue;
                }
                object.report(
                    sink,
                    &META,
                    value,
                    &format!("{}.env[{i}].value", container.path),
                    format!(
                        "Container `{}` of {} sets {name} to a literal value.",
                        container.name, object.resource.address
                    ),
                );
            }
        });
    }
}
