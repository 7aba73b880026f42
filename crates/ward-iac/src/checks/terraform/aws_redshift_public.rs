//! `terraform/aws-redshift-public`: a Redshift cluster is reachable from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRedshiftPublic;

static META: Meta = Meta {
    id: "terraform/aws-redshift-public",
    title: "Redshift cluster is publicly accessible",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_redshift_cluster` sets `publicly_accessible = true`.",
    rationale: "A public warehouse endpoint exposes all of its data to password guessing from \
        anywhere.",
    remediation: "Set `publicly_accessible = false` and connect from inside the VPC.",
    example: "resource \"aws_redshift_cluster\" \"dw\" {\n  publicly_accessible = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_87"],
};

impl TerraformCheck for AwsRedshiftPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_redshift_cluster"],
            "publicly_accessible",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} is publicly accessible.", r.address),
        );
    }
}
