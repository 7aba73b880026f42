//! `terraform/aws-sns-topic-policy-public`: the topic policy allows any principal.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsSnsTopicPolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-sns-topic-policy-public",
    title: "SNS topic policy allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "An `aws_sns_topic_policy` (or a topic's `policy`) has an `Allow` statement \
        whose principal is `*` with no condition.",
    rationale: "Any AWS account can then publish to the topic (spoofed events reach every \
        subscriber) or subscribe to it and receive every message.",
    remediation: "Name the accounts or services allowed, or add a condition such as \
        `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.",
    example: "Statement = [{\n  Effect    = \"Allow\"\n  Principal = { AWS = \"*\" }   # reported\n  Action    = \"sns:Publish\"\n}]",
    cwe: &["CWE-732"],
    checkov: &["CKV_AWS_169"],
};

impl TerraformCheck for AwsSnsTopicPolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &["aws_sns_topic_policy", "aws_sns_topic"],
            "policy",
            "the topic policy",
        );
    }
}
