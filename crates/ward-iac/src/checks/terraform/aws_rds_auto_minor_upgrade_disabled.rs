//! `terraform/aws-rds-auto-minor-upgrade-disabled`: an RDS instance does not take minor engine upgrades.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRdsAutoMinorUpgradeDisabled;

static META: Meta = Meta {
    id: "terraform/aws-rds-auto-minor-upgrade-disabled",
    title: "RDS instance has automatic minor version upgrades disabled",
    severity: Severity::Low,
    confidence: Confidence::High,
    description: "An `aws_db_instance` or `aws_rds_cluster_instance` sets \
        `auto_minor_version_upgrade = false` (the default is `true`).",
    rationale: "Minor engine versions carry the security fixes of the database engine; with \
        upgrades off, known vulnerabilities stay in production until someone remembers to \
        upgrade by hand.",
    remediation: "Remove `auto_minor_version_upgrade = false` (or set it to `true`) and use the \
        maintenance window to control when upgrades happen.",
    example: "resource \"aws_db_instance\" \"app\" {\n  auto_minor_version_upgrade = false   # reported\n}",
    cwe: &["CWE-1104"],
    checkov: &["CKV_AWS_226"],
};

impl TerraformCheck for AwsRdsAutoMinorUpgradeDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_instance", "aws_rds_cluster_instance"],
            "auto_minor_version_upgrade",
            IfMissing::Pass,
            bool_is(false),
            |r, _| {
                format!(
                    "{} does not receive minor engine upgrades automatically.",
                    r.address
                )
            },
        );
    }
}
