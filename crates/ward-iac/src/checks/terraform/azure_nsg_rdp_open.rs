//! `terraform/azure-nsg-rdp-open`: a network security group allows RDP from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::azure_nsg_open;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AzureNsgRdpOpen;

static META: Meta = Meta {
    id: "terraform/azure-nsg-rdp-open",
    title: "Network security group allows RDP from the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An inbound `Allow` rule (an `azurerm_network_security_rule`, or a \
        `security_rule` block of `azurerm_network_security_group`) whose source is `*`, \
        `Internet`, `Any` or `0.0.0.0/0` and whose destination ports include 3389.",
    rationale: "RDP open to the internet is found by scanners within minutes and is a common way \
        into Azure virtual machines.",
    remediation: "Restrict the source to known ranges, or use Azure Bastion or just-in-time VM \
        access instead of opening RDP.",
    example: "security_rule {\n  direction                  = \"Inbound\"\n  access                     = \"Allow\"\n  source_address_prefix      = \"*\"   # reported\n  destination_port_range     = \"3389\"\n}",
    cwe: &["CWE-284"],
    checkov: &["CKV_AZURE_9"],
};

impl TerraformCheck for AzureNsgRdpOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        azure_nsg_open(&META, module, report, 3389, "RDP (port 3389)");
    }
}
