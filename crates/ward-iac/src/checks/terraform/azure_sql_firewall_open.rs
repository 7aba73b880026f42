//! `terraform/azure-sql-firewall-open`: a database firewall rule admits the whole internet.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureSqlFirewallOpen;

static META: Meta = Meta {
    id: "terraform/azure-sql-firewall-open",
    title: "Azure database firewall allows all addresses",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A firewall rule of Azure SQL, PostgreSQL, MySQL or MariaDB \
        (`azurerm_mssql_firewall_rule`, `azurerm_sql_firewall_rule`, \
        `azurerm_postgresql_flexible_server_firewall_rule`, ...) spans `0.0.0.0` to \
        `255.255.255.255`.",
    rationale: "The database login becomes the only thing between the internet and the data.",
    remediation: "Allow only the addresses that need the database, or use private endpoints and \
        deny public network access.",
    example: "resource \"azurerm_mssql_firewall_rule\" \"all\" {\n  start_ip_address = \"0.0.0.0\"\n  end_ip_address   = \"255.255.255.255\"   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_11"],
};

impl TerraformCheck for AzureSqlFirewallOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in [
            "azurerm_sql_firewall_rule",
            "azurerm_mssql_firewall_rule",
            "azurerm_postgresql_firewall_rule",
            "azurerm_postgresql_flexible_server_firewall_rule",
            "azurerm_mysql_firewall_rule",
            "azurerm_mysql_flexible_server_firewall_rule",
            "azurerm_mariadb_firewall_rule",
        ] {
            for rule in module.of_type(rtype) {
                let (Some(start), Some(end)) =
                    (rule.attr("start_ip_address"), rule.attr("end_ip_address"))
                else {
                    continue;
                };
                match (start.value.as_str(), end.value.as_str()) {
                    (Some(s), Some(e)) if s == "0.0.0.0" && e == "255.255.255.255" => report.fail(
                        &META,
                        rule,
                        Some(end),
                        "end_ip_address",
                        format!("{} admits every IPv4 address.", rule.address),
                    ),
                    (Some(_), Some(_)) => {}
                    _ => report.unknown(&META, rule, Some(end), "end_ip_address"),
                }
            }
        }
    }
}
