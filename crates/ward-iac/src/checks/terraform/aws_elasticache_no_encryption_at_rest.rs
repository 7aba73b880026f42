//! `terraform/aws-elasticache-no-encryption-at-rest`: an `ElastiCache` replication group does not encrypt data at rest.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsElasticacheNoEncryptionAtRest;

static META: Meta = Meta {
    id: "terraform/aws-elasticache-no-encryption-at-rest",
    title: "ElastiCache data is not encrypted at rest",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_elasticache_replication_group` leaves `at_rest_encryption_enabled` unset \
        or false.",
    rationale: "Cache nodes often hold session tokens and personal data; unencrypted, they are \
        readable from backups and disks.",
    remediation: "Set `at_rest_encryption_enabled = true` (with a `kms_key_id`).",
    example: "resource \"aws_elasticache_replication_group\" \"cache\" {\n  at_rest_encryption_enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_29"],
};

impl TerraformCheck for AwsElasticacheNoEncryptionAtRest {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_elasticache_replication_group"],
            "at_rest_encryption_enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not encrypt data at rest.", r.address),
        );
    }
}
