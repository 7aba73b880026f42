//! `terraform/aws-api-gateway-method-no-auth`: an API Gateway method needs no authorization.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsApiGatewayMethodNoAuth;

static META: Meta = Meta {
    id: "terraform/aws-api-gateway-method-no-auth",
    title: "API Gateway method has no authorization",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_api_gateway_method` other than `OPTIONS` sets `authorization = \
        \"NONE\"` and does not require an API key.",
    rationale: "The method is callable by anyone on the internet; unless the backend \
        authenticates every request itself, its data and actions are public.",
    remediation: "Use `authorization = \"AWS_IAM\"`, `COGNITO_USER_POOLS` or `CUSTOM` with an \
        authorizer, or at least `api_key_required = true` with a usage plan; keep `NONE` only \
        for deliberately public endpoints.",
    example: "resource \"aws_api_gateway_method\" \"get\" {\n  http_method   = \"GET\"\n  authorization = \"NONE\"   # reported\n}",
    cwe: &["CWE-306"],
    checkov: &["CKV_AWS_59"],
};

impl TerraformCheck for AwsApiGatewayMethodNoAuth {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for method in module.of_type("aws_api_gateway_method") {
            let Some(auth) = method.attr("authorization") else {
                continue;
            };
            let preflight = method
                .attr("http_method")
                .and_then(|m| m.value.as_str().map(|m| m.eq_ignore_ascii_case("OPTIONS")))
                == Some(true);
            let api_key = method
                .attr("api_key_required")
                .is_some_and(|k| k.value.as_bool() != Some(false));
            if preflight || api_key {
                continue;
            }
            match auth.value.as_str() {
                Some(a) if a.eq_ignore_ascii_case("NONE") => report.fail(
                    &META,
                    method,
                    Some(auth),
                    "authorization",
                    format!(
                        "{} can be called without any authorization.",
                        method.address
                    ),
                ),
                None if auth.value.is_unknown() => {
                    report.unknown(&META, method, Some(auth), "authorization");
                }
                _ => {}
            }
        }
    }
}
