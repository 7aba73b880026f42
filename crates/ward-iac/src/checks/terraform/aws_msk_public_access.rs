//! `terraform/aws-msk-public-access`: an MSK cluster has public broker endpoints.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsMskPublicAccess;

static META: Meta = Meta {
    id: "terraform/aws-msk-public-access",
    title: "MSK cluster brokers are publicly accessible",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_msk_cluster` sets \
        `broker_node_group_info.connectivity_info.public_access.type = \
        \"SERVICE_PROVIDED_EIPS\"`.",
    rationale: "Brokers with public addresses can be reached from the internet; the cluster's \
        data is then protected only by its client authentication and ACLs.",
    remediation: "Set `public_access.type = \"DISABLED\"` (the default) and connect clients \
        through the VPC, peering, PrivateLink or multi-VPC connectivity.",
    example: "public_access {\n  type = \"SERVICE_PROVIDED_EIPS\"   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl TerraformCheck for AwsMskPublicAccess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_msk_cluster"],
            "broker_node_group_info.connectivity_info.public_access.type",
            IfMissing::Pass,
            string_in(&["SERVICE_PROVIDED_EIPS"]),
            |r, _| format!("{} gives its brokers public IP addresses.", r.address),
        );
    }
}
