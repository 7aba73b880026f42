//! `kubernetes/apparmor-unconfined`: container runs without `AppArmor` confinement.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct ApparmorUnconfined;

static META: Meta = Meta {
    id: "kubernetes/apparmor-unconfined",
    title: "Container runs without AppArmor confinement",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A container or its pod sets `securityContext.appArmorProfile.type: Unconfined`, \
        or the pod template has the annotation \
        `container.apparmor.security.beta.kubernetes.io/<container>: unconfined`.",
    rationale: "The runtime's default AppArmor profile blocks mounts, raw access to kernel \
        interfaces and writes to sensitive /proc and /sys files; unconfined, a \
        compromised container has these paths to the host open.",
    remediation: "Remove the setting (the runtime default applies) or use `RuntimeDefault` or a \
        `Localhost` profile written for the workload.",
    example: "securityContext:\n  appArmorProfile:\n    type: Unconfined   # reported",
    cwe: &["CWE-693"],
    checkov: &[],
};

impl KubernetesCheck for ApparmorUnconfined {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |pod, container| {
            if let Some((node, path)) = container.effective(pod, "appArmorProfile")
                && let Some(kind) = node
                    .get("type")
                    .filter(|t| t.as_str() == Some("Unconfined"))
            {
                object.report(
                    sink,
                    &META,
                    kind,
                    &format!("{path}.type"),
                    format!(
                        "Container `{}` of {} runs without AppArmor confinement.",
                        container.name, object.resource.address
                    ),
                );
            }
        });
        let Some((metadata, path)) = object.pod_metadata() else {
            return;
        };
        let Some(annotations) = metadata.get("annotations") else {
            return;
        };
        for (key, value) in annotations.as_map() {
            let Some(name) = key
                .as_str()
                .and_then(|k| k.strip_prefix("container.apparmor.security.beta.kubernetes.io/"))
            else {
                continue;
            };
            if value.as_str() == Some("unconfined") {
                object.report(
                    sink,
                    &META,
                    value,
                    &format!("{path}.annotations"),
                    format!(
                        "Container `{name}` of {} runs without AppArmor confinement.",
                        object.resource.address
                    ),
                );
            }
        }
    }
}
