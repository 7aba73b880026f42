//! `terraform/aws-lb-no-access-logs`: a load balancer keeps no access logs.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLbNoAccessLogs;

static META: Meta = Meta {
    id: "terraform/aws-lb-no-access-logs",
    title: "Load balancer access logging is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An application or network `aws_lb` (or `aws_alb`) has no `access_logs` block, \
        or one with `enabled` unset or `false` (the default inside the block).",
    rationale: "Access logs are the record of who called the service, from where and with what \
        result; without them attacks on the application (scanning, credential stuffing, \
        exploitation) cannot be investigated.",
    remediation: "Add `access_logs { bucket = ..., enabled = true }` pointing at an S3 bucket \
        the load balancer may write to.",
    example: "access_logs {\n  bucket  = aws_s3_bucket.lb_logs.id\n  enabled = false   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_91"],
};

impl TerraformCheck for AwsLbNoAccessLogs {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_lb", "aws_alb"] {
            for lb in module.of_type(rtype) {
                // Gateway load balancers have no access logs.
                let gateway = lb
                    .attr("load_balancer_type")
                    .and_then(|t| t.value.as_str().map(|t| t.eq_ignore_ascii_case("gateway")))
                    == Some(true);
                if gateway {
                    continue;
                }
                judge_one(
                    &META,
                    report,
                    lb,
                    "access_logs.enabled",
                    IfMissing::Fail,
                    &bool_is(false),
                    &|r, _| format!("{} does not write access logs.", r.address),
                );
            }
        }
    }
}
