//! `terraform/aws-backup-vault-no-cmk`: a Backup vault is not encrypted with a customer KMS key.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, any_value, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsBackupVaultNoCmk;

static META: Meta = Meta {
    id: "terraform/aws-backup-vault-no-cmk",
    title: "Backup vault is not encrypted with a customer-managed KMS key",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_backup_vault` has no `kms_key_arn`, so recovery points use the \
        AWS-managed `aws/backup` key.",
    rationale: "Backups hold full copies of databases and volumes; with a customer key, \
        restoring or copying them also requires permission on the key, which can be restricted \
        and audited separately.",
    remediation: "Set `kms_key_arn` to a customer-managed KMS key.",
    example: "resource \"aws_backup_vault\" \"main\" {   # reported: no kms_key_arn\n  name = \"main\"\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_166"],
};

impl TerraformCheck for AwsBackupVaultNoCmk {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_backup_vault"],
            "kms_key_arn",
            IfMissing::Fail,
            any_value(),
            |r, _| {
                format!(
                    "{} is not encrypted with a customer-managed KMS key.",
                    r.address
                )
            },
        );
    }
}
