//! `kubernetes/unsafe-sysctls`: pod sets an unsafe sysctl.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

#[derive(Debug)]
pub struct UnsafeSysctls;

static META: Meta = Meta {
    id: "kubernetes/unsafe-sysctls",
    title: "Pod sets an unsafe sysctl",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A pod's `securityContext.sysctls` sets a kernel parameter outside the namespaced \
        set Kubernetes considers safe (`kernel.shm_rmid_forced`, \
        `net.ipv4.ip_local_port_range`, `net.ipv4.ip_unprivileged_port_start`, \
        `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, \
        `net.ipv4.ip_local_reserved_ports`, `net.ipv4.tcp_keepalive_time`, \
        `net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_keepalive_intvl`, \
        `net.ipv4.tcp_keepalive_probes`).",
    rationale: "Unsafe sysctls are not isolated per pod, or can exhaust or reconfigure the node: \
        a pod allowed to set them affects every other workload on the node and can \
        weaken its defences.",
    remediation: "Remove the sysctl, or tune the node itself; the Baseline Pod Security Standard \
        forbids these.",
    example: "securityContext:\n  sysctls:\n    - name: kernel.msgmax   # reported\n      value: \"65536\"",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl KubernetesCheck for UnsafeSysctls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        const SAFE: &[&str] = &[
            "kernel.shm_rmid_forced",
            "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports",
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
        ];
        let Some(pod) = object.pod_spec() else {
            return;
        };
        let Some(sysctls) = pod.security("sysctls") else {
            return;
        };
        for (i, sysctl) in sysctls.as_seq().iter().enumerate() {
            let Some(name) = sysctl.get("name").and_then(crate::yaml::Node::as_str) else {
                continue;
            };
            if SAFE.contains(&name) {
                continue;
            }
            object.report(
                sink,
                &META,
                sysctl.get("name").unwrap_or(sysctl),
                &format!("{}.securityContext.sysctls[{i}].name", pod.path),
                format!("{} sets the unsafe sysctl {name}.", object.resource.address),
            );
        }
    }
}
