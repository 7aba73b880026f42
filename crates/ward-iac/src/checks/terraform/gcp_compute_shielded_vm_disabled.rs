//! `terraform/gcp-compute-shielded-vm-disabled`: compute instance turns off Shielded VM protections.

use ward_core::{Confidence, Severity};

use super::helpers::{GCP_INSTANCE_TYPES, IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpComputeShieldedVmDisabled;

static META: Meta = Meta {
    id: "terraform/gcp-compute-shielded-vm-disabled",
    title: "Compute instance turns off Shielded VM protections",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "A `google_compute_instance` or `google_compute_instance_template` sets \
        `shielded_instance_config.enable_vtpm` or `enable_integrity_monitoring` to false \
        (both default to true).",
    rationale: "Without the virtual TPM and integrity monitoring, a rootkit or tampered boot \
        chain on the instance goes unmeasured and undetected.",
    remediation: "Remove the attributes or set them to true; also set `enable_secure_boot = true` \
        where the image supports it.",
    example: "shielded_instance_config {\n  enable_integrity_monitoring = false   # reported\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_GCP_39"],
};

impl TerraformCheck for GcpComputeShieldedVmDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            GCP_INSTANCE_TYPES,
            "shielded_instance_config.enable_vtpm",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} has no virtual TPM.", r.address),
        );
        judge_attr(
            &META,
            module,
            report,
            GCP_INSTANCE_TYPES,
            "shielded_instance_config.enable_integrity_monitoring",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} has integrity monitoring off.", r.address),
        );
    }
}
