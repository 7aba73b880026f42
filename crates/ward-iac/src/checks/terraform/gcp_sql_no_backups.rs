//! `terraform/gcp-sql-no-backups`: cloud SQL instance has automated backups off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpSqlNoBackups;

static META: Meta = Meta {
    id: "terraform/gcp-sql-no-backups",
    title: "Cloud SQL instance has automated backups off",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_sql_database_instance` that is not a replica (no \
        `master_instance_name`) leaves `settings.backup_configuration.enabled` unset or \
        false; automated backups are off by default.",
    rationale: "Without backups, a bad migration, a deleted table or ransomware in the database \
        is permanent; point-in-time recovery also needs them.",
    remediation: "Add `backup_configuration { enabled = true }` (and \
        `point_in_time_recovery_enabled` or `binary_log_enabled`) to `settings`.",
    example: "settings {\n  backup_configuration {\n    enabled = false   # reported\n  }\n}",
    cwe: &["CWE-693"],
    checkov: &["CKV_GCP_14"],
};

impl TerraformCheck for GcpSqlNoBackups {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for instance in module.of_type("google_sql_database_instance") {
            if instance.attr("master_instance_name").is_some() {
                continue;
            }
            judge_one(
                &META,
                report,
                instance,
                "settings.backup_configuration.enabled",
                IfMissing::Fail,
                &bool_is(false),
                &|r, _| format!("{} has automated backups off.", r.address),
            );
        }
    }
}
