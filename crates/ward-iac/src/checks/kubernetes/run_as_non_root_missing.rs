//! `kubernetes/run-as-non-root-missing`: nothing stops a container from running as root.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct RunAsNonRootMissing;

static META: Meta = Meta {
    id: "kubernetes/run-as-non-root-missing",
    title: "Container may run as root",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "Neither the container nor its pod sets `runAsNonRoot: true`, and no non-zero \
        `runAsUser` is set: the container runs as whatever user its image names, often root. \
        (An explicit `runAsUser: 0` is reported by `kubernetes/run-as-root-user` instead.)",
    rationale: "Most images default to root. Without `runAsNonRoot: true` the kubelet starts them \
        as root, and any compromise of the process starts with root's power over the container \
        and its mounts.",
    remediation: "Set `runAsNonRoot: true` (and a non-zero `runAsUser`) in the pod's or the \
        container's `securityContext`.",
    example: "spec:\n  containers:\n    - name: app      # reported\n# fixed:\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001",
    cwe: &["CWE-250"],
    checkov: &["CKV_K8S_23"],
};

impl KubernetesCheck for RunAsNonRootMissing {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |pod, container| {
            let non_root = container.effective(pod, "runAsNonRoot");
            if non_root.as_ref().is_some_and(|(n, _)| n.is_true()) {
                return;
            }
            match container.effective(pod, "runAsUser") {
                Some((user, _)) if user.as_i64().is_some_and(|u| u != 0) => return,
                // runAsUser: 0 is the other check's finding.
                Some((user, _)) if user.as_i64() == Some(0) => return,
                _ => {}
            }
            let (node, attribute) = non_root.unwrap_or_else(|| {
                (
                    container.node,
                    format!("{}.securityContext.runAsNonRoot", container.path),
                )
            });
            object.report(
                sink,
                &META,
                node,
                &attribute,
                format!(
                    "Container `{}` of {} may run as root: runAsNonRoot is not true.",
                    container.name, object.resource.address
                ),
            );
        });
    }
}
