//! `kubernetes/missing-resource-requests`: container has no CPU or memory request.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

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
        each_container(object, |_, container| {
            let resources = container.node.get("resources");
            let set = |kind: &str, key: &str| {
                resources
                    .and_then(|r| r.path(&[kind, key]))
                    .is_some_and(|v| !v.is_null())
            };
            let missing: Vec<&str> = ["cpu", "memory"]
                .into_iter()
                .filter(|key| !set("requests", key) && !set("limits", key))
                .collect();
            if missing.is_empty() {
                return;
            }
            object.report(
                sink,
                &META,
                resources.unwrap_or(container.node),
                &format!("{}.resources.requests", container.path),
                format!(
                    "Container `{}` of {} requests no {}.",
                    container.name,
                    object.resource.address,
                    missing.join(" or ")
                ),
            );
        });
    }
}
