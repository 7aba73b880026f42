//! `terraform/aws-s3-bucket-no-public-access-block`: an S3 bucket has no public access block.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3BucketNoPublicAccessBlock;

static META: Meta = Meta {
    id: "terraform/aws-s3-bucket-no-public-access-block",
    title: "S3 bucket has no public access block",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_s3_bucket` has no `aws_s3_bucket_public_access_block` pointing at it, \
        and the module sets no account-wide `aws_s3_account_public_access_block`.",
    rationale: "Without Block Public Access, a single mistaken ACL or bucket policy makes the \
        bucket public. The block is cheap insurance that no later change can undo by \
        accident.",
    remediation: "Add an `aws_s3_bucket_public_access_block` for the bucket with all four settings \
        true, or block public access for the whole account.",
    example: "resource \"aws_s3_bucket\" \"data\" { bucket = \"example-data\" }   # reported\n# fixed:\nresource \"aws_s3_bucket_public_access_block\" \"data\" {\n  bucket                  = aws_s3_bucket.data.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}",
    cwe: &["CWE-732"],
    checkov: &["CKV2_AWS_6"],
};

impl TerraformCheck for AwsS3BucketNoPublicAccessBlock {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        if module
            .of_type("aws_s3_account_public_access_block")
            .next()
            .is_some()
        {
            return;
        }
        for bucket in module.of_type("aws_s3_bucket") {
            let blocked = module
                .linked(
                    "aws_s3_bucket_public_access_block",
                    "bucket",
                    bucket,
                    Some("bucket"),
                )
                .next()
                .is_some();
            if !blocked {
                report.fail(
                    &META,
                    bucket,
                    None,
                    "",
                    format!("{} has no public access block.", bucket.address),
                );
            }
        }
    }
}
