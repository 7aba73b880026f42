//! `terraform/aws-iam-policy-secrets-wildcard`: an IAM policy can read every secret in the account.

use ward_core::{Confidence, Severity};

use super::helpers::each_identity_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPolicySecretsWildcard;

static META: Meta = Meta {
    id: "terraform/aws-iam-policy-secrets-wildcard",
    title: "IAM policy can read every secret or decrypt with every key",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "An identity policy has an unconditioned `Allow` statement with resource `*` \
        granting a secret-reading action: `secretsmanager:GetSecretValue`, \
        `ssm:GetParameter(s)`, `ssm:GetParametersByPath`, `kms:Decrypt` (or a wildcard over \
        these services such as `secretsmanager:*`).",
    rationale: "Whoever holds the policy can read every secret, parameter and KMS-encrypted \
        value in the account, not just the ones their workload needs: one compromised role \
        leaks the credentials of all the others.",
    remediation: "List the ARNs of the secrets, parameter paths and keys the principal needs in \
        `Resource`, or add conditions (`kms:ViaService`, resource tags).",
    example: "statement {\n  actions   = [\"secretsmanager:GetSecretValue\"]   # reported\n  resources = [\"*\"]\n}",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for AwsIamPolicySecretsWildcard {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        const READS_SECRETS: &[&str] = &[
            "secretsmanager:getsecretvalue",
            "secretsmanager:*",
            "ssm:getparameter",
            "ssm:getparameters",
            "ssm:getparametersbypath",
            "ssm:getparameter*",
            "ssm:*",
            "kms:decrypt",
            "kms:*",
        ];
        each_identity_policy(&META, module, report, |s| {
            let action = s
                .actions
                .iter()
                .find(|a| READS_SECRETS.contains(&a.to_ascii_lowercase().as_str()))?;
            (s.allow && !s.has_condition && s.resources.iter().any(|r| r == "*"))
                .then(|| format!("allows {action} on every resource."))
        });
    }
}
