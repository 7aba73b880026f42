//! `terraform/aws-efs-unencrypted`: an EFS file system is not encrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEfsUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-efs-unencrypted",
    title: "EFS file system is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_efs_file_system` leaves `encrypted` unset or false.",
    rationale: "Shared file systems collect data from every instance that mounts them; \
        unencrypted, their storage and backups expose it.",
    remediation: "Set `encrypted = true` (with a `kms_key_id`); encryption can only be chosen at \
        creation.",
    example: "resource \"aws_efs_file_system\" \"shared\" {\n  encrypted = true\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_42"],
};

impl TerraformCheck for AwsEfsUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_efs_file_system"],
            "encrypted",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} is not encrypted.", r.address),
        );
    }
}
