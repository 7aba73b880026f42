//! `terraform/aws-instance-imdsv2-not-required`: an instance accepts `IMDSv1` requests.

use ward_core::{Confidence, Severity};

use super::helpers::{IfMissing, judge_one};
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::{Value, Verdict};
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsInstanceImdsv2NotRequired;

static META: Meta = Meta {
    id: "terraform/aws-instance-imdsv2-not-required",
    title: "EC2 instance metadata service does not require IMDSv2",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_instance` or `aws_launch_template` does not set `metadata_options { \
        http_tokens = \"required\" }` (the default accepts IMDSv1) while the metadata \
        endpoint is enabled.",
    rationale: "IMDSv1 answers any GET request, so a server-side request forgery in the \
        application is enough to steal the instance role's credentials, as in the \
        Capital One breach.",
    remediation: "Set `metadata_options { http_tokens = \"required\" }` (and \
        `http_put_response_hop_limit = 1` unless containers need more).",
    example: "resource \"aws_instance\" \"web\" {\n  metadata_options {\n    http_tokens = \"optional\"   # reported\n  }\n}",
    cwe: &["CWE-918"],
    checkov: &["CKV_AWS_79"],
};

impl TerraformCheck for AwsInstanceImdsv2NotRequired {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for rtype in ["aws_instance", "aws_launch_template"] {
            for instance in module.of_type(rtype) {
                let disabled = instance
                    .body
                    .attr_at("metadata_options.http_endpoint")
                    .is_some_and(|a| a.value.as_str().as_deref() == Some("disabled"));
                if disabled {
                    continue;
                }
                judge_one(
                    &META,
                    report,
                    instance,
                    "metadata_options.http_tokens",
                    IfMissing::Fail,
                    &|v: &Value| match v.as_str() {
                        Some(s) if s == "required" => Verdict::Pass,
                        Some(_) => Verdict::Fail,
                        None => Verdict::Unknown,
                    },
                    &|r, v| match v {
                        Some(v) => format!(
                            "{} sets http_tokens to {}: IMDSv1 is accepted.",
                            r.address,
                            v.display()
                        ),
                        None => format!("{} does not require IMDSv2 tokens.", r.address),
                    },
                );
            }
        }
    }
}
