//! `terraform/aws-security-group-ssh-open`: a security group allows SSH (22) from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::aws_security_group_open;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSecurityGroupSshOpen;

static META: Meta = Meta {
    id: "terraform/aws-security-group-ssh-open",
    title: "Security group allows SSH (22) from the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An inbound rule (an `ingress` block of `aws_security_group`, an \
        `aws_security_group_rule` of type `ingress`, or an \
        `aws_vpc_security_group_ingress_rule`) opens port 22 to `0.0.0.0/0` or `::/0`.",
    rationale: "SSH exposed to the internet is scanned within minutes of going up and is a \
        favourite entry point for credential stuffing and exploits of the service.",
    remediation: "Allow SSH only from known address ranges (a VPN, a bastion), or use SSM Session \
        Manager / EC2 Instance Connect Endpoint instead of opening the port.",
    example: "ingress {\n  from_port   = 22\n  to_port     = 22\n  protocol    = \"tcp\"\n  cidr_blocks = [\"0.0.0.0/0\"]   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_24"],
};

impl TerraformCheck for AwsSecurityGroupSshOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        aws_security_group_open(&META, module, report, 22, "SSH");
    }
}
