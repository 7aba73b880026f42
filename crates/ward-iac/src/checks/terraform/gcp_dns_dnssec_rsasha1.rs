//! `terraform/gcp-dns-dnssec-rsasha1`: cloud DNS zone signs with RSASHA1.

use ward_core::{Confidence, Severity};

use super::helpers::string_in;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Verdict;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpDnsDnssecRsasha1;

static META: Meta = Meta {
    id: "terraform/gcp-dns-dnssec-rsasha1",
    title: "Cloud DNS zone signs with RSASHA1",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_dns_managed_zone` lists `algorithm = \"rsasha1\"` in a \
        `dnssec_config.default_key_specs` block.",
    rationale: "RSASHA1 signatures rest on SHA-1, for which practical collision attacks exist; \
        resolvers are deprecating it, so the zone's DNSSEC protects less than it seems.",
    remediation: "Use `rsasha256`, `rsasha512`, `ecdsap256sha256` or `ecdsap384sha384`.",
    example: "default_key_specs {\n  algorithm = \"rsasha1\"   # reported\n  key_type  = \"keySigning\"\n}",
    cwe: &["CWE-327"],
    checkov: &["CKV_GCP_17"],
};

impl TerraformCheck for GcpDnsDnssecRsasha1 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for zone in module.of_type("google_dns_managed_zone") {
            for (i, spec) in zone
                .body
                .blocks_at("dnssec_config.default_key_specs")
                .into_iter()
                .enumerate()
            {
                let Some(algorithm) = spec.body.attr("algorithm") else {
                    continue;
                };
                if string_in(&["rsasha1"])(&algorithm.value) == Verdict::Fail {
                    report.fail(
                        &META,
                        zone,
                        Some(algorithm),
                        &format!("dnssec_config.default_key_specs[{i}].algorithm"),
                        format!("{} signs with RSASHA1.", zone.address),
                    );
                }
            }
        }
    }
}
