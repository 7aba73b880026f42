//! `terraform/aws-sagemaker-notebook-root-access`: a `SageMaker` notebook gives users root.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSagemakerNotebookRootAccess;

static META: Meta = Meta {
    id: "terraform/aws-sagemaker-notebook-root-access",
    title: "SageMaker notebook instance gives users root access",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_sagemaker_notebook_instance` leaves `root_access` unset or `Enabled` \
        (the default).",
    rationale: "With root, notebook users can change the instance's software and security \
        settings, install anything, and read every file on it, including other users' data and \
        credentials cached there.",
    remediation: "Set `root_access = \"Disabled\"` and install required packages through \
        lifecycle configurations.",
    example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  root_access = \"Enabled\"   # reported\n}",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl TerraformCheck for AwsSagemakerNotebookRootAccess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_sagemaker_notebook_instance"],
            "root_access",
            IfMissing::Fail,
            string_in(&["Enabled"]),
            |r, _| format!("{} gives notebook users root access.", r.address),
        );
    }
}
