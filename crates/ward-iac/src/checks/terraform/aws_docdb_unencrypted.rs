//! `terraform/aws-docdb-unencrypted`: a `DocumentDB` cluster does not encrypt its storage.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDocdbUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-docdb-unencrypted",
    title: "DocumentDB cluster storage is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_docdb_cluster` leaves `storage_encrypted` unset or false.",
    rationale: "Document stores hold application records; unencrypted, snapshots and disks \
        expose them.",
    remediation: "Set `storage_encrypted = true` (with a `kms_key_id`).",
    example: "resource \"aws_docdb_cluster\" \"docs\" {\n  storage_encrypted = true\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_74"],
};

impl TerraformCheck for AwsDocdbUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_docdb_cluster"],
            "storage_encrypted",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not encrypt its storage.", r.address),
        );
    }
}
