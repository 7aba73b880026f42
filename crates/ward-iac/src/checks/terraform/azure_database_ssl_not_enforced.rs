//! `terraform/azure-database-ssl-not-enforced`: an Azure `PostgreSQL`, `MySQL` or `MariaDB` server accepts plain-text connections.

use ward_core::{Confidence, Severity};

use super::helpers::{AZURE_DATABASE_SERVERS, IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureDatabaseSslNotEnforced;

static META: Meta = Meta {
    id: "terraform/azure-database-ssl-not-enforced",
    title: "Azure database server does not enforce SSL",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_postgresql_server`, `azurerm_mysql_server` or \
        `azurerm_mariadb_server` sets `ssl_enforcement_enabled = false`.",
    rationale: "Database logins and query results then cross the network in clear text.",
    remediation: "Set `ssl_enforcement_enabled = true` and `ssl_minimal_tls_version_enforced = \
        \"TLS1_2\"`.",
    example: "resource \"azurerm_postgresql_server\" \"db\" {\n  ssl_enforcement_enabled = false   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AZURE_29", "CKV_AZURE_28"],
};

impl TerraformCheck for AzureDatabaseSslNotEnforced {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            AZURE_DATABASE_SERVERS,
            "ssl_enforcement_enabled",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} accepts connections without SSL.", r.address),
        );
    }
}
