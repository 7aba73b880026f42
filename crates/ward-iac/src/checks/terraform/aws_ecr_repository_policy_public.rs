//! `terraform/aws-ecr-repository-policy-public`: the repository policy allows any principal.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEcrRepositoryPolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-ecr-repository-policy-public",
    title: "ECR repository policy allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_ecr_repository_policy` has an `Allow` statement whose principal is `*` \
        with no condition.",
    rationale: "Any AWS account can then pull (or, with write actions, push) the repository's \
        images: code, embedded configuration and secrets leak, or a poisoned image replaces \
        yours.",
    remediation: "Name the accounts or roles allowed in the policy, or add a condition such as \
        `aws:PrincipalOrgID`.",
    example: "statement {\n  principals {\n    type        = \"*\"\n    identifiers = [\"*\"]   # reported\n  }\n  actions = [\"ecr:BatchGetImage\"]\n}",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_32"],
};

impl TerraformCheck for AwsEcrRepositoryPolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &["aws_ecr_repository_policy"],
            "policy",
            "the repository policy",
        );
    }
}
