//! `terraform/aws-workspaces-root-volume-unencrypted`: a `WorkSpace`'s root volume is not encrypted.

use ward_core::{Confidence, Severity};

use super::helpers::workspaces_volume_unencrypted;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsWorkspacesRootVolumeUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-workspaces-root-volume-unencrypted",
    title: "WorkSpaces root volume is not encrypted",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_workspaces_workspace` leaves `root_volume_encryption_enabled` unset or \
        `false` (the default).",
    rationale: "A WorkSpace's volumes hold the user's files, browser profiles and cached \
        credentials; unencrypted, they are exposed in snapshots and on the underlying storage.",
    remediation: "Set `root_volume_encryption_enabled = true` with a `volume_encryption_key` \
        (encryption can only be chosen when the WorkSpace is created).",
    example: "resource \"aws_workspaces_workspace\" \"analyst\" {\n  root_volume_encryption_enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_156"],
};

impl TerraformCheck for AwsWorkspacesRootVolumeUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        workspaces_volume_unencrypted(&META, module, report, "root");
    }
}
