//! `terraform/azure-sql-server-outdated-tls`: azure SQL server accepts TLS older than 1.2.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureSqlServerOutdatedTls;

static META: Meta = Meta {
    id: "terraform/azure-sql-server-outdated-tls",
    title: "Azure SQL server accepts TLS older than 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_mssql_server` sets `minimum_tls_version` to `1.0`, `1.1` or \
        `Disabled` (the default is 1.2).",
    rationale: "TLS 1.0 and 1.1 have known weaknesses and no longer receive fixes; allowing them \
        lets a client (or an attacker downgrading it) use them for database traffic.",
    remediation: "Set `minimum_tls_version = \"1.2\"` or remove the attribute.",
    example: "resource \"azurerm_mssql_server\" \"main\" {\n  minimum_tls_version = \"1.0\"   # reported\n}",
    cwe: &["CWE-327"],
    checkov: &["CKV_AZURE_52"],
};

impl TerraformCheck for AzureSqlServerOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_mssql_server"],
            "minimum_tls_version",
            IfMissing::Pass,
            string_in(&["1.0", "1.1", "Disabled"]),
            |r, _| format!("{} accepts outdated TLS versions.", r.address),
        );
    }
}
