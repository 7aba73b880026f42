//! `terraform/azure-storage-https-not-enforced`: an Azure storage account accepts plain HTTP.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureStorageHttpsNotEnforced;

static META: Meta = Meta {
    id: "terraform/azure-storage-https-not-enforced",
    title: "Azure storage account allows plain HTTP",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_storage_account` sets `https_traffic_only_enabled` (or the older \
        `enable_https_traffic_only`) to false.",
    rationale: "Requests over HTTP carry shared keys, SAS tokens and data in clear text.",
    remediation: "Remove the setting or set it to true (the default).",
    example: "resource \"azurerm_storage_account\" \"data\" {\n  https_traffic_only_enabled = false   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AZURE_3"],
};

impl TerraformCheck for AzureStorageHttpsNotEnforced {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for setting in ["https_traffic_only_enabled", "enable_https_traffic_only"] {
            judge_attr(
                &META,
                module,
                report,
                &["azurerm_storage_account"],
                setting,
                IfMissing::Pass,
                bool_is(false),
                |r, _| format!("{} accepts plain HTTP.", r.address),
            );
        }
    }
}
