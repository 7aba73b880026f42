//! `terraform/gcp-storage-bucket-public`: a Cloud Storage bucket is granted to allUsers.

use ward_core::{Confidence, Severity};

use super::helpers::gcp_public_grants;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpStorageBucketPublic;

static META: Meta = Meta {
    id: "terraform/gcp-storage-bucket-public",
    title: "Cloud Storage bucket is public",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "A `google_storage_bucket_iam_member`, `google_storage_bucket_iam_binding`, \
        `google_storage_bucket_access_control` or `google_storage_bucket_acl` grants a \
        role to `allUsers` or `allAuthenticatedUsers`.",
    rationale: "`allUsers` is anyone on the internet; `allAuthenticatedUsers` is anyone with any \
        Google account. Either makes the bucket's objects public.",
    remediation: "Grant roles to specific users, groups or service accounts; serve public content \
        through a load balancer with Cloud CDN if it must be public.",
    example: "resource \"google_storage_bucket_iam_member\" \"public\" {\n  role   = \"roles/storage.objectViewer\"\n  member = \"allUsers\"   # reported\n}",
    cwe: &["CWE-732"],
    checkov: &["CKV_GCP_28"],
};

impl TerraformCheck for GcpStorageBucketPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_public_grants(
            &META,
            module,
            report,
            &[
                ("google_storage_bucket_iam_member", "member"),
                ("google_storage_bucket_iam_binding", "members"),
                ("google_storage_bucket_access_control", "entity"),
                ("google_storage_bucket_acl", "role_entity"),
                ("google_storage_default_object_access_control", "entity"),
            ],
            "the bucket",
        );
    }
}
