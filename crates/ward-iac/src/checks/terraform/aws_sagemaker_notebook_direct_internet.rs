//! `terraform/aws-sagemaker-notebook-direct-internet`: a `SageMaker` notebook has direct internet access.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSagemakerNotebookDirectInternet;

static META: Meta = Meta {
    id: "terraform/aws-sagemaker-notebook-direct-internet",
    title: "SageMaker notebook instance has direct internet access",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_sagemaker_notebook_instance` leaves `direct_internet_access` unset or \
        `Enabled` (the default).",
    rationale: "The notebook then reaches the internet through a SageMaker-managed network, \
        outside your VPC's controls: data can be sent anywhere, and code and packages pulled \
        from anywhere, without passing your egress filtering or logging.",
    remediation: "Set `direct_internet_access = \"Disabled\"` with a `subnet_id` in your VPC, \
        and provide egress through a NAT or VPC endpoints you control.",
    example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  direct_internet_access = \"Enabled\"   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_122"],
};

impl TerraformCheck for AwsSagemakerNotebookDirectInternet {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_sagemaker_notebook_instance"],
            "direct_internet_access",
            IfMissing::Fail,
            string_in(&["Enabled"]),
            |r, _| format!("{} has direct internet access outside the VPC.", r.address),
        );
    }
}
