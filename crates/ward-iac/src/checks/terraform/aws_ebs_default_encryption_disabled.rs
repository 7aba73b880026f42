//! `terraform/aws-ebs-default-encryption-disabled`: EBS encryption by default is turned off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEbsDefaultEncryptionDisabled;

static META: Meta = Meta {
    id: "terraform/aws-ebs-default-encryption-disabled",
    title: "EBS encryption by default is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_ebs_encryption_by_default` sets `enabled = false` (the resource's \
        default is `true`).",
    rationale: "With the account default off, every volume and snapshot created without an \
        explicit `encrypted = true` (by people, autoscaling or other tools) is stored \
        unencrypted.",
    remediation: "Set `enabled = true` (or leave it unset) so the region encrypts every new \
        volume.",
    example: "resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_106"],
};

impl TerraformCheck for AwsEbsDefaultEncryptionDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_ebs_encryption_by_default"],
            "enabled",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} turns off EBS encryption by default.", r.address),
        );
    }
}
