//! `terraform/azure-storage-network-default-allow`: storage account network rules allow every network by default.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureStorageNetworkDefaultAllow;

static META: Meta = Meta {
    id: "terraform/azure-storage-network-default-allow",
    title: "Storage account network rules allow every network by default",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_storage_account` `network_rules` block, or an \
        `azurerm_storage_account_network_rules` resource, sets `default_action = \
        \"Allow\"`. (An account with no network rules at all is not reported.)",
    rationale: "With a default of `Allow`, the IP and virtual network rules listed beside it \
        restrict nothing: the account answers requests from any network, and only its \
        keys and tokens stand between the internet and the data.",
    remediation: "Set `default_action = \"Deny\"` and list the networks (`ip_rules`, \
        `virtual_network_subnet_ids`) or use private endpoints; keep `bypass = \
        [\"AzureServices\"]` if trusted services need access.",
    example: "network_rules {\n  default_action = \"Allow\"   # reported\n}\n# fixed:\nnetwork_rules {\n  default_action             = \"Deny\"\n  virtual_network_subnet_ids = [azurerm_subnet.app.id]\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_35"],
};

impl TerraformCheck for AzureStorageNetworkDefaultAllow {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for (types, path) in [
            (
                &["azurerm_storage_account"][..],
                "network_rules.default_action",
            ),
            (
                &["azurerm_storage_account_network_rules"][..],
                "default_action",
            ),
        ] {
            judge_attr(
                &META,
                module,
                report,
                types,
                path,
                IfMissing::Pass,
                string_in(&["Allow"]),
                |r, _| {
                    format!(
                        "{} accepts traffic from every network by default.",
                        r.address
                    )
                },
            );
        }
    }
}
