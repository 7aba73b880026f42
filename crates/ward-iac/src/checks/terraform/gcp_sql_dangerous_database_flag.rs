//! `terraform/gcp-sql-dangerous-database-flag`: cloud SQL instance turns on a dangerous database flag.

use ward_core::{Confidence, Severity};

use super::helpers::metadata_truth;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpSqlDangerousDatabaseFlag;

static META: Meta = Meta {
    id: "terraform/gcp-sql-dangerous-database-flag",
    title: "Cloud SQL instance turns on a dangerous database flag",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_sql_database_instance` sets a `settings.database_flags` entry that \
        weakens the engine: `local_infile` on (MySQL), or `cross db ownership chaining` \
        or `contained database authentication` on (SQL Server).",
    rationale: "`local_infile` lets a SQL injection read files from the client host; \
        cross-database ownership chaining lets a database owner reach objects in other \
        databases; contained database users authenticate without a server login, outside \
        the server's controls.",
    remediation: "Remove the flag or set it to `off`.",
    example: "database_flags {\n  name  = \"local_infile\"\n  value = \"on\"   # reported\n}",
    cwe: &["CWE-16"],
    checkov: &["CKV_GCP_50", "CKV_GCP_58", "CKV_GCP_59"],
};

impl TerraformCheck for GcpSqlDangerousDatabaseFlag {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        const DANGEROUS: &[&str] = &[
            "local_infile",
            "cross db ownership chaining",
            "contained database authentication",
        ];
        for instance in module.of_type("google_sql_database_instance") {
            for (i, flag) in instance
                .body
                .blocks_at("settings.database_flags")
                .into_iter()
                .enumerate()
            {
                let name = flag.body.attr("name").and_then(|n| n.value.as_str());
                let Some(name) =
                    name.filter(|n| DANGEROUS.iter().any(|d| d.eq_ignore_ascii_case(n)))
                else {
                    continue;
                };
                let Some(value) = flag.body.attr("value") else {
                    continue;
                };
                if metadata_truth(&value.value) == Some(true) {
                    report.fail(
                        &META,
                        instance,
                        Some(value),
                        &format!("settings.database_flags[{i}].value"),
                        format!("{} turns on the database flag `{name}`.", instance.address),
                    );
                }
            }
        }
    }
}
