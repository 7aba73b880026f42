//! `terraform/aws-cloudfront-no-waf`: a `CloudFront` distribution has no WAF web ACL.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudfrontNoWaf;

static META: Meta = Meta {
    id: "terraform/aws-cloudfront-no-waf",
    title: "CloudFront distribution has no WAF",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_cloudfront_distribution` has no `web_acl_id`.",
    rationale: "The distribution is the internet edge of the application; without a web ACL \
        there is no place to block common exploits, bad bots or floods of requests before they \
        reach the origin.",
    remediation: "Associate an AWS WAF web ACL (`web_acl_id = aws_wafv2_web_acl.edge.arn`, \
        created in `us-east-1` with scope `CLOUDFRONT`).",
    example: "resource \"aws_cloudfront_distribution\" \"site\" {   # reported: no web_acl_id\n  enabled = true\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_68"],
};

impl TerraformCheck for AwsCloudfrontNoWaf {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cloudfront_distribution"],
            "web_acl_id",
            IfMissing::Fail,
            any_value(),
            |r, _| format!("{} has no WAF web ACL.", r.address),
        );
    }
}
