//! `terraform/gcp-gke-legacy-metadata-endpoints`: GKE nodes expose the legacy metadata endpoints.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeLegacyMetadataEndpoints;

static META: Meta = Meta {
    id: "terraform/gcp-gke-legacy-metadata-endpoints",
    title: "GKE nodes expose legacy metadata endpoints",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_container_cluster` or `google_container_node_pool` sets the node \
        metadata `disable-legacy-endpoints` to `\"false\"`.",
    rationale: "The legacy (v0.1 and v1beta1) metadata endpoints answer without the \
        `Metadata-Flavor` header, so a server-side request forgery in a pod can read \
        node credentials.",
    remediation: "Remove the metadata key or set `disable-legacy-endpoints = \"true\"`, and use \
        Workload Identity.",
    example: "node_config {\n  metadata = {\n    disable-legacy-endpoints = \"false\"   # reported\n  }\n}",
    cwe: &["CWE-918"],
    checkov: &[],
};

impl TerraformCheck for GcpGkeLegacyMetadataEndpoints {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["google_container_cluster", "google_container_node_pool"] {
            for resource in module.of_type(rtype) {
                let Some(metadata) = resource.body.attr_at("node_config.metadata") else {
                    continue;
                };
                let Some(flag) = metadata.value.get("disable-legacy-endpoints") else {
                    if metadata.value.is_unknown() {
                        report.unknown(&META, resource, Some(metadata), "node_config.metadata");
                    }
                    continue;
                };
                if flag.as_bool() == Some(false) {
                    report.fail(
                        &META,
                        resource,
                        Some(metadata),
                        "node_config.metadata.disable-legacy-endpoints",
                        format!(
                            "{} exposes the legacy metadata endpoints.",
                            resource.address
                        ),
                    );
                }
            }
        }
    }
}
