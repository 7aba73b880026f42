//! `terraform/azure-nsg-database-port-open`: network security group allows a database port from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::{azure_nsg_open_where, opens_database_port};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureNsgDatabasePortOpen;

static META: Meta = Meta {
    id: "terraform/azure-nsg-database-port-open",
    title: "Network security group allows a database port from the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An inbound `Allow` rule from `*`, `Internet`, `Any` or `0.0.0.0/0` whose \
        destination ports include a database or cache port (1433, 1521, 3306, 5432, \
        6379, 9200, 27017, 5984, 9042, 11211). Rules open on every port are reported by \
        `terraform/azure-nsg-all-ports-open`.",
    rationale: "Database servers exposed to the internet are found by scanners within hours and \
        attacked with password guessing and known exploits; many cache servers answer \
        with no authentication at all.",
    remediation: "Remove the rule; reach databases through private endpoints, a VPN or peered \
        networks only.",
    example: "security_rule {\n  direction              = \"Inbound\"\n  access                 = \"Allow\"\n  source_address_prefix  = \"Internet\"   # reported\n  destination_port_range = \"5432\"\n}",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl TerraformCheck for AzureNsgDatabasePortOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        azure_nsg_open_where(
            &META,
            module,
            report,
            opens_database_port,
            "a database port",
        );
    }
}
