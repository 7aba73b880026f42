//! `terraform/aws-codebuild-artifacts-unencrypted`: a `CodeBuild` project stores its artifacts unencrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCodebuildArtifactsUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-codebuild-artifacts-unencrypted",
    title: "CodeBuild artifacts encryption is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_codebuild_project` sets `artifacts.encryption_disabled = true`.",
    rationale: "Build artifacts are what gets deployed; stored unencrypted they are readable \
        (and their integrity unprotected) by anyone with access to the bucket.",
    remediation: "Remove `encryption_disabled = true` so artifacts are encrypted with the \
        project's KMS key.",
    example: "artifacts {\n  type                = \"S3\"\n  encryption_disabled = true   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_78"],
};

impl TerraformCheck for AwsCodebuildArtifactsUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_codebuild_project"],
            "artifacts.encryption_disabled",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} stores build artifacts unencrypted.", r.address),
        );
    }
}
