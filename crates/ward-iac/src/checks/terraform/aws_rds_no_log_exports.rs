//! `terraform/aws-rds-no-log-exports`: an RDS instance exports no logs to `CloudWatch`.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRdsNoLogExports;

static META: Meta = Meta {
    id: "terraform/aws-rds-no-log-exports",
    title: "RDS instance does not export logs to CloudWatch",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_db_instance` leaves `enabled_cloudwatch_logs_exports` unset or empty.",
    rationale: "Database logs (errors, slow queries, audit and connection logs where the engine \
        has them) stay on the instance, rotate away within days and vanish with it; failed \
        logins and suspicious queries cannot be alerted on or investigated.",
    remediation: "Set `enabled_cloudwatch_logs_exports` to the engine's log types (for example \
        `[\"postgresql\", \"upgrade\"]` or `[\"audit\", \"error\", \"general\", \
        \"slowquery\"]`).",
    example: "resource \"aws_db_instance\" \"app\" {   # reported: no enabled_cloudwatch_logs_exports\n  engine = \"postgres\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV_AWS_129"],
};

impl TerraformCheck for AwsRdsNoLogExports {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_instance"],
            "enabled_cloudwatch_logs_exports",
            IfMissing::Fail,
            |v: &Value| match v.as_list() {
                Some([]) => Verdict::Fail,
                _ => Verdict::Pass,
            },
            |r, _| format!("{} exports no logs to CloudWatch.", r.address),
        );
    }
}
