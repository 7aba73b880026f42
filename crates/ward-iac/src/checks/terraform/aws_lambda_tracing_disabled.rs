//! `terraform/aws-lambda-tracing-disabled`: a Lambda function is not traced with X-Ray.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLambdaTracingDisabled;

static META: Meta = Meta {
    id: "terraform/aws-lambda-tracing-disabled",
    title: "Lambda function X-Ray tracing is disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_lambda_function` has no `tracing_config`, or its `mode` is \
        `PassThrough` (the default).",
    rationale: "Without tracing, the calls a function makes (to other services, databases, third \
        parties) are not recorded, which makes abuse and unexpected data flows hard to see and \
        investigate.",
    remediation: "Add `tracing_config { mode = \"Active\" }` and grant the role \
        `xray:PutTraceSegments`.",
    example: "tracing_config {\n  mode = \"PassThrough\"   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_50"],
};

impl TerraformCheck for AwsLambdaTracingDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_lambda_function"],
            "tracing_config.mode",
            IfMissing::Fail,
            string_in(&["PassThrough"]),
            |r, _| format!("{} is not traced with X-Ray.", r.address),
        );
    }
}
