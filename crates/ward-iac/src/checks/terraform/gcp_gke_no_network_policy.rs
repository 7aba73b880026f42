//! `terraform/gcp-gke-no-network-policy`: gKE cluster does not enforce network policies.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Verdict;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeNoNetworkPolicy;

static META: Meta = Meta {
    id: "terraform/gcp-gke-no-network-policy",
    title: "GKE cluster does not enforce network policies",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_container_cluster` that is not Autopilot and does not use Dataplane V2 \
        (`datapath_provider = \"ADVANCED_DATAPATH\"`, which enforces policies itself) \
        leaves `network_policy.enabled` unset or false.",
    rationale: "Without enforcement, Kubernetes NetworkPolicy objects do nothing: every pod \
        reaches every other pod, and one compromised workload can attack the rest of the \
        cluster.",
    remediation: "Use Dataplane V2 (`datapath_provider = \"ADVANCED_DATAPATH\"`), or set \
        `network_policy { enabled = true }` with the network policy add-on, and write \
        default-deny policies.",
    example: "resource \"google_container_cluster\" \"main\" {\n  # no network_policy, no ADVANCED_DATAPATH   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_12"],
};

impl TerraformCheck for GcpGkeNoNetworkPolicy {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("google_container_cluster") {
            let autopilot = cluster
                .attr("enable_autopilot")
                .is_some_and(|a| bool_is(true)(&a.value) != Verdict::Pass);
            let dataplane_v2 = cluster
                .attr("datapath_provider")
                .is_some_and(|a| string_in(&["ADVANCED_DATAPATH"])(&a.value) != Verdict::Pass);
            if autopilot || dataplane_v2 {
                continue;
            }
            judge_one(
                &META,
                report,
                cluster,
                "network_policy.enabled",
                IfMissing::Fail,
                &bool_is(false),
                &|r, _| format!("{} does not enforce network policies.", r.address),
            );
        }
    }
}
