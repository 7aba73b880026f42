//! `terraform/aws-sns-topic-unencrypted`: an SNS topic is not encrypted with a KMS key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSnsTopicUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-sns-topic-unencrypted",
    title: "SNS topic is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_sns_topic` has no `kms_master_key_id`.",
    rationale: "Messages often carry personal data or operational secrets; without server-side \
        encryption they are stored in clear text.",
    remediation: "Set `kms_master_key_id` (a customer-managed key, or `alias/aws/sns`).",
    example: "resource \"aws_sns_topic\" \"alerts\" {\n  kms_master_key_id = aws_kms_key.sns.id\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_26"],
};

impl TerraformCheck for AwsSnsTopicUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_sns_topic"],
            "kms_master_key_id",
            IfMissing::Fail,
            string_in(&[""]),
            |r, _| format!("{} is not encrypted with a KMS key.", r.address),
        );
    }
}
