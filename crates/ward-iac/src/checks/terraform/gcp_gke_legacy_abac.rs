//! `terraform/gcp-gke-legacy-abac`: a GKE cluster uses legacy attribute-based access control.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpGkeLegacyAbac;

static META: Meta = Meta {
    id: "terraform/gcp-gke-legacy-abac",
    title: "GKE legacy ABAC is enabled",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `google_container_cluster` sets `enable_legacy_abac = true`.",
    rationale: "Legacy ABAC grants broad, static permissions that RBAC policies cannot narrow; \
        it predates Kubernetes RBAC and is disabled by default for that reason.",
    remediation: "Remove `enable_legacy_abac` (or set it false) and grant access with Kubernetes \
        RBAC and IAM.",
    example: "resource \"google_container_cluster\" \"main\" {\n  enable_legacy_abac = true   # reported\n}",
    cwe: &["CWE-285"],
    checkov: &["CKV_GCP_7"],
};

impl TerraformCheck for GcpGkeLegacyAbac {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["google_container_cluster"],
            "enable_legacy_abac",
            IfMissing::Pass,
            bool_is(true),
            |r, _| format!("{} uses legacy ABAC authorisation.", r.address),
        );
    }
}
