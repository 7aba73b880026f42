//! `terraform/gcp-firewall-rdp-open`: a VPC firewall rule allows RDP from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::gcp_firewall_open;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpFirewallRdpOpen;

static META: Meta = Meta {
    id: "terraform/gcp-firewall-rdp-open",
    title: "GCP firewall allows RDP from the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An enabled ingress `google_compute_firewall` with `0.0.0.0/0` (or `::/0`) among \
        its `source_ranges` allows port 3389: protocol `all`, or `tcp` with no ports or \
        ports that include 3389.",
    rationale: "RDP open to the internet is scanned constantly and is a common way into Compute \
        Engine instances.",
    remediation: "Restrict `source_ranges` (for example to Identity-Aware Proxy's \
        `35.235.240.0/20`) and reach instances through IAP TCP forwarding.",
    example: "allow {\n  protocol = \"tcp\"\n  ports    = [\"3389\"]\n}\nsource_ranges = [\"0.0.0.0/0\"]   # reported",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_3"],
};

impl TerraformCheck for GcpFirewallRdpOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_firewall_open(&META, module, report, 3389, "RDP (port 3389)");
    }
}
