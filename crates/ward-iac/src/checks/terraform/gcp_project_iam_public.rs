//! `terraform/gcp-project-iam-public`: project role granted to the public.

use ward_core::{Confidence, Severity};

use super::helpers::gcp_public_iam;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpProjectIamPublic;

static META: Meta = Meta {
    id: "terraform/gcp-project-iam-public",
    title: "Project role granted to the public",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "A `google_project_iam_member` or `google_project_iam_binding` grants a role on \
        the whole project to `allUsers` or `allAuthenticatedUsers`.",
    rationale: "Every resource of the project becomes accessible, with the role's permissions, \
        to anyone on the internet or anyone with a Google account.",
    remediation: "Remove the grant; give roles to specific users, groups and service accounts.",
    example: "resource \"google_project_iam_member\" \"viewers\" {\n  role   = \"roles/viewer\"\n  member = \"allAuthenticatedUsers\"   # reported\n}",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for GcpProjectIamPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_public_iam(&META, module, report, &["google_project"], "the project");
    }
}
