//! `terraform/azure-database-secure-transport-off`: flexible database server accepts unencrypted connections.

use ward_core::{Confidence, Severity};

use super::helpers::metadata_truth;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureDatabaseSecureTransportOff;

static META: Meta = Meta {
    id: "terraform/azure-database-secure-transport-off",
    title: "Flexible database server accepts unencrypted connections",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `azurerm_mysql_flexible_server_configuration` or \
        `azurerm_postgresql_flexible_server_configuration` sets \
        `require_secure_transport` to `OFF`.",
    rationale: "Clients may then connect without TLS, sending the database password and query \
        results in clear text across the network.",
    remediation: "Leave `require_secure_transport` at its default `ON`, and set the minimum TLS \
        version (`tls_version` / `ssl_min_protocol_version`) to TLS 1.2.",
    example: "resource \"azurerm_mysql_flexible_server_configuration\" \"tls\" {\n  name  = \"require_secure_transport\"\n  value = \"OFF\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &[],
};

impl TerraformCheck for AzureDatabaseSecureTransportOff {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in [
            "azurerm_mysql_flexible_server_configuration",
            "azurerm_postgresql_flexible_server_configuration",
        ] {
            for setting in module.of_type(rtype) {
                let name = setting.attr("name").and_then(|n| n.value.as_str());
                if !name.is_some_and(|n| n.eq_ignore_ascii_case("require_secure_transport")) {
                    continue;
                }
                let value = setting.attr("value");
                if value.and_then(|v| metadata_truth(&v.value)) == Some(false) {
                    report.fail(
                        &META,
                        setting,
                        value,
                        "value",
                        format!("{} lets clients connect without TLS.", setting.address),
                    );
                }
            }
        }
    }
}
