//! `terraform/aws-lb-listener-outdated-tls-policy`: a load balancer listener allows TLS 1.0 or 1.1.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_one, string_in};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsLbListenerOutdatedTlsPolicy;

static META: Meta = Meta {
    id: "terraform/aws-lb-listener-outdated-tls-policy",
    title: "Load balancer listener allows outdated TLS versions",
    severity: Severity::Medium,
    confidence: Confidence::High,
    description: "An HTTPS or TLS `aws_lb_listener`/`aws_alb_listener` uses a security policy that \
        accepts TLS 1.0 or 1.1, or no `ssl_policy` (the default, \
        `ELBSecurityPolicy-2016-08`, accepts TLS 1.0).",
    rationale: "TLS 1.0 and 1.1 have known weaknesses and are deprecated (RFC 8996); accepting \
        them lets a network attacker push clients down to them.",
    remediation: "Use `ELBSecurityPolicy-TLS13-1-2-2021-06` or another policy that accepts TLS 1.2 \
        and later only.",
    example: "resource \"aws_lb_listener\" \"api\" {\n  protocol   = \"HTTPS\"\n  ssl_policy = \"ELBSecurityPolicy-2016-08\"   # reported\n}",
    cwe: &["CWE-326"],
    checkov: &["CKV_AWS_103"],
};

impl TerraformCheck for AwsLbListenerOutdatedTlsPolicy {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_lb_listener", "aws_alb_listener"] {
            for listener in module.of_type(rtype) {
                let tls = listener.attr("protocol").is_some_and(|p| {
                    p.value.as_str().is_some_and(|p| {
                        p.eq_ignore_ascii_case("HTTPS") || p.eq_ignore_ascii_case("TLS")
                    })
                });
                if !tls {
                    continue;
                }
                judge_one(
                    &META,
                    report,
                    listener,
                    "ssl_policy",
                    IfMissing::Fail,
                    &string_in(&[
                        "ELBSecurityPolicy-2015-05",
                        "ELBSecurityPolicy-2016-08",
                        "ELBSecurityPolicy-TLS-1-0-2015-04",
                        "ELBSecurityPolicy-TLS-1-1-2017-01",
                        "ELBSecurityPolicy-FS-2018-06",
                        "ELBSecurityPolicy-FS-1-1-2019-08",
                        "ELBSecurityPolicy-TLS13-1-0-2021-06",
                        "ELBSecurityPolicy-TLS13-1-1-2021-06",
                        "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
                    ]),
                    &|r, v| match v {
                        Some(v) => format!(
                            "{} uses {}, which accepts TLS before 1.2.",
                            r.address,
                            v.display()
                        ),
                        None => format!(
                            "{} uses the default policy, which accepts TLS 1.0.",
                            r.address
                        ),
                    },
                );
            }
        }
    }
}
