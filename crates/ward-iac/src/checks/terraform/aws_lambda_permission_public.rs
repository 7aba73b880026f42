//! `terraform/aws-lambda-permission-public`: a Lambda permission lets any principal invoke the function.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLambdaPermissionPublic;

static META: Meta = Meta {
    id: "terraform/aws-lambda-permission-public",
    title: "Lambda permission allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_lambda_permission` has `principal = \"*\"` and neither `source_arn`, \
        `source_account` nor `principal_org_id` to narrow it.",
    rationale: "The resource policy then lets every AWS account (and, for \
        `lambda:InvokeFunctionUrl`, anonymous callers) invoke the function.",
    remediation: "Name the service or account in `principal` and add `source_arn` / \
        `source_account`, or `principal_org_id` for your organization.",
    example: "resource \"aws_lambda_permission\" \"any\" {\n  action    = \"lambda:InvokeFunction\"\n  principal = \"*\"   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl TerraformCheck for AwsLambdaPermissionPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for permission in module.of_type("aws_lambda_permission") {
            let Some(principal) = permission.attr("principal") else {
                continue;
            };
            let narrowed = ["source_arn", "source_account", "principal_org_id"]
                .iter()
                .any(|k| permission.attr(k).is_some());
            if narrowed {
                continue;
            }
            match principal.value.as_str() {
                Some(p) if p == "*" => report.fail(
                    &META,
                    permission,
                    Some(principal),
                    "principal",
                    format!(
                        "{} lets any principal invoke the function.",
                        permission.address
                    ),
                ),
                None if principal.value.is_unknown() => {
                    report.unknown(&META, permission, Some(principal), "principal");
                }
                _ => {}
            }
        }
    }
}
