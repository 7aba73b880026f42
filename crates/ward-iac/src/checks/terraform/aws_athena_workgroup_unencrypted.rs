//! `terraform/aws-athena-workgroup-unencrypted`: an Athena workgroup does not encrypt query results.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsAthenaWorkgroupUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-athena-workgroup-unencrypted",
    title: "Athena workgroup query results are not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_athena_workgroup` has no \
        `configuration.result_configuration.encryption_configuration`.",
    rationale: "Query results are copies of the data queried (often the sensitive part of it); \
        without workgroup encryption their protection depends on each output bucket's \
        settings.",
    remediation: "Add `encryption_configuration { encryption_option = \"SSE_KMS\" kms_key_arn = \
        ... }` to `result_configuration`, and enforce it with `enforce_workgroup_configuration \
        = true`.",
    example: "result_configuration {\n  output_location = \"s3://athena-results/\"   # reported: no encryption_configuration\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_159"],
};

impl TerraformCheck for AwsAthenaWorkgroupUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_athena_workgroup"],
            "configuration.result_configuration.encryption_configuration.encryption_option",
            IfMissing::Fail,
            any_value(),
            |r, _| format!("{} does not encrypt query results.", r.address),
        );
    }
}
