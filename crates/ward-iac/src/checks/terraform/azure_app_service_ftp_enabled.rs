//! `terraform/azure-app-service-ftp-enabled`: app Service allows plain FTP deployments.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAppServiceFtpEnabled;

static META: Meta = Meta {
    id: "terraform/azure-app-service-ftp-enabled",
    title: "App Service allows plain FTP deployments",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A web or function app sets `site_config.ftps_state = \"AllAllowed\"`.",
    rationale: "Plain FTP sends the deployment credentials and the application's code in clear \
        text; anyone on the path can capture the credentials and replace the code.",
    remediation: "Set `ftps_state = \"Disabled\"` (or `FtpsOnly` if FTP deployment is still \
        needed) and deploy with zip deploy, containers or CI instead.",
    example: "site_config {\n  ftps_state = \"AllAllowed\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AZURE_78"],
};

impl TerraformCheck for AzureAppServiceFtpEnabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &[
                "azurerm_linux_web_app",
                "azurerm_windows_web_app",
                "azurerm_linux_function_app",
                "azurerm_windows_function_app",
                "azurerm_linux_web_app_slot",
                "azurerm_windows_web_app_slot",
                "azurerm_linux_function_app_slot",
                "azurerm_windows_function_app_slot",
                "azurerm_app_service",
                "azurerm_function_app",
                "azurerm_app_service_slot",
                "azurerm_function_app_slot",
            ],
            "site_config.ftps_state",
            IfMissing::Pass,
            string_in(&["AllAllowed"]),
            |r, _| format!("{} accepts plain FTP deployments.", r.address),
        );
    }
}
