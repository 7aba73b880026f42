//! `terraform/azure-key-vault-key-no-expiry`: key Vault key has no expiration date.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureKeyVaultKeyNoExpiry;

static META: Meta = Meta {
    id: "terraform/azure-key-vault-key-no-expiry",
    title: "Key Vault key has no expiration date",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `azurerm_key_vault_key` does not set `expiration_date`.",
    rationale: "A key without an expiry is never forced out of use: the same key material \
        protects data indefinitely, and its compromise has no natural end.",
    remediation: "Set `expiration_date`, and a `rotation_policy` that rotates the key before it \
        expires.",
    example: "resource \"azurerm_key_vault_key\" \"cmk\" {\n  name     = \"cmk\"\n  key_type = \"RSA\"   # reported: no expiration_date\n}",
    cwe: &["CWE-324"],
    checkov: &["CKV_AZURE_40"],
};

impl TerraformCheck for AzureKeyVaultKeyNoExpiry {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_key_vault_key"],
            "expiration_date",
            IfMissing::Fail,
            |_: &Value| Verdict::Pass,
            |r, _| format!("{} never expires.", r.address),
        );
    }
}
