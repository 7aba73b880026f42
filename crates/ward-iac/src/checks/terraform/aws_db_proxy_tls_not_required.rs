//! `terraform/aws-db-proxy-tls-not-required`: an RDS proxy accepts connections without TLS.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_attr};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsDbProxyTlsNotRequired;

static META: Meta = Meta {
    id: "terraform/aws-db-proxy-tls-not-required",
    title: "RDS proxy does not require TLS",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_db_proxy` leaves `require_tls` unset or `false` (the default).",
    rationale: "Applications may then connect to the proxy in clear text, sending database \
        credentials and query results unencrypted across the network.",
    remediation: "Set `require_tls = true` and connect with TLS from every client.",
    example: "resource \"aws_db_proxy\" \"app\" {\n  require_tls = false   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &[],
};

impl TerraformCheck for AwsDbProxyTlsNotRequired {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_db_proxy"],
            "require_tls",
            IfMissing::Fail,
            bool_is(false),
            |r, _| format!("{} accepts connections without TLS.", r.address),
        );
    }
}
