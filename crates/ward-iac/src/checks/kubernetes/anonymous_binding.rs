//! `kubernetes/anonymous-binding`: role bound to anonymous or unauthenticated users.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

#[derive(Debug)]
pub struct AnonymousBinding;

static META: Meta = Meta {
    id: "kubernetes/anonymous-binding",
    title: "Role bound to anonymous or unauthenticated users",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A RoleBinding or ClusterRoleBinding lists the subject `system:anonymous` or \
        `system:unauthenticated` (or, for a ClusterRoleBinding, `system:authenticated`, \
        which is every identity that can log in).",
    rationale: "Requests without credentials are `system:anonymous` in group \
        `system:unauthenticated`: whatever the bound role allows, anyone who can reach \
        the API server can do.",
    remediation: "Remove the subject and bind the role to the specific users, groups or service \
        accounts that need it.",
    example: "subjects:\n  - kind: Group\n    name: system:unauthenticated   # reported",
    cwe: &["CWE-306"],
    checkov: &[],
};

impl KubernetesCheck for AnonymousBinding {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        let cluster_wide = match object.kind {
            "RoleBinding" => false,
            "ClusterRoleBinding" => true,
            _ => return,
        };
        let Some(subjects) = object.node.get("subjects") else {
            return;
        };
        for (i, subject) in subjects.as_seq().iter().enumerate() {
            let Some(name) = subject.get("name") else {
                continue;
            };
            let everyone = match name.as_str() {
                Some("system:anonymous" | "system:unauthenticated") => true,
                Some("system:authenticated") => cluster_wide,
                _ => false,
            };
            if everyone {
                object.report(
                    sink,
                    &META,
                    name,
                    &object.attr(&format!("subjects[{i}].name")),
                    format!(
                        "{} grants its role to {}.",
                        object.resource.address,
                        name.as_str().unwrap_or_default()
                    ),
                );
            }
        }
    }
}
