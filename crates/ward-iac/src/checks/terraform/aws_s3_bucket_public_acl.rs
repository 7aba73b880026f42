//! `terraform/aws-s3-bucket-public-acl`: an S3 bucket ACL grants access to everyone.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Value;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3BucketPublicAcl;

static META: Meta = Meta {
    id: "terraform/aws-s3-bucket-public-acl",
    title: "S3 bucket has a public canned ACL",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_s3_bucket` (legacy `acl` argument) or `aws_s3_bucket_acl` sets the \
        canned ACL `public-read`, `public-read-write` or `authenticated-read`.",
    rationale: "A public ACL lets anyone on the internet (or any AWS account, for \
        `authenticated-read`) list and read the objects, and with `public-read-write` \
        also overwrite or delete them. Most S3 data leaks start with such an ACL.",
    remediation: "Use `private` (the default) and grant access through bucket policies scoped to \
        named principals, or serve public content through CloudFront with an origin \
        access control.",
    example: "resource \"aws_s3_bucket_acl\" \"site\" {\n  bucket = aws_s3_bucket.site.id\n  acl    = \"public-read\"   # reported\n}\n# fixed: acl = \"private\"",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_20", "CKV_AWS_57"],
};

impl TerraformCheck for AwsS3BucketPublicAcl {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_s3_bucket", "aws_s3_bucket_acl"],
            "acl",
            IfMissing::Pass,
            string_in(&["public-read", "public-read-write", "authenticated-read"]),
            |r, v| {
                format!(
                    "{} grants `{}` access to the bucket.",
                    r.address,
                    v.map(Value::display).unwrap_or_default()
                )
            },
        );
    }
}
