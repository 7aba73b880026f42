//! `kubernetes/host-ipc`: Pod shares the host's IPC namespace.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, report_pod_flag};

#[derive(Debug)]
pub struct HostIpc;

static META: Meta = Meta {
    id: "kubernetes/host-ipc",
    title: "Pod shares the host's IPC namespace",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A pod template sets `hostIPC: true`.",
    rationale: "The pod shares System V IPC and POSIX shared memory with every process on the node, so it can read or corrupt data other workloads exchange there.",
    remediation: "Remove `hostIPC: true`.",
    example: "spec:\n  hostIPC: true   # reported\n# fixed: remove it (the default is false)",
    cwe: &["CWE-653"],
    checkov: &["CKV_K8S_18"],
};

impl KubernetesCheck for HostIpc {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        report_pod_flag(
            object,
            sink,
            &META,
            "hostIPC",
            "shares the node's IPC namespace (hostIPC: true)",
        );
    }
}
