//! `terraform/aws-opensearch-policy-public`: an `OpenSearch` domain access policy allows any principal.

use ward_core::{Confidence, Severity};

use super::helpers::report_public_policy;
use crate::check::Meta;
use crate::terraform::model::Module;
use crate::terraform::{Report, TerraformCheck};

#[derive(Debug)]
pub struct AwsOpensearchPolicyPublic;

static META: Meta = Meta {
    id: "terraform/aws-opensearch-policy-public",
    title: "OpenSearch domain access policy allows any principal",
    severity: Severity::High,
    confidence: Confidence::High,
    description: "The `access_policies` of an `aws_opensearch_domain`, \
        `aws_elasticsearch_domain` or their `*_domain_policy` resources has an `Allow` \
        statement whose principal is `*` with no condition (such as a source IP range).",
    rationale: "On a public endpoint such a policy lets anyone on the internet query, change and \
        delete every index; inside a VPC, anyone who can reach the endpoint can.",
    remediation: "Name the IAM roles allowed (and use fine-grained access control), or at least \
        restrict the statement with an `aws:SourceIp` condition.",
    example: "access_policies = jsonencode({\n  Statement = [{\n    Effect    = \"Allow\"\n    Principal = { AWS = \"*\" }   # reported\n    Action    = \"es:*\"\n  }]\n})",
    cwe: &["CWE-732"],
    checkov: &[],
};

impl TerraformCheck for AwsOpensearchPolicyPublic {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, module: &Module, report: &mut Report<'_>) {
        report_public_policy(
            &META,
            module,
            report,
            &[
                "aws_opensearch_domain",
                "aws_opensearch_domain_policy",
                "aws_elasticsearch_domain",
                "aws_elasticsearch_domain_policy",
            ],
            "access_policies",
            "the domain access policy",
        );
    }
}
