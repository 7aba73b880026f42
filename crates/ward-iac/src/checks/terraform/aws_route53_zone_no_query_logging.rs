//! `terraform/aws-route53-zone-no-query-logging`: a public Route 53 zone has no query logging.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Value;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsRoute53ZoneNoQueryLogging;

static META: Meta = Meta {
    id: "terraform/aws-route53-zone-no-query-logging",
    title: "Route 53 public hosted zone has no query logging",
    severity: Severity::Low,
    confidence: Confidence::Medium,
    description: "A public `aws_route53_zone` (one without `vpc` blocks) has no \
        `aws_route53_query_log` in the same module pointing at it through `zone_id`.",
    rationale: "DNS query logs show which names are resolved and from where, useful to spot \
        subdomain enumeration, takeover attempts and traffic to forgotten records.",
    remediation: "Add an `aws_route53_query_log` with `zone_id = \
        aws_route53_zone.<name>.zone_id` and a CloudWatch log group in `us-east-1`.",
    example: "resource \"aws_route53_zone\" \"public\" {   # reported: no aws_route53_query_log\n  name = \"example.org\"\n}",
    cwe: &["CWE-778"],
    checkov: &[],
};

impl TerraformCheck for AwsRoute53ZoneNoQueryLogging {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for zone in module.of_type("aws_route53_zone") {
            if zone.body.block("vpc").is_some() {
                continue;
            }
            let logged = module
                .linked("aws_route53_query_log", "zone_id", zone, None)
                .next()
                .is_some();
            let opaque = module.of_type("aws_route53_query_log").any(|q| {
                q.attr("zone_id").is_some_and(
                    |z| matches!(&z.value, Value::Unknown(u) if u.resource().is_none()),
                )
            });
            if !logged && !opaque {
                report.fail(
                    &META,
                    zone,
                    None,
                    "",
                    format!("{} has no DNS query logging.", zone.address),
                );
            }
        }
    }
}
