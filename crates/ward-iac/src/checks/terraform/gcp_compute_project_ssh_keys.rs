//! `terraform/gcp-compute-project-ssh-keys`: compute instance accepts project-wide SSH keys.

use ward_core::{Confidence, Severity};

use super::helpers::{GCP_INSTANCE_TYPES, metadata_truth};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpComputeProjectSshKeys;

static META: Meta = Meta {
    id: "terraform/gcp-compute-project-ssh-keys",
    title: "Compute instance accepts project-wide SSH keys",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A `google_compute_instance` or `google_compute_instance_template` does not set \
        the metadata key `block-project-ssh-keys` to `TRUE`, and does not enable OS \
        Login (`enable-oslogin = \"TRUE\"`) in its own metadata. (OS Login turned on \
        only in project metadata is not visible to the check.)",
    rationale: "SSH keys in project metadata open every instance of the project: one key added \
        for a single machine, or leaked from one laptop, reaches them all.",
    remediation: "Set `block-project-ssh-keys = \"TRUE\"` in the instance metadata, or better, use \
        OS Login.",
    example: "resource \"google_compute_instance\" \"app\" {\n  metadata = {}   # reported: no block-project-ssh-keys\n}",
    cwe: &["CWE-287"],
    checkov: &["CKV_GCP_32"],
};

impl TerraformCheck for GcpComputeProjectSshKeys {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in GCP_INSTANCE_TYPES {
            for instance in module.of_type(rtype) {
                let metadata = instance.attr("metadata");
                if metadata.is_some_and(|m| m.value.is_unknown()) {
                    report.unknown(&META, instance, metadata, "metadata");
                    continue;
                }
                let flag = |key: &str| {
                    metadata
                        .and_then(|m| m.value.get(key))
                        .and_then(metadata_truth)
                };
                if flag("block-project-ssh-keys") == Some(true)
                    || flag("enable-oslogin") == Some(true)
                {
                    continue;
                }
                report.fail(
                    &META,
                    instance,
                    metadata,
                    "metadata.block-project-ssh-keys",
                    format!("{} accepts the project-wide SSH keys.", instance.address),
                );
            }
        }
    }
}
