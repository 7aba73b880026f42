//! `terraform/aws-s3-bucket-no-encryption`: an S3 bucket has no explicit encryption configuration.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3BucketNoEncryption;

static META: Meta = Meta {
    id: "terraform/aws-s3-bucket-no-encryption",
    title: "S3 bucket has no server-side encryption configuration",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_s3_bucket` has neither a `server_side_encryption_configuration` block \
        nor an `aws_s3_bucket_server_side_encryption_configuration` resource pointing at \
        it.",
    rationale: "S3 now encrypts new objects with S3-managed keys by default, but without an \
        explicit configuration the bucket cannot require a KMS key you control, audit, \
        rotate and revoke, and the intent is not written down where reviewers see it.",
    remediation: "Add an `aws_s3_bucket_server_side_encryption_configuration` with `sse_algorithm \
        = \"aws:kms\"` and a customer-managed `kms_master_key_id`.",
    example: "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = aws_kms_key.data.arn\n    }\n  }\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_19", "CKV_AWS_145"],
};

impl TerraformCheck for AwsS3BucketNoEncryption {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for bucket in module.of_type("aws_s3_bucket") {
            if bucket
                .body
                .block("server_side_encryption_configuration")
                .is_some()
            {
                continue;
            }
            let configured = module
                .linked(
                    "aws_s3_bucket_server_side_encryption_configuration",
                    "bucket",
                    bucket,
                    Some("bucket"),
                )
                .next()
                .is_some();
            if !configured {
                report.fail(
                    &META,
                    bucket,
                    None,
                    "server_side_encryption_configuration",
                    format!(
                        "{} has no server-side encryption configuration.",
                        bucket.address
                    ),
                );
            }
        }
    }
}
