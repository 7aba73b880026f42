//! `kubernetes/dangerous-capabilities`: a container adds a capability that reaches the host.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct DangerousCapabilities;

/// Capabilities that give a container power over the node or other workloads.
pub const DANGEROUS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "NET_ADMIN",
    "SYS_PTRACE",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_BOOT",
    "SYS_TIME",
    "DAC_READ_SEARCH",
    "DAC_OVERRIDE",
    "BPF",
    "PERFMON",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "SETFCAP",
];

static META: Meta = Meta {
    id: "kubernetes/dangerous-capabilities",
    title: "Container adds a dangerous capability",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A container's `securityContext.capabilities.add` lists `ALL` or a capability \
        that reaches beyond the container (`SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, \
        `DAC_READ_SEARCH`, `BPF`, ...).",
    rationale: "These capabilities are most of root's power: mounting filesystems, loading kernel \
        modules, tracing other processes, reading any file, reconfiguring the node's network. \
        Most known container escapes need one of them.",
    remediation: "Drop the capability. If the workload truly needs one, add only that one, with \
        `drop: [ALL]`, and isolate the workload on dedicated nodes.",
    example: "capabilities:\n  add: [SYS_ADMIN]   # reported\n# fixed:\n  drop: [ALL]",
    cwe: &["CWE-250"],
    checkov: &["CKV_K8S_39", "CKV_K8S_25"],
};

impl KubernetesCheck for DangerousCapabilities {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            let Some(added) = container
                .node
                .path(&["securityContext", "capabilities", "add"])
            else {
                return;
            };
            for (i, cap) in added.as_seq().iter().enumerate() {
                let Some(name) = cap.as_str() else { continue };
                let bare = name.trim().to_ascii_uppercase();
                let bare = bare.strip_prefix("CAP_").unwrap_or(&bare);
                if DANGEROUS.contains(&bare) {
                    object.report(
                        sink,
                        &META,
                        cap,
                        &format!("{}.securityContext.capabilities.add[{i}]", container.path),
                        format!(
                            "Container `{}` of {} adds capability {name}.",
                            container.name, object.resource.address
                        ),
                    );
                }
            }
        });
    }
}
