//! `terraform/aws-iam-password-policy-no-numbers`: the account password policy does not require a number.

use ward_core::{Confidence, Severity};

use super::helpers::password_policy_requires;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPasswordPolicyNoNumbers;

static META: Meta = Meta {
    id: "terraform/aws-iam-password-policy-no-numbers",
    title: "IAM password policy does not require a number",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_iam_account_password_policy` leaves `require_numbers` unset or `false` \
        (the default).",
    rationale: "Without character-class rules users pick dictionary words and keyboard walks, \
        the first candidates of every guessing attack.",
    remediation: "Set `require_numbers = true` (and keep the minimum length at 14 or more).",
    example: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  require_numbers = false   # reported\n}",
    cwe: &["CWE-521"],
    checkov: &["CKV_AWS_12"],
};

impl TerraformCheck for AwsIamPasswordPolicyNoNumbers {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        password_policy_requires(&META, module, report, "require_numbers", "a number");
    }
}
