//! `terraform/aws-iam-password-policy-reuse`: the account password policy lets old passwords be reused.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, number_below};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPasswordPolicyReuse;

static META: Meta = Meta {
    id: "terraform/aws-iam-password-policy-reuse",
    title: "IAM password policy allows password reuse",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_iam_account_password_policy` leaves `password_reuse_prevention` unset \
        (no history kept) or remembers fewer than 24 passwords.",
    rationale: "Without a history, a user forced to rotate a leaked password can set it straight \
        back, and the leak stays usable.",
    remediation: "Set `password_reuse_prevention = 24`.",
    example: "resource \"aws_iam_account_password_policy\" \"strict\" {\n  password_reuse_prevention = 3   # reported\n}",
    cwe: &["CWE-521"],
    checkov: &["CKV_AWS_13"],
};

impl TerraformCheck for AwsIamPasswordPolicyReuse {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_iam_account_password_policy"],
            "password_reuse_prevention",
            IfMissing::Fail,
            number_below(24.0),
            |r, _| format!("{} lets IAM users reuse recent passwords.", r.address),
        );
    }
}
