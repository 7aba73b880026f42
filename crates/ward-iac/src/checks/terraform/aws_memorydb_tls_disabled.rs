//! `terraform/aws-memorydb-tls-disabled`: a `MemoryDB` cluster turns TLS off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsMemorydbTlsDisabled;

static META: Meta = Meta {
    id: "terraform/aws-memorydb-tls-disabled",
    title: "MemoryDB cluster TLS is disabled",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_memorydb_cluster` sets `tls_enabled = false` (the default is `true`).",
    rationale: "Clients then talk to the cluster in clear text: ACL user passwords and all data \
        cross the network unencrypted.",
    remediation: "Remove `tls_enabled = false` (TLS can only be chosen at creation).",
    example: "resource \"aws_memorydb_cluster\" \"cache\" {\n  tls_enabled = false   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &[],
};

impl TerraformCheck for AwsMemorydbTlsDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_memorydb_cluster"],
            "tls_enabled",
            IfMissing::Pass,
            bool_is(false),
            |r, _| format!("{} accepts connections without TLS.", r.address),
        );
    }
}
