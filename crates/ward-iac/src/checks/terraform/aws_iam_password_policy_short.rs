//! `terraform/aws-iam-password-policy-short`: the account password policy allows short passwords.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, number_below};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPasswordPolicyShort;

static META: Meta = Meta {
    id: "terraform/aws-iam-password-policy-short",
    title: "IAM password policy allows passwords shorter than 14 characters",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_iam_account_password_policy` leaves `minimum_password_length` unset \
        (the API then applies a minimum of 6) or sets it below 14.",
    rationale: "Short passwords fall to offline cracking and online guessing far sooner; console \
        users with short passwords are the usual way into an account without MFA.",
    remediation: "Set `minimum_password_length = 14` or more.",
    example: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length = 8   # reported\n}",
    cwe: &["CWE-521"],
    checkov: &["CKV_AWS_10"],
};

impl TerraformCheck for AwsIamPasswordPolicyShort {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_iam_account_password_policy"],
            "minimum_password_length",
            IfMissing::Fail,
            number_below(14.0),
            |r, _| {
                format!(
                    "{} allows IAM user passwords shorter than 14 characters.",
                    r.address
                )
            },
        );
    }
}
