//! `terraform/aws-docdb-no-audit-logs`: a `DocumentDB` cluster does not export audit logs.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, list_lacks};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDocdbNoAuditLogs;

static META: Meta = Meta {
    id: "terraform/aws-docdb-no-audit-logs",
    title: "DocumentDB cluster does not export audit logs",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_docdb_cluster` leaves `enabled_cloudwatch_logs_exports` unset or \
        without `audit`.",
    rationale: "Audit logs record authentication attempts, user changes and DDL; without them in \
        CloudWatch, brute force and misuse of database accounts go unseen.",
    remediation: "Set `enabled_cloudwatch_logs_exports = [\"audit\", \"profiler\"]` and the \
        parameter `audit_logs = enabled` in the cluster parameter group.",
    example: "resource \"aws_docdb_cluster\" \"docs\" {\n  enabled_cloudwatch_logs_exports = [\"profiler\"]   # reported\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_85"],
};

impl TerraformCheck for AwsDocdbNoAuditLogs {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_docdb_cluster"],
            "enabled_cloudwatch_logs_exports",
            IfMissing::Fail,
            list_lacks("audit"),
            |r, _| format!("{} does not export audit logs to CloudWatch.", r.address),
        );
    }
}
