//! `terraform/aws-secretsmanager-secret-policy-public`: the secret's resource policy allows any principal.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSecretsmanagerSecretPolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-secretsmanager-secret-policy-public",
    title: "Secrets Manager secret policy allows any principal",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "An `aws_secretsmanager_secret_policy` (or a secret's `policy`) has an `Allow` \
        statement whose principal is `*` with no condition.",
    rationale: "Any AWS account can then read (or change) the secret through \
        `secretsmanager:GetSecretValue`, that is, the credential it holds is public.",
    remediation: "Name the roles or accounts allowed, or add a condition such as \
        `aws:PrincipalOrgID`; set `block_public_policy = true` on the policy resource.",
    example: "Statement = [{\n  Effect    = \"Allow\"\n  Principal = \"*\"   # reported\n  Action    = \"secretsmanager:GetSecretValue\"\n}]",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for AwsSecretsmanagerSecretPolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &[
                "aws_secretsmanager_secret_policy",
                "aws_secretsmanager_secret",
            ],
            "policy",
            "the secret's resource policy",
        );
    }
}
