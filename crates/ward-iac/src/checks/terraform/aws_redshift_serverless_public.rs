//! `terraform/aws-redshift-serverless-public`: a Redshift Serverless workgroup is publicly accessible.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRedshiftServerlessPublic;

static META: Meta = Meta {
    id: "terraform/aws-redshift-serverless-public",
    title: "Redshift Serverless workgroup is publicly accessible",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_redshiftserverless_workgroup` sets `publicly_accessible = true`.",
    rationale: "The warehouse endpoint is then reachable from the internet, protected only by \
        its credentials and security groups.",
    remediation: "Set `publicly_accessible = false` and connect through the VPC.",
    example: "resource \"aws_redshiftserverless_workgroup\" \"dw\" {\n  publicly_accessible = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl TerraformCheck for AwsRedshiftServerlessPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_redshiftserverless_workgroup"],
            "publicly_accessible",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} is reachable from the internet.", r.address),
        );
    }
}
