//! `terraform/azure-aks-api-server-public`: aKS API server is open to the whole internet.

use ward_core::{Confidence, Severity};

use super::helpers::{any_internet, is_set};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Verdict;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAksApiServerPublic;

static META: Meta = Meta {
    id: "terraform/azure-aks-api-server-public",
    title: "AKS API server is open to the whole internet",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_kubernetes_cluster` is not a private cluster \
        (`private_cluster_enabled`) and its API server has no authorized IP ranges \
        (`api_server_access_profile.authorized_ip_ranges`, or the older \
        `api_server_authorized_ip_ranges`), or they include `0.0.0.0/0`.",
    rationale: "The Kubernetes API is then reachable from any address: stolen kubeconfigs and \
        tokens work from anywhere, and every API server vulnerability is exposed to the \
        internet.",
    remediation: "Set `private_cluster_enabled = true`, or list the administrators' and CI \
        networks in `api_server_access_profile { authorized_ip_ranges = [...] }`.",
    example: "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  # no private_cluster_enabled, no authorized_ip_ranges   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_6"],
};

impl TerraformCheck for AzureAksApiServerPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("azurerm_kubernetes_cluster") {
            if cluster
                .attr("private_cluster_enabled")
                .is_some_and(|a| a.value.as_bool() != Some(false) && is_set(&a.value))
            {
                continue;
            }
            let (path, ranges) = match cluster
                .body
                .attr_at("api_server_access_profile.authorized_ip_ranges")
            {
                Some(a) => ("api_server_access_profile.authorized_ip_ranges", Some(a)),
                None => match cluster.attr("api_server_authorized_ip_ranges") {
                    Some(a) => ("api_server_authorized_ip_ranges", Some(a)),
                    None => ("api_server_access_profile.authorized_ip_ranges", None),
                },
            };
            let message = match ranges {
                Some(r) if any_internet(&[&r.value]) == Verdict::Fail => {
                    "authorizes 0.0.0.0/0 to reach its API server"
                }
                Some(r) if is_set(&r.value) => continue,
                _ => "exposes its API server to every address (no authorized IP ranges)",
            };
            report.fail(
                &META,
                cluster,
                ranges,
                path,
                format!("{} {message}.", cluster.address),
            );
        }
    }
}
