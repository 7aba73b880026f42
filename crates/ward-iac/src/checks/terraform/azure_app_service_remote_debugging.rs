//! `terraform/azure-app-service-remote-debugging`: app Service has remote debugging enabled.

use ward_core::{Confidence, Severity};

use super::helpers::{bool_is, judge_app_setting};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAppServiceRemoteDebugging;

static META: Meta = Meta {
    id: "terraform/azure-app-service-remote-debugging",
    title: "App Service has remote debugging enabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A web or function app sets `site_config.remote_debugging_enabled = true`.",
    rationale: "Remote debugging opens extra ports into the running app and lets anyone with \
        publishing credentials attach a debugger: read memory, secrets included, and \
        change behaviour.",
    remediation: "Remove the attribute (the default is false); debug against a non-production slot \
        and turn it off after.",
    example: "site_config {\n  remote_debugging_enabled = true   # reported\n}",
    cwe: &["CWE-489"],
    checkov: &["CKV_AZURE_72"],
};

impl TerraformCheck for AzureAppServiceRemoteDebugging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_app_setting(
            &META,
            module,
            report,
            ("remote_debugging_enabled", "remote_debugging_enabled"),
            bool_is(true),
            "has remote debugging enabled.",
        );
    }
}
