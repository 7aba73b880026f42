//! `terraform/aws-network-acl-ssh-open`: a network ACL allows SSH (22) from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::report_open_nacl;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsNetworkAclSshOpen;

static META: Meta = Meta {
    id: "terraform/aws-network-acl-ssh-open",
    title: "Network ACL allows SSH (22) from the internet",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An inbound `allow` rule of a network ACL (`aws_network_acl_rule`, or an \
        `ingress` block of `aws_network_acl` / `aws_default_network_acl`) covers port 22 from \
        `0.0.0.0/0` or `::/0`.",
    rationale: "The subnet ACL is the coarse outer layer of VPC filtering: letting SSH in from \
        anywhere leaves a single permissive security group between the internet and every host \
        of the subnet.",
    remediation: "Allow port 22 only from known ranges (a VPN, a bastion subnet) in the ACL, or \
        reach hosts through SSM Session Manager instead.",
    example: "resource \"aws_network_acl_rule\" \"in\" {\n  rule_action = \"allow\"\n  protocol    = \"tcp\"\n  from_port   = 22\n  to_port     = 22\n  cidr_block  = \"0.0.0.0/0\"   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl TerraformCheck for AwsNetworkAclSshOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_open_nacl(&META, module, report, 22, "SSH (port 22)");
    }
}
