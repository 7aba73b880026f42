//! `terraform/azure-app-service-cors-any-origin`: app Service CORS allows every origin.

use ward_core::{Confidence, Severity};

use super::helpers::judge_app_setting;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureAppServiceCorsAnyOrigin;

static META: Meta = Meta {
    id: "terraform/azure-app-service-cors-any-origin",
    title: "App Service CORS allows every origin",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A web or function app lists `*` in `site_config.cors.allowed_origins`.",
    rationale: "Any website a user visits can then call the app from the user's browser and read \
        the responses; with credentials or tokens in play, that leaks the user's data to \
        whoever runs the site.",
    remediation: "List the exact origins that need access (`https://app.example.com`).",
    example: "cors {\n  allowed_origins = [\"*\"]   # reported\n}",
    cwe: &["CWE-942"],
    checkov: &["CKV_AZURE_57"],
};

impl TerraformCheck for AzureAppServiceCorsAnyOrigin {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_app_setting(
            &META,
            module,
            report,
            ("cors.allowed_origins", "cors.allowed_origins"),
            |value: &Value| {
                Verdict::any(value.items().into_iter().map(|v| match v.as_str() {
                    Some(origin) if origin.trim() == "*" => Verdict::Fail,
                    None if v.is_unknown() => Verdict::Unknown,
                    _ => Verdict::Pass,
                }))
            },
            "allows cross-origin requests from every website.",
        );
    }
}
