//! `terraform/aws-api-gateway-stage-no-xray`: an API Gateway stage is not traced with X-Ray.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsApiGatewayStageNoXray;

static META: Meta = Meta {
    id: "terraform/aws-api-gateway-stage-no-xray",
    title: "API Gateway stage X-Ray tracing is disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_api_gateway_stage` leaves `xray_tracing_enabled` unset or `false` (the \
        default).",
    rationale: "Without tracing, requests cannot be followed from the API into the services \
        behind it, which slows down investigating abuse and failures.",
    remediation: "Set `xray_tracing_enabled = true`.",
    example: "resource \"aws_api_gateway_stage\" \"prod\" {\n  xray_tracing_enabled = false   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_73"],
};

impl TerraformCheck for AwsApiGatewayStageNoXray {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_api_gateway_stage"],
            "xray_tracing_enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} is not traced with X-Ray.", r.address),
        );
    }
}
