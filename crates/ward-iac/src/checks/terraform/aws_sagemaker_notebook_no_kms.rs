//! `terraform/aws-sagemaker-notebook-no-kms`: a `SageMaker` notebook volume is not encrypted with a customer KMS key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSagemakerNotebookNoKms;

static META: Meta = Meta {
    id: "terraform/aws-sagemaker-notebook-no-kms",
    title: "SageMaker notebook instance storage is not encrypted with a KMS key",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_sagemaker_notebook_instance` has no `kms_key_id`, so its ML storage \
        volume uses the AWS-managed EBS key.",
    rationale: "Notebook volumes hold datasets, model artefacts and credentials; with a key of \
        your own, access to the data also needs permission on the key, and every use is \
        audited.",
    remediation: "Set `kms_key_id` to a customer-managed KMS key.",
    example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {   # reported: no kms_key_id\n  name = \"research\"\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_22"],
};

impl TerraformCheck for AwsSagemakerNotebookNoKms {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_sagemaker_notebook_instance"],
            "kms_key_id",
            IfMissing::Fail,
            any_value(),
            |r, _| {
                format!(
                    "{} does not encrypt its storage with a customer KMS key.",
                    r.address
                )
            },
        );
    }
}
