//! `terraform/aws-db-instance-public`: a database instance is reachable from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDbInstancePublic;

static META: Meta = Meta {
    id: "terraform/aws-db-instance-public",
    title: "RDS instance is publicly accessible",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_db_instance` or `aws_rds_cluster_instance` sets `publicly_accessible = \
        true`.",
    rationale: "A public database endpoint is exposed to password guessing and to every \
        vulnerability of the engine, from anywhere.",
    remediation: "Set `publicly_accessible = false` and reach the database from inside the VPC \
        (application subnets, a bastion or a VPN).",
    example: "resource \"aws_db_instance\" \"main\" {\n  publicly_accessible = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_17"],
};

impl TerraformCheck for AwsDbInstancePublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_instance", "aws_rds_cluster_instance"],
            "publicly_accessible",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} is publicly accessible.", r.address),
        );
    }
}
