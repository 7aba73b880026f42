//! `terraform/aws-db-instance-unencrypted`: a database does not encrypt its storage.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDbInstanceUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-db-instance-unencrypted",
    title: "RDS storage is not encrypted",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_db_instance` or `aws_rds_cluster` leaves `storage_encrypted` unset or \
        false (the default is false).",
    rationale: "Unencrypted storage exposes the data in snapshots, replicas and disks that leave \
        your control, and encryption cannot be turned on later without copying the \
        database.",
    remediation: "Set `storage_encrypted = true` (and `kms_key_id` to a customer-managed key).",
    example: "resource \"aws_db_instance\" \"main\" {\n  storage_encrypted = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_16", "CKV_AWS_96"],
};

impl TerraformCheck for AwsDbInstanceUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_instance", "aws_rds_cluster"],
            "storage_encrypted",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not encrypt its storage.", r.address),
        );
    }
}
