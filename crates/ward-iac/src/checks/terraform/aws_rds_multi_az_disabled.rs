//! `terraform/aws-rds-multi-az-disabled`: an RDS instance runs in a single availability zone.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRdsMultiAzDisabled;

static META: Meta = Meta {
    id: "terraform/aws-rds-multi-az-disabled",
    title: "RDS instance is not Multi-AZ",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_db_instance` leaves `multi_az` unset or `false` (the default).",
    rationale: "A single-AZ database goes down with its zone or host and is unavailable during \
        maintenance; recovery means restoring from a snapshot and losing recent writes.",
    remediation: "Set `multi_az = true` for production databases (a synchronous standby in \
        another zone takes over automatically).",
    example: "resource \"aws_db_instance\" \"app\" {\n  multi_az = false   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_157"],
};

impl TerraformCheck for AwsRdsMultiAzDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_instance"],
            "multi_az",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} runs in a single availability zone.", r.address),
        );
    }
}
