//! `terraform/aws-cloudtrail-log-validation-disabled`: a `CloudTrail` trail does not validate its log files.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudtrailLogValidationDisabled;

static META: Meta = Meta {
    id: "terraform/aws-cloudtrail-log-validation-disabled",
    title: "CloudTrail log file validation is disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_cloudtrail` leaves `enable_log_file_validation` unset or false.",
    rationale: "Without digest files, an attacker who reaches the log bucket can edit or delete \
        records of what they did and nobody can tell.",
    remediation: "Set `enable_log_file_validation = true`.",
    example: "resource \"aws_cloudtrail\" \"main\" {\n  enable_log_file_validation = false   # reported\n}",
    cwe: &["CWE-354"],
    checkov: &["CKV_AWS_36"],
};

impl TerraformCheck for AwsCloudtrailLogValidationDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cloudtrail"],
            "enable_log_file_validation",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not validate its log files.", r.address),
        );
    }
}
