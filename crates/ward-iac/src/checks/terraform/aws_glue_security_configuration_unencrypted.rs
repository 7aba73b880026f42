//! `terraform/aws-glue-security-configuration-unencrypted`: a Glue security configuration leaves data unencrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsGlueSecurityConfigurationUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-glue-security-configuration-unencrypted",
    title: "Glue security configuration does not encrypt everything",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_glue_security_configuration` leaves S3 output, CloudWatch logs or job \
        bookmarks with encryption mode `DISABLED` (the default when unset).",
    rationale: "Glue jobs write transformed data to S3, logs to CloudWatch and state to \
        bookmarks; each unencrypted one is a copy of the data (or of what was processed) \
        without encryption.",
    remediation: "Set `s3_encryption_mode = \"SSE-KMS\"`, `cloudwatch_encryption_mode = \
        \"SSE-KMS\"` and `job_bookmarks_encryption_mode = \"CSE-KMS\"` with a KMS key.",
    example: "cloudwatch_encryption {\n  cloudwatch_encryption_mode = \"DISABLED\"   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_99"],
};

impl TerraformCheck for AwsGlueSecurityConfigurationUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for (path, what) in [
            (
                "encryption_configuration.s3_encryption.s3_encryption_mode",
                "S3 output",
            ),
            (
                "encryption_configuration.cloudwatch_encryption.cloudwatch_encryption_mode",
                "CloudWatch logs",
            ),
            (
                "encryption_configuration.job_bookmarks_encryption.job_bookmarks_encryption_mode",
                "job bookmarks",
            ),
        ] {
            judge_attr(
                &META,
                module,
                report,
                &["aws_glue_security_configuration"],
                path,
                IfMissing::Fail,
                string_in(&["DISABLED"]),
                |r, _| format!("{} leaves {what} unencrypted.", r.address),
            );
        }
    }
}
