//! `terraform/aws-dynamodb-no-cmk`: a `DynamoDB` table is encrypted with an AWS-owned key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDynamodbNoCmk;

static META: Meta = Meta {
    id: "terraform/aws-dynamodb-no-cmk",
    title: "DynamoDB table is not encrypted with a KMS key",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_dynamodb_table` has no `server_side_encryption` block, or one with \
        `enabled = false`, so the table uses an AWS-owned key.",
    rationale: "With an AWS-owned key nobody in the account can see, audit or revoke use of the \
        key; a KMS key adds CloudTrail records of every use and a separate permission to read \
        the data.",
    remediation: "Add `server_side_encryption { enabled = true kms_key_arn = \
        aws_kms_key.table.arn }` (without `kms_key_arn`, the AWS-managed `aws/dynamodb` key).",
    example: "server_side_encryption {\n  enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_119"],
};

impl TerraformCheck for AwsDynamodbNoCmk {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_dynamodb_table"],
            "server_side_encryption.enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| {
                format!(
                    "{} is encrypted with an AWS-owned key, not a KMS key.",
                    r.address
                )
            },
        );
    }
}
