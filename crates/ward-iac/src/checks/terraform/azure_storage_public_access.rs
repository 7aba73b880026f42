//! `terraform/azure-storage-public-access`: an Azure storage account or container allows anonymous reads.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureStoragePublicAccess;

static META: Meta = Meta {
    id: "terraform/azure-storage-public-access",
    title: "Azure storage allows anonymous public access",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `azurerm_storage_account` sets `allow_nested_items_to_be_public` (or the \
        older `allow_blob_public_access`) to true, or an `azurerm_storage_container` has \
        `container_access_type` `blob` or `container`.",
    rationale: "Anonymous access lets anyone who guesses or finds a URL read the blobs (and, for \
        `container`, list them all), with no log of who they are.",
    remediation: "Set `allow_nested_items_to_be_public = false` on the account and \
        `container_access_type = \"private\"` on containers; share with SAS tokens or \
        Entra ID roles.",
    example: "resource \"azurerm_storage_container\" \"assets\" {\n  container_access_type = \"container\"   # reported\n}",
    cwe: &["CWE-732"],
    checkov: &["CKV_AZURE_190", "CKV_AZURE_34"],
};

impl TerraformCheck for AzureStoragePublicAccess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for setting in [
            "allow_nested_items_to_be_public",
            "allow_blob_public_access",
        ] {
            judge_attr(
                &META,
                module,
                report,
                &["azurerm_storage_account"],
                setting,
                IfMissing::Pass,
                bool_is(true),
                |r, _| format!("{} allows anonymous access to its blobs.", r.address),
            );
        }
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_storage_container"],
            "container_access_type",
            IfMissing::Pass,
            string_in(&["blob", "container"]),
            |r, v| {
                format!(
                    "{} allows anonymous `{}` access.",
                    r.address,
                    v.map(crate::terraform::value::Value::display)
                        .unwrap_or_default()
                )
            },
        );
    }
}
