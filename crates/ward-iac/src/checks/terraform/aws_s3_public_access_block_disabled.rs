//! `terraform/aws-s3-public-access-block-disabled`: an S3 public access block leaves a protection off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3PublicAccessBlockDisabled;

static META: Meta = Meta {
    id: "terraform/aws-s3-public-access-block-disabled",
    title: "S3 public access block setting is off",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_s3_bucket_public_access_block` or `aws_s3_account_public_access_block` \
        leaves one of `block_public_acls`, `block_public_policy`, `ignore_public_acls` \
        or `restrict_public_buckets` unset or false (each defaults to false).",
    rationale: "Block Public Access is the guard rail that stops a later ACL or policy change \
        from exposing a bucket. Each of the four settings closes a different path; one \
        left off is a path left open.",
    remediation: "Set all four arguments to `true`.",
    example: "resource \"aws_s3_bucket_public_access_block\" \"logs\" {\n  bucket              = aws_s3_bucket.logs.id\n  block_public_acls   = true\n  block_public_policy = false   # reported\n}",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
};

impl TerraformCheck for AwsS3PublicAccessBlockDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for setting in [
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        ] {
            judge_attr(
                &META,
                module,
                report,
                &[
                    "aws_s3_bucket_public_access_block",
                    "aws_s3_account_public_access_block",
                ],
                setting,
                IfMissing::Fail,
                bool_is(false),
                |r, v| match v {
                    Some(_) => format!("{} turns `{setting}` off.", r.address),
                    None => format!("{} leaves `{setting}` unset (false).", r.address),
                },
            );
        }
    }
}
