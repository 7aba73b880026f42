//! `terraform/aws-ebs-volume-unencrypted`: an EBS volume is not encrypted.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, ebs_encrypted_by_default, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsEbsVolumeUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-ebs-volume-unencrypted",
    title: "EBS volume is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_ebs_volume` leaves `encrypted` unset or false, and the module does not \
        turn on `aws_ebs_encryption_by_default`.",
    rationale: "Unencrypted volumes leave data readable in snapshots that get shared or copied, \
        and on hardware that leaves your control.",
    remediation: "Set `encrypted = true` (with a `kms_key_id`), or enable EBS encryption by \
        default for the account and region.",
    example: "resource \"aws_ebs_volume\" \"data\" {\n  encrypted = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_3"],
};

impl TerraformCheck for AwsEbsVolumeUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        if ebs_encrypted_by_default(module) {
            return;
        }
        judge_attr(
            &META,
            module,
            report,
            &["aws_ebs_volume"],
            "encrypted",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} is not encrypted.", r.address),
        );
    }
}
