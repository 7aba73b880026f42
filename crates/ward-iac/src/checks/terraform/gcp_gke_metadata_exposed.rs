//! `terraform/gcp-gke-metadata-exposed`: gKE nodes expose the instance metadata to pods.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeMetadataExposed;

static META: Meta = Meta {
    id: "terraform/gcp-gke-metadata-exposed",
    title: "GKE nodes expose the instance metadata to pods",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "The `node_config` of a `google_container_cluster` or \
        `google_container_node_pool` sets `workload_metadata_config.mode = \
        \"GCE_METADATA\"` (or the older `node_metadata = \"EXPOSE\"`), so pods reach the \
        Compute Engine metadata server directly instead of the GKE metadata server.",
    rationale: "Every pod can then read the node's service account token and the kubelet's \
        bootstrap credentials from the metadata server, and act with the node's \
        permissions.",
    remediation: "Set `workload_metadata_config { mode = \"GKE_METADATA\" }` and use Workload \
        Identity to give pods their own service accounts.",
    example: "workload_metadata_config {\n  mode = \"GCE_METADATA\"   # reported\n}",
    cwe: &["CWE-200"],
    checkov: &["CKV_GCP_69"],
};

impl TerraformCheck for GcpGkeMetadataExposed {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for path in [
            "node_config.workload_metadata_config.mode",
            "node_config.workload_metadata_config.node_metadata",
        ] {
            judge_attr(
                &META,
                module,
                report,
                &["google_container_cluster", "google_container_node_pool"],
                path,
                IfMissing::Pass,
                string_in(&["GCE_METADATA", "EXPOSE"]),
                |r, _| format!("{} lets pods read the node's metadata server.", r.address),
            );
        }
    }
}
