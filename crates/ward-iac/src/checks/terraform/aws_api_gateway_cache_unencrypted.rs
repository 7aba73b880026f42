//! `terraform/aws-api-gateway-cache-unencrypted`: an API Gateway cache stores responses unencrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsApiGatewayCacheUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-api-gateway-cache-unencrypted",
    title: "API Gateway cache is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_api_gateway_method_settings` turns on `settings.caching_enabled` \
        without `settings.cache_data_encrypted = true` (the default is `false`).",
    rationale: "Cached responses hold whatever the API returns (personal data, tokens) and sit \
        unencrypted in the stage cache for their time to live.",
    remediation: "Set `cache_data_encrypted = true` in the `settings` block wherever caching is \
        on.",
    example: "settings {\n  caching_enabled      = true\n  cache_data_encrypted = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &[],
};

impl TerraformCheck for AwsApiGatewayCacheUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for settings in module.of_type("aws_api_gateway_method_settings") {
            let caching = settings
                .body
                .attr_at("settings.caching_enabled")
                .is_some_and(|c| c.value.as_bool() == Some(true));
            if !caching {
                continue;
            }
            judge_one(
                &META,
                report,
                settings,
                "settings.cache_data_encrypted",
                IfMissing::Fail,
                &bool_is(false),
                &|r, _| format!("{} caches responses unencrypted.", r.address),
            );
        }
    }
}
