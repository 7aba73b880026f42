//! `terraform/gcp-firewall-all-ports-open`: firewall rule allows every port from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::{Ports, gcp_firewall_open_where};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpFirewallAllPortsOpen;

static META: Meta = Meta {
    id: "terraform/gcp-firewall-all-ports-open",
    title: "Firewall rule allows every port from the internet",
    severity: Severity::Critical,
    confidence: Confidence::High,
    description: "An enabled ingress `google_compute_firewall` whose `source_ranges` include \
        `0.0.0.0/0` (or `::/0`) allows protocol `all`, or TCP without a `ports` list (or \
        with `0-65535`).",
    rationale: "Every service on the targeted instances, management ports and databases \
        included, is reachable from anywhere; the firewall protects nothing.",
    remediation: "Allow only the ports each service needs, from the ranges that need them; use \
        Identity-Aware Proxy for administration.",
    example: "allow {\n  protocol = \"all\"\n}\nsource_ranges = [\"0.0.0.0/0\"]   # reported",
    cwe: &["CWE-284"],
    checkov: &["CKV2_GCP_12"],
};

impl TerraformCheck for GcpFirewallAllPortsOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_firewall_open_where(
            &META,
            module,
            report,
            |range: Ports| range.includes(None),
            "every port",
        );
    }
}
