//! `terraform/gcp-ssl-policy-outdated-tls`: load balancer SSL policy accepts TLS older than 1.2.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct GcpSslPolicyOutdatedTls;

static META: Meta = Meta {
    id: "terraform/gcp-ssl-policy-outdated-tls",
    title: "Load balancer SSL policy accepts TLS older than 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `google_compute_ssl_policy` leaves `min_tls_version` unset (the default is \
        `TLS_1_0`) or sets it to `TLS_1_0` or `TLS_1_1`.",
    rationale: "The load balancer then negotiates TLS 1.0 and 1.1, which have known weaknesses, \
        with any client that asks (or that an attacker downgrades).",
    remediation: "Set `min_tls_version = \"TLS_1_2\"` with the `MODERN` or `RESTRICTED` profile.",
    example: "resource \"google_compute_ssl_policy\" \"web\" {\n  profile = \"MODERN\"   # reported: min_tls_version defaults to TLS_1_0\n}",
    cwe: &["CWE-327"],
    checkov: &["CKV_GCP_4"],
};

impl TerraformCheck for GcpSslPolicyOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["google_compute_ssl_policy"],
            "min_tls_version",
            IfMissing::Fail,
            string_in(&["TLS_1_0", "TLS_1_1"]),
            |r, _| format!("{} accepts TLS versions older than 1.2.", r.address),
        );
    }
}
