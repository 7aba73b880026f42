//! `terraform/azure-nsg-all-ports-open`: network security group allows every port from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::{Ports, azure_nsg_open_where};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureNsgAllPortsOpen;

static META: Meta = Meta {
    id: "terraform/azure-nsg-all-ports-open",
    title: "Network security group allows every port from the internet",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "An inbound `Allow` rule (an `azurerm_network_security_rule`, or a \
        `security_rule` block of `azurerm_network_security_group`) whose source is `*`, \
        `Internet`, `Any` or `0.0.0.0/0` and whose destination port range is `*` or \
        `0-65535`.",
    rationale: "Every service listening on the protected machines, management ports and \
        databases included, is reachable by anyone; the network layer no longer protects \
        anything.",
    remediation: "Allow only the ports the service needs, from the sources that need them; put \
        administration behind Azure Bastion or a VPN.",
    example: "security_rule {\n  direction              = \"Inbound\"\n  access                 = \"Allow\"\n  source_address_prefix  = \"*\"   # reported\n  destination_port_range = \"*\"\n}",
    cwe: &["CWE-284"],
    checkov: &[],
};

impl TerraformCheck for AzureNsgAllPortsOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        azure_nsg_open_where(
            &META,
            module,
            report,
            |range: Ports| range.includes(None),
            "every port",
        );
    }
}
