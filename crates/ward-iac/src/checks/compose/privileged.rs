//! `compose/privileged`: a service runs privileged.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct Privileged;

static META: Meta = Meta {
    id: "compose/privileged",
    title: "Compose service runs privileged",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A service sets `privileged: true`.",
    rationale: "A privileged container has every capability and all host devices: whoever \
        controls the process controls the host.",
    remediation: "Remove `privileged: true`; add only the capabilities the service needs with \
        `cap_add`.",
    example: "services:\n  app:\n    privileged: true   # reported",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl ComposeCheck for Privileged {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        if let Some(node) = service.node.get("privileged").filter(|n| n.is_true()) {
            service.report(
                sink,
                &META,
                node,
                "privileged",
                format!("Service {} runs privileged.", service.name),
            );
        }
    }
}
