//! `terraform/aws-dax-unencrypted`: a DAX cluster is not encrypted at rest.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDaxUnencrypted;

static META: Meta = Meta {
    id: "terraform/aws-dax-unencrypted",
    title: "DAX cluster is not encrypted at rest",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_dax_cluster` has no `server_side_encryption`, or `enabled` unset or \
        `false` (the default).",
    rationale: "The DAX cache holds copies of DynamoDB items; without encryption at rest they \
        are stored in clear on the cluster's nodes.",
    remediation: "Add `server_side_encryption { enabled = true }` (set at creation; recreating \
        the cluster is required).",
    example: "server_side_encryption {\n  enabled = false   # reported\n}",
    cwe: &["CWE-311"],
    checkov: &["CKV_AWS_47"],
};

impl TerraformCheck for AwsDaxUnencrypted {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_dax_cluster"],
            "server_side_encryption.enabled",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} stores cached items unencrypted.", r.address),
        );
    }
}
