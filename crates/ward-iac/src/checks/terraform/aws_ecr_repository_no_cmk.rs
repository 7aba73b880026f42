//! `terraform/aws-ecr-repository-no-cmk`: an ECR repository is not encrypted with a KMS key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_not_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEcrRepositoryNoCmk;

static META: Meta = Meta {
    id: "terraform/aws-ecr-repository-no-cmk",
    title: "ECR repository is not encrypted with KMS",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_ecr_repository` has no `encryption_configuration`, or its \
        `encryption_type` is `AES256` (the default, S3-managed keys).",
    rationale: "With S3-managed keys access to image layers is governed by ECR permissions \
        alone; a KMS key adds a separately controlled, audited key and lets you cut access by \
        disabling it.",
    remediation: "Add `encryption_configuration { encryption_type = \"KMS\" kms_key = \
        aws_kms_key.ecr.arn }` (encryption settings cannot be changed after creation).",
    example: "encryption_configuration {\n  encryption_type = \"AES256\"   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_136"],
};

impl TerraformCheck for AwsEcrRepositoryNoCmk {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_ecr_repository"],
            "encryption_configuration.encryption_type",
            IfMissing::Fail,
            string_not_in(&["KMS", "KMS_DSSE"]),
            |r, _| format!("{} is not encrypted with a KMS key.", r.address),
        );
    }
}
