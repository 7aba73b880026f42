//! `terraform/aws-secretsmanager-secret-default-key`: a Secrets Manager secret uses the AWS-managed key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSecretsmanagerSecretDefaultKey;

static META: Meta = Meta {
    id: "terraform/aws-secretsmanager-secret-default-key",
    title: "Secrets Manager secret is not encrypted with a customer-managed key",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_secretsmanager_secret` has no `kms_key_id`, so it is encrypted with the \
        account's AWS-managed `aws/secretsmanager` key.",
    rationale: "With the AWS-managed key, anyone allowed to read the secret can decrypt it; a \
        customer-managed key adds a second, separately audited permission and allows \
        cross-account control.",
    remediation: "Set `kms_key_id` to a customer-managed KMS key.",
    example: "resource \"aws_secretsmanager_secret\" \"db\" {\n  kms_key_id = aws_kms_key.secrets.arn\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_149"],
};

impl TerraformCheck for AwsSecretsmanagerSecretDefaultKey {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_secretsmanager_secret"],
            "kms_key_id",
            IfMissing::Fail,
            string_in(&[""]),
            |r, _| format!("{} is encrypted with the AWS-managed key only.", r.address),
        );
    }
}
