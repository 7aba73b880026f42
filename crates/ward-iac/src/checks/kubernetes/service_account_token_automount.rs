//! `kubernetes/service-account-token-automount`: a pod gets an API token it may not need.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

#[derive(Debug)]
pub struct ServiceAccountTokenAutomount;

static META: Meta = Meta {
    id: "kubernetes/service-account-token-automount",
    title: "Service account token mounted automatically",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "A pod template does not set `automountServiceAccountToken: false`, so the \
        kubelet mounts a Kubernetes API token into every container.",
    rationale: "Most applications never call the Kubernetes API. For them the mounted token is \
        only useful to an intruder, who can use it to query, and with a generous role modify, \
        the cluster.",
    remediation: "Set `automountServiceAccountToken: false` on the pod (or its service account) \
        unless the workload talks to the API server.",
    example: "spec:\n  containers: [...]          # reported\n# fixed:\nspec:\n  automountServiceAccountToken: false",
    cwe: &["CWE-200"],
    checkov: &["CKV_K8S_38"],
};

impl KubernetesCheck for ServiceAccountTokenAutomount {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        let node = pod.node.get("automountServiceAccountToken");
        if node.is_some_and(|n| n.as_bool() == Some(false)) {
            return;
        }
        object.report(
            sink,
            &META,
            node.unwrap_or(pod.key),
            &format!("{}.automountServiceAccountToken", pod.path),
            format!(
                "{} mounts a service account token automatically.",
                object.resource.address
            ),
        );
    }
}
