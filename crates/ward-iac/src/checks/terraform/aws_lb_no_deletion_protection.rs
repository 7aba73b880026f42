//! `terraform/aws-lb-no-deletion-protection`: a load balancer can be deleted without a safeguard.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLbNoDeletionProtection;

static META: Meta = Meta {
    id: "terraform/aws-lb-no-deletion-protection",
    title: "Load balancer has deletion protection disabled",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_lb` (or `aws_alb`) leaves `enable_deletion_protection` unset or \
        `false` (the default).",
    rationale: "A load balancer is the entry point of a service and its DNS name is often \
        hard-coded by clients; an accidental or malicious delete takes the service down and a \
        new one gets a new name.",
    remediation: "Set `enable_deletion_protection = true` on production load balancers.",
    example: "resource \"aws_lb\" \"web\" {\n  enable_deletion_protection = false   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_150"],
};

impl TerraformCheck for AwsLbNoDeletionProtection {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_lb", "aws_alb"],
            "enable_deletion_protection",
            IfMissing::Fail,
            bool_is(false),
            |r, _| {
                format!(
                    "{} can be deleted without turning off deletion protection first.",
                    r.address
                )
            },
        );
    }
}
