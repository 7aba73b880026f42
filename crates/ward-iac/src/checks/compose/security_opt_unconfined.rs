//! `compose/security-opt-unconfined`: a service turns off seccomp, `AppArmor` or `SELinux`.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct SecurityOptUnconfined;

static META: Meta = Meta {
    id: "compose/security-opt-unconfined",
    title: "Compose service disables a kernel security profile",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A service sets `security_opt` to `seccomp:unconfined`, `apparmor:unconfined` or \
        `label:disable` (also with `=`).",
    rationale: "These profiles block the system calls and file accesses most container escapes \
        rely on; turning them off removes that layer for the whole container.",
    remediation: "Remove the option; if a specific system call is needed, use a custom seccomp \
        profile that allows only it.",
    example: "services:\n  app:\n    security_opt:\n      - seccomp:unconfined   # reported",
    cwe: &["CWE-693"],
    checkov: &[],
};

impl ComposeCheck for SecurityOptUnconfined {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        let Some(options) = service.node.get("security_opt") else {
            return;
        };
        for (i, option) in options.as_seq().iter().enumerate() {
            let Some(text) = option.as_str() else {
                continue;
            };
            let normalized = text.replace('=', ":").to_ascii_lowercase();
            if ["seccomp:unconfined", "apparmor:unconfined", "label:disable"]
                .contains(&normalized.as_str())
            {
                service.report(
                    sink,
                    &META,
                    option,
                    &format!("security_opt[{i}]"),
                    format!("Service {} runs with {text}.", service.name),
                );
            }
        }
    }
}
