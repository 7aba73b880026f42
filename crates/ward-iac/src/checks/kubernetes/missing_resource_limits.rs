//! `kubernetes/missing-resource-limits`: a container has no CPU or memory limit.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{Container, KubernetesCheck, Object, report_missing_resources};
use crate::yaml::Node;

#[derive(Debug)]
pub struct MissingResourceLimits;

static META: Meta = Meta {
    id: "kubernetes/missing-resource-limits",
    title: "Container has no CPU or memory limit",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A container does not set `resources.limits.memory` or `resources.limits.cpu`.",
    rationale: "Without limits one container can take a node's memory or CPU, starving its \
        neighbours: a bug, a load spike or an attacker's request becomes a denial of service for \
        every workload on the node.",
    remediation: "Set `resources.limits.memory` and `resources.limits.cpu` (and requests) for \
        every container, or give the namespace a LimitRange.",
    example: "resources: {}        # reported\n# fixed:\nresources:\n  limits:\n    cpu: 500m\n    memory: 256Mi",
    cwe: &["CWE-770"],
    checkov: &["CKV_K8S_11", "CKV_K8S_13"],
};

/// The container's `resources.limits`.
fn limits<'a>(container: &Container<'a>) -> Option<&'a Node> {
    container.node.path(&["resources", "limits"])
}

impl KubernetesCheck for MissingResourceLimits {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        report_missing_resources(
            object,
            sink,
            &META,
            "limits",
            |container, key| limits(container).and_then(|l| l.get(key)).is_none(),
            limits,
            |missing| format!("has no {missing} limit"),
        );
    }
}
