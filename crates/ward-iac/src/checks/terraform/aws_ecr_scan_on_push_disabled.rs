//! `terraform/aws-ecr-scan-on-push-disabled`: an ECR repository does not scan pushed images.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEcrScanOnPushDisabled;

static META: Meta = Meta {
    id: "terraform/aws-ecr-scan-on-push-disabled",
    title: "ECR repository does not scan images on push",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_ecr_repository` leaves `image_scanning_configuration.scan_on_push` unset \
        or false, and the module sets no registry-wide \
        `aws_ecr_registry_scanning_configuration`.",
    rationale: "Without scanning, images with known vulnerable packages are pushed and deployed \
        with nobody told.",
    remediation: "Add `image_scanning_configuration { scan_on_push = true }`, or configure \
        enhanced scanning for the registry.",
    example: "image_scanning_configuration {\n  scan_on_push = false   # reported\n}",
    cwe: &["CWE-1104"],
    checkov: &["CKV_AWS_163"],
};

impl TerraformCheck for AwsEcrScanOnPushDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        if module
            .of_type("aws_ecr_registry_scanning_configuration")
            .next()
            .is_some()
        {
            return;
        }
        judge_attr(
            &META,
            module,
            report,
            &["aws_ecr_repository"],
            "image_scanning_configuration.scan_on_push",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not scan images on push.", r.address),
        );
    }
}
