//! `terraform/aws-secretsmanager-secret-no-rotation`: a Secrets Manager secret is never rotated.

use ward_core::{Confidence, Severity};

use super::helpers::report_unlinked;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSecretsmanagerSecretNoRotation;

static META: Meta = Meta {
    id: "terraform/aws-secretsmanager-secret-no-rotation",
    title: "Secrets Manager secret has no rotation",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_secretsmanager_secret` has no `aws_secretsmanager_secret_rotation` in \
        the same module pointing at it through `secret_id`.",
    rationale: "A secret that never changes stays valid for as long as any copy of it exists (in \
        a log, a laptop, an old chat message); rotation limits how long a leak is useful.",
    remediation: "Add an `aws_secretsmanager_secret_rotation` with a rotation Lambda (or managed \
        rotation for RDS credentials) and a `rotation_rules` schedule.",
    example: "resource \"aws_secretsmanager_secret\" \"db\" {   # reported: no rotation\n  name = \"db-password\"\n}",
    cwe: &["CWE-324"],
    checkov: &[],
};

impl TerraformCheck for AwsSecretsmanagerSecretNoRotation {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_unlinked(
            &META,
            module,
            report,
            "aws_secretsmanager_secret",
            &["aws_secretsmanager_secret_rotation"],
            "secret_id",
            Some("name"),
            |r| format!("{} is never rotated.", r.address),
        );
    }
}
