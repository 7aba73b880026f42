//! `terraform/aws-opensearch-https-not-enforced`: an `OpenSearch` domain accepts plain HTTP.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, bool_is, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsOpensearchHttpsNotEnforced;

static META: Meta = Meta {
    id: "terraform/aws-opensearch-https-not-enforced",
    title: "OpenSearch domain does not enforce HTTPS",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_opensearch_domain` or `aws_elasticsearch_domain` has no \
        `domain_endpoint_options` block (the service then accepts HTTP) or sets \
        `enforce_https = false`.",
    rationale: "Requests over HTTP carry credentials and data in clear text.",
    remediation: "Add `domain_endpoint_options { enforce_https = true, tls_security_policy = \
        \"Policy-Min-TLS-1-2-2019-07\" }`.",
    example: "domain_endpoint_options {\n  enforce_https = false   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AWS_83"],
};

impl TerraformCheck for AwsOpensearchHttpsNotEnforced {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_opensearch_domain", "aws_elasticsearch_domain"] {
            for domain in module.of_type(rtype) {
                if domain.body.block("domain_endpoint_options").is_none() {
                    report.fail(
                        &META,
                        domain,
                        None,
                        "domain_endpoint_options.enforce_https",
                        format!("{} does not enforce HTTPS.", domain.address),
                    );
                    continue;
                }
                judge_one(
                    &META,
                    report,
                    domain,
                    "domain_endpoint_options.enforce_https",
                    IfMissing::Pass,
                    &bool_is(false),
                    &|r, _| format!("{} does not enforce HTTPS.", r.address),
                );
            }
        }
    }
}
