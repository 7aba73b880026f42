//! `terraform/gcp-firewall-database-port-open`: firewall rule allows a database port from the internet.

use ward_core::{Confidence, Severity};

use super::helpers::{gcp_firewall_open_where, opens_database_port};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpFirewallDatabasePortOpen;

static META: Meta = Meta {
    id: "terraform/gcp-firewall-database-port-open",
    title: "Firewall rule allows a database port from the internet",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An enabled ingress `google_compute_firewall` whose `source_ranges` include \
        `0.0.0.0/0` allows TCP on a database or cache port (1433, 1521, 3306, 5432, \
        6379, 9200, 27017, 5984, 9042, 11211). Rules open on every port are reported by \
        `terraform/gcp-firewall-all-ports-open`.",
    rationale: "Databases reachable from the internet are found by scanners within hours and \
        attacked with password guessing and known exploits; several caches answer \
        without authentication.",
    remediation: "Remove the rule; reach databases over private IPs, from the VPC or through a \
        VPN.",
    example: "allow {\n  protocol = \"tcp\"\n  ports    = [\"5432\"]\n}\nsource_ranges = [\"0.0.0.0/0\"]   # reported",
    cwe: &["CWE-284"],
    checkov: &["CKV_GCP_88"],
};

impl TerraformCheck for GcpFirewallDatabasePortOpen {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        gcp_firewall_open_where(
            &META,
            module,
            report,
            opens_database_port,
            "a database port",
        );
    }
}
