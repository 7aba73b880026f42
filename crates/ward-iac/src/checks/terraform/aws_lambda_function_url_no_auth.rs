//! `terraform/aws-lambda-function-url-no-auth`: a Lambda function URL needs no authentication.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLambdaFunctionUrlNoAuth;

static META: Meta = Meta {
    id: "terraform/aws-lambda-function-url-no-auth",
    title: "Lambda function URL has no authentication",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "An `aws_lambda_function_url` sets `authorization_type = \"NONE\"`.",
    rationale: "Anyone who finds the URL can invoke the function directly, outside any API \
        gateway, WAF or rate limit, and run up cost or reach whatever the function's role can \
        touch.",
    remediation: "Use `authorization_type = \"AWS_IAM\"` and sign requests, or put the function \
        behind API Gateway or CloudFront with authentication; keep `NONE` only for functions \
        that authenticate every request themselves.",
    example: "resource \"aws_lambda_function_url\" \"api\" {\n  function_name      = aws_lambda_function.api.function_name\n  authorization_type = \"NONE\"   # reported\n}",
    cwe: &["CWE-306"],
    checkov: &["CKV_AWS_258"],
};

impl TerraformCheck for AwsLambdaFunctionUrlNoAuth {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_lambda_function_url"],
            "authorization_type",
            IfMissing::Pass,
            string_in(&["NONE"]),
            |r, _| {
                format!(
                    "{} lets anyone on the internet invoke the function.",
                    r.address
                )
            },
        );
    }
}
