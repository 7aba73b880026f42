//! `terraform/aws-elasticache-no-encryption-in-transit`: an `ElastiCache` replication group accepts plain-text connections.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsElasticacheNoEncryptionInTransit;

static META: Meta = Meta {
    id: "terraform/aws-elasticache-no-encryption-in-transit",
    title: "ElastiCache traffic is not encrypted in transit",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_elasticache_replication_group` leaves `transit_encryption_enabled` unset \
        or false.",
    rationale: "Without TLS, anyone who can observe traffic in the VPC reads cached data and the \
        AUTH token as they pass.",
    remediation: "Set `transit_encryption_enabled = true` and connect with TLS.",
    example: "resource \"aws_elasticache_replication_group\" \"cache\" {\n  transit_encryption_enabled = false   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AWS_30"],
};

impl TerraformCheck for AwsElasticacheNoEncryptionInTransit {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_elasticache_replication_group"],
            "transit_encryption_enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} accepts connections without TLS.", r.address),
        );
    }
}
