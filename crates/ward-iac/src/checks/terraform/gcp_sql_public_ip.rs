//! `terraform/gcp-sql-public-ip`: a Cloud SQL instance has a public IP address.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpSqlPublicIp;

static META: Meta = Meta {
    id: "terraform/gcp-sql-public-ip",
    title: "Cloud SQL instance has a public IP address",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "A `google_sql_database_instance` leaves `settings.ip_configuration.ipv4_enabled` \
        unset or true (the default gives the instance a public address).",
    rationale: "A public address makes the database reachable from every network its authorized \
        networks allow, and one misconfigured authorized network (`0.0.0.0/0`) from the \
        whole internet.",
    remediation: "Set `ipv4_enabled = false` and connect through a private IP (`private_network`) \
        or the Cloud SQL Auth Proxy.",
    example: "ip_configuration {\n  ipv4_enabled = true   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_60"],
};

impl TerraformCheck for GcpSqlPublicIp {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["google_sql_database_instance"],
            "settings.ip_configuration.ipv4_enabled",
            IfMissing::Fail,
            bool_is(true),
            |r, _| format!("{} has a public IP address.", r.address),
        );
    }
}
