//! `compose/device-mapped`: compose service maps a host device.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::compose::{ComposeCheck, Service};

#[derive(Debug)]
pub struct DeviceMapped;

static META: Meta = Meta {
    id: "compose/device-mapped",
    title: "Compose service maps a host device",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A service lists host devices under `devices`.",
    rationale: "A device node gives the container direct access to host hardware or kernel \
        interfaces (disks, `/dev/mem`, GPUs, FUSE, USB); with write access to a block \
        device the container can read or change the host's filesystem outside any mount \
        restrictions.",
    remediation: "Remove the mapping; if the workload needs a device, map only that one, read-only \
        where possible (`/dev/dri:/dev/dri:r`).",
    example: "services:\n  app:\n    devices:\n      - /dev/sda:/dev/sda   # reported",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl ComposeCheck for DeviceMapped {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, service: &Service<'_>, sink: &mut Sink<'_>) {
        let Some(devices) = service.node.get("devices") else {
            return;
        };
        for (i, device) in devices.as_seq().iter().enumerate() {
            let source = device
                .as_str()
                .or_else(|| device.get("source").and_then(crate::yaml::Node::as_str))
                .unwrap_or("?");
            let source = source.split(':').next().unwrap_or(source);
            service.report(
                sink,
                &META,
                device,
                &format!("devices[{i}]"),
                format!("Service {} maps the host device {source}.", service.name),
            );
        }
    }
}
