//! `terraform/azure-sql-server-public-network`: azure SQL server accepts connections from public networks.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureSqlServerPublicNetwork;

static META: Meta = Meta {
    id: "terraform/azure-sql-server-public-network",
    title: "Azure SQL server accepts connections from public networks",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_mssql_server` leaves `public_network_access_enabled` unset or true \
        (the provider default is true).",
    rationale: "With public network access on, the server's endpoint answers from the internet \
        and only its firewall rules and logins protect the data; one broad firewall rule \
        exposes it to everyone.",
    remediation: "Set `public_network_access_enabled = false` and connect through a private \
        endpoint.",
    example: "resource \"azurerm_mssql_server\" \"main\" {\n  public_network_access_enabled = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_113"],
};

impl TerraformCheck for AzureSqlServerPublicNetwork {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_mssql_server"],
            "public_network_access_enabled",
            IfMissing::Fail,
            bool_is(true),
            |r, _| format!("{} accepts connections from public networks.", r.address),
        );
    }
}
