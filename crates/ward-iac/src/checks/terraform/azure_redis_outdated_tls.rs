//! `terraform/azure-redis-outdated-tls`: azure Cache for Redis accepts TLS older than 1.2.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureRedisOutdatedTls;

static META: Meta = Meta {
    id: "terraform/azure-redis-outdated-tls",
    title: "Azure Cache for Redis accepts TLS older than 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_redis_cache` sets `minimum_tls_version` to `1.0` or `1.1` (the \
        default is 1.2).",
    rationale: "TLS 1.0 and 1.1 have known weaknesses; allowing them exposes the access key and \
        cached data to downgrade attacks.",
    remediation: "Set `minimum_tls_version = \"1.2\"` or remove the attribute.",
    example: "resource \"azurerm_redis_cache\" \"main\" {\n  minimum_tls_version = \"1.0\"   # reported\n}",
    cwe: &["CWE-327"],
    checkov: &["CKV_AZURE_148"],
};

impl TerraformCheck for AzureRedisOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_redis_cache"],
            "minimum_tls_version",
            IfMissing::Pass,
            string_in(&["1.0", "1.1"]),
            |r, _| format!("{} accepts outdated TLS versions.", r.address),
        );
    }
}
