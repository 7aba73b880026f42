//! `terraform/aws-s3-bucket-policy-no-tls`: an S3 bucket policy does not refuse plain-HTTP requests.

use ward_core::{Confidence, Severity};

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::value::Value;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsS3BucketPolicyNoTls;

static META: Meta = Meta {
    id: "terraform/aws-s3-bucket-policy-no-tls",
    title: "S3 bucket policy does not enforce TLS",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    description: "An `aws_s3_bucket_policy` has no `Deny` statement conditioned on \
        `aws:SecureTransport` being `false`.",
    rationale: "S3 still answers plain HTTP; without a policy that denies it, clients and SDKs \
        misconfigured to use `http://` send objects and signed requests readable on the \
        network.",
    remediation: "Add a statement that denies `s3:*` on the bucket and its objects to every \
        principal when `aws:SecureTransport` is `false`.",
    example: "resource \"aws_s3_bucket_policy\" \"data\" {   # reported: no Deny on aws:SecureTransport\n  bucket = aws_s3_bucket.data.id\n  policy = data.aws_iam_policy_document.read.json\n}",
    cwe: &["CWE-319"],
    checkov: &[],
};

impl TerraformCheck for AwsS3BucketPolicyNoTls {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        for policy in module.of_type("aws_s3_bucket_policy") {
            let Some(attr) = policy.attr("policy") else {
                continue;
            };
            let enforced = match &attr.value {
                Value::String(text) => Some(denies_plain_http(text)),
                Value::Unknown(u) => u
                    .resource()
                    .and_then(|name| module.by_local_name(&name))
                    .filter(|d| d.rtype == "aws_iam_policy_document")
                    .map(|d| {
                        d.body.blocks("statement").any(|s| {
                            s.body
                                .attr("effect")
                                .and_then(|e| e.value.as_str().map(|e| e == "Deny"))
                                == Some(true)
                                && s.body.blocks("condition").any(|c| {
                                    c.body.attr("variable").is_some_and(|v| {
                                        v.value.as_str().is_some_and(|v| {
                                            v.eq_ignore_ascii_case("aws:SecureTransport")
                                        })
                                    })
                                })
                        })
                    }),
                _ => Some(false),
            };
            match enforced {
                Some(false) => report.fail(
                    &META,
                    policy,
                    Some(attr),
                    "policy",
                    format!(
                        "{} does not deny requests made without TLS.",
                        policy.address
                    ),
                ),
                Some(true) => {}
                None => report.unknown(&META, policy, Some(attr), "policy"),
            }
        }
    }
}

/// Whether a JSON policy has a `Deny` statement with an `aws:SecureTransport` condition.
fn denies_plain_http(text: &str) -> bool {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return true;
    };
    let statements = match json.get("Statement") {
        Some(serde_json::Value::Array(items)) => items.clone(),
        Some(single) => vec![single.clone()],
        None => Vec::new(),
    };
    statements.iter().any(|s| {
        s.get("Effect").and_then(serde_json::Value::as_str) == Some("Deny")
            && s.get("Condition").is_some_and(|c| {
                c.to_string()
                    .to_ascii_lowercase()
                    .contains("aws:securetransport")
            })
    })
}
