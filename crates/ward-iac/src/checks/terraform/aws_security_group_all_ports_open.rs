//! `terraform/aws-security-group-all-ports-open`: a security group allows every port from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::{aws_ingress, report_open_ingress};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSecurityGroupAllPortsOpen;

static META: Meta = Meta {
    id: "terraform/aws-security-group-all-ports-open",
    title: "Security group allows all traffic from the internet",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "An inbound rule opens every port (protocol `-1`/`all`, or ports 0-65535) to \
        `0.0.0.0/0` or `::/0`.",
    rationale: "Every service on the instances becomes reachable from the internet, including \
        the ones nobody meant to expose (databases, admin consoles, debug ports).",
    remediation: "Open only the ports the service needs, and only to the ranges that need them.",
    example: "ingress {\n  from_port   = 0\n  to_port     = 0\n  protocol    = \"-1\"\n  cidr_blocks = [\"0.0.0.0/0\"]   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_277"],
};

impl TerraformCheck for AwsSecurityGroupAllPortsOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        let rules = aws_ingress(module);
        report_open_ingress(&META, report, &rules, None, "every port");
    }
}
