//! `terraform/aws-opensearch-outdated-tls`: an `OpenSearch` domain accepts TLS 1.0.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_attr, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsOpensearchOutdatedTls;

static META: Meta = Meta {
    id: "terraform/aws-opensearch-outdated-tls",
    title: "OpenSearch domain allows TLS before 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_opensearch_domain` or `aws_elasticsearch_domain` sets \
        `domain_endpoint_options.tls_security_policy = \"Policy-Min-TLS-1-0-2019-07\"`.",
    rationale: "The endpoint then accepts TLS 1.0 and 1.1, deprecated protocols a network \
        attacker can downgrade clients to.",
    remediation: "Set `tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"` (or \
        `Policy-Min-TLS-1-2-2019-07`).",
    example: "domain_endpoint_options {\n  tls_security_policy = \"Policy-Min-TLS-1-0-2019-07\"   # reported\n}",
    cwe: &["CWE-327"],
    checkov: &[],
};

impl TerraformCheck for AwsOpensearchOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        judge_attr(
            &META,
            module,
            report,
            &["aws_opensearch_domain", "aws_elasticsearch_domain"],
            "domain_endpoint_options.tls_security_policy",
            IfMissing::Pass,
            string_in(&["Policy-Min-TLS-1-0-2019-07"]),
            |r, _| format!("{} accepts TLS 1.0 and 1.1.", r.address),
        );
    }
}
