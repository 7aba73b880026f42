//! `terraform/gcp-storage-no-uniform-access`: a Cloud Storage bucket uses per-object `ACLs`.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpStorageNoUniformAccess;

static META: Meta = Meta {
    id: "terraform/gcp-storage-no-uniform-access",
    title: "Cloud Storage uniform bucket-level access is disabled",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_storage_bucket` leaves `uniform_bucket_level_access` unset or false.",
    rationale: "With fine-grained ACLs, any object can be made public on its own, out of sight \
        of the bucket's IAM policy and of reviewers.",
    remediation: "Set `uniform_bucket_level_access = true` and manage access with IAM only.",
    example: "resource \"google_storage_bucket\" \"data\" {\n  uniform_bucket_level_access = false   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_29"],
};

impl TerraformCheck for GcpStorageNoUniformAccess {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["google_storage_bucket"],
            "uniform_bucket_level_access",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} allows per-object ACLs.", r.address),
        );
    }
}
