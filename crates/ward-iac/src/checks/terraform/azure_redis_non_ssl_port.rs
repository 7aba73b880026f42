//! `terraform/azure-redis-non-ssl-port`: azure Cache for Redis opens its plain-text port.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureRedisNonSslPort;

static META: Meta = Meta {
    id: "terraform/azure-redis-non-ssl-port",
    title: "Azure Cache for Redis opens its plain-text port",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_redis_cache` sets `non_ssl_port_enabled` (or the older \
        `enable_non_ssl_port`) to true, opening port 6379 without TLS.",
    rationale: "Clients on the plain port send the access key and every cached value in clear \
        text, readable and changeable by anyone on the path.",
    remediation: "Remove the attribute (the default is false) and connect on the TLS port 6380.",
    example: "resource \"azurerm_redis_cache\" \"main\" {\n  non_ssl_port_enabled = true   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AZURE_91"],
};

impl TerraformCheck for AzureRedisNonSslPort {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_redis_cache"],
            "non_ssl_port_enabled",
            IfMissing::Pass,
            bool_is(true),
            |r, _| {
                format!(
                    "{} accepts connections without TLS on port 6379.",
                    r.address
                )
            },
        );
        judge_attr(
            &META,
            module,
            report,
            &["azurerm_redis_cache"],
            "enable_non_ssl_port",
            IfMissing::Pass,
            bool_is(true),
            |r, _| {
                format!(
                    "{} accepts connections without TLS on port 6379.",
                    r.address
                )
            },
        );
    }
}
