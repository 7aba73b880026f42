//! `terraform/azure-app-service-outdated-tls`: app Service accepts TLS older than 1.2.

use ward_core::{Confidence, Severity};

use super::helpers::{judge_app_setting, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAppServiceOutdatedTls;

static META: Meta = Meta {
    id: "terraform/azure-app-service-outdated-tls",
    title: "App Service accepts TLS older than 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A web or function app (`azurerm_linux_web_app`, `azurerm_windows_web_app`, the \
        function app and slot types, or the older \
        `azurerm_app_service`/`azurerm_function_app`) sets \
        `site_config.minimum_tls_version` (`min_tls_version` on the older types) to \
        `1.0` or `1.1`. The default is 1.2.",
    rationale: "TLS 1.0 and 1.1 have known weaknesses; accepting them lets clients, or an \
        attacker forcing a downgrade, use them for the app's traffic, cookies and tokens \
        included.",
    remediation: "Set `minimum_tls_version = \"1.2\"` (or `1.3`) or remove the attribute.",
    example: "site_config {\n  minimum_tls_version = \"1.0\"   # reported\n}",
    cwe: &["CWE-327"],
    checkov: &["CKV_AZURE_15"],
};

impl TerraformCheck for AzureAppServiceOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_app_setting(
            &META,
            module,
            report,
            ("minimum_tls_version", "min_tls_version"),
            string_in(&["1.0", "1.1"]),
            "accepts outdated TLS versions.",
        );
    }
}
