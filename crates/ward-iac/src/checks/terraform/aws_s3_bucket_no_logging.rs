//! `terraform/aws-s3-bucket-no-logging`: an S3 bucket does not log access.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3BucketNoLogging;

static META: Meta = Meta {
    id: "terraform/aws-s3-bucket-no-logging",
    title: "S3 bucket access logging is not enabled",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_s3_bucket` has no `logging` block and no `aws_s3_bucket_logging` \
        pointing at it.",
    rationale: "Server access logs are how you learn who read or changed objects after an \
        incident. Without them, the extent of a leak cannot be established.",
    remediation: "Add an `aws_s3_bucket_logging` that delivers access logs to a dedicated log \
        bucket.",
    example: "resource \"aws_s3_bucket_logging\" \"data\" {\n  bucket        = aws_s3_bucket.data.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = \"data/\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_18"],
};

impl TerraformCheck for AwsS3BucketNoLogging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for bucket in module.of_type("aws_s3_bucket") {
            if bucket.body.block("logging").is_some() {
                continue;
            }
            if module
                .linked("aws_s3_bucket_logging", "bucket", bucket, Some("bucket"))
                .next()
                .is_none()
            {
                report.fail(
                    &META,
                    bucket,
                    None,
                    "logging",
                    format!("{} does not log access.", bucket.address),
                );
            }
        }
    }
}
