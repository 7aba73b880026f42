//! `terraform/aws-transfer-server-public`: a Transfer Family server has a public endpoint.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsTransferServerPublic;

static META: Meta = Meta {
    id: "terraform/aws-transfer-server-public",
    title: "Transfer Family server endpoint is public",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_transfer_server` leaves `endpoint_type` unset or `PUBLIC` (the \
        default).",
    rationale: "A public endpoint cannot be restricted with security groups or source addresses: \
        the SFTP/FTPS service is open to the internet, protected only by user credentials.",
    remediation: "Use `endpoint_type = \"VPC\"` with `endpoint_details` (security groups, and \
        Elastic IPs when partners must connect from the internet).",
    example: "resource \"aws_transfer_server\" \"sftp\" {\n  endpoint_type = \"PUBLIC\"   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_164"],
};

impl TerraformCheck for AwsTransferServerPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_transfer_server"],
            "endpoint_type",
            IfMissing::Fail,
            string_in(&["PUBLIC"]),
            |r, _| {
                format!(
                    "{} has a public endpoint that no security group can restrict.",
                    r.address
                )
            },
        );
    }
}
