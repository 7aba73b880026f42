//! `terraform/aws-elb-listener-plaintext`: a classic load balancer listens without TLS.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsElbListenerPlaintext;

static META: Meta = Meta {
    id: "terraform/aws-elb-listener-plaintext",
    title: "Classic load balancer listener does not use TLS",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "A `listener` of an `aws_elb` has `lb_protocol` `http` or `tcp`.",
    rationale: "Traffic between clients and the load balancer crosses the internet in clear \
        text: session cookies, credentials and data can be read or changed on the way.",
    remediation: "Listen with `lb_protocol = \"https\"` (or `ssl`) and an ACM certificate; \
        redirect or drop plain HTTP.",
    example: "listener {\n  lb_port     = 80\n  lb_protocol = \"http\"   # reported\n}",
    cwe: &["CWE-319"],
    checkov: &[],
};

impl TerraformCheck for AwsElbListenerPlaintext {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for elb in module.of_type("aws_elb") {
            for (i, listener) in elb.body.blocks("listener").enumerate() {
                let Some(protocol) = listener.body.attr("lb_protocol") else {
                    continue;
                };
                let path = format!("listener[{i}].lb_protocol");
                match protocol.value.as_str() {
                    Some(p) if p.eq_ignore_ascii_case("http") || p.eq_ignore_ascii_case("tcp") => {
                        report.fail(
                            &META,
                            elb,
                            Some(protocol),
                            &path,
                            format!("{} listens with {p}, without TLS.", elb.address),
                        );
                    }
                    None if protocol.value.is_unknown() => {
                        report.unknown(&META, elb, Some(protocol), &path);
                    }
                    _ => {}
                }
            }
        }
    }
}
