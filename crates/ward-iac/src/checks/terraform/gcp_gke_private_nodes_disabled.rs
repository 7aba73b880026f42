//! `terraform/gcp-gke-private-nodes-disabled`: gKE cluster nodes have public IP addresses.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkePrivateNodesDisabled;

static META: Meta = Meta {
    id: "terraform/gcp-gke-private-nodes-disabled",
    title: "GKE cluster nodes have public IP addresses",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_container_cluster` leaves \
        `private_cluster_config.enable_private_nodes` unset or false, so its nodes get \
        external IP addresses.",
    rationale: "Nodes with public addresses are reachable from the internet on every port the \
        firewall allows (NodePort services, the kubelet if misconfigured) and exfiltrate \
        freely.",
    remediation: "Set `private_cluster_config { enable_private_nodes = true }` and give the nodes \
        egress through Cloud NAT.",
    example: "resource \"google_container_cluster\" \"main\" {\n  # no private_cluster_config   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_25"],
};

impl TerraformCheck for GcpGkePrivateNodesDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["google_container_cluster"],
            "private_cluster_config.enable_private_nodes",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} gives its nodes public IP addresses.", r.address),
        );
    }
}
