//! `terraform/aws-dms-replication-instance-public`: a DMS replication instance is publicly accessible.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDmsReplicationInstancePublic;

static META: Meta = Meta {
    id: "terraform/aws-dms-replication-instance-public",
    title: "DMS replication instance is publicly accessible",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_dms_replication_instance` sets `publicly_accessible = true`.",
    rationale: "A replication instance connects to source and target databases with their \
        credentials and copies their data; a public address exposes it to the internet.",
    remediation: "Set `publicly_accessible = false` and place the instance in private subnets \
        with a `replication_subnet_group_id`.",
    example: "resource \"aws_dms_replication_instance\" \"migrate\" {\n  publicly_accessible = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_89"],
};

impl TerraformCheck for AwsDmsReplicationInstancePublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_dms_replication_instance"],
            "publicly_accessible",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} has a public IP address.", r.address),
        );
    }
}
