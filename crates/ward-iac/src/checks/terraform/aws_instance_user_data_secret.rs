//! `terraform/aws-instance-user-data-secret`: EC2 user data holds AWS credentials.

use ward_core::{Confidence, Severity};

use std::sync::LazyLock;

use regex::Regex;

use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsInstanceUserDataSecret;

static META: Meta = Meta {
    id: "terraform/aws-instance-user-data-secret",
    title: "EC2 user data contains AWS access keys",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "The `user_data` of an `aws_instance` or `aws_launch_configuration` contains an \
        AWS access key ID (`AKIA...`) or sets `aws_secret_access_key`.",
    rationale: "User data is readable by anyone with `ec2:DescribeInstanceAttribute` and from \
        inside the instance through the metadata service, and it is stored in state and plans: \
        keys in it leak widely and never rotate.",
    remediation: "Give the instance an IAM role (instance profile) and drop the keys; fetch \
        other secrets at boot from Secrets Manager or SSM Parameter Store.",
    example: "user_data = <<-EOT\n  export AWS_ACCESS_KEY_ID=AKIA...   # reported\nEOT",
    cwe: &["CWE-798"],
    checkov: &["CKV_AWS_46"],
};

impl TerraformCheck for AwsInstanceUserDataSecret {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        static KEY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|(?i:aws_secret_access_key)\s*[=:]\s*\S{20,}")
                .expect("valid regex")
        });
        for rtype in ["aws_instance", "aws_launch_configuration"] {
            for resource in module.of_type(rtype) {
                let Some(data) = resource.attr("user_data") else {
                    continue;
                };
                if data.value.as_str().is_some_and(|text| KEY.is_match(&text)) {
                    report.fail(
                        &META,
                        resource,
                        Some(data),
                        "user_data",
                        format!("{} has AWS credentials in its user data.", resource.address),
                    );
                }
            }
        }
    }
}
