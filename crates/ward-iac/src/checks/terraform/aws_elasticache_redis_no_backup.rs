//! `terraform/aws-elasticache-redis-no-backup`: an `ElastiCache` Redis cluster keeps no snapshots.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_one, number_below};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsElasticacheRedisNoBackup;

static META: Meta = Meta {
    id: "terraform/aws-elasticache-redis-no-backup",
    title: "ElastiCache Redis automatic backups are disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_elasticache_cluster` running Redis or Valkey leaves \
        `snapshot_retention_limit` unset or `0` (no automatic backups).",
    rationale: "Without snapshots, data lost to a node failure, a bad deployment or a `FLUSHALL` \
        from an intruder cannot be restored.",
    remediation: "Set `snapshot_retention_limit` to at least 1 (days) and a `snapshot_window`.",
    example: "resource \"aws_elasticache_cluster\" \"cache\" {\n  engine                   = \"redis\"\n  snapshot_retention_limit = 0   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_134"],
};

impl TerraformCheck for AwsElasticacheRedisNoBackup {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("aws_elasticache_cluster") {
            // Memcached has no snapshots; a member of a replication group takes its group's.
            let engine = cluster
                .attr("engine")
                .and_then(|e| e.value.as_str().map(|e| e.to_ascii_lowercase()));
            if cluster.attr("replication_group_id").is_some()
                || !engine.is_some_and(|e| e == "redis" || e == "valkey")
            {
                continue;
            }
            judge_one(
                &META,
                report,
                cluster,
                "snapshot_retention_limit",
                IfMissing::Fail,
                &number_below(1.0),
                &|r, _| format!("{} keeps no automatic backups.", r.address),
            );
        }
    }
}
