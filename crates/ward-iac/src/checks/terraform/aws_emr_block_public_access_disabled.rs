//! `terraform/aws-emr-block-public-access-disabled`: EMR block public access is turned off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEmrBlockPublicAccessDisabled;

static META: Meta = Meta {
    id: "terraform/aws-emr-block-public-access-disabled",
    title: "EMR block public access is disabled",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_emr_block_public_access_configuration` sets \
        `block_public_security_group_rules = false`.",
    rationale: "EMR then lets clusters start with security groups open to the internet on any \
        port, exposing cluster web interfaces and services that allow running code.",
    remediation: "Set `block_public_security_group_rules = true`, listing only the ports that \
        must be public (22 by default) in `permitted_public_security_group_rule_range`.",
    example: "resource \"aws_emr_block_public_access_configuration\" \"this\" {\n  block_public_security_group_rules = false   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl TerraformCheck for AwsEmrBlockPublicAccessDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_emr_block_public_access_configuration"],
            "block_public_security_group_rules",
            IfMissing::Pass,
            bool_is(false),
            |r, _| {
                format!(
                    "{} lets EMR clusters open ports to the internet.",
                    r.address
                )
            },
        );
    }
}
