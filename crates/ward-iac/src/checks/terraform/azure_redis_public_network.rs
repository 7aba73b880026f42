//! `terraform/azure-redis-public-network`: azure Cache for Redis accepts connections from public networks.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureRedisPublicNetwork;

static META: Meta = Meta {
    id: "terraform/azure-redis-public-network",
    title: "Azure Cache for Redis accepts connections from public networks",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `azurerm_redis_cache` outside a virtual network (no `subnet_id`) leaves \
        `public_network_access_enabled` unset or true (the default is true).",
    rationale: "The cache answers on the internet, protected only by its access key and firewall \
        rules; caches often hold sessions and tokens.",
    remediation: "Set `public_network_access_enabled = false` and use a private endpoint (or \
        deploy a Premium cache into a subnet).",
    example: "resource \"azurerm_redis_cache\" \"main\" {\n  public_network_access_enabled = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_89"],
};

impl TerraformCheck for AzureRedisPublicNetwork {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cache in module.of_type("azurerm_redis_cache") {
            if cache.attr("subnet_id").is_some() {
                continue;
            }
            judge_one(
                &META,
                report,
                cache,
                "public_network_access_enabled",
                IfMissing::Fail,
                &bool_is(true),
                &|r, _| format!("{} accepts connections from public networks.", r.address),
            );
        }
    }
}
