//! `compose/userns-host`: compose service opts out of user namespace remapping.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct UsernsHost;

static META: Meta = Meta {
    id: "compose/userns-host",
    title: "Compose service opts out of user namespace remapping",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A service sets `userns_mode: host`.",
    rationale: "On a daemon with user namespace remapping, this service alone runs with real \
        host user IDs: root in the container is root on the host again, for every file \
        it can reach through mounts.",
    remediation: "Remove `userns_mode: host`.",
    example: "services:\n  app:\n    userns_mode: host   # reported",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl ComposeCheck for UsernsHost {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        service.report_setting(
            sink,
            &META,
            "userns_mode",
            "host",
            "runs with the host's user IDs (userns_mode: host)",
        );
    }
}
