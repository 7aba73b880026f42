//! `terraform/aws-api-gateway-stage-no-access-logs`: an API Gateway stage writes no access logs.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsApiGatewayStageNoAccessLogs;

static META: Meta = Meta {
    id: "terraform/aws-api-gateway-stage-no-access-logs",
    title: "API Gateway stage access logging is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_api_gateway_stage` or `aws_apigatewayv2_stage` has no \
        `access_log_settings`.",
    rationale: "Access logs record who called which route, from where and with what result; \
        without them abuse of the API (enumeration, credential stuffing, data scraping) leaves \
        no trace.",
    remediation: "Add `access_log_settings { destination_arn = aws_cloudwatch_log_group.api.arn \
        format = ... }`.",
    example: "resource \"aws_api_gateway_stage\" \"prod\" {   # reported: no access_log_settings\n  stage_name = \"prod\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_76"],
};

impl TerraformCheck for AwsApiGatewayStageNoAccessLogs {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
            "access_log_settings.destination_arn",
            IfMissing::Fail,
            any_value(),
            |r, _| format!("{} writes no access logs.", r.address),
        );
    }
}
