//! `terraform/gcp-sql-ssl-not-required`: cloud SQL instance accepts unencrypted connections.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpSqlSslNotRequired;

static META: Meta = Meta {
    id: "terraform/gcp-sql-ssl-not-required",
    title: "Cloud SQL instance accepts unencrypted connections",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_sql_database_instance` sets `settings.ip_configuration.ssl_mode = \
        \"ALLOW_UNENCRYPTED_AND_ENCRYPTED\"`, or leaves `ssl_mode` unset without \
        `require_ssl = true` (by default Cloud SQL accepts unencrypted connections).",
    rationale: "Clients may then connect without TLS, sending passwords and query results in \
        clear text over the network.",
    remediation: "Set `ssl_mode = \"ENCRYPTED_ONLY\"` (or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`) \
        in `settings.ip_configuration`.",
    example: "ip_configuration {\n  ssl_mode = \"ALLOW_UNENCRYPTED_AND_ENCRYPTED\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_GCP_6"],
};

impl TerraformCheck for GcpSqlSslNotRequired {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        let message = |r: &crate::terraform::model::Resource,
                       _: Option<&crate::terraform::value::Value>| {
            format!("{} accepts unencrypted database connections.", r.address)
        };
        for instance in module.of_type("google_sql_database_instance") {
            if instance
                .body
                .attr_at("settings.ip_configuration.ssl_mode")
                .is_some()
            {
                judge_one(
                    &META,
                    report,
                    instance,
                    "settings.ip_configuration.ssl_mode",
                    IfMissing::Pass,
                    &string_in(&["ALLOW_UNENCRYPTED_AND_ENCRYPTED"]),
                    &message,
                );
            } else {
                judge_one(
                    &META,
                    report,
                    instance,
                    "settings.ip_configuration.require_ssl",
                    IfMissing::Fail,
                    &bool_is(false),
                    &message,
                );
            }
        }
    }
}
