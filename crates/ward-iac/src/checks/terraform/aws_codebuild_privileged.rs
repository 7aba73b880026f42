//! `terraform/aws-codebuild-privileged`: a `CodeBuild` project runs builds in privileged mode.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCodebuildPrivileged;

static META: Meta = Meta {
    id: "terraform/aws-codebuild-privileged",
    title: "CodeBuild project runs in privileged mode",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_codebuild_project` sets `environment.privileged_mode = true`.",
    rationale: "Privileged builds run with full access to the build host's kernel and devices; a \
        malicious dependency or a pull request from a fork running in the build can break out \
        of the container and take the project's credentials.",
    remediation: "Turn `privileged_mode` off unless the project builds Docker images; for those, \
        build from trusted sources only, or use a rootless builder (Kaniko, BuildKit \
        rootless).",
    example: "environment {\n  privileged_mode = true   # reported\n}",
    cwe: &["CWE-250"],
    checkov: &[],
};

impl TerraformCheck for AwsCodebuildPrivileged {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_codebuild_project"],
            "environment.privileged_mode",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} runs builds in privileged mode.", r.address),
        );
    }
}
