//! `terraform/aws-cloudwatch-log-retention-short`: a log group keeps logs for less than a year.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudwatchLogRetentionShort;

static META: Meta = Meta {
    id: "terraform/aws-cloudwatch-log-retention-short",
    title: "CloudWatch log group retention is shorter than one year",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_cloudwatch_log_group` sets `retention_in_days` between 1 and 364 \
        (unset or `0` keeps logs forever).",
    rationale: "Intrusions are often found months after they start; logs deleted before then \
        leave the investigation without the record of how the attacker got in and what they \
        touched.",
    remediation: "Set `retention_in_days = 365` or more (archive to S3 with lifecycle rules when \
        cost matters).",
    example: "resource \"aws_cloudwatch_log_group\" \"app\" {\n  retention_in_days = 14   # reported\n}",
    cwe: &["CWE-779"],
    checkov: &["CKV_AWS_338"],
};

impl TerraformCheck for AwsCloudwatchLogRetentionShort {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cloudwatch_log_group"],
            "retention_in_days",
            IfMissing::Pass,
            |v: &Value| match v.as_number() {
                Some(n) if n > 0.0 && n < 365.0 => Verdict::Fail,
                None if v.is_unknown() => Verdict::Unknown,
                _ => Verdict::Pass,
            },
            |r, _| format!("{} deletes its logs in less than a year.", r.address),
        );
    }
}
