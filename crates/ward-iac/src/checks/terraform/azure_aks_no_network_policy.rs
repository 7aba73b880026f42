//! `terraform/azure-aks-no-network-policy`: aKS cluster has no network policy engine.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAksNoNetworkPolicy;

static META: Meta = Meta {
    id: "terraform/azure-aks-no-network-policy",
    title: "AKS cluster has no network policy engine",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_kubernetes_cluster` has no `network_profile.network_policy` \
        (`azure`, `calico` or `cilium`), so Kubernetes NetworkPolicy objects have no \
        effect.",
    rationale: "Without a policy engine every pod can reach every other pod and service in the \
        cluster: one compromised workload can probe and attack all the others, databases \
        included.",
    remediation: "Set `network_profile { network_plugin = \"azure\", network_policy = \"azure\" }` \
        (or `calico`, `cilium`) and write NetworkPolicies that deny by default.",
    example: "network_profile {\n  network_plugin = \"azure\"   # reported: no network_policy\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_7"],
};

impl TerraformCheck for AzureAksNoNetworkPolicy {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_kubernetes_cluster"],
            "network_profile.network_policy",
            IfMissing::Fail,
            |_: &Value| Verdict::Pass,
            |r, _| {
                format!(
                    "{} has no network policy engine: NetworkPolicies are not enforced.",
                    r.address
                )
            },
        );
    }
}
