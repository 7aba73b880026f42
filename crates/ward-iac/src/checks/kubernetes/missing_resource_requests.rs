//! `kubernetes/missing-resource-requests`: container has no CPU or memory request.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{Container, KubernetesCheck, Object, report_missing_resources};

#[derive(Debug)]
pub struct MissingResourceRequests;

static META: Meta = Meta {
    id: "kubernetes/missing-resource-requests",
    title: "Container has no CPU or memory request",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A container sets neither `resources.requests.cpu` nor `resources.limits.cpu`, or \
        neither `resources.requests.memory` nor `resources.limits.memory`. (A container \
        with only limits is not reported: Kubernetes then requests its limits.)",
    rationale: "Without requests the scheduler places the pod as if it needed nothing: nodes are \
        overcommitted, and under pressure the pod is among the first evicted, or starves \
        its neighbours, which turns load or abuse into an outage.",
    remediation: "Set `resources.requests.cpu` and `resources.requests.memory` to what the \
        container normally uses, or a LimitRange with default requests for the \
        namespace.",
    example: "resources:\n  limits:\n    memory: 256Mi   # reported: no cpu request or limit\n# fixed:\nresources:\n  requests:\n    cpu: 100m\n    memory: 256Mi",
    cwe: &["CWE-770"],
    checkov: &["CKV_K8S_10", "CKV_K8S_12"],
};

impl KubernetesCheck for MissingResourceRequests {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        let set = |container: &Container<'_>, kind: &str, key: &str| {
            container
                .node
                .path(&["resources", kind, key])
                .is_some_and(|v| !v.is_null())
        };
        report_missing_resources(
            object,
            sink,
            &META,
            "requests",
            |container, key| !set(container, "requests", key) && !set(container, "limits", key),
            |container| container.node.get("resources"),
            |missing| format!("requests no {missing}"),
        );
    }
}
