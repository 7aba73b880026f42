//! `terraform/azure-sql-audit-short-retention`: azure SQL audit logs are kept less than 90 days.

use ward_core::{Confidence, Severity};

use super::helpers::retention_too_short;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureSqlAuditShortRetention;

static META: Meta = Meta {
    id: "terraform/azure-sql-audit-short-retention",
    title: "Azure SQL audit logs are kept less than 90 days",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `azurerm_mssql_server_extended_auditing_policy` or \
        `azurerm_mssql_database_extended_auditing_policy` sets `retention_in_days` \
        between 1 and 89 (0, the default, keeps them forever).",
    rationale: "Database audit logs show who read or changed which data; deleted after a few \
        days, they are gone before most breaches are discovered.",
    remediation: "Set `retention_in_days` to 90 or more, or 0 to keep the logs.",
    example: "resource \"azurerm_mssql_server_extended_auditing_policy\" \"main\" {\n  retention_in_days = 30   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &[],
};

impl TerraformCheck for AzureSqlAuditShortRetention {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in [
            "azurerm_mssql_server_extended_auditing_policy",
            "azurerm_mssql_database_extended_auditing_policy",
        ] {
            for policy in module.of_type(rtype) {
                let Some(days) = policy.attr("retention_in_days") else {
                    continue;
                };
                let short = retention_too_short(&days.value, 90.0);
                if short {
                    report.fail(
                        &META,
                        policy,
                        Some(days),
                        "retention_in_days",
                        format!(
                            "{} deletes audit logs after {} days.",
                            policy.address,
                            days.value.display()
                        ),
                    );
                }
            }
        }
    }
}
