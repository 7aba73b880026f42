//! `terraform/azure-key-vault-network-open`: key Vault accepts connections from every network.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureKeyVaultNetworkOpen;

static META: Meta = Meta {
    id: "terraform/azure-key-vault-network-open",
    title: "Key Vault accepts connections from every network",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `azurerm_key_vault` has `network_acls { default_action = \"Allow\" }`, or no \
        `network_acls` block while leaving `public_network_access_enabled` at its \
        default (true).",
    rationale: "A vault reachable from any network leaves its secrets, keys and certificates \
        guarded by identity alone: a leaked token or a misassigned role is usable from \
        anywhere on the internet.",
    remediation: "Add `network_acls { default_action = \"Deny\", bypass = \"AzureServices\" }` \
        with the allowed `ip_rules` and subnets, or set `public_network_access_enabled = \
        false` and use a private endpoint.",
    example: "resource \"azurerm_key_vault\" \"main\" {\n  # no network_acls   # reported\n}\n# fixed:\n  network_acls {\n    default_action = \"Deny\"\n    bypass         = \"AzureServices\"\n  }",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_109"],
};

impl TerraformCheck for AzureKeyVaultNetworkOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for vault in module.of_type("azurerm_key_vault") {
            if vault.body.block("network_acls").is_some() {
                judge_one(
                    &META,
                    report,
                    vault,
                    "network_acls.default_action",
                    IfMissing::Pass,
                    &string_in(&["Allow"]),
                    &|r, _| format!("{} accepts connections from every network.", r.address),
                );
            } else {
                judge_one(
                    &META,
                    report,
                    vault,
                    "public_network_access_enabled",
                    IfMissing::Fail,
                    &bool_is(true),
                    &|r, _| {
                        format!(
                            "{} has no `network_acls` and accepts connections from every network.",
                            r.address
                        )
                    },
                );
            }
        }
    }
}
