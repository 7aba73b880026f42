//! `terraform/aws-elb-no-access-logs`: a classic load balancer keeps no access logs.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsElbNoAccessLogs;

static META: Meta = Meta {
    id: "terraform/aws-elb-no-access-logs",
    title: "Classic load balancer access logging is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_elb` has no `access_logs` block, or one with `enabled = false`.",
    rationale: "Without access logs there is no record of the requests the load balancer served, \
        so probing and attacks on the backends cannot be investigated.",
    remediation: "Add `access_logs { bucket = ... }` (enabled by default once the block is \
        written).",
    example: "resource \"aws_elb\" \"web\" {   # reported: no access_logs\n  listener { ... }\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_92"],
};

impl TerraformCheck for AwsElbNoAccessLogs {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        // Inside the block `enabled` defaults to true; without the block nothing is logged.
        for elb in module.of_type("aws_elb") {
            if elb.body.block("access_logs").is_none() {
                report.fail(
                    &META,
                    elb,
                    None,
                    "access_logs",
                    format!("{} does not write access logs.", elb.address),
                );
            }
        }
        judge_attr(
            &META,
            module,
            report,
            &["aws_elb"],
            "access_logs.enabled",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} does not write access logs.", r.address),
        );
    }
}
