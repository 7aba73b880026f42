//! `terraform/aws-cloudwatch-log-group-unencrypted`: a `CloudWatch` log group is not encrypted with a KMS key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudwatchLogGroupUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-cloudwatch-log-group-unencrypted",
    title: "CloudWatch log group is not encrypted with a KMS key",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_cloudwatch_log_group` has no `kms_key_id`.",
    rationale: "Logs hold request details, identifiers and sometimes leaked secrets; with a \
        customer-managed key, reading them needs a KMS permission you can audit and \
        revoke.",
    remediation: "Set `kms_key_id` to a customer-managed KMS key whose policy allows CloudWatch \
        Logs.",
    example: "resource \"aws_cloudwatch_log_group\" \"app\" {\n  kms_key_id = aws_kms_key.logs.arn\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_158"],
};

impl TerraformCheck for AwsCloudwatchLogGroupUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cloudwatch_log_group"],
            "kms_key_id",
            IfMissing::Fail,
            string_in(&[""]),
            |r, _| format!("{} is not encrypted with a KMS key.", r.address),
        );
    }
}
