//! `terraform/aws-iam-policy-privilege-escalation`: an IAM policy allows rewriting IAM permissions on any principal.

use ward_core::{Confidence, Severity};

use super::helpers::each_identity_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPolicyPrivilegeEscalation;

static META: Meta = Meta {
    id: "terraform/aws-iam-policy-privilege-escalation",
    title: "IAM policy allows privilege escalation through IAM",
    severity: Severity::High,
    confidence: Confidence::Medium,
    description: "An identity policy has an unconditioned `Allow` statement with resource `*` \
        that grants an IAM action able to raise its own permissions: attaching or writing \
        policies (`iam:AttachUserPolicy`, `iam:PutRolePolicy`, `iam:CreatePolicyVersion`, \
        `iam:SetDefaultPolicyVersion`, ...), editing a role's trust \
        (`iam:UpdateAssumeRolePolicy`) or minting credentials for others \
        (`iam:CreateAccessKey`, `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`).",
    rationale: "Any of these actions on every principal lets the holder grant itself (or a user \
        it controls) administrator access, so the policy is effectively full admin.",
    remediation: "Scope these actions to the specific users, roles and policies they must \
        manage, use permission boundaries for delegated IAM administration, or drop them.",
    example: "statement {\n  actions   = [\"iam:AttachRolePolicy\"]   # reported\n  resources = [\"*\"]\n}",
    cwe: &["CWE-269"],
    checkov: &[],
};

impl TerraformCheck for AwsIamPolicyPrivilegeEscalation {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        const ESCALATING: &[&str] = &[
            "iam:attachuserpolicy",
            "iam:attachrolepolicy",
            "iam:attachgrouppolicy",
            "iam:putuserpolicy",
            "iam:putrolepolicy",
            "iam:putgrouppolicy",
            "iam:createpolicyversion",
            "iam:setdefaultpolicyversion",
            "iam:updateassumerolepolicy",
            "iam:createaccesskey",
            "iam:createloginprofile",
            "iam:updateloginprofile",
            "iam:addusertogroup",
            "iam:*",
        ];
        each_identity_policy(&META, module, report, |s| {
            let action = s
                .actions
                .iter()
                .find(|a| ESCALATING.contains(&a.to_ascii_lowercase().as_str()))?;
            (s.allow && !s.has_condition && s.resources.iter().any(|r| r == "*"))
                .then(|| format!("allows {action} on every resource, a path to full admin."))
        });
    }
}
