//! `terraform/gcp-sql-open-authorized-network`: cloud SQL instance authorizes the whole internet.

use ward_core::{Confidence, Severity};

use super::helpers::any_internet;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Verdict;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpSqlOpenAuthorizedNetwork;

static META: Meta = Meta {
    id: "terraform/gcp-sql-open-authorized-network",
    title: "Cloud SQL instance authorizes the whole internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `authorized_networks` entry of a `google_sql_database_instance` \
        (`settings.ip_configuration`) has the value `0.0.0.0/0`.",
    rationale: "The database's public address then accepts connections from any address, so only \
        its passwords protect the data against the whole internet.",
    remediation: "Authorize only the networks that need access, or use private IP and the Cloud \
        SQL Auth Proxy.",
    example: "authorized_networks {\n  name  = \"all\"\n  value = \"0.0.0.0/0\"   # reported\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_11"],
};

impl TerraformCheck for GcpSqlOpenAuthorizedNetwork {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for instance in module.of_type("google_sql_database_instance") {
            let networks = instance
                .body
                .blocks_at("settings.ip_configuration.authorized_networks");
            for (i, network) in networks.into_iter().enumerate() {
                let Some(value) = network.body.attr("value") else {
                    continue;
                };
                let path = format!("settings.ip_configuration.authorized_networks[{i}].value");
                match any_internet(&[&value.value]) {
                    Verdict::Fail => report.fail(
                        &META,
                        instance,
                        Some(value),
                        &path,
                        format!("{} accepts connections from any address.", instance.address),
                    ),
                    Verdict::Unknown => report.unknown(&META, instance, Some(value), &path),
                    Verdict::Pass => {}
                }
            }
        }
    }
}
