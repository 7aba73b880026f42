//! `terraform/gcp-kms-key-rotation`: cloud KMS key is not rotated within 90 days.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpKmsKeyRotation;

static META: Meta = Meta {
    id: "terraform/gcp-kms-key-rotation",
    title: "Cloud KMS key is not rotated within 90 days",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A symmetric `google_kms_crypto_key` (purpose `ENCRYPT_DECRYPT`, the default) has \
        no `rotation_period`, or one longer than 90 days (`7776000s`). Asymmetric and \
        MAC keys, which Cloud KMS does not rotate automatically, are not reported.",
    rationale: "Without rotation the same key version encrypts data indefinitely: more data is \
        exposed if it leaks, and compliance frameworks (CIS, PCI DSS) require periodic \
        rotation.",
    remediation: "Set `rotation_period = \"7776000s\"` (90 days) or shorter.",
    example: "resource \"google_kms_crypto_key\" \"data\" {\n  key_ring = google_kms_key_ring.main.id   # reported: no rotation_period\n}",
    cwe: &["CWE-324"],
    checkov: &["CKV_GCP_43"],
};

impl TerraformCheck for GcpKmsKeyRotation {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        const NINETY_DAYS: f64 = 90.0 * 24.0 * 3600.0;
        for key in module.of_type("google_kms_crypto_key") {
            if key
                .attr("purpose")
                .and_then(|p| p.value.as_str())
                .is_some_and(|p| !p.eq_ignore_ascii_case("ENCRYPT_DECRYPT"))
            {
                continue;
            }
            judge_one(
                &META,
                report,
                key,
                "rotation_period",
                IfMissing::Fail,
                &|value: &Value| match value
                    .as_str()
                    .and_then(|s| s.trim().trim_end_matches('s').parse::<f64>().ok())
                {
                    Some(seconds) if seconds > NINETY_DAYS => Verdict::Fail,
                    Some(_) => Verdict::Pass,
                    None => Verdict::Unknown,
                },
                &|r, v| match v {
                    Some(v) => format!("{} rotates only every {}.", r.address, v.display()),
                    None => format!("{} is never rotated.", r.address),
                },
            );
        }
    }
}
