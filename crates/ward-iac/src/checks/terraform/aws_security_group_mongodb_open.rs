//! `terraform/aws-security-group-mongodb-open`: a security group allows port 27017 (mongodb) from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::aws_security_group_open;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSecurityGroupMongodbOpen;

static META: Meta = Meta {
    id: "terraform/aws-security-group-mongodb-open",
    title: "Security group allows MongoDB (27017) from the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An inbound rule (an `ingress` block of `aws_security_group`, an \
        `aws_security_group_rule` of type `ingress`, or an \
        `aws_vpc_security_group_ingress_rule`) opens port 27017 (MongoDB) to `0.0.0.0/0` or \
        `::/0`.",
    rationale: "MongoDB is a data store, not a public service: exposed to the internet it is \
        found by mass scanners within hours and attacked with default credentials, brute force \
        and known exploits, and a single weak account leaks the data.",
    remediation: "Allow port 27017 only from the security groups of the applications that use it \
        (`source_security_group_id` / `referenced_security_group_id`) or from private address \
        ranges.",
    example: "ingress {\n  from_port   = 27017\n  to_port     = 27017\n  protocol    = \"tcp\"\n  cidr_blocks = [\"0.0.0.0/0\"]   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl TerraformCheck for AwsSecurityGroupMongodbOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        aws_security_group_open(&META, module, report, 27017, "MongoDB");
    }
}
