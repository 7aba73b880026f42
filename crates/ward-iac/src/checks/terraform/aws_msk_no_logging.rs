//! `terraform/aws-msk-no-logging`: an MSK cluster keeps no broker logs.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsMskNoLogging;

static META: Meta = Meta {
    id: "terraform/aws-msk-no-logging",
    title: "MSK cluster broker logging is disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_msk_cluster` has no `logging_info`.",
    rationale: "Broker logs record connections, authentication failures and errors; without them \
        unauthorised access to the cluster cannot be detected or investigated.",
    remediation: "Add `logging_info { broker_logs { cloudwatch_logs { enabled = true log_group = \
        ... } } }` (or S3 / Firehose delivery).",
    example: "resource \"aws_msk_cluster\" \"events\" {   # reported: no logging_info\n  cluster_name = \"events\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_80"],
};

impl TerraformCheck for AwsMskNoLogging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("aws_msk_cluster") {
            if cluster.body.block("logging_info").is_none() {
                report.fail(
                    &META,
                    cluster,
                    None,
                    "logging_info",
                    format!("{} keeps no broker logs.", cluster.address),
                );
            }
        }
    }
}
