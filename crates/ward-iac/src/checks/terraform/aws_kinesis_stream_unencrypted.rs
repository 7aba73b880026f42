//! `terraform/aws-kinesis-stream-unencrypted`: a Kinesis stream is not encrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsKinesisStreamUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-kinesis-stream-unencrypted",
    title: "Kinesis stream is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_kinesis_stream` leaves `encryption_type` unset or `NONE`.",
    rationale: "Stream records (events, clicks, logs) are stored for the retention period in \
        clear text.",
    remediation: "Set `encryption_type = \"KMS\"` and a `kms_key_id`.",
    example: "resource \"aws_kinesis_stream\" \"events\" {\n  encryption_type = \"KMS\"\n  kms_key_id      = \"alias/aws/kinesis\"\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_43"],
};

impl TerraformCheck for AwsKinesisStreamUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_kinesis_stream"],
            "encryption_type",
            IfMissing::Fail,
            string_in(&["NONE"]),
            |r, _| format!("{} is not encrypted.", r.address),
        );
    }
}
