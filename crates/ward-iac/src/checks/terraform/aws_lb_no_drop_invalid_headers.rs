//! `terraform/aws-lb-no-drop-invalid-headers`: an application load balancer forwards invalid HTTP headers.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLbNoDropInvalidHeaders;

static META: Meta = Meta {
    id: "terraform/aws-lb-no-drop-invalid-headers",
    title: "Application load balancer does not drop invalid headers",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An application `aws_lb`/`aws_alb` leaves `drop_invalid_header_fields` unset or \
        false.",
    rationale: "Header names the HTTP specification does not allow are a tool for request \
        smuggling and header injection against the targets behind the balancer.",
    remediation: "Set `drop_invalid_header_fields = true`.",
    example: "resource \"aws_lb\" \"web\" {\n  drop_invalid_header_fields = true\n}",
    cwe: &["CWE-444"],
    checkov: &["CKV_AWS_131"],
};

impl TerraformCheck for AwsLbNoDropInvalidHeaders {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_lb", "aws_alb"] {
            for lb in module.of_type(rtype) {
                let application = lb
                    .attr("load_balancer_type")
                    .is_none_or(|t| t.value.as_str().as_deref() == Some("application"));
                if !application {
                    continue;
                }
                judge_one(
                    &META,
                    report,
                    lb,
                    "drop_invalid_header_fields",
                    IfMissing::Fail,
                    &bool_is(false),
                    &|r, _| format!("{} forwards invalid HTTP headers.", r.address),
                );
            }
        }
    }
}
