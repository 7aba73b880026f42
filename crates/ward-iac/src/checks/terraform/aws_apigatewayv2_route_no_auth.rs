//! `terraform/aws-apigatewayv2-route-no-auth`: an API Gateway `v2` route needs no authorization.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsApigatewayv2RouteNoAuth;

static META: Meta = Meta {
    id: "terraform/aws-apigatewayv2-route-no-auth",
    title: "API Gateway v2 route has no authorization",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_apigatewayv2_route` leaves `authorization_type` unset or `NONE` (the \
        default).",
    rationale: "The route is callable by anyone who can reach the API; unless the integration \
        authenticates every request itself, its data and actions are public.",
    remediation: "Set `authorization_type` to `JWT`, `AWS_IAM` or `CUSTOM` with an \
        `authorizer_id`; keep `NONE` only for deliberately public routes.",
    example: "resource \"aws_apigatewayv2_route\" \"orders\" {\n  route_key          = \"GET /orders\"\n  authorization_type = \"NONE\"   # reported\n}",
    cwe: &["CWE-306"],
    checkov: &[],
};

impl TerraformCheck for AwsApigatewayv2RouteNoAuth {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_apigatewayv2_route"],
            "authorization_type",
            IfMissing::Fail,
            string_in(&["NONE"]),
            |r, _| format!("{} can be called without any authorization.", r.address),
        );
    }
}
