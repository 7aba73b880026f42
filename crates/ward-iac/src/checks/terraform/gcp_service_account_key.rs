//! `terraform/gcp-service-account-key`: user-managed service account key created.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpServiceAccountKey;

static META: Meta = Meta {
    id: "terraform/gcp-service-account-key",
    title: "User-managed service account key created",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "The configuration creates a `google_service_account_key`.",
    rationale: "A user-managed key is a long-lived credential outside Google's control: it never \
        expires by default, is stored in the Terraform state and wherever it is copied, \
        and works from anywhere until someone deletes it.",
    remediation: "Use attached service accounts, Workload Identity (GKE) or Workload Identity \
        Federation (CI, other clouds) instead of keys.",
    example: "resource \"google_service_account_key\" \"ci\" {   # reported\n  service_account_id = google_service_account.ci.name\n}",
    cwe: &["CWE-798"],
    checkov: &[],
};

impl TerraformCheck for GcpServiceAccountKey {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for key in module.of_type("google_service_account_key") {
            report.fail(
                &META,
                key,
                None,
                "service_account_id",
                format!("{} creates a long-lived service account key.", key.address),
            );
        }
    }
}
