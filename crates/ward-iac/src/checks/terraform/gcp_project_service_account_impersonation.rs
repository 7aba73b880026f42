//! `terraform/gcp-project-service-account-impersonation`: service account impersonation granted on a whole project.

use ward_core::{Confidence, Severity};

use super::helpers::gcp_project_role_grants;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpProjectServiceAccountImpersonation;

static META: Meta = Meta {
    id: "terraform/gcp-project-service-account-impersonation",
    title: "Service account impersonation granted on a whole project",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_project_iam_member` or `google_project_iam_binding` grants \
        `roles/iam.serviceAccountUser` or `roles/iam.serviceAccountTokenCreator` at the \
        project level.",
    rationale: "At the project level these roles let the member act as every service account of \
        the project, present and future, and so take on all of their permissions.",
    remediation: "Grant the role on the specific service account \
        (`google_service_account_iam_member`) the member needs to use.",
    example: "resource \"google_project_iam_member\" \"deployer\" {\n  role   = \"roles/iam.serviceAccountUser\"   # reported\n  member = \"user:dev@example.com\"\n}",
    cwe: &["CWE-269"],
    checkov: &["CKV_GCP_41", "CKV_GCP_49"],
};

impl TerraformCheck for GcpProjectServiceAccountImpersonation {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_project_role_grants(
            &META,
            module,
            report,
            &[
                "roles/iam.serviceAccountUser",
                "roles/iam.serviceAccountTokenCreator",
            ],
            "(impersonation of every service account)",
        );
    }
}
