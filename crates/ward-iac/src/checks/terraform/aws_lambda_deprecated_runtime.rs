//! `terraform/aws-lambda-deprecated-runtime`: a Lambda function uses a deprecated runtime.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLambdaDeprecatedRuntime;

static META: Meta = Meta {
    id: "terraform/aws-lambda-deprecated-runtime",
    title: "Lambda function uses a deprecated runtime",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_lambda_function` sets `runtime` to a runtime AWS has deprecated (for \
        example `python3.8`, `nodejs16.x`, `go1.x`, `java8`, `dotnet6`, `ruby2.7`).",
    rationale: "Deprecated runtimes no longer receive security patches for the language runtime \
        or the underlying OS, and soon cannot be updated at all.",
    remediation: "Move to a supported runtime (for example `python3.12`, `nodejs20.x`, `java21`, \
        `provided.al2023`).",
    example: "resource \"aws_lambda_function\" \"worker\" {\n  runtime = \"python3.7\"   # reported\n}",
    cwe: &["CWE-1104"],
    checkov: &["CKV_AWS_363"],
};

impl TerraformCheck for AwsLambdaDeprecatedRuntime {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_lambda_function"],
            "runtime",
            IfMissing::Pass,
            string_in(&[
                "python2.7",
                "python3.6",
                "python3.7",
                "python3.8",
                "nodejs",
                "nodejs4.3",
                "nodejs4.3-edge",
                "nodejs6.10",
                "nodejs8.10",
                "nodejs10.x",
                "nodejs12.x",
                "nodejs14.x",
                "nodejs16.x",
                "java8",
                "go1.x",
                "provided",
                "ruby2.5",
                "ruby2.7",
                "dotnetcore1.0",
                "dotnetcore2.0",
                "dotnetcore2.1",
                "dotnetcore3.1",
                "dotnet5.0",
                "dotnet6",
            ]),
            |r, _| format!("{} uses a deprecated runtime.", r.address),
        );
    }
}
