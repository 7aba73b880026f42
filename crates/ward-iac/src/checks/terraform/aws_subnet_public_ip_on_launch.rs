//! `terraform/aws-subnet-public-ip-on-launch`: a subnet gives every instance a public IP.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSubnetPublicIpOnLaunch;

static META: Meta = Meta {
    id: "terraform/aws-subnet-public-ip-on-launch",
    title: "Subnet assigns public IP addresses on launch",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_subnet` sets `map_public_ip_on_launch = true` (the default is \
        `false`).",
    rationale: "Every instance launched in the subnet gets an internet-routable address whether \
        or not it should be reachable, so one permissive security group is enough to expose \
        it.",
    remediation: "Leave `map_public_ip_on_launch` unset or `false`; put internet-facing \
        workloads behind a load balancer or NAT, and request a public address per instance \
        only where one is needed.",
    example: "resource \"aws_subnet\" \"web\" {\n  vpc_id                  = aws_vpc.main.id\n  map_public_ip_on_launch = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_130"],
};

impl TerraformCheck for AwsSubnetPublicIpOnLaunch {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_subnet"],
            "map_public_ip_on_launch",
            IfMissing::Pass,
            bool_is(true),
            |r, _| {
                format!(
                    "{} gives every instance launched in it a public IP address.",
                    r.address
                )
            },
        );
    }
}
