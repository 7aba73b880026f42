//! `dockerfile/expose-ssh`: the image exposes SSH.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::dockerfile::{Dockerfile, DockerfileCheck};

#[derive(Debug)]
pub struct ExposeSsh;

static META: Meta = Meta {
    id: "dockerfile/expose-ssh",
    title: "Image exposes port 22 (SSH)",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `EXPOSE` instruction lists port 22.",
    rationale: "An SSH server in a container is a second way in, with its own keys and passwords \
        to leak, that bypasses the orchestrator's access control and audit (`kubectl exec`, \
        `docker exec`).",
    remediation: "Remove the SSH server and the `EXPOSE 22`; use the platform's exec and logging.",
    example: "EXPOSE 22 8080   # reported\n# fixed:\nEXPOSE 8080",
    cwe: &["CWE-284"],
    checkov: &["CKV_DOCKER_1"],
};

impl DockerfileCheck for ExposeSsh {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, file: &Dockerfile, sink: &mut Sink<'_>) {
        for (index, instruction) in file.with_keyword("EXPOSE") {
            if let Some(port) = instruction
                .args
                .split_whitespace()
                .find(|port| port.split('/').next() == Some("22"))
            {
                file.report_at(sink, &META, index, port, "EXPOSE lists port 22 (SSH).");
            }
        }
    }
}
