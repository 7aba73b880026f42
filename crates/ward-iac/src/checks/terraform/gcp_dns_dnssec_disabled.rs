//! `terraform/gcp-dns-dnssec-disabled`: public Cloud DNS zone has DNSSEC off.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_one, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpDnsDnssecDisabled;

static META: Meta = Meta {
    id: "terraform/gcp-dns-dnssec-disabled",
    title: "Public Cloud DNS zone has DNSSEC off",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A public `google_dns_managed_zone` (`visibility` unset or `public`) has no \
        `dnssec_config` or sets its `state` to `off`.",
    rationale: "Without DNSSEC, resolvers cannot tell the zone's real answers from forged ones: \
        cache poisoning can send users and services to an attacker's addresses.",
    remediation: "Add `dnssec_config { state = \"on\" }` and publish the DS record at the \
        registrar.",
    example: "resource \"google_dns_managed_zone\" \"public\" {\n  dns_name = \"example.com.\"   # reported: no dnssec_config\n}",
    cwe: &["CWE-350"],
    checkov: &["CKV_GCP_16"],
};

impl TerraformCheck for GcpDnsDnssecDisabled {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for zone in module.of_type("google_dns_managed_zone") {
            if zone
                .attr("visibility")
                .and_then(|v| v.value.as_str())
                .is_some_and(|v| v.eq_ignore_ascii_case("private"))
            {
                continue;
            }
            judge_one(
                &META,
                report,
                zone,
                "dnssec_config.state",
                IfMissing::Fail,
                &string_in(&["off"]),
                &|r, _| format!("{} is served without DNSSEC.", r.address),
            );
        }
    }
}
