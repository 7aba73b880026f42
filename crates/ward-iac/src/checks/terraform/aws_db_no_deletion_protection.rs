//! `terraform/aws-db-no-deletion-protection`: a database can be deleted without first turning off protection.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDbNoDeletionProtection;

static META: Meta = Meta {
    id: "terraform/aws-db-no-deletion-protection",
    title: "RDS deletion protection is disabled",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_db_instance` or `aws_rds_cluster` leaves `deletion_protection` unset or \
        false.",
    rationale: "One mistaken `terraform destroy`, or one stolen credential, deletes the database \
        and its automated backups with it.",
    remediation: "Set `deletion_protection = true` for databases that hold data you need.",
    example: "resource \"aws_db_instance\" \"main\" {\n  deletion_protection = true\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_AWS_293", "CKV_AWS_139"],
};

impl TerraformCheck for AwsDbNoDeletionProtection {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_instance", "aws_rds_cluster"],
            "deletion_protection",
            IfMissing::Fail,
            bool_is(false),
            |r, _| {
                format!(
                    "{} can be deleted without turning off protection first.",
                    r.address
                )
            },
        );
    }
}
