//! `kubernetes/service-external-ips`: service sets external IPs.

use ward_core::{Confidence, Severity};

use crate::check::{Meta, Sink};
use crate::kubernetes::{KubernetesCheck, Object};

#[derive(Debug)]
pub struct ServiceExternalIps;

static META: Meta = Meta {
    id: "kubernetes/service-external-ips",
    title: "Service sets external IPs",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A Service lists `spec.externalIPs`.",
    rationale: "Whoever can create or edit a Service with `externalIPs` can make the cluster \
        intercept traffic meant for any address, another tenant's or an outside \
        service's (CVE-2020-8554); the field is rarely needed.",
    remediation: "Use a LoadBalancer Service or an Ingress instead, and block `externalIPs` \
        cluster-wide with an admission policy (the DenyServiceExternalIPs plugin).",
    example: "spec:\n  externalIPs:\n    - 203.0.113.10   # reported",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl KubernetesCheck for ServiceExternalIps {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, object: &Object<'_>, sink: &mut Sink<'_>) {
        if object.kind != "Service" {
            return;
        }
        let Some(ips) = object.node.path(&["spec", "externalIPs"]) else {
            return;
        };
        if ips.as_seq().is_empty() {
            return;
        }
        object.report(
            sink,
            &META,
            ips,
            &object.attr("spec.externalIPs"),
            format!(
                "{} claims external IPs, which can intercept traffic for those addresses.",
                object.resource.address
            ),
        );
    }
}
