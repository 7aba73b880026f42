//! `terraform/azure-app-service-ftp-enabled`: app Service allows plain FTP deployments.

use ward_core::{Confidence, Severity};

use super::helpers::{judge_app_setting, string_in};
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
        judge_app_setting(
            &META,
            module,
            report,
            ("ftps_state", "ftps_state"),
            string_in(&["AllAllowed"]),
            "accepts plain FTP deployments.",
        );
    }
}
