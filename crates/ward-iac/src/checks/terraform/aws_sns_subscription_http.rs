//! `terraform/aws-sns-subscription-http`: an SNS subscription delivers over plain HTTP.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSnsSubscriptionHttp;

static META: Meta = Meta {
    id: "terraform/aws-sns-subscription-http",
    title: "SNS subscription uses plain HTTP",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_sns_topic_subscription` sets `protocol = \"http\"`.",
    rationale: "Messages are then delivered to the endpoint in clear text across the internet, \
        where they can be read or altered.",
    remediation: "Use `protocol = \"https\"` with an endpoint that has a valid certificate.",
    example: "resource \"aws_sns_topic_subscription\" \"hook\" {\n  protocol = \"http\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &[],
};

impl TerraformCheck for AwsSnsSubscriptionHttp {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_sns_topic_subscription"],
            "protocol",
            IfMissing::Pass,
            string_in(&["http"]),
            |r, _| format!("{} delivers messages over plain HTTP.", r.address),
        );
    }
}
