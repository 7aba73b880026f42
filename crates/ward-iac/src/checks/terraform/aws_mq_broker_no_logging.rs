//! `terraform/aws-mq-broker-no-logging`: an Amazon MQ broker does not log to `CloudWatch`.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsMqBrokerNoLogging;

static META: Meta = Meta {
    id: "terraform/aws-mq-broker-no-logging",
    title: "Amazon MQ broker general logging is disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_mq_broker` has no `logs` block, or `logs.general` unset or `false` \
        (the default).",
    rationale: "Without broker logs, connection errors, authentication failures and unusual \
        activity on the broker leave no trace in CloudWatch.",
    remediation: "Add `logs { general = true }` (and `audit = true` for ActiveMQ).",
    example: "logs {\n  general = false   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_48"],
};

impl TerraformCheck for AwsMqBrokerNoLogging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_mq_broker"],
            "logs.general",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not send general logs to CloudWatch.", r.address),
        );
    }
}
