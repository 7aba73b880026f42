//! `terraform/aws-athena-workgroup-not-enforced`: an Athena workgroup lets clients override its settings.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsAthenaWorkgroupNotEnforced;

static META: Meta = Meta {
    id: "terraform/aws-athena-workgroup-not-enforced",
    title: "Athena workgroup does not enforce its configuration",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_athena_workgroup` sets `configuration.enforce_workgroup_configuration \
        = false` (the default is `true`).",
    rationale: "Clients can then choose their own result location and turn result encryption \
        off, so the workgroup's encryption and output settings no longer hold.",
    remediation: "Remove `enforce_workgroup_configuration = false` (or set it to `true`).",
    example: "configuration {\n  enforce_workgroup_configuration = false   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_82"],
};

impl TerraformCheck for AwsAthenaWorkgroupNotEnforced {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_athena_workgroup"],
            "configuration.enforce_workgroup_configuration",
            IfMissing::Pass,
            bool_is(false),
            |r, _| {
                format!(
                    "{} lets clients override its result location and encryption.",
                    r.address
                )
            },
        );
    }
}
