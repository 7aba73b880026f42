//! `terraform/aws-instance-public-ip`: an instance gets a public IP address.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsInstancePublicIp;

static META: Meta = Meta {
    id: "terraform/aws-instance-public-ip",
    title: "EC2 instance has a public IP address",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_instance` sets `associate_public_ip_address = true`, or an \
        `aws_launch_template` network interface does.",
    rationale: "A public address makes the instance reachable from the internet whenever a \
        security group rule allows it; instances behind a load balancer or NAT do not \
        need one.",
    remediation: "Remove the public address; put the instance in a private subnet behind a load \
        balancer, and reach it through SSM Session Manager.",
    example: "resource \"aws_instance\" \"web\" {\n  associate_public_ip_address = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_88"],
};

impl TerraformCheck for AwsInstancePublicIp {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_instance"],
            "associate_public_ip_address",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} gets a public IP address.", r.address),
        );
        for template in module.of_type("aws_launch_template") {
            judge_one(
                &META,
                report,
                template,
                "network_interfaces.associate_public_ip_address",
                IfMissing::Pass,
                &bool_is(true),
                &|r, _| format!("{} gives instances a public IP address.", r.address),
            );
        }
    }
}
