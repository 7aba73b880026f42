//! `terraform/aws-cloudfront-origin-http`: `CloudFront` reaches an origin over plain HTTP.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsCloudfrontOriginHttp;

static META: Meta = Meta {
    id: "terraform/aws-cloudfront-origin-http",
    title: "CloudFront connects to the origin over HTTP",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `origin` of an `aws_cloudfront_distribution` has \
        `custom_origin_config.origin_protocol_policy = \"http-only\"`.",
    rationale: "Requests, cookies and responses travel from the edge to the origin in clear text \
        over the internet, even when viewers connect with HTTPS.",
    remediation: "Set `origin_protocol_policy = \"https-only\"` and serve a valid certificate on \
        the origin.",
    example: "custom_origin_config {\n  origin_protocol_policy = \"http-only\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &[],
};

impl TerraformCheck for AwsCloudfrontOriginHttp {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for distribution in module.of_type("aws_cloudfront_distribution") {
            for (i, origin) in distribution.body.blocks("origin").enumerate() {
                let Some(policy) = origin
                    .body
                    .attr_at("custom_origin_config.origin_protocol_policy")
                else {
                    continue;
                };
                let path = format!("origin[{i}].custom_origin_config.origin_protocol_policy");
                match policy.value.as_str() {
                    Some(p) if p.eq_ignore_ascii_case("http-only") => report.fail(
                        &META,
                        distribution,
                        Some(policy),
                        &path,
                        format!(
                            "{} reaches its origin over plain HTTP.",
                            distribution.address
                        ),
                    ),
                    None if policy.value.is_unknown() => {
                        report.unknown(&META, distribution, Some(policy), &path);
                    }
                    _ => {}
                }
            }
        }
    }
}
