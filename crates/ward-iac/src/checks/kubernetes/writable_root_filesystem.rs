//! `kubernetes/writable-root-filesystem`: a container's root filesystem is writable.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct WritableRootFilesystem;

static META: Meta = Meta {
    id: "kubernetes/writable-root-filesystem",
    title: "Container root filesystem is writable",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A container does not set `securityContext.readOnlyRootFilesystem: true`.",
    rationale: "A writable root filesystem lets an intruder drop tools, replace binaries and \
        persist for the life of the container; read-only makes every change go through a \
        declared volume.",
    remediation: "Set `readOnlyRootFilesystem: true` and mount an `emptyDir` volume where the \
        application must write (`/tmp`, a cache directory).",
    example: "securityContext:\n  readOnlyRootFilesystem: false   # reported\n# fixed:\n  readOnlyRootFilesystem: true",
    cwe: &["CWE-732"],
    checkov: &["CKV_K8S_22"],
};

impl KubernetesCheck for WritableRootFilesystem {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            let attribute = format!("{}.securityContext.readOnlyRootFilesystem", container.path);
            let node = container.security("readOnlyRootFilesystem");
            if node.is_some_and(crate::yaml::Node::is_true) {
                return;
            }
            object.report(
                sink,
                &META,
                node.unwrap_or(container.node),
                &attribute,
                format!(
                    "Container `{}` of {} has a writable root filesystem.",
                    container.name, object.resource.address
                ),
            );
        });
    }
}
