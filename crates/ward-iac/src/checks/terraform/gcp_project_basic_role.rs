//! `terraform/gcp-project-basic-role`: basic role (Owner or Editor) granted on a project.

use ward_core::{Confidence, Severity};

use super::helpers::gcp_project_role_grants;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpProjectBasicRole;

static META: Meta = Meta {
    id: "terraform/gcp-project-basic-role",
    title: "Basic role (Owner or Editor) granted on a project",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_project_iam_member` or `google_project_iam_binding` grants \
        `roles/owner` or `roles/editor`.",
    rationale: "The basic roles carry thousands of permissions across every service of the \
        project; a holder's compromise (a person's account or a service account key) \
        gives nearly full control of it.",
    remediation: "Grant predefined or custom roles that cover what the member actually does.",
    example: "resource \"google_project_iam_member\" \"ci\" {\n  role   = \"roles/editor\"   # reported\n  member = \"serviceAccount:ci@my-project.iam.gserviceaccount.com\"\n}",
    cwe: &["CWE-269"],
    checkov: &["CKV_GCP_117"],
};

impl TerraformCheck for GcpProjectBasicRole {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_project_role_grants(
            &META,
            module,
            report,
            &["roles/owner", "roles/editor"],
            "(a basic role)",
        );
    }
}
