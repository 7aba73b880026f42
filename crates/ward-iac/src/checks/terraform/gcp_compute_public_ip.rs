//! `terraform/gcp-compute-public-ip`: compute instance has a public IP address.

use ward_core::{Confidence, Severity};

use super::helpers::GCP_INSTANCE_TYPES;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpComputePublicIp;

static META: Meta = Meta {
    id: "terraform/gcp-compute-public-ip",
    title: "Compute instance has a public IP address",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_compute_instance` or `google_compute_instance_template` has an \
        `access_config` block in a `network_interface`, which gives it an external IP \
        address.",
    rationale: "An instance with a public address is reachable from the internet on every port \
        its firewall rules allow, and can reach out directly, bypassing egress controls.",
    remediation: "Remove `access_config`; reach instances through Identity-Aware Proxy or a \
        bastion, and give them internet access through Cloud NAT.",
    example: "network_interface {\n  network = \"default\"\n  access_config {}   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_40"],
};

impl TerraformCheck for GcpComputePublicIp {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in GCP_INSTANCE_TYPES {
            for instance in module.of_type(rtype) {
                for (i, nic) in instance.body.blocks("network_interface").enumerate() {
                    if let Some(access) = nic.body.block("access_config") {
                        report.fail_at(
                            &META,
                            instance,
                            access.span,
                            &format!("network_interface[{i}].access_config"),
                            format!("{} has a public IP address.", instance.address),
                        );
                    }
                }
            }
        }
    }
}
