//! `terraform/azure-key-vault-secret-no-expiry`: key Vault secret has no expiration date.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureKeyVaultSecretNoExpiry;

static META: Meta = Meta {
    id: "terraform/azure-key-vault-secret-no-expiry",
    title: "Key Vault secret has no expiration date",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `azurerm_key_vault_secret` does not set `expiration_date`.",
    rationale: "A secret without an expiry stays valid until someone remembers to rotate it; a \
        copy that leaked years ago still works.",
    remediation: "Set `expiration_date` (an RFC 3339 time) and rotate the secret before it; Key \
        Vault can notify through Event Grid when expiry nears.",
    example: "resource \"azurerm_key_vault_secret\" \"db\" {\n  name         = \"db-password\"\n  value        = var.db_password\n  key_vault_id = azurerm_key_vault.main.id   # reported: no expiration_date\n}",
    cwe: &["CWE-324"],
    checkov: &["CKV_AZURE_41"],
};

impl TerraformCheck for AzureKeyVaultSecretNoExpiry {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_key_vault_secret"],
            "expiration_date",
            IfMissing::Fail,
            |_: &Value| Verdict::Pass,
            |r, _| format!("{} never expires.", r.address),
        );
    }
}
