//! `terraform/aws-cognito-user-pool-no-mfa`: a Cognito user pool does not offer MFA.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCognitoUserPoolNoMfa;

static META: Meta = Meta {
    id: "terraform/aws-cognito-user-pool-no-mfa",
    title: "Cognito user pool MFA is off",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_cognito_user_pool` leaves `mfa_configuration` unset or `OFF` (the \
        default).",
    rationale: "With passwords as the only factor, any reused or phished password gives full \
        access to the user's account.",
    remediation: "Set `mfa_configuration = \"ON\"` (or `OPTIONAL` and encourage enrolment) with \
        `software_token_mfa_configuration { enabled = true }`.",
    example: "resource \"aws_cognito_user_pool\" \"customers\" {\n  mfa_configuration = \"OFF\"   # reported\n}",
    cwe: &["CWE-308"],
    checkov: &[],
};

impl TerraformCheck for AwsCognitoUserPoolNoMfa {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_cognito_user_pool"],
            "mfa_configuration",
            IfMissing::Fail,
            string_in(&["OFF"]),
            |r, _| format!("{} does not offer multi-factor authentication.", r.address),
        );
    }
}
