//! `terraform/aws-cloudtrail-no-cloudwatch`: a `CloudTrail` trail is not sent to `CloudWatch` Logs.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudtrailNoCloudwatch;

static META: Meta = Meta {
    id: "terraform/aws-cloudtrail-no-cloudwatch",
    title: "CloudTrail trail is not integrated with CloudWatch Logs",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_cloudtrail` has no `cloud_watch_logs_group_arn`.",
    rationale: "Without CloudWatch Logs delivery, API activity can only be searched after the \
        fact in S3; metric filters and alarms on root logins, policy changes or disabled \
        logging cannot fire.",
    remediation: "Set `cloud_watch_logs_group_arn` (with `:*` suffix) and \
        `cloud_watch_logs_role_arn`, and add metric filters and alarms for the events that \
        matter.",
    example: "resource \"aws_cloudtrail\" \"main\" {   # reported: no cloud_watch_logs_group_arn\n  name = \"main\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV2_AWS_10"],
};

impl TerraformCheck for AwsCloudtrailNoCloudwatch {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cloudtrail"],
            "cloud_watch_logs_group_arn",
            IfMissing::Fail,
            any_value(),
            |r, _| format!("{} does not deliver events to CloudWatch Logs.", r.address),
        );
    }
}
