//! `terraform/aws-sagemaker-endpoint-no-kms`: a `SageMaker` endpoint configuration has no KMS key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSagemakerEndpointNoKms;

static META: Meta = Meta {
    id: "terraform/aws-sagemaker-endpoint-no-kms",
    title: "SageMaker endpoint storage is not encrypted with a KMS key",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_sagemaker_endpoint_configuration` has no `kms_key_arn`.",
    rationale: "The ML storage volumes attached to endpoint instances hold the model and request \
        data; with a customer key their use is access-controlled and audited.",
    remediation: "Set `kms_key_arn` to a customer-managed KMS key.",
    example: "resource \"aws_sagemaker_endpoint_configuration\" \"model\" {   # reported: no kms_key_arn\n  name = \"model\"\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_98"],
};

impl TerraformCheck for AwsSagemakerEndpointNoKms {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_sagemaker_endpoint_configuration"],
            "kms_key_arn",
            IfMissing::Fail,
            any_value(),
            |r, _| format!("{} does not encrypt its storage with a KMS key.", r.address),
        );
    }
}
