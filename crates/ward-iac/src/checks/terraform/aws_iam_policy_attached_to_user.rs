//! `terraform/aws-iam-policy-attached-to-user`: an IAM policy is attached directly to a user.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Value;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPolicyAttachedToUser;

static META: Meta = Meta {
    id: "terraform/aws-iam-policy-attached-to-user",
    title: "IAM policy attached directly to a user",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_iam_user_policy_attachment`, an inline `aws_iam_user_policy`, or an \
        `aws_iam_policy_attachment` with `users` gives permissions to an IAM user directly.",
    rationale: "Permissions granted user by user drift apart and survive role changes; grouping \
        them (or using roles with federation) keeps who can do what reviewable and easy to \
        revoke.",
    remediation: "Attach the policy to an `aws_iam_group` and add the user to the group, or move \
        the person to SSO with a role.",
    example: "resource \"aws_iam_user_policy_attachment\" \"ci\" {   # reported\n  user       = aws_iam_user.ci.name\n  policy_arn = aws_iam_policy.deploy.arn\n}",
    cwe: &["CWE-269"],
    checkov: &["CKV_AWS_40"],
};

impl TerraformCheck for AwsIamPolicyAttachedToUser {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_iam_user_policy_attachment", "aws_iam_user_policy"] {
            for resource in module.of_type(rtype) {
                report.fail(
                    &META,
                    resource,
                    resource.attr("user"),
                    "user",
                    format!(
                        "{} gives an IAM user permissions directly.",
                        resource.address
                    ),
                );
            }
        }
        for resource in module.of_type("aws_iam_policy_attachment") {
            let Some(users) = resource.attr("users") else {
                continue;
            };
            match &users.value {
                Value::List(items) if items.is_empty() => {}
                Value::Unknown(_) => report.unknown(&META, resource, Some(users), "users"),
                _ => report.fail(
                    &META,
                    resource,
                    Some(users),
                    "users",
                    format!(
                        "{} attaches a policy to IAM users directly.",
                        resource.address
                    ),
                ),
            }
        }
    }
}
