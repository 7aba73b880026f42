//! `terraform/aws-cloudfront-http-allowed`: a `CloudFront` distribution serves plain HTTP.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudfrontHttpAllowed;

static META: Meta = Meta {
    id: "terraform/aws-cloudfront-http-allowed",
    title: "CloudFront distribution allows plain HTTP",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A cache behaviour of an `aws_cloudfront_distribution` sets \
        `viewer_protocol_policy = \"allow-all\"`.",
    rationale: "Viewers who reach the distribution over HTTP send cookies and receive content in \
        clear text that anyone on the path can read or change.",
    remediation: "Set `viewer_protocol_policy` to `redirect-to-https` or `https-only` in every \
        cache behaviour.",
    example: "default_cache_behavior {\n  viewer_protocol_policy = \"allow-all\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AWS_34"],
};

impl TerraformCheck for AwsCloudfrontHttpAllowed {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for distribution in module.of_type("aws_cloudfront_distribution") {
            let behaviors = distribution
                .body
                .blocks("default_cache_behavior")
                .map(|b| ("default_cache_behavior".to_owned(), b))
                .chain(
                    distribution
                        .body
                        .blocks("ordered_cache_behavior")
                        .enumerate()
                        .map(|(i, b)| (format!("ordered_cache_behavior[{i}]"), b)),
                );
            for (path, behavior) in behaviors {
                let Some(policy) = behavior.body.attr("viewer_protocol_policy") else {
                    continue;
                };
                match policy.value.as_str() {
                    Some(p) if p == "allow-all" => report.fail(
                        &META,
                        distribution,
                        Some(policy),
                        &format!("{path}.viewer_protocol_policy"),
                        format!("{} serves viewers over plain HTTP.", distribution.address),
                    ),
                    Some(_) => {}
                    None => {
                        report.unknown(&META, distribution, Some(policy), "viewer_protocol_policy");
                    }
                }
            }
        }
    }
}
