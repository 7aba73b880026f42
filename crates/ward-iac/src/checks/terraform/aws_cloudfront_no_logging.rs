//! `terraform/aws-cloudfront-no-logging`: a `CloudFront` distribution writes no access logs.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudfrontNoLogging;

static META: Meta = Meta {
    id: "terraform/aws-cloudfront-no-logging",
    title: "CloudFront distribution access logging is disabled",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_cloudfront_distribution` has no `logging_config`.",
    rationale: "Without standard logs there is no record of the requests served at the edge, so \
        scraping, probing and attacks through the CDN cannot be investigated.",
    remediation: "Add `logging_config { bucket = \"<bucket>.s3.amazonaws.com\" }` (or configure \
        real-time or CloudWatch log delivery).",
    example: "resource \"aws_cloudfront_distribution\" \"site\" {   # reported: no logging_config\n  enabled = true\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_86"],
};

impl TerraformCheck for AwsCloudfrontNoLogging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cloudfront_distribution"],
            "logging_config.bucket",
            IfMissing::Fail,
            any_value(),
            |r, _| format!("{} writes no access logs.", r.address),
        );
    }
}
