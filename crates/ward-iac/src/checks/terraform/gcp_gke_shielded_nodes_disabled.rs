//! `terraform/gcp-gke-shielded-nodes-disabled`: gKE cluster turns Shielded GKE Nodes off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeShieldedNodesDisabled;

static META: Meta = Meta {
    id: "terraform/gcp-gke-shielded-nodes-disabled",
    title: "GKE cluster turns Shielded GKE Nodes off",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_container_cluster` sets `enable_shielded_nodes = false` (the default \
        is true).",
    rationale: "Without Shielded Nodes, the control plane cannot verify node identity: an \
        attacker who obtains a node's bootstrap credentials can register a rogue node \
        and receive the secrets of the pods scheduled on it.",
    remediation: "Remove the attribute or set it to true.",
    example: "resource \"google_container_cluster\" \"main\" {\n  enable_shielded_nodes = false   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_GCP_71"],
};

impl TerraformCheck for GcpGkeShieldedNodesDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["google_container_cluster"],
            "enable_shielded_nodes",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} turns Shielded GKE Nodes off.", r.address),
        );
    }
}
