//! `terraform/azure-database-outdated-tls`: azure database server accepts TLS older than 1.2.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureDatabaseOutdatedTls;

static META: Meta = Meta {
    id: "terraform/azure-database-outdated-tls",
    title: "Azure database server accepts TLS older than 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_postgresql_server` or `azurerm_mysql_server` sets \
        `ssl_minimal_tls_version_enforced` to `TLS1_0`, `TLS1_1` or \
        `TLSEnforcementDisabled` (the default is `TLS1_2`).",
    rationale: "Old TLS versions have known weaknesses; with enforcement disabled, clients may \
        connect in clear text altogether.",
    remediation: "Set `ssl_minimal_tls_version_enforced = \"TLS1_2\"` or remove the attribute.",
    example: "resource \"azurerm_mysql_server\" \"main\" {\n  ssl_minimal_tls_version_enforced = \"TLS1_0\"   # reported\n}",
    cwe: &["CWE-327"],
    checkov: &["CKV_AZURE_54", "CKV_AZURE_147"],
};

impl TerraformCheck for AzureDatabaseOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_postgresql_server", "azurerm_mysql_server"],
            "ssl_minimal_tls_version_enforced",
            IfMissing::Pass,
            string_in(&["TLS1_0", "TLS1_1", "TLSEnforcementDisabled"]),
            |r, _| format!("{} accepts outdated TLS versions.", r.address),
        );
    }
}
