//! `terraform/gcp-gke-client-certificate`: gKE cluster issues a client certificate.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeClientCertificate;

static META: Meta = Meta {
    id: "terraform/gcp-gke-client-certificate",
    title: "GKE cluster issues a client certificate",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_container_cluster` sets \
        `master_auth.client_certificate_config.issue_client_certificate = true`.",
    rationale: "The issued certificate authenticates as a cluster administrator, cannot be \
        revoked short of rotating the cluster's credentials, and sits in the Terraform \
        state for anyone who can read it.",
    remediation: "Remove the block or set it to false; authenticate with Google identities and \
        Kubernetes RBAC.",
    example: "master_auth {\n  client_certificate_config {\n    issue_client_certificate = true   # reported\n  }\n}",
    cwe: &["CWE-287"],
    checkov: &["CKV_GCP_13"],
};

impl TerraformCheck for GcpGkeClientCertificate {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["google_container_cluster"],
            "master_auth.client_certificate_config.issue_client_certificate",
            IfMissing::Pass,
            bool_is(true),
            |r, _| {
                format!(
                    "{} issues a client certificate with admin rights.",
                    r.address
                )
            },
        );
    }
}
