//! `terraform/aws-db-instance-no-backups`: a database keeps no automated backups.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, number_below};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDbInstanceNoBackups;

static META: Meta = Meta {
    id: "terraform/aws-db-instance-no-backups",
    title: "RDS automated backups are disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_db_instance` or `aws_rds_cluster` sets `backup_retention_period = 0`.",
    rationale: "With no automated backups there is no point-in-time recovery after corruption, a \
        bad migration or a destructive attack.",
    remediation: "Set `backup_retention_period` to at least 7 days.",
    example: "resource \"aws_db_instance\" \"main\" {\n  backup_retention_period = 0   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_133"],
};

impl TerraformCheck for AwsDbInstanceNoBackups {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_instance", "aws_rds_cluster"],
            "backup_retention_period",
            IfMissing::Pass,
            number_below(1.0),
            |r, _| format!("{} keeps no automated backups.", r.address),
        );
    }
}
