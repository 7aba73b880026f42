//! `terraform/aws-elasticache-redis-no-auth`: an `ElastiCache` Redis group accepts clients without authentication.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsElasticacheRedisNoAuth;

static META: Meta = Meta {
    id: "terraform/aws-elasticache-redis-no-auth",
    title: "ElastiCache Redis has no AUTH or RBAC",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_elasticache_replication_group` running Redis or Valkey has neither an \
        `auth_token` nor `user_group_ids`.",
    rationale: "Any host that can reach the cache's port can read and overwrite every key \
        (sessions, tokens, cached data) and run administrative commands.",
    remediation: "Set `auth_token` (with `transit_encryption_enabled = true`), or better, RBAC \
        with `user_group_ids` and per-application users.",
    example: "resource \"aws_elasticache_replication_group\" \"sessions\" {   # reported: no auth_token or user_group_ids\n  engine = \"redis\"\n}",
    cwe: &["CWE-306"],
    checkov: &[],
};

impl TerraformCheck for AwsElasticacheRedisNoAuth {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for group in module.of_type("aws_elasticache_replication_group") {
            let engine = group
                .attr("engine")
                .and_then(|e| e.value.as_str().map(|e| e.to_ascii_lowercase()));
            if engine.is_some_and(|e| e != "redis" && e != "valkey") {
                continue;
            }
            if group.attr("auth_token").is_some() || group.attr("user_group_ids").is_some() {
                continue;
            }
            report.fail(
                &META,
                group,
                None,
                "auth_token",
                format!("{} lets clients in without authentication.", group.address),
            );
        }
    }
}
