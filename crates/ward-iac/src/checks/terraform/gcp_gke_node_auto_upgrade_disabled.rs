//! `terraform/gcp-gke-node-auto-upgrade-disabled`: gKE node pool has automatic upgrades off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeNodeAutoUpgradeDisabled;

static META: Meta = Meta {
    id: "terraform/gcp-gke-node-auto-upgrade-disabled",
    title: "GKE node pool has automatic upgrades off",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A `google_container_node_pool` sets `management.auto_upgrade = false` (the \
        default is true).",
    rationale: "Nodes then keep their Kubernetes version and node image until someone upgrades \
        them by hand, with the kernel and kubelet vulnerabilities fixed since.",
    remediation: "Remove the attribute or set it to true; use a release channel and maintenance \
        windows to control when upgrades happen.",
    example: "management {\n  auto_upgrade = false   # reported\n}",
    cwe: &["CWE-1104"],
    checkov: &["CKV_GCP_10"],
};

impl TerraformCheck for GcpGkeNodeAutoUpgradeDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["google_container_node_pool"],
            "management.auto_upgrade",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} does not upgrade its nodes automatically.", r.address),
        );
    }
}
