//! `terraform/aws-rds-iam-auth-disabled`: an RDS database does not accept IAM authentication.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRdsIamAuthDisabled;

static META: Meta = Meta {
    id: "terraform/aws-rds-iam-auth-disabled",
    title: "RDS database has IAM authentication disabled",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_db_instance` or `aws_rds_cluster` running MySQL, MariaDB, PostgreSQL \
        or Aurora leaves `iam_database_authentication_enabled` unset or `false` (the default).",
    rationale: "Without IAM authentication every application and person logs in with long-lived \
        database passwords that end up in configuration and are rarely rotated; IAM tokens are \
        short-lived and tied to a role that can be revoked centrally.",
    remediation: "Set `iam_database_authentication_enabled = true` and have applications connect \
        with tokens from `rds generate-db-auth-token` (or the SDK) instead of stored \
        passwords.",
    example: "resource \"aws_db_instance\" \"app\" {\n  engine = \"postgres\"\n  iam_database_authentication_enabled = false   # reported\n}",
    cwe: &["CWE-308"],
    checkov: &["CKV_AWS_161", "CKV_AWS_162"],
};

impl TerraformCheck for AwsRdsIamAuthDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_db_instance", "aws_rds_cluster"] {
            for db in module.of_type(rtype) {
                // The cluster's default engine is Aurora MySQL; an instance's engine is required.
                let engine = match db.attr("engine") {
                    Some(e) => e.value.as_str().map(|s| s.to_ascii_lowercase()),
                    None if rtype == "aws_rds_cluster" => Some("aurora".to_owned()),
                    None => None,
                };
                let supported = engine.is_some_and(|e| {
                    ["mysql", "mariadb", "postgres", "aurora"]
                        .iter()
                        .any(|s| e.contains(s))
                });
                if !supported {
                    continue;
                }
                judge_one(
                    &META,
                    report,
                    db,
                    "iam_database_authentication_enabled",
                    IfMissing::Fail,
                    &bool_is(false),
                    &|r, _| format!("{} does not accept IAM database authentication.", r.address),
                );
            }
        }
    }
}
