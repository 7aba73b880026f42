//! `kubernetes/selinux-custom-options`: container sets a custom `SELinux` user, role or type.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct SelinuxCustomOptions;

static META: Meta = Meta {
    id: "kubernetes/selinux-custom-options",
    title: "Container sets a custom SELinux user, role or type",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A container or its pod sets `securityContext.seLinuxOptions` with a `user` or \
        `role`, or a `type` other than `container_t`, `container_init_t`, \
        `container_kvm_t` or `container_engine_t`.",
    rationale: "The SELinux label decides what the container may touch on the host; a custom \
        type such as `spc_t` (super-privileged container) or a custom user or role can \
        lift the confinement that keeps it away from host files and other containers.",
    remediation: "Remove `user`, `role` and `type` (keep `level` if needed for multi-category \
        separation); the Baseline Pod Security Standard forbids them.",
    example: "seLinuxOptions:\n  type: spc_t   # reported",
    cwe: &["CWE-693"],
    checkov: &[],
};

impl KubernetesCheck for SelinuxCustomOptions {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        const ALLOWED_TYPES: &[&str] = &[
            "container_t",
            "container_init_t",
            "container_kvm_t",
            "container_engine_t",
        ];
        each_container(object, |pod, container| {
            let Some((options, path)) = container.effective(pod, "seLinuxOptions") else {
                return;
            };
            for key in ["user", "role", "type"] {
                let Some(value) = options.get(key) else {
                    continue;
                };
                let text = value.as_str().unwrap_or_default();
                if text.is_empty() || (key == "type" && ALLOWED_TYPES.contains(&text)) {
                    continue;
                }
                object.report(
                    sink,
                    &META,
                    value,
                    &format!("{path}.{key}"),
                    format!(
                        "Container `{}` of {} runs with the SELinux {key} `{text}`.",
                        container.name, object.resource.address
                    ),
                );
            }
        });
    }
}
