//! `image/ssh-port-exposed`: the image exposes the SSH port.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::image_config::{ImageConfig, ImageConfigCheck};

#[derive(Debug)]
pub struct SshPortExposed;

static META: Meta = Meta {
    id: "image/ssh-port-exposed",
    title: "Image exposes port 22 (SSH)",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "The image configuration's `ExposedPorts` include 22, the SSH port.",
    rationale: "An SSH server in a container is a second way in, with its own credentials and \
        keys to leak, that bypasses the orchestrator's access control and audit (`kubectl exec`, \
        `docker exec`).",
    remediation: "Remove the SSH server and the `EXPOSE 22`; use the platform's exec for \
        debugging.",
    example: "\"ExposedPorts\": {\"22/tcp\": {}, \"8080/tcp\": {}}   # reported\n# fixed:\n\"ExposedPorts\": {\"8080/tcp\": {}}",
    cwe: &["CWE-284"],
    checkov: &["CKV_DOCKER_1"],
};

impl ImageConfigCheck for SshPortExposed {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, config: &ImageConfig, sink: &mut Sink<'_>) {
        for port in &config.exposed_ports {
            if port.split('/').next() == Some("22") {
                config.report(
                    sink,
                    &META,
                    &format!("\"{port}\""),
                    &format!("config.ExposedPorts.{port}"),
                    format!("The image exposes {port}, the SSH port."),
                );
            }
        }
    }
}
