//! `kubernetes/proc-mount-unmasked`: container mounts /proc unmasked.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct ProcMountUnmasked;

static META: Meta = Meta {
    id: "kubernetes/proc-mount-unmasked",
    title: "Container mounts /proc unmasked",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A container sets `securityContext.procMount: Unmasked`.",
    rationale: "The runtime normally masks and makes read-only the parts of /proc that expose \
        the host kernel; unmasked, the container can read host information and write \
        kernel settings that help it escape.",
    remediation: "Remove `procMount` (the default is `Default`); it is only meant for nested \
        container runtimes in user namespaces.",
    example: "securityContext:\n  procMount: Unmasked   # reported",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl KubernetesCheck for ProcMountUnmasked {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            if let Some(node) = container
                .security("procMount")
                .filter(|n| n.as_str() == Some("Unmasked"))
            {
                object.report(
                    sink,
                    &META,
                    node,
                    &format!("{}.securityContext.procMount", container.path),
                    format!(
                        "Container `{}` of {} mounts /proc unmasked.",
                        container.name, object.resource.address
                    ),
                );
            }
        });
    }
}
