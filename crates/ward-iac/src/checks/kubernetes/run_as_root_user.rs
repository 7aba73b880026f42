//! `kubernetes/run-as-root-user`: a container is told to run as user 0.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct RunAsRootUser;

static META: Meta = Meta {
    id: "kubernetes/run-as-root-user",
    title: "Container runs as user 0 (root)",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A container's effective `securityContext.runAsUser` (its own, else the pod's) is 0.",
    rationale: "Root inside a container is root on the node's kernel: a container escape, a \
        writable host mount or a kernel bug turns it into control of the node.",
    remediation: "Run as a non-zero UID (`runAsUser: 10001`) and set `runAsNonRoot: true`; build \
        the image so it works as that user.",
    example: "securityContext:\n  runAsUser: 0      # reported\n# fixed:\n  runAsUser: 10001\n  runAsNonRoot: true",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl KubernetesCheck for RunAsRootUser {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |pod, container| {
            if let Some((node, attribute)) = container.effective(pod, "runAsUser")
                && node.as_i64() == Some(0)
            {
                object.report(
                    sink,
                    &META,
                    node,
                    &attribute,
                    format!(
                        "Container `{}` of {} runs as root (runAsUser: 0).",
                        container.name, object.resource.address
                    ),
                );
            }
        });
    }
}
