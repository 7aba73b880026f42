//! `terraform/aws-sqs-queue-policy-public`: the queue policy allows any principal.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSqsQueuePolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-sqs-queue-policy-public",
    title: "SQS queue policy allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_sqs_queue_policy` (or a queue's `policy`) has an `Allow` statement \
        whose principal is `*` with no condition.",
    rationale: "Any AWS account can then send to, read from or purge the queue, depending on the \
        actions: injected messages reach your consumers and real ones leak.",
    remediation: "Name the accounts, roles or services allowed, or add a condition such as \
        `aws:SourceArn` (for an SNS topic or S3 bucket) or `aws:PrincipalOrgID`.",
    example: "Statement = [{\n  Effect    = \"Allow\"\n  Principal = \"*\"   # reported\n  Action    = \"sqs:SendMessage\"\n}]",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_168"],
};

impl TerraformCheck for AwsSqsQueuePolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &["aws_sqs_queue_policy", "aws_sqs_queue"],
            "policy",
            "the queue policy",
        );
    }
}
