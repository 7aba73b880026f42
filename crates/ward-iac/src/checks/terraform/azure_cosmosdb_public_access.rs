//! `terraform/azure-cosmosdb-public-access`: cosmos DB account is reachable from every network.

use ward_core::{Confidence, Severity};

use super::helpers::is_set;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Value;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureCosmosdbPublicAccess;

static META: Meta = Meta {
    id: "terraform/azure-cosmosdb-public-access",
    title: "Cosmos DB account is reachable from every network",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_cosmosdb_account` leaves `public_network_access_enabled` unset or \
        true and restricts nothing: no `ip_range_filter`, and \
        `is_virtual_network_filter_enabled` not set.",
    rationale: "The account's endpoint then accepts requests from any address on the internet, \
        so a leaked key or token works from anywhere.",
    remediation: "Set `public_network_access_enabled = false` and use private endpoints, or \
        restrict the account with `ip_range_filter` and virtual network rules.",
    example: "resource \"azurerm_cosmosdb_account\" \"db\" {\n  public_network_access_enabled = true   # reported (no ip_range_filter, no VNet filter)\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_99"],
};

impl TerraformCheck for AzureCosmosdbPublicAccess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for account in module.of_type("azurerm_cosmosdb_account") {
            let public = account.attr("public_network_access_enabled");
            if public.is_some_and(|a| a.value.as_bool() != Some(true)) {
                continue;
            }
            let restricted = account
                .attr("ip_range_filter")
                .is_some_and(|a| is_set(&a.value))
                || account
                    .attr("is_virtual_network_filter_enabled")
                    .is_some_and(|a| {
                        a.value.as_bool() != Some(false) && !matches!(a.value, Value::Null)
                    });
            if restricted {
                continue;
            }
            report.fail(
                &META,
                account,
                public,
                "public_network_access_enabled",
                format!(
                    "{} accepts requests from every network (no IP or virtual network filter).",
                    account.address
                ),
            );
        }
    }
}
