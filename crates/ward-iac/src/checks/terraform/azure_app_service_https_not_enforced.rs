//! `terraform/azure-app-service-https-not-enforced`: an App Service app accepts plain HTTP.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAppServiceHttpsNotEnforced;

static META: Meta = Meta {
    id: "terraform/azure-app-service-https-not-enforced",
    title: "App Service does not require HTTPS",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An App Service or Function App (`azurerm_linux_web_app`, \
        `azurerm_windows_web_app`, `azurerm_app_service`, the function app types) leaves \
        `https_only` unset or false.",
    rationale: "Without it, the app answers plain HTTP, exposing cookies and data to anyone on \
        the path.",
    remediation: "Set `https_only = true`.",
    example: "resource \"azurerm_linux_web_app\" \"api\" {\n  https_only = false   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AZURE_14"],
};

impl TerraformCheck for AzureAppServiceHttpsNotEnforced {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &[
                "azurerm_app_service",
                "azurerm_linux_web_app",
                "azurerm_windows_web_app",
                "azurerm_function_app",
                "azurerm_linux_function_app",
                "azurerm_windows_function_app",
            ],
            "https_only",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} accepts plain HTTP.", r.address),
        );
    }
}
