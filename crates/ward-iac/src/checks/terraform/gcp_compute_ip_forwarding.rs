//! `terraform/gcp-compute-ip-forwarding`: compute instance can forward IP packets.

use ward_core::{Confidence, Severity};

use super::helpers::{GCP_INSTANCE_TYPES, IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpComputeIpForwarding;

static META: Meta = Meta {
    id: "terraform/gcp-compute-ip-forwarding",
    title: "Compute instance can forward IP packets",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_compute_instance` or `google_compute_instance_template` sets \
        `can_ip_forward = true`.",
    rationale: "The instance may send and receive packets for addresses that are not its own: a \
        compromised instance can route around firewall rules and spoof traffic. Only NAT \
        and VPN gateways need it.",
    remediation: "Remove `can_ip_forward` (the default is false) unless the instance is a network \
        appliance; use Cloud NAT or Cloud VPN instead of self-built ones.",
    example: "resource \"google_compute_instance\" \"app\" {\n  can_ip_forward = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_36"],
};

impl TerraformCheck for GcpComputeIpForwarding {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            GCP_INSTANCE_TYPES,
            "can_ip_forward",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} can forward packets for other addresses.", r.address),
        );
    }
}
