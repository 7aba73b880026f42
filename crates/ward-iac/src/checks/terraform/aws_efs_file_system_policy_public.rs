//! `terraform/aws-efs-file-system-policy-public`: the file system policy allows any principal.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEfsFileSystemPolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-efs-file-system-policy-public",
    title: "EFS file system policy allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_efs_file_system_policy` has an `Allow` statement whose principal is \
        `*` with no condition.",
    rationale: "Any principal that can reach a mount target may then mount (and, with write \
        actions, change) the file system; a wildcard without conditions removes IAM as a \
        barrier.",
    remediation: "Name the roles allowed, or add conditions such as \
        `elasticfilesystem:AccessedViaMountTarget` and `aws:SecureTransport`.",
    example: "Statement = [{\n  Effect    = \"Allow\"\n  Principal = { AWS = \"*\" }   # reported\n  Action    = \"elasticfilesystem:ClientMount\"\n}]",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for AwsEfsFileSystemPolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &["aws_efs_file_system_policy"],
            "policy",
            "the file system policy",
        );
    }
}
