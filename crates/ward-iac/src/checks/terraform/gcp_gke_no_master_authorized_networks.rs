//! `terraform/gcp-gke-no-master-authorized-networks`: gKE control plane accepts connections from any address.

use ward_core::{Confidence, Severity};

use super::helpers::any_internet;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Verdict;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeNoMasterAuthorizedNetworks;

static META: Meta = Meta {
    id: "terraform/gcp-gke-no-master-authorized-networks",
    title: "GKE control plane accepts connections from any address",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_container_cluster` whose control plane has a public endpoint (no \
        `private_cluster_config.enable_private_endpoint = true`) has no \
        `master_authorized_networks_config` block, or authorizes `0.0.0.0/0` in it.",
    rationale: "The Kubernetes API is then reachable from the whole internet: stolen credentials \
        work from anywhere, and API server vulnerabilities are exposed to everyone.",
    remediation: "Add `master_authorized_networks_config` with the administrators' and CI networks \
        as `cidr_blocks`, or make the endpoint private.",
    example: "resource \"google_container_cluster\" \"main\" {\n  # no master_authorized_networks_config   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_20"],
};

impl TerraformCheck for GcpGkeNoMasterAuthorizedNetworks {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("google_container_cluster") {
            if cluster
                .body
                .attr_at("private_cluster_config.enable_private_endpoint")
                .is_some_and(|a| a.value.as_bool() != Some(false))
            {
                continue;
            }
            let Some(config) = cluster.body.block("master_authorized_networks_config") else {
                report.fail(
                    &META,
                    cluster,
                    None,
                    "master_authorized_networks_config",
                    format!(
                        "{} accepts control plane connections from any address.",
                        cluster.address
                    ),
                );
                continue;
            };
            for (i, block) in config.body.blocks("cidr_blocks").enumerate() {
                let Some(cidr) = block.body.attr("cidr_block") else {
                    continue;
                };
                if any_internet(&[&cidr.value]) == Verdict::Fail {
                    report.fail(
                        &META,
                        cluster,
                        Some(cidr),
                        &format!("master_authorized_networks_config.cidr_blocks[{i}].cidr_block"),
                        format!(
                            "{} authorizes 0.0.0.0/0 on its control plane.",
                            cluster.address
                        ),
                    );
                }
            }
        }
    }
}
