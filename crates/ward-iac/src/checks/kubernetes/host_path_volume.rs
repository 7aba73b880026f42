//! `kubernetes/host-path-volume`: a pod mounts a directory of the node.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

use super::docker_socket_mount::is_runtime_socket;

#[derive(Debug)]
pub struct HostPathVolume;

static META: Meta = Meta {
    id: "kubernetes/host-path-volume",
    title: "Pod mounts a host path",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A pod template declares a `hostPath` volume. (A container runtime socket is \
        reported by `kubernetes/docker-socket-mount` instead.)",
    rationale: "A host path exposes the node's filesystem to the pod: written to, it can plant \
        files the node executes; read, it can leak other pods' data and the kubelet's credentials.",
    remediation: "Use a `persistentVolumeClaim`, `configMap`, `secret` or `emptyDir` volume. If a \
        host path is unavoidable, mount it `readOnly: true` and as narrow as possible.",
    example: "volumes:\n  - name: logs\n    hostPath:\n      path: /var/log   # reported\n# fixed:\n  - name: logs\n    emptyDir: {}",
    cwe: &["CWE-668"],
    checkov: &[],
};

impl KubernetesCheck for HostPathVolume {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for volume in pod.host_path_volumes() {
            let text = volume.path.as_str().unwrap_or_default();
            if is_runtime_socket(text) {
                continue;
            }
            object.report(
                sink,
                &META,
                volume.path,
                &volume.attribute,
                format!(
                    "Volume `{}` of {} mounts the host path {text}.",
                    volume.name, object.resource.address
                ),
            );
        }
    }
}
