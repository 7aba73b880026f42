//! `terraform/aws-api-gateway-domain-outdated-tls`: an API Gateway custom domain accepts TLS 1.0.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsApiGatewayDomainOutdatedTls;

static META: Meta = Meta {
    id: "terraform/aws-api-gateway-domain-outdated-tls",
    title: "API Gateway domain allows TLS 1.0",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_api_gateway_domain_name` sets `security_policy = \"TLS_1_0\"`.",
    rationale: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and have known weaknesses; accepting \
        them lets a network attacker push clients to the weakest protocol.",
    remediation: "Set `security_policy = \"TLS_1_2\"`.",
    example: "resource \"aws_api_gateway_domain_name\" \"api\" {\n  security_policy = \"TLS_1_0\"   # reported\n}",
    cwe: &["CWE-327"],
    checkov: &[],
};

impl TerraformCheck for AwsApiGatewayDomainOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_api_gateway_domain_name"],
            "security_policy",
            IfMissing::Pass,
            string_in(&["TLS_1_0"]),
            |r, _| format!("{} accepts TLS 1.0.", r.address),
        );
    }
}
