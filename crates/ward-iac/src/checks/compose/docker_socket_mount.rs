//! `compose/docker-socket-mount`: a service mounts the Docker socket.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::checks::kubernetes::docker_socket_mount::is_runtime_socket;
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct DockerSocketMount;

static META: Meta = Meta {
    id: "compose/docker-socket-mount",
    title: "Compose service mounts the Docker socket",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "A service mounts `/var/run/docker.sock` (or another container runtime socket, or \
        the directory holding it) as a volume, in short or long syntax.",
    rationale: "Access to the runtime socket is root on the host: the container can start a \
        privileged container with the host filesystem mounted.",
    remediation: "Remove the mount. If the service must manage containers, put a socket proxy that \
        allows only the needed API calls in between, or use rootless tooling.",
    example: "services:\n  ci:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock   # reported",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl ComposeCheck for DockerSocketMount {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        for volume in service.volumes() {
            if is_runtime_socket(volume.source) {
                let what = format!("the container runtime socket {}", volume.source);
                service.report_volume(sink, &META, &volume, &what);
            }
        }
    }
}
