//! `kubernetes/host-network`: Pod uses the host's network.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, report_pod_flag};

#[derive(Debug)]
pub struct HostNetwork;

static META: Meta = Meta {
    id: "kubernetes/host-network",
    title: "Pod uses the host's network",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A pod template sets `hostNetwork: true`.",
    rationale: "The pod sees and binds the node's interfaces: it can sniff other pods' traffic on the node, reach services bound to localhost (the kubelet, cloud metadata proxies) and bypass network policies.",
    remediation: "Remove `hostNetwork: true`; expose the workload through a Service. Keep host networking to node agents in system namespaces.",
    example: "spec:\n  hostNetwork: true   # reported\n# fixed: remove it (the default is false)",
    cwe: &["CWE-653"],
    checkov: &["CKV_K8S_19"],
};

impl KubernetesCheck for HostNetwork {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        report_pod_flag(
            object,
            sink,
            &META,
            "hostNetwork",
            "shares the node's network namespace (hostNetwork: true)",
        );
    }
}
