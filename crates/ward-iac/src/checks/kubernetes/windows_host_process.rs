//! `kubernetes/windows-host-process`: windows pod runs as a host process.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct WindowsHostProcess;

static META: Meta = Meta {
    id: "kubernetes/windows-host-process",
    title: "Windows pod runs as a host process",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A container or its pod sets `securityContext.windowsOptions.hostProcess: true`.",
    rationale: "A HostProcess container runs directly on the Windows node, outside any container \
        isolation, with access to the node's filesystem, network and processes: it is \
        administrative access to the node.",
    remediation: "Remove `hostProcess`; reserve it for node-management DaemonSets in a tightly \
        controlled namespace.",
    example: "securityContext:\n  windowsOptions:\n    hostProcess: true   # reported",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl KubernetesCheck for WindowsHostProcess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |pod, container| {
            if let Some((options, path)) = container.effective(pod, "windowsOptions")
                && let Some(flag) = options.get("hostProcess").filter(|f| f.is_true())
            {
                object.report(
                    sink,
                    &META,
                    flag,
                    &format!("{path}.hostProcess"),
                    format!(
                        "Container `{}` of {} runs as a process on the Windows node.",
                        container.name, object.resource.address
                    ),
                );
            }
        });
    }
}
