//! `terraform/aws-eks-node-group-ssh-open`: an EKS node group opens SSH to the internet.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEksNodeGroupSshOpen;

static META: Meta = Meta {
    id: "terraform/aws-eks-node-group-ssh-open",
    title: "EKS node group allows SSH from anywhere",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_eks_node_group` has a `remote_access` block with an `ec2_ssh_key` and \
        no `source_security_group_ids`, which makes EKS open port 22 on the nodes to \
        `0.0.0.0/0`.",
    rationale: "Worker nodes hold the credentials of every pod scheduled on them; SSH open to \
        the internet exposes them to brute force and exploits of the SSH daemon.",
    remediation: "Set `source_security_group_ids` to a bastion or VPN security group, or drop \
        `remote_access` and use SSM Session Manager.",
    example: "remote_access {\n  ec2_ssh_key = \"ops\"   # reported: no source_security_group_ids\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_100"],
};

impl TerraformCheck for AwsEksNodeGroupSshOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for group in module.of_type("aws_eks_node_group") {
            let Some(access) = group.body.block("remote_access") else {
                continue;
            };
            if access.body.attr("ec2_ssh_key").is_none()
                || access.body.attr("source_security_group_ids").is_some()
            {
                continue;
            }
            report.fail_at(
                &META,
                group,
                access.span,
                "remote_access.source_security_group_ids",
                format!("{} opens SSH on its nodes to the internet.", group.address),
            );
        }
    }
}
