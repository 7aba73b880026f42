//! `terraform/aws-dynamodb-no-point-in-time-recovery`: a `DynamoDB` table cannot be restored to a point in time.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDynamodbNoPointInTimeRecovery;

static META: Meta = Meta {
    id: "terraform/aws-dynamodb-no-point-in-time-recovery",
    title: "DynamoDB point-in-time recovery is disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_dynamodb_table` leaves `point_in_time_recovery.enabled` unset or false.",
    rationale: "Without continuous backups, an accidental or malicious bulk delete or overwrite \
        cannot be undone.",
    remediation: "Add `point_in_time_recovery { enabled = true }`.",
    example: "point_in_time_recovery {\n  enabled = true\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_28"],
};

impl TerraformCheck for AwsDynamodbNoPointInTimeRecovery {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_dynamodb_table"],
            "point_in_time_recovery.enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} cannot be restored to a point in time.", r.address),
        );
    }
}
