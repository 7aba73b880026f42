//! `terraform/aws-iam-password-policy-no-symbols`: the account password policy does not require a symbol.

use ward_core::{Confidence, Severity};

use super::helpers::password_policy_requires;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPasswordPolicyNoSymbols;

static META: Meta = Meta {
    id: "terraform/aws-iam-password-policy-no-symbols",
    title: "IAM password policy does not require a symbol",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_iam_account_password_policy` leaves `require_symbols` unset or `false` \
        (the default).",
    rationale: "Without character-class rules users pick dictionary words and keyboard walks, \
        the first candidates of every guessing attack.",
    remediation: "Set `require_symbols = true` (and keep the minimum length at 14 or more).",
    example: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  require_symbols = false   # reported\n}",
    cwe: &["CWE-521"],
    checkov: &["CKV_AWS_14"],
};

impl TerraformCheck for AwsIamPasswordPolicyNoSymbols {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        password_policy_requires(&META, module, report, "require_symbols", "a symbol");
    }
}
