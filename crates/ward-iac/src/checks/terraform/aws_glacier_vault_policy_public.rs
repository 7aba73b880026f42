//! `terraform/aws-glacier-vault-policy-public`: the vault access policy allows any principal.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsGlacierVaultPolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-glacier-vault-policy-public",
    title: "Glacier vault access policy allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_glacier_vault` has an `access_policy` with an `Allow` statement whose \
        principal is `*` and no condition.",
    rationale: "Archives are long-term copies of data; a public vault policy lets any AWS \
        account list, retrieve or delete them, depending on the actions.",
    remediation: "Name the accounts or roles allowed, or add a condition narrowing the wildcard.",
    example: "access_policy = jsonencode({\n  Statement = [{\n    Principal = \"*\"   # reported\n    Action    = \"glacier:InitiateJob\"\n  }]\n})",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_167"],
};

impl TerraformCheck for AwsGlacierVaultPolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &["aws_glacier_vault"],
            "access_policy",
            "the vault access policy",
        );
    }
}
