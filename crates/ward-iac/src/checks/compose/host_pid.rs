//! `compose/host-pid`: a service shares the host's process namespace.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct HostPid;

static META: Meta = Meta {
    id: "compose/host-pid",
    title: "Compose service shares the host's PIDs",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A service sets `pid: host`.",
    rationale: "The container sees every process of the host and, with enough privileges, can \
        signal or trace them and read their environment.",
    remediation: "Remove `pid: host`.",
    example: "services:\n  app:\n    pid: host   # reported",
    cwe: &["CWE-668"],
    checkov: &[],
};

impl ComposeCheck for HostPid {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        service.report_setting(
            sink,
            &META,
            "pid",
            "host",
            "shares the host's process namespace (pid: host)",
        );
    }
}
