//! `terraform/aws-iam-password-policy-no-expiry`: the account password policy never expires passwords.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPasswordPolicyNoExpiry;

static META: Meta = Meta {
    id: "terraform/aws-iam-password-policy-no-expiry",
    title: "IAM password policy does not expire passwords within 90 days",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_iam_account_password_policy` leaves `max_password_age` unset \
        (passwords never expire) or above 90 days.",
    rationale: "A console password that never changes stays valid for as long as it sits in a \
        breach corpus or a shared document; expiry bounds how long a leaked password works \
        (prefer MFA for everyone, which this does not replace).",
    remediation: "Set `max_password_age = 90` or less, and require MFA for console users.",
    example: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  max_password_age = 365   # reported\n}",
    cwe: &["CWE-521"],
    checkov: &["CKV_AWS_9"],
};

impl TerraformCheck for AwsIamPasswordPolicyNoExpiry {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_iam_account_password_policy"],
            "max_password_age",
            IfMissing::Fail,
            |v: &Value| match v.as_number() {
                Some(n) if n > 90.0 || n <= 0.0 => Verdict::Fail,
                None if v.is_unknown() => Verdict::Unknown,
                _ => Verdict::Pass,
            },
            |r, _| {
                format!(
                    "{} lets IAM user passwords live longer than 90 days.",
                    r.address
                )
            },
        );
    }
}
