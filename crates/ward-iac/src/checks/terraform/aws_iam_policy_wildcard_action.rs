//! `terraform/aws-iam-policy-wildcard-action`: an IAM policy allows every action of a service.

use ward_core::{Confidence, Severity};

use super::helpers::each_identity_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamPolicyWildcardAction;

static META: Meta = Meta {
    id: "terraform/aws-iam-policy-wildcard-action",
    title: "IAM policy allows a wildcard action",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An identity policy has an `Allow` statement with an action of `*` or `service:*` \
        (and is not already full administrator access, which \
        `terraform/aws-iam-policy-full-admin` reports).",
    rationale: "`s3:*` or `iam:*` grants far more than any workload uses, including destructive \
        and privilege-escalating actions that appear as AWS adds them.",
    remediation: "List the actions the workload calls (IAM Access Analyzer can generate them from \
        CloudTrail).",
    example: "statement {\n  actions   = [\"s3:*\"]   # reported\n  resources = [aws_s3_bucket.data.arn]\n}",
    cwe: &["CWE-269"],
    checkov: &["CKV_AWS_49"],
};

impl TerraformCheck for AwsIamPolicyWildcardAction {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        each_identity_policy(&META, module, report, |s| {
            if !s.allow {
                return None;
            }
            let full = s.actions.iter().any(|a| a == "*" || a == "*:*")
                && s.resources.iter().any(|r| r == "*");
            if full {
                return None;
            }
            s.actions
                .iter()
                .find(|a| *a == "*" || a.ends_with(":*"))
                .map(|a| format!("allows the wildcard action `{a}`."))
        });
    }
}
