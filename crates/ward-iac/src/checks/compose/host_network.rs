//! `compose/host-network`: a service shares the host's network.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct HostNetwork;

static META: Meta = Meta {
    id: "compose/host-network",
    title: "Compose service uses the host's network",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A service sets `network_mode: host`.",
    rationale: "The container sees and binds the host's interfaces, including services listening \
        on localhost only, and loses the isolation of its own network namespace.",
    remediation: "Use a bridge network and publish only the ports that are needed.",
    example: "services:\n  app:\n    network_mode: host   # reported",
    cwe: &["CWE-668"],
    checkov: &[],
};

impl ComposeCheck for HostNetwork {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        service.report_setting(
            sink,
            &META,
            "network_mode",
            "host",
            "shares the host's network namespace (network_mode: host)",
        );
    }
}
