//! `terraform/aws-kms-key-rotation-disabled`: a KMS key is never rotated.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsKmsKeyRotationDisabled;

static META: Meta = Meta {
    id: "terraform/aws-kms-key-rotation-disabled",
    title: "KMS key rotation is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A symmetric `aws_kms_key` leaves `enable_key_rotation` unset or false. \
        Asymmetric and HMAC keys, which AWS cannot rotate, are not reported.",
    rationale: "Automatic rotation limits how much data one key version protects and is required \
        by most compliance frameworks; without it the same key material lives forever.",
    remediation: "Set `enable_key_rotation = true`.",
    example: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = false   # reported\n}",
    cwe: &["CWE-320"],
    checkov: &["CKV_AWS_7"],
};

impl TerraformCheck for AwsKmsKeyRotationDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for key in module.of_type("aws_kms_key") {
            let symmetric = key
                .attr("customer_master_key_spec")
                .or_else(|| key.attr("key_spec"))
                .is_none_or(|spec| spec.value.as_str().as_deref() == Some("SYMMETRIC_DEFAULT"));
            if !symmetric {
                continue;
            }
            judge_one(
                &META,
                report,
                key,
                "enable_key_rotation",
                IfMissing::Fail,
                &bool_is(false),
                &|r, _| format!("{} is never rotated.", r.address),
            );
        }
    }
}
