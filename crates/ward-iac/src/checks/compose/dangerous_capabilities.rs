//! `compose/dangerous-capabilities`: a service adds a dangerous Linux capability.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct DangerousCapabilities;

static META: Meta = Meta {
    id: "compose/dangerous-capabilities",
    title: "Compose service adds a dangerous capability",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A service adds `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, \
        `DAC_READ_SEARCH` or `BPF` with `cap_add`.",
    rationale: "These capabilities each allow container escapes or host-wide effects (mounting \
        filesystems, loading kernel modules, tracing other processes, reconfiguring the \
        network).",
    remediation: "Drop the capability; if the workload truly needs one, add only that one and \
        document why.",
    example: "services:\n  app:\n    cap_add:\n      - SYS_ADMIN   # reported",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl ComposeCheck for DangerousCapabilities {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        let Some(caps) = service.node.get("cap_add") else {
            return;
        };
        for (i, cap) in caps.as_seq().iter().enumerate() {
            let Some(name) = cap.as_str() else { continue };
            let bare = name.trim().trim_start_matches("CAP_").to_ascii_uppercase();
            if [
                "ALL",
                "SYS_ADMIN",
                "NET_ADMIN",
                "SYS_PTRACE",
                "SYS_MODULE",
                "DAC_READ_SEARCH",
                "BPF",
            ]
            .contains(&bare.as_str())
            {
                service.report(
                    sink,
                    &META,
                    cap,
                    &format!("cap_add[{i}]"),
                    format!("Service {} adds the capability {bare}.", service.name),
                );
            }
        }
    }
}
