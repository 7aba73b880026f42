//! `terraform/aws-neptune-unencrypted`: a Neptune cluster does not encrypt its storage.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsNeptuneUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-neptune-unencrypted",
    title: "Neptune cluster storage is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_neptune_cluster` leaves `storage_encrypted` unset or false.",
    rationale: "Graph databases often hold identity and relationship data; unencrypted, \
        snapshots and disks expose it.",
    remediation: "Set `storage_encrypted = true` (with a `kms_key_arn`).",
    example: "resource \"aws_neptune_cluster\" \"graph\" {\n  storage_encrypted = true\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_44"],
};

impl TerraformCheck for AwsNeptuneUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_neptune_cluster"],
            "storage_encrypted",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} does not encrypt its storage.", r.address),
        );
    }
}
