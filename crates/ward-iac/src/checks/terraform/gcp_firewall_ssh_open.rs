//! `terraform/gcp-firewall-ssh-open`: a VPC firewall rule allows SSH from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::gcp_firewall_open;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpFirewallSshOpen;

static META: Meta = Meta {
    id: "terraform/gcp-firewall-ssh-open",
    title: "GCP firewall allows SSH from the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An enabled ingress `google_compute_firewall` with `0.0.0.0/0` (or `::/0`) among \
        its `source_ranges` allows port 22: protocol `all`, or `tcp` with no ports or \
        ports that include 22.",
    rationale: "SSH open to the internet is scanned constantly and is a common way into Compute \
        Engine instances.",
    remediation: "Restrict `source_ranges` (for example to Identity-Aware Proxy's \
        `35.235.240.0/20`) and reach instances through IAP TCP forwarding.",
    example: "allow {\n  protocol = \"tcp\"\n  ports    = [\"22\"]\n}\nsource_ranges = [\"0.0.0.0/0\"]   # reported",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_2"],
};

impl TerraformCheck for GcpFirewallSshOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_firewall_open(&META, module, report, 22, "SSH (port 22)");
    }
}
