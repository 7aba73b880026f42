//! `terraform/aws-default-security-group-has-rules`: the VPC default security group is given rules.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Value;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDefaultSecurityGroupHasRules;

static META: Meta = Meta {
    id: "terraform/aws-default-security-group-has-rules",
    title: "Default security group allows traffic",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_default_security_group` has `ingress` or `egress` rules.",
    rationale: "Every instance, endpoint and interface launched without an explicit group lands \
        in the default group; rules on it grant access to resources nobody meant to expose, \
        and members of the group can reach each other.",
    remediation: "Declare `aws_default_security_group` with no `ingress` or `egress` blocks \
        (Terraform then removes all its rules) and give resources their own groups.",
    example: "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = aws_vpc.main.id\n  ingress {   # reported\n    protocol  = -1\n    self      = true\n    from_port = 0\n    to_port   = 0\n  }\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV2_AWS_12"],
};

impl TerraformCheck for AwsDefaultSecurityGroupHasRules {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for group in module.of_type("aws_default_security_group") {
            for kind in ["ingress", "egress"] {
                if let Some(block) = group.body.block(kind) {
                    report.fail_at(
                        &META,
                        group,
                        block.span,
                        kind,
                        format!("{} has {kind} rules.", group.address),
                    );
                } else if let Some(attr) = group.attr(kind) {
                    match &attr.value {
                        Value::List(items) if items.is_empty() => {}
                        Value::Unknown(_) => report.unknown(&META, group, Some(attr), kind),
                        _ => report.fail(
                            &META,
                            group,
                            Some(attr),
                            kind,
                            format!("{} has {kind} rules.", group.address),
                        ),
                    }
                }
            }
        }
    }
}
