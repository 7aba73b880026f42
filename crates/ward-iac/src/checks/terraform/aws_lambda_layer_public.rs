//! `terraform/aws-lambda-layer-public`: a Lambda layer is shared with every AWS account.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_one, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLambdaLayerPublic;

static META: Meta = Meta {
    id: "terraform/aws-lambda-layer-public",
    title: "Lambda layer version is public",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_lambda_layer_version_permission` sets `principal = \"*\"` without an \
        `organization_id`.",
    rationale: "Any AWS account can then download the layer's code, which often bundles internal \
        libraries, configuration and sometimes credentials.",
    remediation: "Grant the permission to specific account IDs, or keep `*` together with \
        `organization_id`.",
    example: "resource \"aws_lambda_layer_version_permission\" \"share\" {\n  principal = \"*\"   # reported\n}",
    cwe: &["CWE-200"],
    checkov: &[],
};

impl TerraformCheck for AwsLambdaLayerPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for permission in module.of_type("aws_lambda_layer_version_permission") {
            if permission.attr("organization_id").is_some() {
                continue;
            }
            judge_one(
                &META,
                report,
                permission,
                "principal",
                IfMissing::Pass,
                &string_in(&["*"]),
                &|r, _| format!("{} shares the layer with every AWS account.", r.address),
            );
        }
    }
}
