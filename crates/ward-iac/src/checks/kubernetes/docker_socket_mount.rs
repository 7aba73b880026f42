//! `kubernetes/docker-socket-mount`: a pod mounts the container runtime's socket.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

#[derive(Debug)]
pub struct DockerSocketMount;

static META: Meta = Meta {
    id: "kubernetes/docker-socket-mount",
    title: "Pod mounts the container runtime socket",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "A pod template's `hostPath` volume points at a container runtime socket \
        (`/var/run/docker.sock`, containerd's or CRI-O's socket) or the directory holding it.",
    rationale: "Whoever can talk to the runtime socket can start a privileged container with \
        the node's root filesystem mounted: it is root on the node, with no exploit needed.",
    remediation: "Remove the volume. Build images with a rootless builder (BuildKit rootless, \
        kaniko, buildah) and read container metadata through the Kubernetes API instead.",
    example: "volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock   # reported",
    cwe: &["CWE-250"],
    checkov: &["CKV_K8S_27"],
};

/// Whether a host path is, or contains, a container runtime socket.
pub fn is_runtime_socket(path: &str) -> bool {
    let path = path.trim().trim_end_matches('/');
    [
        "/var/run/docker.sock",
        "/run/docker.sock",
        "/var/run/docker",
        "/run/containerd/containerd.sock",
        "/var/run/containerd/containerd.sock",
        "/run/containerd",
        "/var/run/crio/crio.sock",
        "/run/crio/crio.sock",
        "/var/run/cri-dockerd.sock",
    ]
    .contains(&path)
        || path == "/var/run"
        || path == "/run"
}

impl KubernetesCheck for DockerSocketMount {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        let Some(pod) = object.pod_spec() else { return };
        for volume in pod.host_path_volumes() {
            let text = volume.path.as_str().unwrap_or_default();
            if !is_runtime_socket(text) {
                continue;
            }
            object.report(
                sink,
                &META,
                volume.path,
                &volume.attribute,
                format!(
                    "{} mounts the container runtime socket {text}.",
                    object.resource.address
                ),
            );
        }
    }
}
