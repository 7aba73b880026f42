//! `terraform/aws-security-group-rdp-open`: a security group allows RDP (3389) from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::aws_security_group_open;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSecurityGroupRdpOpen;

static META: Meta = Meta {
    id: "terraform/aws-security-group-rdp-open",
    title: "Security group allows RDP (3389) from the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An inbound rule (an `ingress` block of `aws_security_group`, an \
        `aws_security_group_rule` of type `ingress`, or an \
        `aws_vpc_security_group_ingress_rule`) opens port 3389 to `0.0.0.0/0` or `::/0`.",
    rationale: "RDP exposed to the internet is scanned within minutes of going up and is a \
        favourite entry point for credential stuffing and exploits of the service.",
    remediation: "Allow RDP only from known address ranges (a VPN, a bastion), or use SSM Session \
        Manager / EC2 Instance Connect Endpoint instead of opening the port.",
    example: "ingress {\n  from_port   = 3389\n  to_port     = 3389\n  protocol    = \"tcp\"\n  cidr_blocks = [\"0.0.0.0/0\"]   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_25"],
};

impl TerraformCheck for AwsSecurityGroupRdpOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        aws_security_group_open(&META, module, report, 3389, "RDP");
    }
}
