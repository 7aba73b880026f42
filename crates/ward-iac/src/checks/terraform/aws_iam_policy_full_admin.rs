//! `terraform/aws-iam-policy-full-admin`: an IAM policy grants every action on every resource.

use ward_core::{Confidence, Severity};

use super::helpers::each_identity_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPolicyFullAdmin;

static META: Meta = Meta {
    id: "terraform/aws-iam-policy-full-admin",
    title: "IAM policy grants full administrator access",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An identity policy (`aws_iam_policy`, `aws_iam_role_policy`, \
        `aws_iam_user_policy`, `aws_iam_group_policy`, or an `aws_iam_policy_document`) \
        has an `Allow` statement with action `*` on resource `*`.",
    rationale: "Whoever holds such a policy can do anything in the account, including creating \
        new credentials and deleting the audit trail: one leaked key becomes a full \
        account takeover.",
    remediation: "Grant the specific actions and resources the workload needs. For human \
        administrators, use the AWS managed `AdministratorAccess` through SSO with MFA \
        rather than inline policies.",
    example: "statement {\n  actions   = [\"*\"]   # reported\n  resources = [\"*\"]\n}",
    cwe: &["CWE-269"],
    checkov: &["CKV_AWS_62", "CKV_AWS_1"],
};

impl TerraformCheck for AwsIamPolicyFullAdmin {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        each_identity_policy(&META, module, report, |s| {
            let any_action = s.actions.iter().any(|a| a == "*" || a == "*:*");
            let any_resource = s.resources.iter().any(|r| r == "*");
            (s.allow && any_action && any_resource)
                .then(|| "allows every action on every resource.".to_owned())
        });
    }
}
