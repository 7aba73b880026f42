//! `terraform/aws-launch-configuration-imdsv2-not-required`: a launch configuration allows `IMDSv1`.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLaunchConfigurationImdsv2NotRequired;

static META: Meta = Meta {
    id: "terraform/aws-launch-configuration-imdsv2-not-required",
    title: "Launch configuration does not require IMDSv2",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_launch_configuration` leaves `metadata_options.http_tokens` unset or \
        `optional` (the default), so instances answer IMDSv1 requests.",
    rationale: "IMDSv1 hands the instance role's credentials to any GET request, so a \
        server-side request forgery in an application on the instance leaks them.",
    remediation: "Set `metadata_options { http_tokens = \"required\" }` (or move to a launch \
        template with the same setting).",
    example: "metadata_options {\n  http_tokens = \"optional\"   # reported\n}",
    cwe: &["CWE-918"],
    checkov: &[],
};

impl TerraformCheck for AwsLaunchConfigurationImdsv2NotRequired {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_launch_configuration"],
            "metadata_options.http_tokens",
            IfMissing::Fail,
            string_in(&["optional"]),
            |r, _| format!("{} launches instances that accept IMDSv1.", r.address),
        );
    }
}
