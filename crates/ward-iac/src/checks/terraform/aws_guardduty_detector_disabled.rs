//! `terraform/aws-guardduty-detector-disabled`: a `GuardDuty` detector is turned off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsGuarddutyDetectorDisabled;

static META: Meta = Meta {
    id: "terraform/aws-guardduty-detector-disabled",
    title: "GuardDuty detector is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_guardduty_detector` sets `enable = false` (the default is `true`).",
    rationale: "A disabled detector stops threat detection for the account and region: \
        compromised credentials, crypto-mining and reconnaissance go unnoticed.",
    remediation: "Set `enable = true` (or remove the attribute).",
    example: "resource \"aws_guardduty_detector\" \"main\" {\n  enable = false   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &[],
};

impl TerraformCheck for AwsGuarddutyDetectorDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_guardduty_detector"],
            "enable",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} has threat detection turned off.", r.address),
        );
    }
}
