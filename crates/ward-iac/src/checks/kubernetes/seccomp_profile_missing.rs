//! `kubernetes/seccomp-profile-missing`: a container runs without a seccomp profile.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct SeccompProfileMissing;

static META: Meta = Meta {
    id: "kubernetes/seccomp-profile-missing",
    title: "Container runs without a seccomp profile",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "Neither the container nor its pod sets `securityContext.seccompProfile` to \
        `RuntimeDefault` or `Localhost`, or one of them sets `Unconfined`.",
    rationale: "Kubernetes runs containers unconfined by default: every system call of the \
        kernel is reachable, including the rarely used ones most kernel exploits go through. \
        The runtime's default profile blocks them at no cost to ordinary applications.",
    remediation: "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod.",
    example: "securityContext:\n  seccompProfile:\n    type: Unconfined       # reported\n# fixed:\n    type: RuntimeDefault",
    cwe: &["CWE-693"],
    checkov: &["CKV_K8S_31"],
};

impl KubernetesCheck for SeccompProfileMissing {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |pod, container| {
            match container.effective(pod, "seccompProfile") {
                Some((profile, attribute)) => {
                    let kind = profile.get("type");
                    if kind.and_then(|k| k.as_str()) == Some("Unconfined") {
                        object.report(
                            sink,
                            &META,
                            kind.unwrap_or(profile),
                            &format!("{attribute}.type"),
                            format!(
                                "Container `{}` of {} runs with seccomp Unconfined.",
                                container.name, object.resource.address
                            ),
                        );
                    }
                }
                None => object.report(
                    sink,
                    &META,
                    container.node,
                    &format!("{}.securityContext.seccompProfile", container.path),
                    format!(
                        "Container `{}` of {} has no seccomp profile.",
                        container.name, object.resource.address
                    ),
                ),
            }
        });
    }
}
