//! `terraform/aws-cloudtrail-not-encrypted`: a `CloudTrail` trail is not encrypted with a KMS key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudtrailNotEncrypted;

static META: Meta = Meta {
    id: "terraform/aws-cloudtrail-not-encrypted",
    title: "CloudTrail logs are not encrypted with a KMS key",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_cloudtrail` has no `kms_key_id`.",
    rationale: "Trail logs describe every API call in the account. With a customer-managed key, \
        reading them needs a KMS permission you can audit and revoke, not just access to \
        the bucket.",
    remediation: "Set `kms_key_id` to a customer-managed KMS key whose policy lets CloudTrail \
        encrypt.",
    example: "resource \"aws_cloudtrail\" \"main\" {\n  kms_key_id = aws_kms_key.trail.arn\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_35"],
};

impl TerraformCheck for AwsCloudtrailNotEncrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cloudtrail"],
            "kms_key_id",
            IfMissing::Fail,
            string_in(&[""]),
            |r, _| format!("{} does not encrypt its logs with a KMS key.", r.address),
        );
    }
}
