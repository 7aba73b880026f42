//! `terraform/azure-storage-outdated-tls`: an Azure storage account accepts TLS 1.0 or 1.1.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureStorageOutdatedTls;

static META: Meta = Meta {
    id: "terraform/azure-storage-outdated-tls",
    title: "Azure storage account accepts outdated TLS",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_storage_account` sets `min_tls_version` to `TLS1_0` or `TLS1_1`.",
    rationale: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and let a network attacker downgrade \
        clients to weak cipher suites.",
    remediation: "Set `min_tls_version = \"TLS1_2\"` (the provider's default).",
    example: "resource \"azurerm_storage_account\" \"data\" {\n  min_tls_version = \"TLS1_0\"   # reported\n}",
    cwe: &["CWE-326"],
    checkov: &["CKV_AZURE_44"],
};

impl TerraformCheck for AzureStorageOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_storage_account"],
            "min_tls_version",
            IfMissing::Pass,
            string_in(&["TLS1_0", "TLS1_1"]),
            |r, v| {
                format!(
                    "{} accepts {}.",
                    r.address,
                    v.map(crate::terraform::value::Value::display)
                        .unwrap_or_default()
                )
            },
        );
    }
}
