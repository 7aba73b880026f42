//! `terraform/aws-vpc-no-flow-logs`: a VPC has no flow log.

use ward_core::{Confidence, Severity};

use super::helpers::report_unlinked;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsVpcNoFlowLogs;

static META: Meta = Meta {
    id: "terraform/aws-vpc-no-flow-logs",
    title: "VPC has no flow log",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_vpc` has no `aws_flow_log` in the same module pointing at it through \
        `vpc_id`.",
    rationale: "Without flow logs there is no record of which addresses talked to which hosts \
        and ports, so a compromise or data exfiltration through the VPC cannot be traced or \
        scoped afterwards.",
    remediation: "Add an `aws_flow_log` with `vpc_id = aws_vpc.<name>.id` and `traffic_type = \
        \"ALL\"`, delivered to CloudWatch Logs or S3.",
    example: "resource \"aws_vpc\" \"main\" {   # reported: no aws_flow_log points at it\n  cidr_block = \"10.0.0.0/16\"\n}",
    cwe: &["CWE-778"],
    checkov: &["CKV2_AWS_11"],
};

impl TerraformCheck for AwsVpcNoFlowLogs {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_unlinked(
            &META,
            module,
            report,
            "aws_vpc",
            &["aws_flow_log"],
            "vpc_id",
            None,
            |r| format!("{} has no flow log.", r.address),
        );
    }
}
