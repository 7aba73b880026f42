//! `kubernetes/share-process-namespace`: pod shares one process namespace between its containers.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, report_pod_flag};

#[derive(Debug)]
pub struct ShareProcessNamespace;

static META: Meta = Meta {
    id: "kubernetes/share-process-namespace",
    title: "Pod shares one process namespace between its containers",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A pod template sets `shareProcessNamespace: true`.",
    rationale: "Every container of the pod then sees the others' processes and, as the same user \
        or with `SYS_PTRACE`, can read their environment and files through /proc: a \
        compromised sidecar reaches the main container's secrets.",
    remediation: "Remove `shareProcessNamespace` (the default is false) outside of debugging.",
    example: "spec:\n  shareProcessNamespace: true   # reported",
    cwe: &["CWE-653"],
    checkov: &[],
};

impl KubernetesCheck for ShareProcessNamespace {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        report_pod_flag(
            object,
            sink,
            &META,
            "shareProcessNamespace",
            "shares one process namespace between its containers (shareProcessNamespace: true)",
        );
    }
}
