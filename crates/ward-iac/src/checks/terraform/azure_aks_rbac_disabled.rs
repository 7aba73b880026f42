//! `terraform/azure-aks-rbac-disabled`: an AKS cluster has Kubernetes RBAC turned off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAksRbacDisabled;

static META: Meta = Meta {
    id: "terraform/azure-aks-rbac-disabled",
    title: "AKS cluster has RBAC disabled",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `azurerm_kubernetes_cluster` sets `role_based_access_control_enabled = \
        false`.",
    rationale: "Without RBAC every authenticated identity has the same, unlimited access to the \
        cluster API.",
    remediation: "Remove the setting (RBAC is on by default) or set it to true, and grant access \
        with roles.",
    example: "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  role_based_access_control_enabled = false   # reported\n}",
    cwe: &["CWE-285"],
    checkov: &["CKV_AZURE_5"],
};

impl TerraformCheck for AzureAksRbacDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_kubernetes_cluster"],
            "role_based_access_control_enabled",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} has Kubernetes RBAC turned off.", r.address),
        );
    }
}
