//! `terraform/aws-kms-key-policy-public`: a KMS key policy lets any principal use the key.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsKmsKeyPolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-kms-key-policy-public",
    title: "KMS key policy allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "The `policy` of an `aws_kms_key` (or an `aws_kms_key_policy`) has an `Allow` \
        statement whose principal is `*` with no condition.",
    rationale: "A wildcard principal in a key policy lets any AWS account use or manage the key \
        (depending on the actions), so data encrypted with it is no longer protected by who \
        can reach the key.",
    remediation: "Name the account root, roles and services that need the key, or keep `*` only \
        with conditions such as `kms:CallerAccount` or `kms:ViaService`.",
    example: "statement {\n  principals {\n    type        = \"AWS\"\n    identifiers = [\"*\"]   # reported\n  }\n  actions = [\"kms:Decrypt\"]\n}",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_33"],
};

impl TerraformCheck for AwsKmsKeyPolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &["aws_kms_key", "aws_kms_key_policy"],
            "policy",
            "the key policy",
        );
    }
}
