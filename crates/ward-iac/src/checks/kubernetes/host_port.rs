//! `kubernetes/host-port`: container binds a port on the node.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object, each_container};

#[derive(Debug)]
pub struct HostPort;

static META: Meta = Meta {
    id: "kubernetes/host-port",
    title: "Container binds a port on the node",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A container port sets `hostPort`, publishing it on the node's own network \
        interfaces.",
    rationale: "A host port bypasses Services and NetworkPolicies: the port is open on the \
        node's address to whatever can reach the node, and it ties the pod to nodes \
        where the port is free.",
    remediation: "Remove `hostPort` and expose the pod through a Service (ClusterIP, or a \
        LoadBalancer or Ingress for outside traffic).",
    example: "ports:\n  - containerPort: 8080\n    hostPort: 8080   # reported",
    cwe: &["CWE-284"],
    checkov: &["CKV_K8S_26"],
};

impl KubernetesCheck for HostPort {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        each_container(object, |_, container| {
            let Some(ports) = container.node.get("ports") else {
                return;
            };
            for (i, port) in ports.as_seq().iter().enumerate() {
                let Some(host) = port.get("hostPort").filter(|p| p.as_i64() != Some(0)) else {
                    continue;
                };
                object.report(
                    sink,
                    &META,
                    host,
                    &format!("{}.ports[{i}].hostPort", container.path),
                    format!(
                        "Container `{}` of {} binds port {} on the node.",
                        container.name,
                        object.resource.address,
                        host.as_str().unwrap_or("?")
                    ),
                );
            }
        });
    }
}
