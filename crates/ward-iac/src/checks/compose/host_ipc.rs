//! `compose/host-ipc`: a service shares the host's IPC namespace.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct HostIpc;

static META: Meta = Meta {
    id: "compose/host-ipc",
    title: "Compose service shares the host's IPC",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A service sets `ipc: host`.",
    rationale: "Shared memory and semaphores of host processes become reachable from the \
        container.",
    remediation: "Remove `ipc: host`, or share IPC only between the services that need it (`ipc: \
        service:NAME`).",
    example: "services:\n  app:\n    ipc: host   # reported",
    cwe: &["CWE-668"],
    checkov: &[],
};

impl ComposeCheck for HostIpc {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        service.report_setting(
            sink,
            &META,
            "ipc",
            "host",
            "shares the host's IPC namespace (ipc: host)",
        );
    }
}
