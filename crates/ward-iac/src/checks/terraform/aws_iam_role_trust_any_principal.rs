//! `terraform/aws-iam-role-trust-any-principal`: an IAM role can be assumed by anyone.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsIamRoleTrustAnyPrincipal;

static META: Meta = Meta {
    id: "terraform/aws-iam-role-trust-any-principal",
    title: "IAM role trust policy allows any principal",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "The `assume_role_policy` of an `aws_iam_role` has an `Allow` statement whose \
        principal is `*` (or `AWS: *`) with no condition.",
    rationale: "A wildcard trust lets any AWS account in the world call `sts:AssumeRole` on the \
        role and act with all its permissions.",
    remediation: "Name the accounts, roles or services allowed to assume the role, or keep `*` \
        only together with a condition such as `aws:PrincipalOrgID` or `sts:ExternalId`.",
    example: "assume_role_policy = jsonencode({\n  Statement = [{\n    Effect    = \"Allow\"\n    Action    = \"sts:AssumeRole\"\n    Principal = { AWS = \"*\" }   # reported\n  }]\n})",
    cwe: &["CWE-284"],
    checkov: &["CKV_AWS_60"],
};

impl TerraformCheck for AwsIamRoleTrustAnyPrincipal {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &["aws_iam_role"],
            "assume_role_policy",
            "the trust policy",
        );
    }
}
