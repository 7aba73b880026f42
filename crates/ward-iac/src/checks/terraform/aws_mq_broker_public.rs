//! `terraform/aws-mq-broker-public`: an Amazon MQ broker is publicly accessible.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsMqBrokerPublic;

static META: Meta = Meta {
    id: "terraform/aws-mq-broker-public",
    title: "Amazon MQ broker is publicly accessible",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_mq_broker` sets `publicly_accessible = true`.",
    rationale: "The broker's endpoints (including the web console) are then reachable from the \
        internet, protected only by its user passwords.",
    remediation: "Set `publicly_accessible = false` and reach the broker from inside the VPC.",
    example: "resource \"aws_mq_broker\" \"orders\" {\n  publicly_accessible = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_69"],
};

impl TerraformCheck for AwsMqBrokerPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_mq_broker"],
            "publicly_accessible",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} is reachable from the internet.", r.address),
        );
    }
}
