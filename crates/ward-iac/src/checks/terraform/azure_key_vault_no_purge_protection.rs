//! `terraform/azure-key-vault-no-purge-protection`: a Key Vault can be purged before its retention ends.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureKeyVaultNoPurgeProtection;

static META: Meta = Meta {
    id: "terraform/azure-key-vault-no-purge-protection",
    title: "Key Vault purge protection is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_key_vault` leaves `purge_protection_enabled` unset or false.",
    rationale: "Without purge protection, someone with enough rights (or their stolen token) can \
        delete a vault and purge it at once: keys, secrets and certificates are gone for \
        good, and so is everything encrypted with them.",
    remediation: "Set `purge_protection_enabled = true` (it cannot be turned off again).",
    example: "resource \"azurerm_key_vault\" \"main\" {\n  purge_protection_enabled = false   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AZURE_110"],
};

impl TerraformCheck for AzureKeyVaultNoPurgeProtection {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_key_vault"],
            "purge_protection_enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| {
                format!(
                    "{} can be purged before its retention period ends.",
                    r.address
                )
            },
        );
    }
}
