//! `terraform/aws-sqs-queue-unencrypted`: an SQS queue has server-side encryption turned off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSqsQueueUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-sqs-queue-unencrypted",
    title: "SQS queue is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_sqs_queue` sets `sqs_managed_sse_enabled = false` and has no \
        `kms_master_key_id` (queues are encrypted with SQS-managed keys by default).",
    rationale: "Messages often carry personal data, tokens and internal events; with encryption \
        turned off they are stored in clear on AWS's side for their whole retention period.",
    remediation: "Remove `sqs_managed_sse_enabled = false`, or set `kms_master_key_id` to a KMS \
        key for control over who may read the queue.",
    example: "resource \"aws_sqs_queue\" \"jobs\" {\n  sqs_managed_sse_enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_27"],
};

impl TerraformCheck for AwsSqsQueueUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for queue in module.of_type("aws_sqs_queue") {
            if queue.attr("kms_master_key_id").is_some() {
                continue;
            }
            judge_one(
                &META,
                report,
                queue,
                "sqs_managed_sse_enabled",
                IfMissing::Pass,
                &bool_is(false),
                &|r, _| format!("{} stores messages unencrypted.", r.address),
            );
        }
    }
}
