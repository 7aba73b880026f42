//! `kubernetes/privileged-container`: a container runs privileged.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct PrivilegedContainer;

static META: Meta = Meta {
    id: "kubernetes/privileged-container",
    title: "Container runs privileged",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A container of a pod template sets `securityContext.privileged: true`.",
    rationale: "A privileged container has every capability and access to the host's devices: \
        a process that escapes or is compromised inside it controls the node, and through the \
        node's credentials often the cluster.",
    remediation: "Remove `privileged: true`. Grant only the specific capability the workload \
        needs (`capabilities.add`), or move the host-level task to a node agent managed outside \
        application namespaces.",
    example: "containers:\n  - name: app\n    securityContext:\n      privileged: true   # reported\n\
        # fixed:\n      privileged: false",
    cwe: &["CWE-250"],
    checkov: &["CKV_K8S_16"],
};

impl KubernetesCheck for PrivilegedContainer {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            if let Some(node) = container.security("privileged").filter(|n| n.is_true()) {
                object.report(
                    sink,
                    &META,
                    node,
                    &format!("{}.securityContext.privileged", container.path),
                    format!(
                        "Container `{}` of {} runs privileged.",
                        container.name, object.resource.address
                    ),
                );
            }
        });
    }
}
