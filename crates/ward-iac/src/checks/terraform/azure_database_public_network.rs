//! `terraform/azure-database-public-network`: azure database server accepts connections from public networks.

use ward_core::{Confidence, Severity};

use super::helpers::{AZURE_DATABASE_SERVERS, IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureDatabasePublicNetwork;

static META: Meta = Meta {
    id: "terraform/azure-database-public-network",
    title: "Azure database server accepts connections from public networks",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_postgresql_server`, `azurerm_mysql_server` or \
        `azurerm_mariadb_server` leaves `public_network_access_enabled` unset or true \
        (the provider default is true).",
    rationale: "The server answers on the internet, and its firewall rules and passwords are all \
        that protect the data; a single permissive firewall rule exposes it to everyone.",
    remediation: "Set `public_network_access_enabled = false` and reach the server through a \
        private endpoint.",
    example: "resource \"azurerm_postgresql_server\" \"main\" {\n  public_network_access_enabled = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_68", "CKV_AZURE_53", "CKV_AZURE_48"],
};

impl TerraformCheck for AzureDatabasePublicNetwork {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            AZURE_DATABASE_SERVERS,
            "public_network_access_enabled",
            IfMissing::Fail,
            bool_is(true),
            |r, _| format!("{} accepts connections from public networks.", r.address),
        );
    }
}
