//! `terraform/aws-neptune-instance-public`: a Neptune instance is publicly accessible.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsNeptuneInstancePublic;

static META: Meta = Meta {
    id: "terraform/aws-neptune-instance-public",
    title: "Neptune cluster instance is publicly accessible",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_neptune_cluster_instance` sets `publicly_accessible = true`.",
    rationale: "A graph database with a public address is reachable from the internet; its data \
        is then protected only by IAM authentication, if that is even on.",
    remediation: "Set `publicly_accessible = false` and reach the cluster from inside the VPC.",
    example: "resource \"aws_neptune_cluster_instance\" \"graph\" {\n  publicly_accessible = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_102"],
};

impl TerraformCheck for AwsNeptuneInstancePublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_neptune_cluster_instance"],
            "publicly_accessible",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} is reachable from the internet.", r.address),
        );
    }
}
