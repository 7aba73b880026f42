//! `terraform/aws-cloudfront-outdated-tls`: a `CloudFront` distribution accepts TLS versions before 1.2.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_one, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudfrontOutdatedTls;

static META: Meta = Meta {
    id: "terraform/aws-cloudfront-outdated-tls",
    title: "CloudFront distribution allows TLS before 1.2",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_cloudfront_distribution` with its own certificate leaves \
        `viewer_certificate.minimum_protocol_version` unset (`TLSv1`) or sets a policy below \
        `TLSv1.2_2018` (`SSLv3`, `TLSv1`, `TLSv1_2016`, `TLSv1.1_2016`).",
    rationale: "Viewers can then negotiate SSLv3, TLS 1.0 or 1.1, deprecated protocols with \
        known attacks; a network attacker can force the weakest one.",
    remediation: "Set `minimum_protocol_version = \"TLSv1.2_2021\"` (distributions on the \
        default `*.cloudfront.net` certificate cannot choose and are not reported).",
    example: "viewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.site.arn\n  minimum_protocol_version = \"TLSv1\"   # reported\n}",
    cwe: &["CWE-327"],
    checkov: &["CKV_AWS_174"],
};

impl TerraformCheck for AwsCloudfrontOutdatedTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for distribution in module.of_type("aws_cloudfront_distribution") {
            // The default certificate always allows TLSv1; it cannot be changed.
            let default_cert = distribution
                .body
                .attr_at("viewer_certificate.cloudfront_default_certificate")
                .is_some_and(|d| d.value.as_bool() == Some(true));
            if default_cert {
                continue;
            }
            judge_one(
                &META,
                report,
                distribution,
                "viewer_certificate.minimum_protocol_version",
                IfMissing::Fail,
                &string_in(&["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"]),
                &|r, _| format!("{} accepts TLS versions older than 1.2.", r.address),
            );
        }
    }
}
