//! `terraform/aws-iam-policy-passrole-wildcard`: an IAM policy allows `iam:PassRole` on every role.

use ward_core::{Confidence, Severity};

use super::helpers::each_identity_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPolicyPassroleWildcard;

static META: Meta = Meta {
    id: "terraform/aws-iam-policy-passrole-wildcard",
    title: "IAM policy allows iam:PassRole on any role",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An identity policy (`aws_iam_policy`, `aws_iam_role_policy`, \
        `aws_iam_user_policy`, `aws_iam_group_policy` or an `aws_iam_policy_document`) has an \
        `Allow` statement granting `iam:PassRole` (or `iam:*`, `iam:Pass*`) with resource `*`.",
    rationale: "Passing any role lets the holder launch an instance, function or task under the \
        most privileged role in the account and act with its permissions: a direct privilege \
        escalation to administrator.",
    remediation: "List the ARNs of the roles the principal has to pass in `Resource`, and add an \
        `iam:PassedToService` condition naming the service that receives them.",
    example: "statement {\n  actions   = [\"iam:PassRole\"]   # reported\n  resources = [\"*\"]\n}",
    cwe: &["CWE-269"],
    checkov: &[],
};

impl TerraformCheck for AwsIamPolicyPassroleWildcard {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        each_identity_policy(&META, module, report, |s| {
            let passes = s.actions.iter().any(|a| {
                let a = a.to_ascii_lowercase();
                a == "iam:passrole" || a == "iam:*" || a == "iam:pass*"
            });
            let any_role = s.resources.iter().any(|r| r == "*");
            (s.allow && passes && any_role && !s.has_condition)
                .then(|| "allows iam:PassRole on every role.".to_owned())
        });
    }
}
