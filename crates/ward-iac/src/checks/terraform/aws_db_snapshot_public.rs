//! `terraform/aws-db-snapshot-public`: an RDS snapshot is shared with every AWS account.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDbSnapshotPublic;

static META: Meta = Meta {
    id: "terraform/aws-db-snapshot-public",
    title: "RDS snapshot is public",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "An `aws_db_snapshot` or `aws_db_cluster_snapshot` lists `all` in \
        `shared_accounts`.",
    rationale: "A public snapshot can be copied and restored by any AWS account, which then has \
        the whole database: every table, user and password hash.",
    remediation: "Remove `all` from `shared_accounts` and share the snapshot only with named \
        account IDs (encrypted snapshots with a CMK cannot be made public at all).",
    example: "resource \"aws_db_snapshot\" \"nightly\" {\n  shared_accounts = [\"all\"]   # reported\n}",
    cwe: &["CWE-200"],
    checkov: &[],
};

impl TerraformCheck for AwsDbSnapshotPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_snapshot", "aws_db_cluster_snapshot"],
            "shared_accounts",
            IfMissing::Pass,
            |v: &Value| {
                Verdict::any(v.items().into_iter().map(|item| match item.as_str() {
                    Some(a) if a.eq_ignore_ascii_case("all") => Verdict::Fail,
                    None if item.is_unknown() => Verdict::Unknown,
                    _ => Verdict::Pass,
                }))
            },
            |r, _| format!("{} is shared with every AWS account.", r.address),
        );
    }
}
