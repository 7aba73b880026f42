//! `terraform/azure-aks-local-accounts-enabled`: aKS cluster keeps local accounts enabled.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAksLocalAccountsEnabled;

static META: Meta = Meta {
    id: "terraform/azure-aks-local-accounts-enabled",
    title: "AKS cluster keeps local accounts enabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_kubernetes_cluster` leaves `local_account_disabled` unset or false \
        (the default keeps the local cluster-admin account).",
    rationale: "The local admin credential (`az aks get-credentials --admin`) bypasses Entra ID: \
        it cannot be scoped, is not tied to a person, and keeps working for whoever \
        copied it until the cluster certificate is rotated.",
    remediation: "Integrate the cluster with Entra ID \
        (`azure_active_directory_role_based_access_control`) and set \
        `local_account_disabled = true`.",
    example: "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  local_account_disabled = false   # reported\n}",
    cwe: &["CWE-287"],
    checkov: &["CKV_AZURE_141"],
};

impl TerraformCheck for AzureAksLocalAccountsEnabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_kubernetes_cluster"],
            "local_account_disabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} keeps the local cluster-admin account.", r.address),
        );
    }
}
