//! `kubernetes/host-pid`: Pod shares the host's process namespace.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, report_pod_flag};

#[derive(Debug)]
pub struct HostPid;

static META: Meta = Meta {
    id: "kubernetes/host-pid",
    title: "Pod shares the host's process namespace",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A pod template sets `hostPID: true`.",
    rationale: "The pod sees every process on the node; with ptrace or /proc access it can read other workloads' environment and memory, secrets included, or signal them.",
    remediation: "Remove `hostPID: true`. Debugging tools that need it belong in short-lived, audited pods.",
    example: "spec:\n  hostPID: true   # reported\n# fixed: remove it (the default is false)",
    cwe: &["CWE-653"],
    checkov: &["CKV_K8S_17"],
};

impl KubernetesCheck for HostPid {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        report_pod_flag(
            object,
            sink,
            &META,
            "hostPID",
            "shares the node's process namespace (hostPID: true)",
        );
    }
}
