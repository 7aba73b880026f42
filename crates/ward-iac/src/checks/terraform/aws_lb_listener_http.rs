//! `terraform/aws-lb-listener-http`: a load balancer listener serves plain HTTP.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLbListenerHttp;

static META: Meta = Meta {
    id: "terraform/aws-lb-listener-http",
    title: "Load balancer listener uses HTTP without redirecting to HTTPS",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An `aws_lb_listener` or `aws_alb_listener` with `protocol = \"HTTP\"` whose \
        default action is not a redirect to HTTPS.",
    rationale: "Plain HTTP exposes session cookies, credentials and data to anyone on the \
        network path, and lets them alter responses.",
    remediation: "Serve HTTPS (`protocol = \"HTTPS\"` with a certificate) and make the HTTP \
        listener a `redirect` to HTTPS with status `HTTP_301`.",
    example: "default_action {\n  type = \"redirect\"\n  redirect {\n    port        = \"443\"\n    protocol    = \"HTTPS\"\n    status_code = \"HTTP_301\"\n  }\n}",
    cwe: &["CWE-319"],
    checkov: &["CKV_AWS_2"],
};

impl TerraformCheck for AwsLbListenerHttp {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_lb_listener", "aws_alb_listener"] {
            for listener in module.of_type(rtype) {
                let Some(protocol) = listener.attr("protocol") else {
                    continue;
                };
                match protocol.value.as_str() {
                    Some(p) if p.eq_ignore_ascii_case("HTTP") => {}
                    Some(_) => continue,
                    None => {
                        report.unknown(&META, listener, Some(protocol), "protocol");
                        continue;
                    }
                }
                let redirects = listener.body.blocks("default_action").any(|action| {
                    action
                        .body
                        .attr("type")
                        .and_then(|t| t.value.as_str().map(std::borrow::Cow::into_owned))
                        == Some("redirect".to_owned())
                        && action
                            .body
                            .attr_at("redirect.protocol")
                            .is_some_and(|p| p.value.as_str().as_deref() == Some("HTTPS"))
                });
                if !redirects {
                    report.fail(
                        &META,
                        listener,
                        Some(protocol),
                        "protocol",
                        format!(
                            "{} serves plain HTTP without redirecting to HTTPS.",
                            listener.address
                        ),
                    );
                }
            }
        }
    }
}
