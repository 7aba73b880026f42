//! `terraform/aws-wafv2-web-acl-no-logging`: a WAF web ACL has no logging configuration.

use ward_core::{Confidence, Severity};

use super::helpers::report_unlinked;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsWafv2WebAclNoLogging;

static META: Meta = Meta {
    id: "terraform/aws-wafv2-web-acl-no-logging",
    title: "WAF web ACL logging is disabled",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_wafv2_web_acl` has no `aws_wafv2_web_acl_logging_configuration` in the \
        same module pointing at it through `resource_arn`.",
    rationale: "Without WAF logs there is no record of which requests were blocked or allowed \
        and why, so attacks on the application cannot be analysed and rules cannot be tuned.",
    remediation: "Add an `aws_wafv2_web_acl_logging_configuration` with `resource_arn = \
        aws_wafv2_web_acl.<name>.arn` and a Firehose, S3 or CloudWatch Logs destination.",
    example: "resource \"aws_wafv2_web_acl\" \"edge\" {   # reported: no logging configuration\n  name  = \"edge\"\n  scope = \"CLOUDFRONT\"\n}",
    cwe: &["CWE-778"],
    checkov: &[],
};

impl TerraformCheck for AwsWafv2WebAclNoLogging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_unlinked(
            &META,
            module,
            report,
            "aws_wafv2_web_acl",
            &["aws_wafv2_web_acl_logging_configuration"],
            "resource_arn",
            None,
            |r| format!("{} keeps no request logs.", r.address),
        );
    }
}
