//! `kubernetes/allow-privilege-escalation`: a container may gain more privileges than its parent.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct AllowPrivilegeEscalation;

static META: Meta = Meta {
    id: "kubernetes/allow-privilege-escalation",
    title: "Container allows privilege escalation",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A container does not set `securityContext.allowPrivilegeEscalation: false` \
        (it is missing, or set to true).",
    rationale: "Unless it is false, a process in the container can gain more privileges than its \
        parent through setuid binaries or file capabilities: a foothold as an unprivileged user \
        becomes root inside the container, one step closer to the node.",
    remediation: "Set `allowPrivilegeEscalation: false` in every container's `securityContext`.",
    example: "containers:\n  - name: app\n    image: app:1.2   # reported: no securityContext\n\
        # fixed:\n    securityContext:\n      allowPrivilegeEscalation: false",
    cwe: &["CWE-269"],
    checkov: &["CKV_K8S_20"],
};

impl KubernetesCheck for AllowPrivilegeEscalation {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            let attribute = format!(
                "{}.securityContext.allowPrivilegeEscalation",
                container.path
            );
            match container.security("allowPrivilegeEscalation") {
                Some(node) if node.as_bool() == Some(false) => {}
                Some(node) => object.report(
                    sink,
                    &META,
                    node,
                    &attribute,
                    format!(
                        "Container `{}` of {} allows privilege escalation.",
                        container.name, object.resource.address
                    ),
                ),
                None => object.report(
                    sink,
                    &META,
                    container.node,
                    &attribute,
                    format!(
                        "Container `{}` of {} does not set allowPrivilegeEscalation: false.",
                        container.name, object.resource.address
                    ),
                ),
            }
        });
    }
}
