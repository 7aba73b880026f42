//! `terraform/aws-redshift-unencrypted`: a Redshift cluster does not encrypt its data.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRedshiftUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-redshift-unencrypted",
    title: "Redshift cluster is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_redshift_cluster` leaves `encrypted` unset or false.",
    rationale: "A data warehouse concentrates an organisation's data; unencrypted, snapshots and \
        disks expose all of it.",
    remediation: "Set `encrypted = true` with a customer-managed `kms_key_id`.",
    example: "resource \"aws_redshift_cluster\" \"dw\" {\n  encrypted = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_64"],
};

impl TerraformCheck for AwsRedshiftUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_redshift_cluster"],
            "encrypted",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not encrypt its data.", r.address),
        );
    }
}
