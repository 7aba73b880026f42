//! `terraform/aws-cognito-user-pool-weak-password`: a Cognito user pool accepts short passwords.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, number_below};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCognitoUserPoolWeakPassword;

static META: Meta = Meta {
    id: "terraform/aws-cognito-user-pool-weak-password",
    title: "Cognito user pool allows passwords shorter than 12 characters",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "An `aws_cognito_user_pool` has no `password_policy` (Cognito then requires 8 \
        characters) or a `minimum_length` below 12.",
    rationale: "Short passwords are the first to fall to credential stuffing and guessing \
        against the sign-in endpoint.",
    remediation: "Set `password_policy { minimum_length = 12 ... }` or more, and turn on MFA and \
        advanced security (compromised-credential checks).",
    example: "password_policy {\n  minimum_length = 8   # reported\n}",
    cwe: &["CWE-521"],
    checkov: &[],
};

impl TerraformCheck for AwsCognitoUserPoolWeakPassword {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cognito_user_pool"],
            "password_policy.minimum_length",
            IfMissing::Fail,
            number_below(12.0),
            |r, _| {
                format!(
                    "{} accepts passwords shorter than 12 characters.",
                    r.address
                )
            },
        );
    }
}
