//! `terraform/aws-neptune-no-audit-logs`: a Neptune cluster does not export audit logs.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, list_lacks};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsNeptuneNoAuditLogs;

static META: Meta = Meta {
    id: "terraform/aws-neptune-no-audit-logs",
    title: "Neptune cluster does not export audit logs",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_neptune_cluster` leaves `enable_cloudwatch_logs_exports` unset or \
        without `audit`.",
    rationale: "Without audit logs in CloudWatch there is no record of who queried or changed \
        the graph.",
    remediation: "Set `enable_cloudwatch_logs_exports = [\"audit\"]` and \
        `neptune_enable_audit_log = 1` in the cluster parameter group.",
    example: "resource \"aws_neptune_cluster\" \"graph\" {   # reported: no audit log export\n  cluster_identifier = \"graph\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_101"],
};

impl TerraformCheck for AwsNeptuneNoAuditLogs {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_neptune_cluster"],
            "enable_cloudwatch_logs_exports",
            IfMissing::Fail,
            list_lacks("audit"),
            |r, _| format!("{} does not export audit logs to CloudWatch.", r.address),
        );
    }
}
