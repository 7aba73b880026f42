//! `terraform/aws-redshift-no-enhanced-vpc-routing`: a Redshift cluster does not use enhanced VPC routing.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRedshiftNoEnhancedVpcRouting;

static META: Meta = Meta {
    id: "terraform/aws-redshift-no-enhanced-vpc-routing",
    title: "Redshift cluster does not use enhanced VPC routing",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_redshift_cluster` leaves `enhanced_vpc_routing` unset or `false` (the \
        default).",
    rationale: "Without it, `COPY` and `UNLOAD` traffic to S3 bypasses the VPC, so security \
        groups, VPC endpoint policies and flow logs do not apply to data leaving the \
        warehouse.",
    remediation: "Set `enhanced_vpc_routing = true` and give the VPC an S3 gateway endpoint (or \
        NAT) for the traffic.",
    example: "resource \"aws_redshift_cluster\" \"dw\" {\n  enhanced_vpc_routing = false   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &[],
};

impl TerraformCheck for AwsRedshiftNoEnhancedVpcRouting {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_redshift_cluster"],
            "enhanced_vpc_routing",
            IfMissing::Fail,
            bool_is(false),
            |r, _| {
                format!(
                    "{} does not route its S3 traffic through the VPC.",
                    r.address
                )
            },
        );
    }
}
