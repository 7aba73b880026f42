//! `terraform/gcp-compute-os-login-disabled`: oS Login is turned off by metadata.

use ward_core::{Confidence, Severity};

use super::helpers::metadata_truth;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::model::Resource;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpComputeOsLoginDisabled;

static META: Meta = Meta {
    id: "terraform/gcp-compute-os-login-disabled",
    title: "OS Login is turned off by metadata",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_compute_instance` or `google_compute_instance_template` sets the \
        metadata key `enable-oslogin` to `FALSE`, or a \
        `google_compute_project_metadata`/`google_compute_project_metadata_item` does so \
        for the whole project.",
    rationale: "Without OS Login, SSH access is granted by keys pasted into metadata: not tied \
        to IAM identities, not revoked when people leave, and not covered by two-factor \
        authentication or audit logs.",
    remediation: "Set `enable-oslogin = \"TRUE\"` in project metadata and remove the override from \
        instances.",
    example: "metadata = {\n  enable-oslogin = \"FALSE\"   # reported\n}",
    cwe: &["CWE-287"],
    checkov: &["CKV_GCP_34", "CKV_GCP_33"],
};

impl TerraformCheck for GcpComputeOsLoginDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        let fail = |report: &mut Report<'_>, r: &Resource, attr, path: &str| {
            report.fail(
                &META,
                r,
                attr,
                path,
                format!("{} turns OS Login off.", r.address),
            );
        };
        for rtype in [
            "google_compute_instance",
            "google_compute_instance_template",
            "google_compute_project_metadata",
        ] {
            for resource in module.of_type(rtype) {
                let Some(metadata) = resource.attr("metadata") else {
                    continue;
                };
                if metadata
                    .value
                    .get("enable-oslogin")
                    .and_then(metadata_truth)
                    == Some(false)
                {
                    fail(report, resource, Some(metadata), "metadata.enable-oslogin");
                }
            }
        }
        for item in module.of_type("google_compute_project_metadata_item") {
            let key = item.attr("key").and_then(|k| k.value.as_str());
            let value = item.attr("value");
            if key.as_deref() == Some("enable-oslogin")
                && value.and_then(|v| metadata_truth(&v.value)) == Some(false)
            {
                fail(report, item, value, "value");
            }
        }
    }
}
