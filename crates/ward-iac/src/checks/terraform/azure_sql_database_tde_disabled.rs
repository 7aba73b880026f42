//! `terraform/azure-sql-database-tde-disabled`: azure SQL database has transparent data encryption off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureSqlDatabaseTdeDisabled;

static META: Meta = Meta {
    id: "terraform/azure-sql-database-tde-disabled",
    title: "Azure SQL database has transparent data encryption off",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_mssql_database` sets `transparent_data_encryption_enabled = false` \
        (the default is true).",
    rationale: "Without transparent data encryption the database files, backups and logs are \
        stored in clear: anyone who obtains a copy of them reads the data.",
    remediation: "Remove the attribute or set it to true; use a customer-managed key if you need \
        control over the key.",
    example: "resource \"azurerm_mssql_database\" \"dw\" {\n  transparent_data_encryption_enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &[],
};

impl TerraformCheck for AzureSqlDatabaseTdeDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_mssql_database"],
            "transparent_data_encryption_enabled",
            IfMissing::Pass,
            bool_is(false),
            |r, _| {
                format!(
                    "{} stores its data without transparent data encryption.",
                    r.address
                )
            },
        );
    }
}
