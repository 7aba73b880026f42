//! `terraform/aws-config-recorder-not-all-resources`: an AWS Config recorder records only some resource types.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsConfigRecorderNotAllResources;

static META: Meta = Meta {
    id: "terraform/aws-config-recorder-not-all-resources",
    title: "AWS Config recorder does not record all resource types",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_config_configuration_recorder` sets `recording_group.all_supported = \
        false` (the default is `true`).",
    rationale: "Config's history is how changes to resources are audited; resource types left \
        out change without any record, and Config rules cannot evaluate them.",
    remediation: "Set `all_supported = true` (and `include_global_resource_types = true` in one \
        region), or exclude only specific types with `exclusion_by_resource_types`.",
    example: "recording_group {\n  all_supported = false   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &[],
};

impl TerraformCheck for AwsConfigRecorderNotAllResources {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_config_configuration_recorder"],
            "recording_group.all_supported",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} records only some resource types.", r.address),
        );
    }
}
