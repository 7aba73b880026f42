//! `terraform/gcp-compute-serial-port-enabled`: a Compute Engine instance enables its interactive serial console.

use ward_core::{Confidence, Severity};

use super::helpers::GCP_INSTANCE_TYPES;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpComputeSerialPortEnabled;

static META: Meta = Meta {
    id: "terraform/gcp-compute-serial-port-enabled",
    title: "Compute instance serial port access is enabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_compute_instance` or `google_compute_instance_template` sets the \
        metadata `serial-port-enable` to true.",
    rationale: "The interactive serial console accepts connections from any IP address that \
        holds a valid SSH key for it, bypassing the VPC firewall rules.",
    remediation: "Remove `serial-port-enable` from the instance metadata (or set it to false).",
    example: "metadata = {\n  serial-port-enable = \"true\"   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_35"],
};

impl TerraformCheck for GcpComputeSerialPortEnabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in GCP_INSTANCE_TYPES {
            for instance in module.of_type(rtype) {
                let Some(metadata) = instance.attr("metadata") else {
                    continue;
                };
                let Some(flag) = metadata.value.get("serial-port-enable") else {
                    if metadata.value.is_unknown() {
                        report.unknown(&META, instance, Some(metadata), "metadata");
                    }
                    continue;
                };
                match flag
                    .as_bool()
                    .or_else(|| flag.as_number().map(|n| n != 0.0))
                {
                    Some(true) => report.fail(
                        &META,
                        instance,
                        Some(metadata),
                        "metadata.serial-port-enable",
                        format!(
                            "{} enables the interactive serial console.",
                            instance.address
                        ),
                    ),
                    Some(false) => {}
                    None => report.unknown(
                        &META,
                        instance,
                        Some(metadata),
                        "metadata.serial-port-enable",
                    ),
                }
            }
        }
    }
}
