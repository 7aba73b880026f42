//! `kubernetes/capabilities-not-dropped`: a container keeps the runtime's default capabilities.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct CapabilitiesNotDropped;

static META: Meta = Meta {
    id: "kubernetes/capabilities-not-dropped",
    title: "Container does not drop all capabilities",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A container's `securityContext.capabilities.drop` does not include `ALL`.",
    rationale: "Container runtimes grant a default set of capabilities (among them `NET_RAW`, \
        which allows spoofed packets, and `CHOWN`, `SETUID`, `DAC_OVERRIDE`). Few applications \
        need any of them; each one left is room for an attacker.",
    remediation: "Set `capabilities: {drop: [ALL]}` and add back only what the workload needs.",
    example: "securityContext: {}          # reported\n# fixed:\nsecurityContext:\n  capabilities:\n    drop: [ALL]",
    cwe: &["CWE-250"],
    checkov: &["CKV_K8S_37", "CKV_K8S_28"],
};

impl KubernetesCheck for CapabilitiesNotDropped {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            let drop = container
                .node
                .path(&["securityContext", "capabilities", "drop"]);
            let drops_all = drop.is_some_and(|d| {
                d.as_seq()
                    .iter()
                    .any(|c| c.as_str().is_some_and(|s| s.eq_ignore_ascii_case("ALL")))
            });
            if drops_all {
                return;
            }
            object.report(
                sink,
                &META,
                drop.unwrap_or(container.node),
                &format!("{}.securityContext.capabilities.drop", container.path),
                format!(
                    "Container `{}` of {} does not drop all capabilities.",
                    container.name, object.resource.address
                ),
            );
        });
    }
}
