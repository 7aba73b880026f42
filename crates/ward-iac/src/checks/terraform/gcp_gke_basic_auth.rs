//! `terraform/gcp-gke-basic-auth`: a GKE cluster enables basic authentication.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeBasicAuth;

static META: Meta = Meta {
    id: "terraform/gcp-gke-basic-auth",
    title: "GKE cluster uses basic authentication",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `google_container_cluster` sets a non-empty `master_auth.username` (or \
        `password`), which turns on basic authentication to the Kubernetes API.",
    rationale: "A static username and password for the cluster API cannot be rotated without \
        downtime, is not tied to an identity, and is stored in Terraform state in clear \
        text.",
    remediation: "Remove `username` and `password` from `master_auth`; authenticate with Google \
        identities (IAM) and Kubernetes RBAC.",
    example: "master_auth {\n  username = \"admin\"   # reported\n}",
    cwe: &["CWE-287"],
    checkov: &["CKV_GCP_19"],
};

impl TerraformCheck for GcpGkeBasicAuth {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for cluster in module.of_type("google_container_cluster") {
            for key in ["username", "password"] {
                let path = format!("master_auth.{key}");
                let Some(attr) = cluster.body.attr_at(&path) else {
                    continue;
                };
                match attr.value.as_str() {
                    Some(s) if s.is_empty() => {}
                    Some(_) => {
                        report.fail(
                            &META,
                            cluster,
                            Some(attr),
                            &path,
                            format!(
                                "{} enables basic authentication to its API.",
                                cluster.address
                            ),
                        );
                        break;
                    }
                    None => report.unknown(&META, cluster, Some(attr), &path),
                }
            }
        }
    }
}
