//! `compose/sensitive-host-mount`: compose service mounts a sensitive host directory.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct SensitiveHostMount;

static META: Meta = Meta {
    id: "compose/sensitive-host-mount",
    title: "Compose service mounts a sensitive host directory",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A service mounts the host's root directory or a system directory: `/`, `/etc`, \
        `/root`, `/home`, `/boot`, `/proc`, `/sys`, `/dev`, `/var/lib/docker`, \
        `/var/lib/kubelet`, or a path inside one of them (short or long syntax). \
        Container runtime sockets are reported by `compose/docker-socket-mount`.",
    rationale: "These paths hold the host's credentials, configuration, kernel interfaces and \
        other containers' data: read, they leak secrets such as `/etc/shadow` and SSH \
        keys; written, they let the container take over the host.",
    remediation: "Mount only the specific files the service needs, read-only (`:ro`), or use named \
        volumes.",
    example: "services:\n  agent:\n    volumes:\n      - /etc:/host/etc   # reported",
    cwe: &["CWE-668"],
    checkov: &[],
};

/// The sensitive host directory a mount source is (or is inside), if any.
fn sensitive(source: &str) -> Option<&'static str> {
    const DIRS: &[&str] = &[
        "/etc",
        "/root",
        "/home",
        "/boot",
        "/proc",
        "/sys",
        "/dev",
        "/var/lib/docker",
        "/var/lib/kubelet",
    ];
    let path = source.trim_end_matches('/');
    if path.is_empty() && source.starts_with('/') {
        return Some("/");
    }
    DIRS.iter().copied().find(|dir| {
        path == *dir
            || path
                .strip_prefix(dir)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

impl ComposeCheck for SensitiveHostMount {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        for volume in service.volumes() {
            let Some(dir) = sensitive(volume.source) else {
                continue;
            };
            let what = format!("the host path {} ({dir})", volume.source);
            service.report_volume(sink, &META, &volume, &what);
        }
    }
}
