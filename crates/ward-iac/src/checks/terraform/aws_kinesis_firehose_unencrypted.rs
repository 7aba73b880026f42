//! `terraform/aws-kinesis-firehose-unencrypted`: a Kinesis Data Firehose stream is not encrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsKinesisFirehoseUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-kinesis-firehose-unencrypted",
    title: "Kinesis Firehose delivery stream is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_kinesis_firehose_delivery_stream` that is not fed by a Kinesis stream \
        has no `server_side_encryption`, or `enabled` unset or `false` (the default).",
    rationale: "Records buffered in the delivery stream (often logs and events with personal \
        data) are then stored unencrypted until delivered.",
    remediation: "Add `server_side_encryption { enabled = true key_type = \
        \"CUSTOMER_MANAGED_CMK\" key_arn = ... }` (or `AWS_OWNED_CMK`).",
    example: "server_side_encryption {\n  enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_240"],
};

impl TerraformCheck for AwsKinesisFirehoseUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for stream in module.of_type("aws_kinesis_firehose_delivery_stream") {
            // A stream fed by Kinesis Data Streams is encrypted by its source stream.
            if stream.body.block("kinesis_source_configuration").is_some() {
                continue;
            }
            judge_one(
                &META,
                report,
                stream,
                "server_side_encryption.enabled",
                IfMissing::Fail,
                &bool_is(false),
                &|r, _| format!("{} stores records unencrypted.", r.address),
            );
        }
    }
}
